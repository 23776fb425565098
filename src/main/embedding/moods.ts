/**
 * Zero-shot moods. Each mood has curated prompts (below: what a person would say about such a
 * song, plus a keyword line in English, Spanish and Chinese so the lexical fallback also finds
 * it) and a place on Russell's arousal/valence plane. A track's text score for a mood is the
 * cosine of its text vector (descriptor and lyrics averaged) with the mood's best-matching
 * prompt, standardised across the collection (so "sad" means sad *for this library*, and a
 * prompt that matches everything a little does not dominate), squashed to 0…1. Where the audio
 * analysis measured arousal and valence, the score is blended with how close the track sits to
 * the mood's point on that plane.
 */
import { MOODS, type Mood, type MoodScore } from '../../shared/meaning';
import type { TrackId } from '../../shared/library';
import type { VectorIndex } from '../vectors/vector-index';
import type { SoundFeatures } from './sound-words';
import { yieldToLoop } from './styles';

export interface MoodDefinition {
  prompts: string[];
  /** Where the mood sits on the arousal (calm → energetic) / valence (sad → happy) plane, 0…1. */
  arousal: number;
  valence: number;
}

export const MOOD_DEFINITIONS: Record<Mood, MoodDefinition> = {
  happy: {
    prompts: [
      'a happy, cheerful song full of joy and sunshine',
      'feeling good, smiling, a bright joyful day',
      'happy joy smile sunshine feliz alegría 快乐 开心 阳光',
    ],
    arousal: 0.65,
    valence: 0.9,
  },
  sad: {
    prompts: [
      'a sad song about heartbreak, tears and loss',
      'lonely and melancholic, missing someone who is gone',
      'sad tears lonely heartbreak cry triste lágrimas soledad 悲伤 孤独 眼泪',
    ],
    arousal: 0.3,
    valence: 0.1,
  },
  calm: {
    prompts: [
      'a calm, peaceful and relaxing song',
      'quiet, gentle and slow, breathing easy by the water',
      'calm peaceful quiet gentle relax tranquilo calma paz 平静 安静 放松',
    ],
    arousal: 0.15,
    valence: 0.6,
  },
  energetic: {
    prompts: [
      'an energetic, powerful song full of drive',
      'fast, loud and intense, full of adrenaline',
      'energy power fast intense adrenaline energía fuerza 活力 激情 力量',
    ],
    arousal: 0.9,
    valence: 0.6,
  },
  romantic: {
    prompts: [
      'a romantic love song, tender and intimate',
      'two lovers holding hands under the moon',
      'love romance kiss heart lovers amor beso corazón 爱情 浪漫 亲吻',
    ],
    arousal: 0.35,
    valence: 0.75,
  },
  angry: {
    prompts: [
      'an angry, aggressive song full of rage',
      'furious rebellion, shouting and breaking chains',
      'angry rage fury hate fight ira rabia furia 愤怒 仇恨 反抗',
    ],
    arousal: 0.9,
    valence: 0.1,
  },
  dreamy: {
    prompts: [
      'a dreamy, ethereal, floating atmospheric song',
      'drifting through clouds and stars, like a dream',
      'dream float ethereal haze stars sueño flotar estrellas 梦 梦幻 漂浮',
    ],
    arousal: 0.25,
    valence: 0.55,
  },
  nostalgic: {
    prompts: [
      'a nostalgic song about memories and the old days',
      'longing for the past, old photographs and letters',
      'memories past remember yesterday recuerdos pasado 回忆 怀念 过去',
    ],
    arousal: 0.35,
    valence: 0.4,
  },
  dark: {
    prompts: [
      'a dark, ominous and brooding song full of menace',
      'shadows and dread, a cold and heavy night',
      'dark ominous gloomy menace dread oscuro sombrío tenebroso 黑暗 阴郁 不祥',
    ],
    arousal: 0.6,
    valence: 0.15,
  },
  party: {
    prompts: [
      'a party song for dancing all night in the club',
      'everybody on the dance floor, hands in the air',
      'party dance club night DJ fiesta bailar noche 派对 跳舞 夜店',
    ],
    arousal: 0.85,
    valence: 0.85,
  },
  focus: {
    prompts: [
      'calm instrumental music for focus and concentration',
      'background music for studying, reading and working',
      'focus study concentrate work instrumental estudiar concentración 专注 学习 工作',
    ],
    arousal: 0.3,
    valence: 0.5,
  },
  workout: {
    prompts: [
      'a pumping workout song for running and training',
      'push harder at the gym, never stop, keep running',
      'workout gym run training sweat entrenar correr 健身 跑步 训练',
    ],
    arousal: 0.95,
    valence: 0.65,
  },
  sleep: {
    prompts: [
      'a soft, slow lullaby for falling asleep',
      'quiet night, drifting off to sleep, gentle and still',
      'sleep lullaby night dream soft dormir canción de cuna 睡眠 摇篮曲 晚安',
    ],
    arousal: 0.05,
    valence: 0.5,
  },
};

