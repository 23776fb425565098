/**
 * The one contract between the engine and every UI (Electron preload, browser host): request /
 * response methods, fire-and-forget messages and main → renderer events. Every incoming payload
 * has a zod schema (strict objects: unknown keys are rejected); results are typed. Naming:
 * `domain.verb`, named object arguments only. The main handlers, the HTTP host, the preload and
 * the renderer all use this file, so a change here is checked by the compiler everywhere.
 */
import { z } from 'zod';
import type {
  FolderListing,
  LibraryStats,
  Lyrics,
  RootUsage,
  ScanErrorEntry,
  ScanSummary,
  Track,
  TrackId,
  TrackSummary,
} from './library';
import {
  feedbackEventSchema,
  forgetFacetSchema,
  id,
  ids,
  moodName,
  pathArg,
  playerStateSchema,
  recommendSettingsSchema,
  settingsSchema,
  stationSeedSchema,
  text,
  trackSortSchema,
  upNextRequestSchema,
  type PlayerState,
  type Settings,
} from './payload-schemas';
import type { EngineEvents } from './events';
import type { AnalysisProgress, AudioFeatures } from './analysis';
import type { MeaningStatus, VibeResult } from './meaning';
import type { MoodPlaylist, RecordedEvent, Station, Taste, UpNextItem } from './recommend';
import type { Playlist, PlaylistImport, PlaylistSummary } from './playlists';

/** A method's argument schema plus its (type-only) result. */
export interface MethodDef<A extends z.ZodType, R> {
  args: A;
  /** Never set at runtime: carries the result type. */
  readonly result?: R;
}

/** `method<Result>()(argsSchema)`: a method whose result type is Result. */
const method =
  <R>() =>
  <A extends z.ZodType>(args: A): MethodDef<A, R> => ({ args });

const none = z.strictObject({});
const playlistName = z.string().trim().min(1).max(200);

export type { TrackSummary } from './library';

export interface LibraryRoot {
  path: string;
  status: 'ok' | 'missing' | 'unreadable';
  /** Unix ms, or null before the first scan. */
  lastScanAt: number | null;
}

/** What the app tells the UI about itself and the machine it runs on. */
export interface AppInfo {
  version: string;
  platform: string;
  /** BCP 47 tag of the OS language, e.g. 'zh-CN'. */
  osLanguage: string;
  /** The OS Music folder, proposed on first run; null when there is none. */
  musicFolder: string | null;
  /** Why changes cannot be saved (the library was opened read-only on a full disk), or null. */
  readOnly?: string | null;
}

/** The full track plus what playback needs: the measured loudness gain when analysis has it. */
export interface NowPlayingInfo {
  track: Track;
  /** dB to apply for loudness normalisation (measured), or null: fall back to ReplayGain tags. */
  measuredGainDb: number | null;
}

/** What the person said about a track: the pressed state of Like and Not this. */
export interface TrackOpinion {
  liked: boolean;
  disliked: boolean;
}

/** One dot of the mood map: a track on energy (arousal) × mood (valence), both 0–1. */
export interface MoodPoint {
  id: TrackId;
  arousal: number;
  valence: number;
}

