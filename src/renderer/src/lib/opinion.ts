/**
 * The person's opinion of one track (liked, rejected) as the store has it, for the pressed state of
 * Like and Not this: read through the contract, read again whenever the engine says Up Next
 * changed (every recorded feedback), so a like made anywhere — or before a reload — shows.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TrackOpinion } from '../../../shared/contract';
import type { TrackId } from '../../../shared/library';
import type { FeedbackSource } from '../../../shared/recommend';
import { useApp } from '../context';
import { sendFeedback } from './feedback';

const NONE: TrackOpinion = { liked: false, disliked: false };

export interface Opinion {
  opinion: TrackOpinion;
  /** Likes the track, or un-likes it when it is liked. */
  toggleLike: () => Promise<void>;
  /** Rejects the track ("Not this"), or takes that back when it is rejected. */
  toggleDislike: () => Promise<void>;
}

export function useOpinion(trackId: TrackId | null, source: () => FeedbackSource): Opinion {
  const { bridge } = useApp();
  const [state, setState] = useState<{ id: TrackId | null; opinion: TrackOpinion }>({
    id: null,
    opinion: NONE,
  });

  useEffect(() => {
    if (trackId === null) return;
    let live = true;
    const load = (): void =>
      void bridge.invoke('recs.opinion', { id: trackId }).then(
        (opinion) => live && setState({ id: trackId, opinion }),
        () => undefined,
      );
    load();
    const off = bridge.on('upnext.changed', load);
    return () => {
      live = false;
      off();
    };
  }, [bridge, trackId]);

  const opinion = state.id === trackId ? state.opinion : NONE;
  const send = useCallback(
    async (kind: 'like' | 'unlike' | 'dislike' | 'undislike', next: TrackOpinion) => {
      if (trackId === null) return;
      // Pressed at once; the store's answer (upnext.changed) confirms it.
      setState({ id: trackId, opinion: next });
      await sendFeedback(bridge, trackId, kind, source(), { context: 'player' });
    },
    [bridge, trackId, source],
  );
  return {
    opinion,
    toggleLike: () =>
      send(opinion.liked ? 'unlike' : 'like', { ...opinion, liked: !opinion.liked }),
    toggleDislike: () =>
      send(opinion.disliked ? 'undislike' : 'dislike', {
        ...opinion,
        disliked: !opinion.disliked,
      }),
  };
}
