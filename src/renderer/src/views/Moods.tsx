/**
 * Moods: a card per mood playlist and a vibe search box ("rainy sunday morning") that starts a
 * station. The chosen list shows each song's reason and plays from any row.
 */
import { useState } from 'react';
import { MOODS } from '../../../shared/meaning';
import type { UpNextItem } from '../../../shared/recommend';
import type { QueueSource } from '../../../shared/app-state';
import { useApp } from '../context';
import { SuggestionList } from '../components/SuggestionList';
import { sendFeedback } from '../lib/feedback';

interface Shown {
  title: string;
  source: QueueSource;
  items: UpNextItem[];
  /** The mood, for "remove from this playlist" feedback. */
  mood?: string;
}

export function Moods(): React.JSX.Element {
  const { t, bridge, player, playlists, goTo } = useApp();
  const [vibe, setVibe] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (work: () => Promise<Shown>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setShown(await work());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const openMood = (mood: string): Promise<void> =>
    load(async () => {
      const list = await bridge.invoke('recs.moodPlaylist', { mood, count: 30 });
      return {
        title: t('moodPlaylist', { mood: moodLabel(t, mood) }),
        source: { kind: 'mood', label: mood },
        items: list.items,
        mood,
      };
    });
  // The vibe box asks the meaning stage for the songs that fit the words (and sound words like
  // "slow"), and plays them as a station; auto-DJ continues from Up Next when they run out.
  const startVibe = (text: string): Promise<void> =>
    load(async () => {
      const result = await bridge.invoke('meaning.vibe', { query: text, limit: 30 });
      const terms = result.soundTerms.length ? ` · ${result.soundTerms.join(', ')}` : '';
      const items: UpNextItem[] = result.hits.map((h) => ({
        trackId: h.trackId,
        reason: t('vibeReason', { q: text }) + terms,
        reasonKind: 'vibe',
        why: { kind: 'vibe', facts: { query: text, words: [], traits: [], ...h.matched } },
        score: h.score,
        sources: ['seed'],
      }));
      return {
        title: t('stationFor', { name: text }),
        source: { kind: 'station', label: text },
        items,
      };
    });
  const play = (i: number): void => {
    if (shown)
      player.playQueue(
        shown.items.map((x) => x.trackId),
        i,
        shown.source,
      );
  };

  return (
    <section className="view moods" aria-labelledby="moods-h">
      <h1 id="moods-h">{t('moods')}</h1>
      <form
        role="search"
        aria-label={t('vibeSearch')}
        className="row vibe"
        onSubmit={(e) => {
          e.preventDefault();
          if (vibe.trim()) void startVibe(vibe.trim());
        }}
      >
        <input
          type="text"
          aria-label={t('vibeSearch')}
          placeholder={t('vibePlaceholder')}
          value={vibe}
          onChange={(e) => setVibe(e.target.value)}
        />
        <button type="submit" className="primary">
          {t('startStation')}
        </button>
      </form>
      <ul className="mood-cards" aria-label={t('moods')}>
        {MOODS.map((m) => (
          <li key={m}>
            <button
              type="button"
              className={`mood-card mood-${m}`}
              aria-pressed={shown?.mood === m}
              onClick={() => void openMood(m)}
            >
              {moodLabel(t, m)}
            </button>
          </li>
        ))}
      </ul>
      {busy ? <p className="empty">{t('loading')}</p> : null}
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
      {shown && !busy ? (
        <div className="playlist">
          <div className="view-head">
            <h2>{shown.title}</h2>
            <span className="muted">{t('tracksCount', { n: shown.items.length })}</span>
            {shown.items.length ? (
              <button type="button" onClick={() => play(0)}>
                {t('playAll')}
              </button>
            ) : null}
            {shown.items.length ? (
              <button
                type="button"
                onClick={() =>
                  void playlists
                    .change((b) =>
                      b.invoke('playlists.create', {
                        name: shown.title,
                        trackIds: shown.items.map((x) => x.trackId),
                      }),
                    )
                    .then((made) => goTo({ kind: 'playlist', id: made.id }))
                }
              >
                {t('saveAsPlaylist')}
              </button>
            ) : null}
          </div>
          {shown.items.length === 0 ? <p className="empty">{t('playlistEmpty')}</p> : null}
          <SuggestionList
            items={shown.items}
            label={shown.title}
            onPlay={play}
            onFeedback={(item, kind) => {
              if (kind !== 'like')
                setShown((s) =>
                  s ? { ...s, items: s.items.filter((x) => x.trackId !== item.trackId) } : s,
                );
              const context = shown.mood ? `mood:${shown.mood}` : `vibe:${shown.source.label}`;
              void sendFeedback(
                bridge,
                item.trackId,
                kind === 'skip' ? 'remove' : kind,
                'station',
                { positionS: 0, context },
              );
            }}
          />
        </div>
      ) : null}
    </section>
  );
}

/** The translated name of a mood, or the mood itself when the UI has no word for it. */
export function moodLabel(t: ReturnType<typeof useApp>['t'], mood: string): string {
  const key = `mood_${mood}` as Parameters<typeof t>[0];
  const label = t(key);
  return label === undefined || label === '' ? mood.charAt(0).toUpperCase() + mood.slice(1) : label;
}
