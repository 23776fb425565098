/**
 * Onset rate against ground truth made here: events of known density rendered in several timbres
 * (legato pads, plucked notes, drum hits, FM bells), with and without a sustained chord under
 * them, at ANALYSIS_RATE (the rate measureOnsetRate is given in the feature path). Agreement with
 * other tools on real music is `npm run bench:onsets` (docs/benchmarks.md).
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS_RATE } from '../../../src/main/analysis/decode/pcm';
import { measureOnsetRate } from '../../../src/main/analysis/features/onsets';
import { onsetPiece, type OnsetTimbre } from './signals';

const SECONDS = 20;

/** The measured and the rendered rate of one rendered piece, onsets a second. */
function rates(
  timbre: OnsetTimbre,
  perSecond: number,
  background: boolean,
): { measured: number; rendered: number } {
  const piece = onsetPiece(timbre, perSecond, SECONDS, ANALYSIS_RATE, background);
  return {
    measured: measureOnsetRate([piece.audio], ANALYSIS_RATE),
    rendered: piece.onsets / SECONDS,
  };
}

describe('onset rate of rendered timbres', () => {
  for (const background of [false, true]) {
    const over = background ? ' over a sustained chord' : '';
    const names = { pluck: 'plucked notes', drums: 'drum hits', bell: 'bells' };
    for (const timbre of ['pluck', 'drums', 'bell'] as const) {
      it(`${names[timbre]}${over}: within 15 % of the rendered rate from 0.5 to 6 a second`, () => {
        const seen: string[] = [];
        for (const n of [0.5, 1, 2, 4, 6]) {
          const r = rates(timbre, n, background);
          seen.push(`${r.rendered.toFixed(2)} → ${r.measured.toFixed(2)}`);
          expect(Math.abs(r.measured / r.rendered - 1), seen.join(', ')).toBeLessThanOrEqual(0.15);
        }
      });
    }

    it(`sparse legato pads${over} read sparse: 40–110 % of their 0.5 notes a second`, () => {
      // A pad note that swells in over 120 ms, the last one still sounding, is a soft onset: some
      // are heard (and counted) as a change of chord rather than a new note.
      const r = rates('pad', 0.5, background);
      expect(r.measured).toBeGreaterThanOrEqual(0.4 * r.rendered);
      expect(r.measured).toBeLessThanOrEqual(1.1 * r.rendered);
    });
  }

  it('ranks sparse and dense music across timbres, with and without a background', () => {
    const order: [OnsetTimbre, number, boolean][] = [
      ['pad', 0.5, true],
      ['bell', 1, false],
      ['pluck', 2, true],
      ['drums', 4, false],
      ['pluck', 6, false],
    ];
    const measured = order.map(([t, n, bg]) => rates(t, n, bg).measured);
    for (let i = 1; i < measured.length; i++)
      expect(measured[i], measured.map((m) => m.toFixed(2)).join(' < ')).toBeGreaterThan(
        measured[i - 1],
      );
  });

  it('a held chord alone has no onsets after its first, and digital silence none at all', () => {
    const chord = onsetPiece('pluck', 0.0001, SECONDS, ANALYSIS_RATE, true);
    expect(chord.onsets).toBe(1);
    // The one event (at 0.25 s) and the chord's own start, at most.
    expect(measureOnsetRate([chord.audio], ANALYSIS_RATE) * SECONDS).toBeLessThanOrEqual(2);
    expect(measureOnsetRate([new Float32Array(SECONDS * ANALYSIS_RATE)], ANALYSIS_RATE)).toBe(0);
  });
});
