import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEXICAL_DIM, lexicalFeatures, lexicalVector } from '../../../src/main/embedding/lexical';

const cos = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);
const LYRICS = '/work/shared/corpus/lyrics';
const lyric = (name: string): string =>
  readFileSync(join(LYRICS, name), 'utf8').split('\n').slice(1).join('\n');

describe('lexical fallback vectors', () => {
  it('gives the same text the same unit vector, and an empty text zeros', () => {
    const a = lexicalVector('Rain on the glass and the night');
    const b = lexicalVector('Rain on the glass and the night');
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.length).toBe(LEXICAL_DIM);
    expect(cos(a, a)).toBeCloseTo(1, 5);
    expect(Array.from(lexicalVector('  ')).every((x) => x === 0)).toBe(true);
  });

  it('is case- and width-insensitive and ignores stop words', () => {
    expect(cos(lexicalVector('RAINY NIGHT'), lexicalVector('rainy night'))).toBeCloseTo(1, 5);
    expect(lexicalFeatures('the rain').has('w:the')).toBe(false);
  });

  it('puts related texts closer than unrelated ones (shared words and word parts)', () => {
    const rain = lexicalVector('rainy night, cold coffee and an unread letter');
    const related = lexicalVector('the rain keeps falling at night, the letter stays unread');
    const unrelated = lexicalVector('turn the bass up, everybody dance under neon lights');
    expect(cos(rain, related)).toBeGreaterThan(cos(rain, unrelated) + 0.2);
  });

  it('matches Chinese text on shared characters without spaces', () => {
    const a = lexicalVector('夜雨敲打着窗，咖啡早已变凉');
    const b = lexicalVector('窗外夜雨，咖啡凉了');
    const c = lexicalVector('清晨的阳光洒满了街道');
    expect(cos(a, b)).toBeGreaterThan(cos(a, c) + 0.2);
  });

  it('ranks the corpus lyric with the same mood words first for a mood query', () => {
    const files = readdirSync(LYRICS).filter((f) => f.endsWith('.txt'));
    const q = lexicalVector('dance party floor tonight');
    const best = files
      .map((f) => ({ f, s: cos(q, lexicalVector(lyric(f))) }))
      .sort((a, b) => b.s - a.s)[0];
    expect(best.f).toBe('party-lights.txt');
  });
});
