/**
 * The OS media controls (media keys, MPRIS on Linux, the lock screen) through the Media Session
 * API: metadata of the current track and the play / pause / next / previous / seek actions.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { AppServices } from '../context';

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

  // The optional system notification on a track change — only while Encore is not in front,
  // where the person can see the change anyway.
  useEffect(() => {
    const track = currentId === null ? undefined : library.get(currentId);
    if (!track || !settings.notifyOnTrackChange || !('Notification' in window)) return;
    if (document.hasFocus()) return;
    const show = (): void => {
      new Notification(track.title || t('untitled'), { body: track.artist, silent: true });
    };
    if (Notification.permission === 'granted') show();
    else if (Notification.permission === 'default')
      void Notification.requestPermission().then((p) => p === 'granted' && show());
  }, [currentId, library, t, settings.notifyOnTrackChange]);

  useEffect(() => {
    if ('mediaSession' in navigator)
      navigator.mediaSession.playbackState = playing ? 'playing' : 'paused';
  }, [playing]);
}
