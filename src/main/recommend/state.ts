/**
 * The recommender's live state and how it is built: the catalog (from the library and measured
 * features), the taste model (snapshot + replay of newer events), the folded history, the open
 * sessions and the settings. Applying one event updates all of them in memory in microseconds.
 */
import { notePick } from './picks';
import { noteEvidence } from './avoid-evidence';
import type { Store } from '../store/index';
import type { RecordedEvent, RecommendSettings } from '../../shared/recommend';
import { DEFAULT_RECOMMEND_SETTINGS } from '../../shared/recommend';
import { buildCatalog, type Catalog } from './catalog';
import type { CatalogFeatures } from './features';
import { History } from './history';
import { lessonOf } from './labels';
import { Session, SESSION_IDLE_MS } from './session';
import { TasteModel } from './taste-model';

export const TASTE_KEY = 'taste';
export const SETTINGS_KEY = 'settings';

export interface RecommenderState {
  catalog: Catalog;
  model: TasteModel;
  history: History;
  sessions: Map<string, Session>;
  settings: RecommendSettings;
  /** Highest event id folded in (an event is never applied twice). */
  applied: number;
  /** 'artist:<key>' / 'genre:<key>' → sessions with clear negative evidence (avoid-evidence.ts). */
  avoidEvidence: Map<string, Set<string>>;
  /** First-run picks not yet listened to: normalised artist → the artist as tagged (picks.ts). */
  picks: Map<string, string>;
}

/** Loads everything from the store: catalog, settings, model snapshot, and the event log. */
export async function loadState(
  store: Store,
  features: CatalogFeatures,
  now: number,
): Promise<RecommenderState> {
  const catalog = await loadCatalog(store, features);
  const settings = parseSettings(await store.feedback.getState(SETTINGS_KEY));
  const model = TasteModel.fromJSON(await store.feedback.getState(TASTE_KEY));
  const state: RecommenderState = {
    catalog,
    model,
    history: new History(),
    sessions: new Map(),
    settings,
    applied: 0,
    avoidEvidence: new Map(),
    picks: new Map(),
  };
  // Page through the log so a long history never sits in memory twice.
  const PAGE = 20_000;
  for (let after = 0; ;) {
    const page = await store.feedback.since(after, PAGE);
    for (const e of page) applyEvent(state, e, now);
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  return state;
}

export async function loadCatalog(store: Store, features: CatalogFeatures): Promise<Catalog> {
  return buildCatalog(await store.feedback.catalogTracks(), features);
}

/** Folds one stored event into history, its session and (when newer than the snapshot) the model. */
export function applyEvent(state: RecommenderState, e: RecordedEvent, now: number): void {
  if (e.id <= state.applied) return;
  state.applied = e.id;
  state.history.apply(e, e.id > state.model.resetAtEventId);
  notePick(state, e);
  noteEvidence(state, e);
  if (now - e.at < SESSION_IDLE_MS) {
    let s = state.sessions.get(e.sessionId);
    if (!s) {
      s = new Session(e.sessionId);
      state.sessions.set(e.sessionId, s);
    }
    s.apply(e);
  }
  if (e.id <= state.model.lastEventId) return;
  state.model.lastEventId = e.id;
  const lesson = lessonOf(e.kind, e.positionS, e.durationS ?? durationOf(state, e), e);
  const row = state.catalog.row(e.trackId);
  if (lesson && row >= 0) state.model.learn(state.catalog, row, lesson, e.at);
}

function durationOf(state: RecommenderState, e: RecordedEvent): number | null {
  const r = state.catalog.row(e.trackId);
  return r >= 0 ? state.catalog.tracks[r].durationS : null;
}

/** Drops sessions idle for longer than a sitting. */
export function pruneSessions(state: RecommenderState, now: number): void {
  for (const [id, s] of state.sessions)
    if (now - s.lastAt > SESSION_IDLE_MS) state.sessions.delete(id);
}

const clamp = (v: unknown, lo: number, hi: number, d: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : d;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Settings from stored JSON (or a patch), clamped to their ranges; defaults fill the gaps. */
export function parseSettings(
  text: string | undefined,
  base: RecommendSettings = DEFAULT_RECOMMEND_SETTINGS,
): RecommendSettings {
  const raw = text ? (JSON.parse(text) as Partial<RecommendSettings>) : {};
  return mergeSettings(base, raw);
}

export function mergeSettings(
  base: RecommendSettings,
  raw: Partial<RecommendSettings>,
): RecommendSettings {
  return {
    noRepeatHours: clamp(raw.noRepeatHours, 0, 720, base.noRepeatHours),
    artistSpacing: Math.round(clamp(raw.artistSpacing, 1, 20, base.artistSpacing)),
    excludedGenres: raw.excludedGenres ? strings(raw.excludedGenres) : base.excludedGenres,
    excludedArtists: raw.excludedArtists ? strings(raw.excludedArtists) : base.excludedArtists,
    excludedFolders: raw.excludedFolders ? strings(raw.excludedFolders) : base.excludedFolders,
    adventurousness: clamp(raw.adventurousness, 0, 1, base.adventurousness),
    autoDj: typeof raw.autoDj === 'boolean' ? raw.autoDj : base.autoDj,
  };
}
