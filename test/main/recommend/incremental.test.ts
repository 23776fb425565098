import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture';
import { rng } from '../../../src/main/vectors/random';
import { History } from '../../../src/main/recommend/history';
import { livePools } from '../../../src/main/recommend/live-pools';
import { allowedMask } from '../../../src/main/recommend/rules';
import { rowSum } from '../../../src/main/recommend/taste-sums';
import { suggest } from '../../../src/main/recommend/up-next';
import { JUMP_AFTER_SKIPS, jumpAnchor } from '../../../src/main/recommend/jump';
import { TASTE_KEY, type RecommenderState } from '../../../src/main/recommend/state';
import { TasteModel } from '../../../src/main/recommend/taste-model';
import type { FeedbackEvent, FeedbackKind } from '../../../src/shared/recommend';
import type { TrackId } from '../../../src/shared/library';

const HOUR = 3_600_000;

/** A recorded-looking log: sessions of plays, completes, early and late skips, likes, dislikes
 * and their undoing, hours apart, over a small library (seeded, so the same every run). */
function eventLog(ids: TrackId[], count: number): { event: FeedbackEvent; gapMs: number }[] {
  const r = rng(5);
  const pick = (): TrackId => ids[Math.floor(r() * ids.length)];
  const out: { event: FeedbackEvent; gapMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    const kind: FeedbackKind =
      x < 0.4
        ? 'complete'
        : x < 0.6
          ? 'skip'
          : x < 0.7
            ? 'play'
            : x < 0.8
              ? 'like'
              : x < 0.85
                ? 'dislike'
                : x < 0.9
                  ? 'undislike'
                  : x < 0.95
                    ? 'unlike'
                    : 'replay';
    out.push({
      event: {
        trackId: pick(),
        kind,
        positionS: kind === 'skip' ? (r() < 0.7 ? 8 : 150) : null,
        sessionId: `s-${Math.floor(i / 25)}`,
        source: 'upnext',
      },
      // Mostly minutes apart; now and then a pause of a day (outside the no-repeat window).
      gapMs: i % 25 === 24 ? 30 * HOUR : 200_000,
    });
  }
  return out;
}

/** The same state with its history folded again from the stored log (so every incremental part
 * — recent plays, played tracks, taste sums, the static mask — is built from nothing). */
async function fromScratch(
  state: RecommenderState,
  since: (after: number) => Promise<import('../../../src/shared/recommend').RecordedEvent[]>,
): Promise<RecommenderState> {
  const history = new History();
  for (const e of await since(0)) history.apply(e, e.id > state.model.resetAtEventId);
  return { ...state, history };
}

describe('Up Next from incremental state', () => {
  it('replaying an event log gives the same suggestions, mask and taste sums as a from-scratch computation', async () => {
    const clock = { now: 1_000 * HOUR };
    const f = await makeFixture({ artistsPerGenre: 5, tracksPerArtist: 6, now: () => clock.now });
    const rec = f.rec;
    const ready = (): Promise<RecommenderState> =>
      (rec as unknown as { ready(): Promise<RecommenderState> }).ready();
    const log = eventLog(f.ids, 400);
    // Changes of direction: two early skips in a row (of tracks of one genre, so the jump has
    // somewhere else to go) right before these points.
    const turns = new Set([101, 251, 351]);
    for (const i of turns)
      for (const j of [i - 1, i]) {
        const e = log[j].event;
        log[j].event = { ...e, trackId: f.ids[j % 5], kind: 'skip', positionS: 8 };
      }
    // Right after a forget (300), after each change of direction, and right after the taste
    // snapshots the recommender saves every 50 events (49, 99: the first one after a day's
    // pause has decayed the weights, so a snapshot's weights differ from the stored ones).
    const checkpoints = new Set([10, 49, 60, 99, 120, 200, 260, 300, 330, 399, ...turns]);
    const epoch = (await ready()).model.sparseEpoch;
    let turned = 0;
    let compared = 0;
    for (let i = 0; i < log.length; i++) {
      const { event, gapMs } = log[i];
      clock.now += gapMs;
      await rec.record(event);
      // The person changes the rules midway: a short window (plays leave it), a longer one
      // (the window reaches back further than before), an excluded artist; and a forgotten artist.
      if (i === 150) await rec.updateSettings({ noRepeatHours: 1 });
      if (i === 220)
        await rec.updateSettings({ noRepeatHours: 72, excludedArtists: ['Jazz Artist 1'] });
      if (i === 300) await rec.forget('artist', 'Pop Artist 2');
      // Up Next after every event, as the app asks, so the live parts advance step by step.
      const current = event.trackId;
      await rec.upNext({ sessionId: event.sessionId, currentTrackId: current, count: 10 });
      if (!checkpoints.has(i)) continue;

      const live = await ready();
      const scratch = await fromScratch(live, (after) => f.store.feedback.since(after, 100_000));
      const session = live.sessions.get(event.sessionId) ?? null;
      const query = (seed: number) => ({
        current: live.catalog.row(current),
        session,
        exclude: [current],
        count: 10,
        now: clock.now,
        random: rng(seed),
      });
      if (turns.has(i)) {
        // The direction-change path itself runs here, from both states alike.
        expect(session?.skipStreak()).toBeGreaterThanOrEqual(JUMP_AFTER_SKIPS);
        expect(jumpAnchor(live, session!, rng(1))).toBeGreaterThanOrEqual(0);
        expect(jumpAnchor(live, session!, rng(1))).toBe(jumpAnchor(scratch, session!, rng(1)));
        turned += 1;
      }
      const fromLive = suggest(live, query(i));
      const fromNothing = suggest(scratch, query(i));
      expect(fromLive.length).toBeGreaterThan(0);
      expect(fromLive).toEqual(fromNothing);

      // The pieces themselves against their reference computations.
      const input = {
        catalog: live.catalog,
        settings: live.settings,
        lastPlayed: live.history.lastPlayed,
        disliked: live.history.disliked,
        exclude: new Set([current]),
        now: clock.now,
      };
      const mask = livePools(live).allowed.mask(input, live.history.recentPlays);
      expect(Array.from(mask)).toEqual(Array.from(allowedMask(input)));
      expect(mask.includes(0)).toBe(true);
      const sums = livePools(live).tasteSums.update(live.model);
      const reference = Array.from({ length: live.catalog.size }, (_, r) =>
        rowSum(live.catalog, live.model.sparse, r),
      );
      expect(Array.from(sums)).toEqual(reference);
      expect(reference.some((s) => s !== 0)).toBe(true);
      // No snapshot (nor anything else in the log) started a new epoch: the taste sums were only
      // ever caught up bucket by bucket, never re-summed for the whole catalog.
      expect(live.model.sparseEpoch).toBe(epoch);
      if (i === 49 || i === 99) {
        expect(live.model.scaleNow).toBeLessThan(1);
        // The snapshot just saved (written in the background: wait until the store has it)
        // holds the weights as they count now.
        let text = await f.store.feedback.getState(TASTE_KEY);
        while (!text || TasteModel.fromJSON(text).lastEventId !== live.model.lastEventId) {
          await new Promise((done) => setImmediate(done));
          text = await f.store.feedback.getState(TASTE_KEY);
        }
        const saved = TasteModel.fromJSON(text);
        for (let r = 0; r < live.catalog.size; r += 7)
          expect(saved.logit(live.catalog, r)).toBeCloseTo(live.model.logit(live.catalog, r), 5);
      }
      compared += 1;
    }
    expect(compared).toBe(checkpoints.size);
    expect(turned).toBe(turns.size);
    await rec.close();
    await f.store.close();
  });
});
