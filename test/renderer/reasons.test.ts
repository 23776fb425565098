/** The renderer words a suggestion's structured reason in English and Chinese. */
import { describe, expect, it } from 'vitest';
import { reasonText } from '../../src/renderer/src/i18n/reasons';
import type { Reason, ReasonKind } from '../../src/shared/recommend';

const other = { trackId: 2, title: 'Broken Dreams' };
const item = (why: Reason): { reason: string; why: Reason } => ({ reason: 'engine text', why });

describe('reasonText', () => {
  it('says tempo relations as they are: same, half-time, double-time, with both tempos', () => {
    const kt = (relation: 'same' | 'half-time' | 'double-time', bpm: number): Reason => ({
      kind: 'key-tempo',
      facts: {
        other,
        tempo: { relation, bpm, otherBpm: 130 },
        energy: { value: 0.7, other: 0.72 },
      },
    });
    expect(reasonText(item(kt('same', 128)), 'en')).toBe(
      'Same tempo (128 BPM vs 130 BPM), similar energy as Broken Dreams',
    );
    expect(reasonText(item(kt('half-time', 65)), 'en')).toBe(
      'Half-time feel (65 BPM vs 130 BPM), similar energy as Broken Dreams',
    );
    expect(reasonText(item(kt('half-time', 65)), 'zh-CN')).toBe(
      '与《Broken Dreams》半速律动（65 BPM 对 130 BPM），能量相近',
    );
    expect(reasonText(item(kt('double-time', 260)), 'en')).toMatch(/^Double-time/);
  });

  it('names relative keys as such', () => {
    const why: Reason = {
      kind: 'key-tempo',
      facts: {
        other,
        tempo: { relation: 'same', bpm: 120, otherBpm: 121 },
        key: { relation: 'relative', key: 'A minor', otherKey: 'C major' },
      },
    };
    expect(reasonText(item(why), 'en')).toBe(
      'Relative key (A minor ↔ C major), same tempo (120 BPM vs 121 BPM) as Broken Dreams',
    );
    expect(reasonText(item(why), 'zh-CN')).toBe(
      '与《Broken Dreams》关系调（A minor ↔ C major），速度相同（120 BPM 对 121 BPM）',
    );
  });

  it('says what is new and why it might fit', () => {
    const why: Reason = {
      kind: 'new-to-you',
      facts: {
        artist: 'Kai Engel',
        newArtist: false,
        genre: 'electronic',
        newGenre: true,
        bpm: 130,
        like: other,
        likeBy: 'tempo',
      },
    };
    expect(reasonText(item(why), 'en')).toBe('New to you: electronic, 130 BPM like Broken Dreams');
    expect(reasonText(item(why), 'zh-CN')).toBe(
      '新发现：electronic，130 BPM，速度和《Broken Dreams》相同',
    );
    const artist: Reason = {
      kind: 'new-to-you',
      facts: { ...why.facts, newArtist: true, newGenre: false, likeBy: 'sound' },
    };
    expect(reasonText(item(artist), 'en')).toBe(
      'New to you: Kai Engel, electronic, 130 BPM, sounds like Broken Dreams',
    );
    expect(reasonText(item(artist), 'zh-CN')).toBe(
      '新发现：Kai Engel，electronic，130 BPM，听起来像《Broken Dreams》',
    );
  });

  it('words every kind of reason in both languages, never the same sentence twice', () => {
    const first = { trackId: 3, title: 'Dawn' };
    // A record over every kind: a new kind without an example here does not compile.
    const examples: Record<ReasonKind, Reason> = {
      'co-listen': { kind: 'co-listen', facts: { after: other, count: 3 } },
      'key-tempo': { kind: 'key-tempo', facts: { other, energy: { value: 0.5, other: 0.55 } } },
      'session-mood': { kind: 'session-mood', facts: { mood: 'calm', tracks: 3 } },
      'new-artist-like': { kind: 'new-artist-like', facts: { artist: 'Kai Engel' } },
      sound: { kind: 'sound', facts: { other, similarity: 0.9 } },
      genre: { kind: 'genre', facts: { genre: 'Folk', other } },
      taste: { kind: 'taste', facts: {} },
      seed: { kind: 'seed', facts: { seed: 'Dawn' } },
      change: { kind: 'change', facts: { like: other } },
      explore: {
        kind: 'explore',
        facts: { newArtist: false, genre: 'Folk', bpm: 93, other, contrast: 'calmer' },
      },
      'new-to-you': {
        kind: 'new-to-you',
        facts: { artist: 'Kai Engel', newArtist: true, like: other, likeBy: 'energy' },
      },
      picked: { kind: 'picked', facts: { picked: 'Björk' } },
      mood: { kind: 'mood', facts: { mood: 'sad', fit: 'somewhat' } },
      vibe: { kind: 'vibe', facts: { query: 'rain', words: [], traits: [] } },
      journey: { kind: 'journey', facts: { from: first, to: other, percent: 40 } },
    };
    const seen = new Set<string>();
    for (const [kind, why] of Object.entries(examples)) {
      const en = reasonText(item(why), 'en');
      const zh = reasonText(item(why), 'zh-CN');
      expect(en, kind).toMatch(/[a-z]{3}/);
      expect(en, kind).not.toMatch(/[\u4e00-\u9fff]/);
      // Chinese, with only names, titles and units left in Latin letters.
      expect(zh, kind).toMatch(/[\u4e00-\u9fff]/);
      expect(zh.replace(/Kai Engel|Broken Dreams|Dawn|Björk|Folk|BPM|rain/g, ''), kind).not.toMatch(
        /[a-z]{3}/i,
      );
      expect(seen.has(en) || seen.has(zh), kind).toBe(false);
      seen.add(en).add(zh);
    }
    expect(reasonText(item(examples.explore), 'en')).toBe(
      'Calmer than Broken Dreams: Folk, 93 BPM',
    );
    expect(reasonText(item(examples.explore), 'zh-CN')).toBe(
      '比《Broken Dreams》更平静：Folk，93 BPM',
    );
    expect(reasonText(item(examples['key-tempo']), 'en')).toBe('Similar energy to Broken Dreams');
  });

  it('words moods, picks, co-listening and vibe matches in both languages', () => {
    const cases: [Reason, string, string][] = [
      [{ kind: 'mood', facts: { mood: 'calm', fit: 'very' } }, 'Very calm', '非常平静'],
      [{ kind: 'mood', facts: { mood: 'calm', fit: 'fits' } }, 'Calm', '平静'],
      [
        { kind: 'picked', facts: { picked: 'Björk' } },
        'Because you picked Björk',
        '因为你选了 Björk',
      ],
      [
        { kind: 'co-listen', facts: { after: other, count: 2 } },
        'You played this after Broken Dreams twice',
        '你曾 2 次在《Broken Dreams》之后播放它',
      ],
      [
        {
          kind: 'vibe',
          facts: { query: 'epic drums', words: ['drums'], traits: ['percussive, many onsets'] },
        },
        'Matches “drums”, percussive, many onsets',
        '符合 “drums”、percussive, many onsets',
      ],
    ];
    for (const [why, en, zh] of cases) {
      expect(reasonText(item(why), 'en')).toBe(en);
      expect(reasonText(item(why), 'zh-CN')).toBe(zh);
    }
  });

  it('falls back to the engine sentence when no structured reason came', () => {
    expect(reasonText({ reason: 'Something the engine said' }, 'zh-CN')).toBe(
      'Something the engine said',
    );
  });
});
