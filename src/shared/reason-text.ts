/**
 * A suggestion's reason in words, English or Simplified Chinese, from its structured facts. The
 * engine keeps the English sentence on the wire (the CLI prints it); the renderer words the facts
 * in the UI language (src/renderer/src/i18n/reasons.ts).
 */
import type { MoodFit, Reason, TempoRelation } from './recommend';

export type ReasonLang = 'en' | 'zh-CN';

const MOODS_ZH: Record<string, string> = {
  calm: '平静',
  energetic: '充满活力',
  happy: '快乐',
  sad: '忧伤',
  dark: '阴暗',
  party: '派对',
  focus: '专注',
  romantic: '浪漫',
  angry: '愤怒',
  dreamy: '梦幻',
  nostalgic: '怀旧',
  workout: '健身',
  sleep: '睡眠',
};

const FIT_EN: Record<MoodFit, string> = { very: 'Very ', fits: '', somewhat: 'Somewhat ' };
const FIT_ZH: Record<MoodFit, string> = { very: '非常', fits: '', somewhat: '有点' };
const TEMPO_EN: Record<TempoRelation, string> = {
  same: 'Same tempo',
  'half-time': 'Half-time feel',
  'double-time': 'Double-time',
};
const TEMPO_ZH: Record<TempoRelation, string> = {
  same: '速度相同',
  'half-time': '半速律动',
  'double-time': '倍速',
};

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const bpm = (n: number): string => `${Math.round(n)} BPM`;

/** The reason as one short sentence in `lang`. */
export function reasonText(r: Reason, lang: ReasonLang = 'en'): string {
  return lang === 'zh-CN' ? zh(r) : en(r);
}

function en(r: Reason): string {
  switch (r.kind) {
    case 'co-listen':
      return `You played this after ${r.facts.after.title} ${times(r.facts.count)}`;
    case 'change':
      return `Changing direction: like ${r.facts.like.title}, which you enjoyed`;
    case 'key-tempo': {
      const { tempo, key, energy, other } = r.facts;
      const parts: string[] = [];
      if (key)
        parts.push(
          key.relation === 'same'
            ? `Same key (${key.key})`
            : `Relative key (${key.key} ↔ ${key.otherKey})`,
        );
      if (tempo)
        parts.push(
          `${parts.length ? TEMPO_EN[tempo.relation].toLowerCase() : TEMPO_EN[tempo.relation]} (${bpm(tempo.bpm)} vs ${bpm(tempo.otherBpm)})`,
        );
      if (!parts.length) return `Similar energy to ${other.title}`;
      if (energy) parts.push('similar energy');
      return `${parts.join(', ')} as ${other.title}`;
    }
    case 'session-mood':
      return `${cap(r.facts.mood)}, like the last ${r.facts.tracks}`;
    case 'new-to-you': {
      const { artist, newArtist, genre, like, likeBy } = r.facts;
      const parts = [newArtist ? artist : (genre ?? artist)];
      if (newArtist && genre) parts.push(genre);
      if (r.facts.bpm)
        parts.push(`${bpm(r.facts.bpm)}${likeBy === 'tempo' ? ` like ${like.title}` : ''}`);
      if (likeBy === 'energy') parts.push(`similar energy to ${like.title}`);
      if (likeBy === 'sound') parts.push(`sounds like ${like.title}`);
      return `New to you: ${parts.join(', ')}`;
    }
    case 'new-artist-like':
      return `New to you: ${r.facts.artist}, close to artists you like`;
    case 'sound':
      return `Sounds like ${r.facts.other.title}`;
    case 'genre':
      return `More ${r.facts.genre}, like ${r.facts.other.title}`;
    case 'taste':
      if (r.facts.liked) return 'You liked this';
      if (r.facts.artist) return `You like ${r.facts.artist}`;
      return 'Fits what you have enjoyed so far';
    case 'picked':
      return `Because you picked ${r.facts.picked}`;
    case 'seed':
      return `Station start: ${r.facts.seed}`;
    case 'mood':
      return `${FIT_EN[r.facts.fit]}${r.facts.fit === 'fits' ? cap(r.facts.mood) : r.facts.mood}`;
    case 'vibe': {
      const matched = [...r.facts.words.map((w) => `“${w}”`), ...r.facts.traits];
      return matched.length ? `Matches ${matched.join(', ')}` : `Close to “${r.facts.query}”`;
    }
    case 'journey':
      return `${r.facts.percent}% of the way from ${r.facts.from.title} to ${r.facts.to.title}`;
    case 'explore': {
      const { newArtist, artist, genre, other, contrast } = r.facts;
      const what = [genre, r.facts.bpm ? bpm(r.facts.bpm) : undefined].filter(Boolean).join(', ');
      if (other && contrast)
        return `${contrast === 'calmer' ? 'Calmer' : 'Livelier'} than ${other.title}${what ? `: ${what}` : ''}`;
      if (newArtist && artist) return `Something new: ${[artist, what].filter(Boolean).join(', ')}`;
      return `From elsewhere in your library${what ? `: ${what}` : ''}`;
    }
  }
}