export const methods = {
  'app.info': method<AppInfo>()(none),
  'library.stats': method<LibraryStats>()(none),
  'library.roots': method<LibraryRoot[]>()(none),
  'library.addRoot': method<LibraryRoot[]>()(z.strictObject({ path: pathArg })),
  'library.removeRoot': method<LibraryRoot[]>()(z.strictObject({ path: pathArg })),
  /** Scans the given roots (all when omitted); resolves when the scan ends. */
  'library.scan': method<ScanSummary>()(
    z.strictObject({ roots: z.array(pathArg).max(100).optional() }),
  ),
  'library.tracks': method<TrackSummary[]>()(z.strictObject({ sort: trackSortSchema.optional() })),
  'library.summaries': method<TrackSummary[]>()(z.strictObject({ ids })),
  'library.track': method<Track | null>()(z.strictObject({ id })),
  'library.search': method<TrackSummary[]>()(
    z.strictObject({ query: text, limit: z.int().min(1).max(1000).optional() }),
  ),
  'library.lyrics': method<Lyrics | null>()(z.strictObject({ id })),
  'library.errors': method<ScanErrorEntry[]>()(
    z.strictObject({ limit: z.int().min(1).max(10_000).optional() }),
  ),
  'player.state': method<PlayerState>()(none),
  'player.nowPlaying': method<NowPlayingInfo | null>()(z.strictObject({ id })),
  'settings.get': method<Settings>()(none),
  'recs.upNext': method<UpNextItem[]>()(upNextRequestSchema),
  /** Records one feedback event; resolves once it is committed (acknowledged). */
  'recs.feedback': method<RecordedEvent>()(z.strictObject({ event: feedbackEventSchema })),
  'recs.station': method<Station>()(
    z.strictObject({ seed: stationSeedSchema, count: z.int().min(1).max(200).optional() }),
  ),
  'recs.moodPlaylist': method<MoodPlaylist>()(
    z.strictObject({ mood: moodName, count: z.int().min(1).max(200).optional() }),
  ),
  'recs.taste': method<Taste>()(none),
  'recs.forget': method<Taste>()(z.strictObject({ facet: forgetFacetSchema, name: text })),
  'meaning.vibe': method<VibeResult>()(
    z.strictObject({ query: text.min(1), limit: z.int().min(1).max(200).optional() }),
  ),
  'meaning.status': method<MeaningStatus>()(none),
  /** Chooses the sentence-embedding model (a hub id such as "Xenova/…"); re-embeds in the background. */
  'meaning.setModel': method<MeaningStatus>()(
    z.strictObject({
      model: z
        .string()
        .min(1)
        .max(200)
        .regex(/^[\w.-]+\/[\w.-]+$/),
    }),
  ),
  /** Downloads the chosen model now (unless offline); resolves with the new status. */
  'meaning.download': method<MeaningStatus>()(none),
  'analysis.progress': method<AnalysisProgress>()(none),
  'analysis.features': method<AudioFeatures | null>()(z.strictObject({ id })),
  'analysis.map': method<MoodPoint[]>()(none),
  'settings.set': method<Settings>()(z.strictObject({ patch: settingsSchema.partial() })),
  /** Subfolders of a folder (`~` expanded; home when omitted) and the places to start from. */
  'library.browseFolders': method<FolderListing>()(z.strictObject({ path: pathArg.optional() })),
  /** How many tracks and how much listening history removing a library folder concerns. */
  'library.rootUsage': method<RootUsage>()(z.strictObject({ path: pathArg })),
  /** Whether the person likes or rejected a track (the newest like/unlike, dislike/undislike). */
  'recs.opinion': method<TrackOpinion>()(z.strictObject({ id })),
  'playlists.list': method<PlaylistSummary[]>()(none),
  'playlists.get': method<Playlist>()(z.strictObject({ id })),
  'playlists.create': method<Playlist>()(
    z.strictObject({ name: playlistName, trackIds: ids.optional() }),
  ),
  'playlists.rename': method<Playlist>()(z.strictObject({ id, name: playlistName })),
  'playlists.delete': method<{ deleted: true }>()(z.strictObject({ id })),
  /** Adds tracks at `at` (0-based; default the end). */
  'playlists.add': method<Playlist>()(
    z.strictObject({ id, trackIds: ids, at: z.int().min(0).max(100_000).optional() }),
  ),
  /** Removes the entries at these 0-based positions. */
  'playlists.remove': method<Playlist>()(
    z.strictObject({ id, positions: z.array(z.int().min(0).max(100_000)).max(100_000) }),
  ),
  'playlists.move': method<Playlist>()(
    z.strictObject({ id, from: z.int().min(0).max(100_000), to: z.int().min(0).max(100_000) }),
  ),
  /** The playlist as M3U8 text, with absolute paths or paths relative to its library folder. */
  'playlists.exportM3u8': method<{ name: string; text: string }>()(
    z.strictObject({ id, paths: z.enum(['absolute', 'relative']) }),
  ),
  /** A new playlist from M3U8 text; `baseDir`: the folder the file was in, when known. */
  'playlists.importM3u8': method<PlaylistImport>()(
    z.strictObject({
      name: playlistName,
      text: z.string().max(20_000_000),
      baseDir: pathArg.optional(),
    }),
  ),
} as const;

/**
 * Methods only the desktop app's shell answers: the Electron transport dispatches them, the
 * browser host does not know them (a web page cannot open a native dialog nor learn a path).
 */
export const shellMethods = {
  /** The native folder chooser; the chosen folder's path, or null when cancelled. */
  'shell.chooseFolder': method<string | null>()(none),
  /** Shows a library track's file in the system file manager; false when no track has that id. */
  'shell.showTrackInFolder': method<boolean>()(z.strictObject({ id })),
} as const;

export type ShellMethods = typeof shellMethods;
export type ShellMethodName = keyof ShellMethods;
export type ShellMethodArgs<M extends ShellMethodName> = z.input<ShellMethods[M]['args']>;
export type ShellMethodResult<M extends ShellMethodName> = Exclude<
  ShellMethods[M]['result'],
  undefined
>;
export const isShellMethodName = (name: unknown): name is ShellMethodName =>
  typeof name === 'string' && Object.hasOwn(shellMethods, name);

export const messages = {
  /** The player's state, sent on every change (debounced for the position). */
  'player.save': z.strictObject({ state: playerStateSchema }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = Exclude<Methods[M]['result'], undefined>;

export type Messages = typeof messages;
export type MessageName = keyof Messages;
export type MessageArgs<S extends MessageName> = z.input<Messages[S]>;

/** Commands from the desktop app's menu to the renderer (the browser host never sends them). */
export type AppCommand =
  'toggle' | 'next' | 'previous' | 'search' | 'settings' | 'queue' | 'lyrics';

/** Main → renderer events: every engine event, plus the app shell's own. */
export interface AppEvents extends EngineEvents {
  'app.command': { command: AppCommand };
}

export type EventName = keyof AppEvents;
export type EventPayload<E extends EventName> = AppEvents[E];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(methods, name);
export const isMessageName = (name: unknown): name is MessageName =>
  typeof name === 'string' && Object.hasOwn(messages, name);

/** Why a call failed, as every bridge reports it. */
export type CallErrorCode = 'unknown-method' | 'invalid-payload' | 'not-found' | 'failed';

export interface CallError {
  code: CallErrorCode;
  message: string;
}

/** The envelope every transport carries back for a method call. */
export type CallReply<R> = { ok: true; result: R } | { ok: false; error: CallError };

/** The recommender settings a person may change (`encore recommend-settings KEY=VALUE`). */
export const recommendSettingsPatch = recommendSettingsSchema.partial();
