/**
 * The Recommender service: what the UI and the CLI call. Records feedback durably (committed to
 * SQLite before the promise resolves), updates the taste model, session and co-listening in memory
 * right after, and answers Up Next, stations, mood playlists, journeys and the taste page.
 * Announces 'upnext.changed' after every event that changes Up Next.
 */
import { readFile } from 'node:fs/promises';
import type { EventBus } from '../events';
import type { Store } from '../store/index';
import type { TrackId } from '../../shared/library';
import type {
  FeedbackEvent,
  HistoryImportResult,
  JourneyOptions,
  MoodPlaylist,
  RecordedEvent,
  RecommendSettings,
  Station,
  StationSeed,
  Taste,
  TasteFacet,
  UpNextItem,
  UpNextRequest,
} from '../../shared/recommend';
import { FEEDBACK_KINDS } from '../../shared/recommend';
import { createLogger } from '../log';
import { normName } from './content';
import { storeCatalogFeatures, type CatalogFeatures } from './features';
import { matchListens, parseHistory } from './import-history';
import { journeyItems } from './journey';
import { Session } from './session';
import {
  applyEvent,
  loadCatalog,
  loadState,
  mergeSettings,
  pruneSessions,
  SETTINGS_KEY,
  TASTE_KEY,
  type RecommenderState,
} from './state';
import { tasteEdited, tasteView } from './taste-view';
import { forgetEvidence } from './avoid-evidence';
import { suggest } from './up-next';
import { preparePools } from './live-pools';
import { buildMoodPlaylist, buildStation, type MeaningSource } from './playlists';

const log = createLogger('recommend');

/** Save the taste snapshot after this many events (replay covers the rest after a crash). */
const SNAPSHOT_EVERY = 50;

export interface RecommenderDeps {
  store: Store;
  events: EventBus;
  /** Measured features; default: whatever the store holds. */
  features?: CatalogFeatures;
  /** Text/mood search of the embedding stage, when present. */
  meaning?: MeaningSource;
  /** Randomness for exploration (seedable for tests and the evaluation). */
  random?: () => number;
  now?: () => number;
}

