/**
 * The OS media controls (media keys, MPRIS on Linux, the lock screen) through the Media Session
 * API: metadata of the current track and the play / pause / next / previous / seek actions; and
 * the optional notification on a track change (its rules: track-notification.ts).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { TrackId } from '../../../shared/library';
import type { AppServices } from '../context';
import { trackChangeNotice, trackNotification } from './track-notification';

export function useMediaSession({ player, library, bridge, t, settings }: AppServices): void {
  const currentId = useSyncExternalStore(player.subscribe, () => player.snapshot().currentId);
  const playing = useSyncExternalStore(player.subscribe, () => player.snapshot().playing);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const session = navigator.mediaSession;
    const actions: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => player.play()],
      ['pause', () => player.pause()],
      ['nexttrack', () => player.next()],
      ['previoustrack', () => player.previous()],
      ['seekto', (d) => d.seekTime !== undefined && player.seek(d.seekTime)],
    ];
    for (const [action, handler] of actions) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this platform does not support.
      }
    }
  }, [player]);

  useEffect(() => {
    if (!('mediaSession' in navigator)) return;
    const track = currentId === null ? undefined : library.get(currentId);
    navigator.mediaSession.metadata = track
      ? new MediaMetadata({
          title: track.title || t('untitled'),
          artist: track.artist,
          album: track.album,
          artwork: track.coverHash ? [{ src: bridge.coverUrl(track.coverHash) }] : [],
        })
      : null;
    if (track)
      document.title = `${track.title || t('untitled')} — ${track.artist || t('unknownArtist')} · Encore`;
    else document.title = 'Encore';
  }, [currentId, library, bridge, t]);

  // The optional notification when a new track starts while Encore is in the background.
  const announced = useRef<TrackId | null>(null);
  useEffect(() => {
    const notice = trackChangeNotice({
      trackId: currentId,
      playing,
      enabled: settings.notifyOnTrackChange,
      focused: document.hasFocus(),
      announced: announced.current,
    });
    announced.current = notice.announced;
    const track = currentId === null ? undefined : library.get(currentId);
    if (!notice.show || !track || !('Notification' in window)) return;
    if (Notification.permission !== 'granted') return;
    const { title, options } = trackNotification(track, t);
    new Notification(title, options);
  }, [currentId, playing, library, t, settings.notifyOnTrackChange]);

  useEffect(() => {
    if ('mediaSession' in navigator)
      navigator.mediaSession.playbackState = playing ? 'playing' : 'paused';
  }, [playing]);
}
