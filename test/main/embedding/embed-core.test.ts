/** The embedding core in-process with the tiny fixture model: pooling, chunking, failures. */
import { describe, expect, it } from 'vitest';
import { embed, loadPipeline } from '../../../src/main/embedding/embed-core';
import { MAX_LYRIC_WINDOWS } from '../../../src/main/embedding/text-pieces';
import { TINY_SPEC } from './helpers';

const spec = TINY_SPEC;
const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

// Lines of 12 words the tiny vocabulary knows as single tokens, each line different (a repeated
// line is embedded once): 10 lines = 120 tokens.
const verse = (words: string[]): string =>
  Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 12 }, (_, j) => words[(i + j) % words.length]).join(' '),
  ).join('\n');
const A = verse([
  'rain',
  'night',
  'cold',
  'coffee',
  'letter',
  'door',
  'window',
  'city',
  'street',
  'winter',
]);
const B = verse([
  'sun',
  'morning',
  'run',
  'dance',
  'party',
  'light',
  'summer',
  'road',
  'fire',
  'drive',
]);

describe('embed core (tiny model, in-process)', () => {
  it('gives unit vectors of the model width, the same for the same text', async () => {
    const out = await embed({
      spec,
      texts: ['rain at night', 'rain at night', 'sun'],
      mode: 'passage',
      chunk: false,
    });
    expect(out.dim).toBe(48);
    expect(out.failed).toEqual([]);
    const row = (i: number): Float32Array => out.data.subarray(i * 48, (i + 1) * 48);
    expect(cos(row(0), row(0))).toBeCloseTo(1, 5);
    expect(cos(row(0), row(1))).toBeCloseTo(1, 5);
    expect(cos(row(0), row(2))).toBeLessThan(0.99);
  });

  it('chunks long lyrics along lines and averages the chunks, so the end of a song counts', async () => {
    const [a, b, both, truncated] = await Promise.all([
      embed({ spec, texts: [A], mode: 'passage', chunk: true }),
      embed({ spec, texts: [B], mode: 'passage', chunk: true }),
      embed({ spec, texts: [`${A}\n${B}`], mode: 'passage', chunk: true }),
      embed({ spec, texts: [`${A}\n${B}`], mode: 'passage', chunk: false }),
    ]);
    const expected = a.data.map((x, i) => x + b.data[i]);
    const norm = Math.hypot(...expected);
    expect(
      cos(
        both.data,
        expected.map((x) => x / norm),
      ),
    ).toBeGreaterThan(0.9999);
    expect(both.tokens).toBe(240);
    // Without chunking the window keeps only the first verse.
    expect(cos(truncated.data, a.data)).toBeGreaterThan(cos(truncated.data, b.data));
  });

  it('gives an empty text a zero row (nothing to embed), not a failure', async () => {
    const out = await embed({ spec, texts: ['rain', '   '], mode: 'passage', chunk: true });
    expect(out.failed).toEqual([]);
    expect(Array.from(out.data.subarray(48)).every((x) => x === 0)).toBe(true);
  });

  it('batches by tokens: the same vectors as fixed-size batches, whatever the batch boundaries', async () => {
    // Short and long texts mixed, so token batches hold different numbers of texts.
    const texts = Array.from({ length: 40 }, (_, i) =>
      i % 5 === 0 ? A : `rain night city ${'door window '.repeat(i % 7)}`,
    );
    const fixed = await embed({ spec, texts, mode: 'passage', chunk: true, batchSize: 16 });
    for (const batchTokens of [64, 300, 100_000]) {
      const byTokens = await embed({ spec, texts, mode: 'passage', chunk: true, batchTokens });
      expect(byTokens.failed).toEqual([]);
      expect(byTokens.tokens).toBe(fixed.tokens);
      for (let t = 0; t < texts.length; t++) {
        const a = fixed.data.subarray(t * 48, (t + 1) * 48);
        const b = byTokens.data.subarray(t * 48, (t + 1) * 48);
        expect(cos(a, b)).toBeCloseTo(1, 4);
      }
    }
  });

  it('gives each text, batched and sorted by length, the vector it gets alone and from the pipeline', async () => {
    // Lengths out of order, duplicates and an empty text, so sorting moves rows around.
    const texts = Array.from({ length: 24 }, (_, i) =>
      i % 6 === 5
        ? ''
        : `rain ${'night city door '.repeat((i * 7) % 11)}coffee ${i % 3 ? 'sun' : ''}`,
    );
    const batched = await embed({ spec, texts, mode: 'passage', chunk: false });
    const extractor = await loadPipeline(spec);
    for (let t = 0; t < texts.length; t++) {
      const row = batched.data.subarray(t * 48, (t + 1) * 48);
      if (!texts[t]) {
        expect(row.every((x) => x === 0)).toBe(true);
        continue;
      }
      const alone = await embed({ spec, texts: [texts[t]], mode: 'passage', chunk: false });
      const library = await extractor(texts[t], { pooling: 'mean', normalize: true });
      for (let j = 0; j < 48; j++) {
        expect(row[j]).toBeCloseTo(alone.data[j], 6);
        expect(row[j]).toBeCloseTo((library.data as Float32Array)[j], 6);
      }
    }
  });

  it('embeds a repeated lyric line once, splits an overlong line and stops after the last window', async () => {
    const once = await embed({ spec, texts: [A], mode: 'passage', chunk: true });
    const chorus = A.split('\n').slice(0, 2).join('\n');
    const repeated = await embed({
      spec,
      texts: [`${A}\n${chorus}\n${chorus.toUpperCase()}`],
      mode: 'passage',
      chunk: true,
    });
    expect(repeated.tokens).toBe(once.tokens);
    expect(cos(repeated.data, once.data)).toBeCloseTo(1, 5);
    // One line of 300 tokens: three windows of it, not the first one only.
    const long = Array.from({ length: 300 }, (_, i) => (i < 150 ? 'rain' : 'sun')).join(' ');
    expect((await embed({ spec, texts: [long], mode: 'passage', chunk: true })).tokens).toBe(300);
    // Far more distinct lines than the windows allow: the first windows' worth is embedded.
    const words = ['rain', 'night', 'sun', 'moon', 'city', 'road', 'fire', 'sea', 'door', 'snow'];
    const lines = Array.from(
      { length: 100 },
      (_, i) =>
        Array.from({ length: 10 }, (_, j) => words[(i * 3 + j * (1 + (i % 7))) % 10]).join(' ') +
        ` ${i}`,
    );
    const many = await embed({ spec, texts: [lines.join('\n')], mode: 'passage', chunk: true });
    expect(many.tokens).toBeGreaterThan((MAX_LYRIC_WINDOWS - 1) * 120);
    expect(many.tokens).toBeLessThanOrEqual(MAX_LYRIC_WINDOWS * 126);
  });
});
