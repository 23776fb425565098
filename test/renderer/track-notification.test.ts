// The track-change notification: shown once when a new track starts playing while the window is
// in the background and the setting is on; what it says.
import { describe, expect, it } from 'vitest';
import {
  trackChangeNotice,
  trackNotification,
  type TrackChange,
} from '../../src/renderer/src/lib/track-notification';
import { translator } from '../../src/renderer/src/i18n/strings';
import type { TrackId } from '../../src/shared/library';

const A = 1 as unknown as TrackId;
const B = 2 as unknown as TrackId;

type Moment = Omit<TrackChange, 'announced'>;
const moment = (trackId: TrackId | null, patch: Partial<Moment> = {}): Moment => ({
  trackId,
  playing: true,
  enabled: true,
  focused: false,
  ...patch,
});

/** Feeds the moments through the rule in order, as the hook does; the tracks notified. */
function notified(moments: Moment[]): (TrackId | null)[] {
  let announced: TrackId | null = null;
  const shown: (TrackId | null)[] = [];
  for (const m of moments) {
    const notice = trackChangeNotice({ ...m, announced });
    announced = notice.announced;
    if (notice.show) shown.push(m.trackId);
  }
  return shown;
}

describe('trackChangeNotice', () => {
  it('notifies each new track that starts while the window is in the background', () => {
    expect(notified([moment(A), moment(B), moment(A)])).toEqual([A, B, A]);
  });

  it('does not notify while the window is in front, nor when the setting is off', () => {
    expect(notified([moment(A, { focused: true }), moment(B, { focused: true })])).toEqual([]);
    expect(notified([moment(A, { enabled: false }), moment(B, { enabled: false })])).toEqual([]);
  });

  it('does not notify a track restored at start-up until it plays', () => {
    expect(notified([moment(A, { playing: false })])).toEqual([]);
    expect(notified([moment(A, { playing: false }), moment(A)])).toEqual([A]);
  });

  it('notifies a track once: not again on pause and resume, a re-render, or repeat one', () => {
    expect(notified([moment(A), moment(A, { playing: false }), moment(A), moment(A)])).toEqual([A]);
  });

  it('does not announce a track the person saw start in the window after they switch away', () => {
    expect(
      notified([moment(A, { focused: true }), moment(A, { playing: false }), moment(A)]),
    ).toEqual([]);
  });

  it('does not announce the playing track when the setting is turned on mid-track', () => {
    expect(notified([moment(A, { enabled: false }), moment(A), moment(B)])).toEqual([B]);
  });

  it('says nothing when the queue is cleared', () => {
    expect(notified([moment(A), moment(null, { playing: false }), moment(A)])).toEqual([A]);
  });
});

describe('trackNotification', () => {
  const t = translator('en');

  it('shows the title, with the artist and album below, silently, replacing the last one', () => {
    const { title, options } = trackNotification(
      { title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue' },
      t,
    );
    expect(title).toBe('So What');
    expect(options.body).toBe('Miles Davis — Kind of Blue');
    expect(options.silent).toBe(true);
    expect(options.tag).toBeTruthy();
    const next = trackNotification({ title: 'Blue in Green', artist: '', album: '' }, t);
    expect(next.options.tag).toBe(options.tag);
  });

  it('names an untitled track in the UI language and leaves out missing tags', () => {
    expect(trackNotification({ title: '', artist: 'Miles Davis', album: ' ' }, t)).toMatchObject({
      title: 'Untitled',
      options: { body: 'Miles Davis' },
    });
    expect(
      trackNotification({ title: '', artist: '', album: '' }, translator('zh-CN')),
    ).toMatchObject({ title: '无标题', options: { body: '' } });
  });
});
