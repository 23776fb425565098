/**
 * The shapes a UI sends the engine that are also named types in the code — the player's saved
 * state, the settings, a feedback event, a station seed, an Up Next request, the recommender's
 * settings, a taste facet, the library's sort — each written once, as a zod schema, with its type
 * inferred from it (z.infer), so what the contract validates and what the code is typed with
 * cannot drift apart. The contract (./contract.ts) builds its methods from these. Kept apart from
 * the domain files (app-state.ts, recommend.ts), which re-export the types next to their defaults,
 * so the renderer, which imports those files' constants, does not bundle zod.
 */
import { z } from 'zod';
import { FEEDBACK_KINDS, FEEDBACK_SOURCES } from './feedback-vocabulary';

/** A row id (track, playlist): a positive integer JavaScript holds exactly. */
export const id = z.int().positive().max(Number.MAX_SAFE_INTEGER);
/** Up to 100,000 row ids: a whole library's worth. */
export const ids = z.array(id).max(100_000);
// Paths and free text come from people; bound them so a payload cannot balloon the engine.
export const pathArg = z.string().min(1).max(4096);
export const text = z.string().max(1000);
/** Groups the plays of one listening session (the player makes one per sitting). */
export const sessionId = z.string().min(1).max(100);

/** The orders the library's track list comes in. */
export const trackSortSchema = z.enum(['artist', 'album', 'title', 'added', 'duration', 'year']);
export type TrackSort = z.infer<typeof trackSortSchema>;

export const settingsSchema = z.strictObject({
  language: z.enum(['system', 'en', 'zh-CN']),
  /** Loudness normalisation: measured loudness first, ReplayGain tags as fallback. */
  normalisation: z.enum(['off', 'track', 'album']),
  /** Seconds of crossfade between tracks, 0–12 (0: gapless hand-over). */
  crossfadeS: z.number().min(0).max(12),
  /** When the queue runs out, keep playing Up Next suggestions. */
  autoDj: z.boolean(),
  /** 0–1: how far Up Next may stray from what the person usually plays. */
  adventurousness: z.number().min(0).max(1),
  analysisEnabled: z.boolean(),
  /** Never download models; use what is there or the fallbacks. */
  offline: z.boolean(),
  /** Show a system notification when the track changes (desktop app only). */
  notifyOnTrackChange: z.boolean(),
  /** Folders inside library roots that the scanner skips. */
  excludedFolders: z.array(pathArg).max(1000),
  mapColourBy: z.enum(['mood', 'genre']),
  /**
   * What follows a song picked from a list (Songs, search results, an artist's songs): Encore's
   * suggestions, or the rest of that list in its shown order. Albums, playlists and Play all
   * always continue with their list.
   */
  continueWith: z.enum(['suggestions', 'list']),
});
/** The person's settings, stored in the app state. */
export type Settings = z.infer<typeof settingsSchema>;

/** Where the current queue came from, shown above the queue ("Album: Kind of Blue"). */
const queueSourceSchema = z.strictObject({
  kind: z.enum(['library', 'album', 'artist', 'search', 'mood', 'station', 'upNext', 'playlist']),
  label: text,
});
export type QueueSource = z.infer<typeof queueSourceSchema>;

export const playerStateSchema = z.strictObject({
  /** The play order as the person sees it (already shuffled when shuffle is on). */
  queue: ids,
  /**
   * Where each queue entry came from, side by side with queue, for the recommender's feedback: the
   * source it was queued with ('upnext' for the auto-DJ's tracks and Up Next picks). Missing
   * entries (state saved before origins were kept) take the queue source's.
   */
  origins: z.array(z.enum(FEEDBACK_SOURCES)).max(100_000).optional(),
  /** Index into queue of the current track, or -1 when nothing is loaded. */
  index: z.int().min(-1).max(100_000),
  /** Seconds into the current track. */
  positionS: z.number().min(0).max(1e6),
  /** 0–1, linear. */
  volume: z.number().min(0).max(1),
  muted: z.boolean(),
  shuffle: z.boolean(),
  repeat: z.enum(['off', 'all', 'one']),
  source: queueSourceSchema.nullable(),
  /** True while music is coming out (not paused); background analysis gives way meanwhile. */
  playing: z.boolean().optional(),
});
/** The player as the renderer saves it (queue, current track, position, modes). */
export type PlayerState = z.infer<typeof playerStateSchema>;

export const feedbackEventSchema = z.strictObject({
  trackId: id,
  kind: z.enum(FEEDBACK_KINDS),
  sessionId,
  source: z.enum(FEEDBACK_SOURCES),
  /** Seconds into the track (skip, progress). */
  positionS: z.number().min(0).max(1e6).nullable().optional(),
  /** Track length in seconds, when the player knows it better than the tags. */
  durationS: z.number().min(0).max(1e6).nullable().optional(),
  /** Free context, e.g. 'mood:calm' for a removal from that mood playlist. */
  context: z.string().max(200).nullable().optional(),
});
/** One feedback event as a UI sends it (`recs.feedback`): the engine stamps the time. */
export type FeedbackPayload = z.infer<typeof feedbackEventSchema>;

export const moodName = z.string().min(1).max(100);

/** What a station starts from: `SONG`, `artist:NAME`, `mood:NAME` or `vibe:"TEXT"`. */
export const stationSeedSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('track'), trackId: id }),
  z.strictObject({ kind: z.literal('artist'), name: text.min(1) }),
  z.strictObject({ kind: z.literal('mood'), name: moodName }),
  z.strictObject({ kind: z.literal('vibe'), text: text.min(1) }),
]);
export type StationSeed = z.infer<typeof stationSeedSchema>;

export const upNextRequestSchema = z.strictObject({
  sessionId,
  /** The playing track; absent at cold start (then taste and exploration lead). */
  currentTrackId: id.optional(),
  /** Items wanted, 1–100; default 10. */
  count: z.int().min(1).max(100).optional(),
  /** Tracks already queued by the person: not suggested again. */
  queued: ids.optional(),
});
export type UpNextRequest = z.infer<typeof upNextRequestSchema>;

/** The recommender settings the person controls, with the ranges the recommender works in. */
export const recommendSettingsSchema = z.strictObject({
  /** A track played within this many hours is not suggested again. 0–720. */
  noRepeatHours: z.number().min(0).max(720),
  /** At most one track per artist within this many consecutive slots. 1–20. */
  artistSpacing: z.int().min(1).max(20),
  /** 0 = stay close to what is playing, 1 = surprise me. */
  adventurousness: z.number().min(0).max(1),
  /** Continue from Up Next when the queue runs out. */
  autoDj: z.boolean(),
  excludedGenres: z.array(text.min(1)).max(1000),
  excludedArtists: z.array(text.min(1)).max(1000),
  /** Absolute folder paths whose tracks are never suggested. */
  excludedFolders: z.array(pathArg).max(1000),
});
export type RecommendSettings = z.infer<typeof recommendSettingsSchema>;

/** What a line of the taste page is about. */
const tasteFacetSchema = z.enum(['artist', 'genre', 'mood', 'album', 'decade']);
export type TasteFacet = z.infer<typeof tasteFacetSchema>;
/** What `recs.forget` can forget: a taste facet, or the learned sound preference as a whole. */
export const forgetFacetSchema = z.enum([...tasteFacetSchema.options, 'sound']);
export type ForgetFacet = z.infer<typeof forgetFacetSchema>;
