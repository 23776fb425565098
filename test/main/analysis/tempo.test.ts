/**
 * Tempo and onset rate against ground truth made here: the 45-piece corpus of signals.ts (drum
 * kits, electronic, strings and arpeggios without drums, swing, 3/4) rendered at known tempos, and
 * onset trains of known density. Rendered at ANALYSIS_RATE, the rate every track's mono mix is
 * resampled to, and from there through the feature path's own steps (measureOnsetRate, lowRate →
 * estimateTempo).
 * The full path from 44.1 kHz WAV files (decode → excerpts → features), beside aubio, is
 * `npm run bench:tempo` (docs/benchmarks.md).
 */
import { describe, expect, it } from 'vitest';
import { ANALYSIS_RATE } from '../../../src/main/analysis/decode/pcm';
import { LOW_RATE, lowRate } from '../../../src/main/analysis/features/index';
import { measureOnsetRate } from '../../../src/main/analysis/features/onsets';
import { estimateTempo, MAX_BPM, MIN_BPM } from '../../../src/main/analysis/features/tempo';
import { onsetTrain, renderPiece, TEMPO_CORPUS } from './signals';

describe('tempo corpus', () => {
  it('at least 90 % of 45 rendered pieces within 4 % of their tempo, none outside 50–220 BPM', () => {
    expect(TEMPO_CORPUS.length).toBeGreaterThanOrEqual(40);
    const misses: string[] = [];
    let within = 0;
    for (const piece of TEMPO_CORPUS) {
      const mono = [renderPiece(piece, 20, ANALYSIS_RATE)];
      const { bpm, confidence } = estimateTempo(
        lowRate(mono),
        LOW_RATE,
        measureOnsetRate(mono, ANALYSIS_RATE),
      );
      expect(bpm).toBeGreaterThanOrEqual(MIN_BPM);
      expect(bpm).toBeLessThanOrEqual(MAX_BPM);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
      if (Math.abs(bpm / piece.bpm - 1) <= 0.04) within++;
      else misses.push(`${piece.name} → ${bpm.toFixed(1)}`);
    }
    console.log(
      `tempo corpus: ${within}/${TEMPO_CORPUS.length} within 4 %; misses: ${misses.join(', ') || 'none'}`,
    );
    expect(within / TEMPO_CORPUS.length).toBeGreaterThanOrEqual(0.9);
  });

  it('every style is represented, 60–200 BPM overall, at least 20 s a piece', () => {
    const styles = new Set(TEMPO_CORPUS.map((p) => p.style));
    expect(styles.size).toBe(9);
    const bpms = TEMPO_CORPUS.map((p) => p.bpm);
    expect(Math.min(...bpms)).toBeLessThanOrEqual(60);
    expect(Math.max(...bpms)).toBeGreaterThanOrEqual(200);
    expect(
      renderPiece(TEMPO_CORPUS[0], 20, ANALYSIS_RATE).length / ANALYSIS_RATE,
    ).toBeGreaterThanOrEqual(20);
  });
});

describe('onset rate', () => {
  it('rises with the number of rendered onsets a second, and is near it', () => {
    const densities = [0.5, 1, 2, 3, 4, 6];
    const rates = densities.map((n) =>
      measureOnsetRate([onsetTrain(n, 20, ANALYSIS_RATE)], ANALYSIS_RATE),
    );
    console.log(densities.map((n, i) => `${n}/s → ${rates[i].toFixed(2)}`).join(', '));
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]);
    // Within 15 % of the truth (timbre by timbre: onsets.test.ts).
    for (let i = 0; i < rates.length; i++)
      expect(Math.abs(rates[i] / densities[i] - 1)).toBeLessThan(0.15);
  });
});