function zh(r: Reason): string {
  switch (r.kind) {
    case 'co-listen':
      return `你曾 ${r.facts.count} 次在《${r.facts.after.title}》之后播放它`;
    case 'change':
      return `换个方向：像你喜欢过的《${r.facts.like.title}》`;
    case 'key-tempo': {
      const { tempo, key, energy, other } = r.facts;
      const parts: string[] = [];
      if (key)
        parts.push(
          key.relation === 'same'
            ? `调性相同（${key.key}）`
            : `关系调（${key.key} ↔ ${key.otherKey}）`,
        );
      if (tempo)
        parts.push(`${TEMPO_ZH[tempo.relation]}（${bpm(tempo.bpm)} 对 ${bpm(tempo.otherBpm)}）`);
      if (energy) parts.push('能量相近');
      return `与《${other.title}》${parts.join('，')}`;
    }
    case 'session-mood':
      return `${MOODS_ZH[r.facts.mood] ?? r.facts.mood}，和最近 ${r.facts.tracks} 首一样`;
    case 'new-to-you': {
      const { artist, newArtist, genre, like, likeBy } = r.facts;
      const parts = [newArtist ? artist : (genre ?? artist)];
      if (newArtist && genre) parts.push(genre);
      if (r.facts.bpm) parts.push(bpm(r.facts.bpm));
      if (likeBy === 'tempo') parts.push(`速度和《${like.title}》相同`);
      if (likeBy === 'energy') parts.push(`能量和《${like.title}》相近`);
      if (likeBy === 'sound') parts.push(`听起来像《${like.title}》`);
      return `新发现：${parts.join('，')}`;
    }
    case 'new-artist-like':
      return `新发现：${r.facts.artist}，接近你喜欢的艺人`;
    case 'sound':
      return `听起来像《${r.facts.other.title}》`;
    case 'genre':
      return `更多${r.facts.genre}，像《${r.facts.other.title}》`;
    case 'taste':
      if (r.facts.liked) return '你喜欢过这首';
      if (r.facts.artist) return `你喜欢 ${r.facts.artist}`;
      return '符合你目前喜欢的口味';
    case 'picked':
      return `因为你选了 ${r.facts.picked}`;
    case 'seed':
      return `电台起点：${r.facts.seed}`;
    case 'mood':
      return `${FIT_ZH[r.facts.fit]}${MOODS_ZH[r.facts.mood] ?? r.facts.mood}`;
    case 'vibe': {
      const matched = [...r.facts.words.map((w) => `“${w}”`), ...r.facts.traits];
      return matched.length ? `符合 ${matched.join('、')}` : `接近“${r.facts.query}”`;
    }
    case 'journey':
      return `从《${r.facts.from.title}》到《${r.facts.to.title}》的 ${r.facts.percent}% 处`;
    case 'explore': {
      const { newArtist, artist, genre, other, contrast } = r.facts;
      const what = [genre, r.facts.bpm ? bpm(r.facts.bpm) : undefined].filter(Boolean).join('，');
      if (other && contrast)
        return `比《${other.title}》${contrast === 'calmer' ? '更平静' : '更有活力'}${what ? `：${what}` : ''}`;
      if (newArtist && artist) return `新鲜的：${[artist, what].filter(Boolean).join('，')}`;
      return `来自你曲库的其他角落${what ? `：${what}` : ''}`;
    }
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}
