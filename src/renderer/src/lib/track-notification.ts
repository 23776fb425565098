/**
 * The optional system notification when a new track starts, as plain rules: it is shown once per
 * track, when the track starts playing, only while the setting is on and Encore's window is not in
 * front (there the person sees the change anyway). A track counts as announced once it played
 * with the window in front too, so pausing and resuming it, a re-render, or turning the setting
 * on mid-track never announce it again, and a restored track is not announced at start-up before
 * anything plays. Notifications replace each other (one tag) rather than pile up while skipping.
 */
import type { Track, TrackId } from '../../../shared/library';
import type { Translate } from '../i18n/strings';

// One tag for all of them: the next track's notification replaces the last one.
const TAG = 'encore-track-change';

/** Where the player and the window are now, and the last track announced. */
export interface TrackChange {
  trackId: TrackId | null;
  playing: boolean;
  /** The setting "Notify on track change". */
  enabled: boolean;
  /** The window is in front (document.hasFocus()). */
  focused: boolean;
  /** The last track shown in a notification or seen playing in the window; null at start. */
  announced: TrackId | null;
}

/** Whether to show the notification now, and the announced track to remember from now on. */
export function trackChangeNotice(change: TrackChange): {
  show: boolean;
  announced: TrackId | null;
} {
  const { trackId, playing, enabled, focused, announced } = change;
  if (trackId === null || !playing || trackId === announced) return { show: false, announced };
  return { show: enabled && !focused, announced: trackId };
}

/** What the notification says: the title (or "Untitled"), the artist and album below it. */
export function trackNotification(
  track: Pick<Track, 'title' | 'artist' | 'album'>,
  t: Translate,
): { title: string; options: NotificationOptions } {
  const body = [track.artist, track.album].filter((s) => s.trim() !== '').join(' — ');
  return { title: track.title || t('untitled'), options: { body, silent: true, tag: TAG } };
}

/**
 * Asks for permission to notify, when the person turns the setting on (a click: browsers ignore or
 * hide a request that comes without one). The desktop app always has the permission.
 */
export function askNotificationPermission(): void {
  if ('Notification' in window && Notification.permission === 'default')
    void Notification.requestPermission();
}