export class Recommender {
  private state: Promise<RecommenderState> | null = null;
  private catalogStale = false;
  private rebuilding: Promise<void> | null = null;
  private closed = false;
  private unsaved = 0;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly features: CatalogFeatures;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: RecommenderDeps) {
    this.random = deps.random ?? Math.random;
    this.now = deps.now ?? Date.now;
    this.features = deps.features ?? storeCatalogFeatures(deps.store);
    // Tracks added or taken out of the library: rebuild now rather than at the next request, so
    // Up Next stops suggesting removed tracks (upnext.changed tells the views) without waiting
    // for someone to ask first. Before the first request there is nothing loaded to rebuild.
    const offLibrary = deps.events.on('library.changed', () => {
      this.invalidate();
      if (this.state) void this.ready();
    });
    // New sound vectors / audio axes, new text vectors / mood scores: rebuild the catalog lazily.
    const offAnalysis = deps.events.on('analysis.updated', () => this.invalidate());
    const offEmbedding = deps.events.on('embedding.updated', () => this.invalidate());
    this.unsubscribe = () => {
      offLibrary();
      offAnalysis();
      offEmbedding();
    };
  }

  /** Marks the catalog for rebuilding (new tracks, new features) at the next request. */
  invalidate(): void {
    this.catalogStale = true;
  }

  private async ready(): Promise<RecommenderState> {
    if (!this.state) {
      // The first load reads the catalog as it is now: changes announced before it are in it.
      this.catalogStale = false;
      this.state = loadState(this.deps.store, this.features, this.now()).then((st) => {
        preparePools(st);
        return st;
      });
    }
    const st = await this.state;
    if (this.catalogStale && !this.rebuilding) this.rebuild(st);
    return st;
  }

  /**
   * Rebuilds the catalog in the background and swaps it in when done: Up Next keeps answering from
   * the previous one meanwhile (a 100,000-track rebuild takes seconds, a scan changes the library
   * often). A change that arrives during the rebuild starts another when it ends, and the views
   * are told only when the catalog swapped in is current — not with one read before the change.
   */
  private rebuild(st: RecommenderState): void {
    this.catalogStale = false;
    this.rebuilding = loadCatalog(this.deps.store, this.features)
      .then((catalog) => {
        st.catalog = catalog;
        preparePools(st);
        if (!this.catalogStale)
          this.deps.events.emit('upnext.changed', { sessionId: '*', cause: 'library' });
      })
      .catch((err: unknown) => log.warn('could not rebuild the catalog', err))
      .finally(() => {
        this.rebuilding = null;
        if (this.catalogStale && !this.closed) this.rebuild(st);
      });
  }

  /** Waits for a catalog rebuild in progress (tests, the evaluation). */
  async settled(): Promise<void> {
    await this.ready();
    while (this.rebuilding) await this.rebuilding;
  }

  /** Records one event. Resolves after it is committed to the database; the model, session and
   * co-listening are updated right after (microseconds). */
  async record(event: FeedbackEvent): Promise<RecordedEvent> {
    if (!FEEDBACK_KINDS.includes(event.kind))
      throw new Error(`unknown feedback kind "${event.kind}"`);
    // Durable first: the event is committed even when the models cannot be loaded right now (they
    // are rebuilt from the log later; an event is never folded in twice).
    const recorded = await this.deps.store.feedback.append({
      ...event,
      at: event.at ?? this.now(),
    });
    try {
      applyEvent(await this.ready(), recorded, this.now());
    } catch (err) {
      this.state = null;
      log.error('recommender state could not be updated; it will be rebuilt from the log', err);
    }
    if (++this.unsaved >= SNAPSHOT_EVERY) {
      this.saveSnapshot().catch((err: unknown) =>
        log.warn('could not save the taste snapshot', err),
      );
    }
    if (event.kind !== 'progress') {
      this.deps.events.emit('upnext.changed', { sessionId: event.sessionId, cause: event.kind });
    }
    return recorded;
  }

  /** Up Next for a session: `count` items (default 10) with reasons. */
  async upNext(req: UpNextRequest): Promise<UpNextItem[]> {
    const st = await this.ready();
    const now = this.now();
    pruneSessions(st, now);
    const session = st.sessions.get(req.sessionId) ?? null;
    // After an early skip of the playing track, continue from the last track the person kept:
    // "more like what I just rejected" is the wrong anchor.
    const skipped = req.currentTrackId !== undefined && session?.skippedEarly(req.currentTrackId);
    const anchor = skipped ? (session?.recentKept(1)[0] ?? req.currentTrackId) : req.currentTrackId;
    const current = anchor !== undefined ? st.catalog.row(anchor) : -1;
    return suggest(st, {
      current,
      session,
      exclude: [
        ...(req.queued ?? []),
        ...(req.currentTrackId !== undefined ? [req.currentTrackId] : []),
      ],
      count: Math.min(100, Math.max(1, req.count ?? 10)),
      now,
      random: this.random,
    });
  }

  /** A station from a song, an artist, a mood or a vibe query. */
  async station(seed: StationSeed, count = 25): Promise<Station> {
    const st = await this.ready();
    return buildStation(st, seed, count, {
      meaning: this.deps.meaning,
      search: (q, n) => this.deps.store.tracks.search(q, n),
      now: this.now(),
      random: this.random,
    });
  }

  /** A mood playlist (calm, energetic, happy, sad, dark, party, focus, romantic or any mood the
   * embedding stage knows). */
  async moodPlaylist(name: string, count = 30): Promise<MoodPlaylist> {
    const st = await this.ready();
    return buildMoodPlaylist(st, name, count, { meaning: this.deps.meaning, now: this.now() });
  }

  /** From `a` to `b` (through `via`) in `steps` tracks that move smoothly through the sound space. */
  async journey(a: TrackId, b: TrackId, opts: JourneyOptions = {}): Promise<UpNextItem[]> {
    const st = await this.ready();
    return journeyItems(st, [a, ...(opts.via ?? []), b], opts.steps ?? 10, this.now());
  }

  async taste(): Promise<Taste> {
    return tasteView(await this.ready());
  }

  /** Forgets what the model learned about one artist, genre, mood, decade or album — or the
   * learned sound direction (facet 'sound'). */
  async forget(facet: TasteFacet | 'sound', name = ''): Promise<void> {
    const st = await this.ready();
    if (facet === 'sound') st.model.forgetSound();
    else st.model.forgetToken(`${facet}:${facet === 'decade' ? name.trim() : normName(name)}`);
    tasteEdited(st);
    await this.saveSnapshot();
    this.deps.events.emit('upnext.changed', { sessionId: '*', cause: 'taste' });
  }

  /** Starts the taste model and co-listening over (history, likes and dislikes stay). */
  async resetTaste(): Promise<void> {
    const st = await this.ready();
    st.model.reset();
    st.model.resetAtEventId = st.model.lastEventId;
    st.history.clearCoListening();
    forgetEvidence(st);
    tasteEdited(st);
    await this.saveSnapshot();
    this.deps.events.emit('upnext.changed', { sessionId: '*', cause: 'taste' });
  }

  async settings(): Promise<RecommendSettings> {
    return (await this.ready()).settings;
  }

  async updateSettings(patch: Partial<RecommendSettings>): Promise<RecommendSettings> {
    const st = await this.ready();
    st.settings = mergeSettings(st.settings, patch);
    await this.deps.store.feedback.setState(SETTINGS_KEY, JSON.stringify(st.settings));
    this.deps.events.emit('upnext.changed', { sessionId: '*', cause: 'settings' });
    return st.settings;
  }

  /** Imports a Last.fm / ListenBrainz export: matched listens become 'complete' events. */
  async importHistory(file: string): Promise<HistoryImportResult> {
    const st = await this.ready();
    const parsed = parseHistory(await readFile(file, 'utf8'));
    const { events, listens, unmatched } = matchListens(st.catalog.tracks, parsed.listens);
    // The same listen imported again (the same file twice, or overlapping exports) is stored once.
    const seen = await this.deps.store.feedback.importedListens();
    const fresh = events.filter((e) => {
      const key = `${e.trackId}@${e.at}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const recorded = await this.deps.store.feedback.appendMany(fresh);
    for (const e of recorded) applyEvent(st, e, this.now());
    await this.saveSnapshot();
    log.info(
      `imported ${recorded.length} of ${listens} listens from ${file} (${events.length - fresh.length} already imported)`,
    );
    this.deps.events.emit('upnext.changed', { sessionId: '*', cause: 'import' });
    return {
      format: parsed.format,
      listens,
      matched: events.length,
      alreadyImported: events.length - fresh.length,
      unmatched: unmatched.length,
      unmatchedExamples: [...new Set(unmatched)].slice(0, 10),
    };
  }

  /** The open session (for the player's "where this came from" and tests). */
  async session(id: string): Promise<Session | undefined> {
    return (await this.ready()).sessions.get(id);
  }

  private async saveSnapshot(): Promise<void> {
    if (!this.state) return;
    const st = await this.state;
    this.unsaved = 0;
    await this.deps.store.feedback.setState(TASTE_KEY, st.model.toJSON());
  }

  /** Saves the taste snapshot and stops listening. */
  async close(): Promise<void> {
    this.unsubscribe();
    this.closed = true;
    while (this.rebuilding) await this.rebuilding;
    if (this.unsaved > 0) await this.saveSnapshot();
  }
}