/** Every prompt of every mood, flattened, with the mood each belongs to. */
export function moodPrompts(): { mood: Mood; text: string }[] {
  return MOODS.flatMap((mood) => MOOD_DEFINITIONS[mood].prompts.map((text) => ({ mood, text })));
}

// Text vs audio weight when both exist: the texts say what a song is about, arousal/valence how
// it moves; text leads because the audio estimates are coarse.
const TEXT_WEIGHT = 0.65;
// Distance on the unit arousal/valence plane at which the audio score reaches 0.
const AUDIO_REACH = 0.7;
// Below this spread a z-score would only amplify noise (tiny or uniform libraries).
const MIN_STD = 0.02;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Mood scores for every track in `index` (text vectors, one per track), from the prompt vectors
 * (`prompts[i]` ↔ rows of `promptVectors`) and the tracks' audio features where analysed.
 */
export async function scoreMoods(
  index: VectorIndex,
  prompts: { mood: Mood }[],
  promptVectors: Float32Array,
  features: Map<TrackId, SoundFeatures>,
): Promise<Map<TrackId, MoodScore[]>> {
  const dim = index.dim;
  const raw = new Map<Mood, Float32Array>();
  let ids: ArrayLike<number> = [];
  for (const [i, p] of prompts.entries()) {
    const all = index.scoreAll(promptVectors.subarray(i * dim, (i + 1) * dim));
    ids = all.ids;
    const best = raw.get(p.mood);
    if (!best) raw.set(p.mood, all.scores);
    else for (let t = 0; t < best.length; t++) best[t] = Math.max(best[t], all.scores[t]);
    await yieldToLoop();
  }
  const out = new Map<TrackId, MoodScore[]>();
  const stats = new Map<Mood, { mean: number; std: number }>();
  for (const [mood, scores] of raw) {
    let mean = 0;
    for (const s of scores) mean += s / scores.length;
    let v = 0;
    for (const s of scores) v += (s - mean) ** 2 / scores.length;
    stats.set(mood, { mean, std: Math.max(Math.sqrt(v), MIN_STD) });
  }
  for (let t = 0; t < ids.length; t++) {
    if (t % 2000 === 1999) await yieldToLoop();
    const f = features.get(ids[t]);
    const scores: MoodScore[] = [];
    for (const [mood, values] of raw) {
      const { mean, std } = stats.get(mood) as { mean: number; std: number };
      const text = sigmoid((values[t] - mean) / std);
      const def = MOOD_DEFINITIONS[mood];
      let audio: number | null = null;
      if (f && typeof f.arousal === 'number' && typeof f.valence === 'number') {
        const d = Math.hypot(f.arousal - def.arousal, f.valence - def.valence);
        audio = Math.max(0, 1 - d / AUDIO_REACH);
      }
      const score = audio === null ? text : TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * audio;
      scores.push({ mood, score, text, audio });
    }
    out.set(
      ids[t],
      scores.sort((a, b) => b.score - a.score),
    );
  }
  return out;
}
