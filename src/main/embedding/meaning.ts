/**
 * The Meaning service (engine.meaning): keeps every track's descriptor and lyrics embedded with
 * the current model (in the background, after scans), holds the in-memory vector indexes, and
 * answers vibe search, moods and styles. Inference runs in the embed worker; the service itself
 * only moves texts and vectors around.
 */
import type { EngineEvents } from '../../shared/events';
import type { TrackId } from '../../shared/library';
import type {
  MeaningStatus,
  Mood,
  MoodScore,
  StyleCluster,
  TextKind,
  TrackScore,
  VibeResult,
} from '../../shared/meaning';
import type { EventBus } from '../events';
import { collectGarbage } from '../full-gc';
import { createLogger } from '../log';
import type { Store } from '../store/index';
import { BackendState } from './backend-state';
import { Embedder } from './embedder';
import type { Backend } from './model-status';
import { embedPendingRun, type AnalysisReader } from './embed-run';
import { parseSoundTerms, type SoundFeatures } from './sound-words';
import { refreshMoodsAndStyles } from './refresh';
import { rankVibe, vibeMatches } from './vibe';
import { isSilent } from '../recommend/features';
import { MIN_SUGGEST_S } from '../recommend/catalog';
import { VectorIndex } from '../vectors/vector-index';

const log = createLogger('meaning');

export interface MeaningOptions {
  dataDir: string;
  store: Store;
  events: EventBus;
  /** Embed automatically after library changes (the app); the CLI embeds on demand. */
  auto?: boolean;
  /** Milliseconds after start before an automatic pass resumes leftover work (default 10 s). */
  startupDelayMs?: number;
  /** onnxruntime threads for the embed worker; 0 = one per core (embed-core.ts). */
  threads?: number;
}

/** Text indexes are int8 from this many tracks: 4× less memory and a 2–3× faster scan, with a
 * top-50 recall against exact float32 of 0.98–0.999 on uniform, clustered and lexical vectors
 * (bench:index, docs/benchmarks.md). */
const QUANTIZE_ABOVE = 0;
// Vibe hits ranked beyond the limit, so dropping unplayable ones still fills the page.
const VIBE_SPARE = 50;
// After start-up, leave the first seconds to the window, the scan and playback.
const STARTUP_DELAY_MS = 10_000;
// Wait for scans to settle before embedding what they changed.
const AUTO_DELAY_MS = 2_000;

export class Meaning {
  private indexes = new Map<TextKind, Promise<VectorIndex | undefined>>();
  private running?: Promise<void>;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly embedder = new Embedder();
  private readonly state: BackendState;
  private timer?: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: MeaningOptions) {
    this.state = new BackendState({
      dataDir: opts.dataDir,
      vectors: opts.store.vectors,
      events: opts.events,
      threads: opts.threads,
      probe: (spec) => this.embedder.probe(spec),
      signal: this.abort.signal,
      onKeyChange: () => this.indexes.clear(),
    });
    const offs = [
      opts.events.on('library.changed', (change) => this.onLibraryChanged(change)),
      // New audio features change descriptors (their sound in words), moods and the sound space.
      opts.events.on('analysis.updated', () => this.schedule()),
    ];
    this.unsubscribe = () => offs.forEach((off) => off());
    // Resume what a previous run left (an interrupted pass, a model switch) once the app settles.
    this.schedule(opts.startupDelayMs ?? STARTUP_DELAY_MS);
  }

  /** The embedder in use and why; never downloads (see embedPending). */
  async status(): Promise<MeaningStatus> {
    const backend = await this.state.get(false);
    const counts = await this.opts.store.vectors.counts(backend.key);
    const total = (await this.opts.store.vectors.trackIds()).length;
    const vectors = { ...counts, pending: Math.max(0, total - counts.descriptor) };
    return this.state.overlay({ ...backend.status, vectors });
  }

  /**
   * Embeds every new or changed text, then refreshes moods and styles; one pass at a time.
   * `download` (default true: an explicit request) lets the pass fetch a missing model first;
   * background passes after library changes do not, so a scan never starts a 118 MB download —
   * the first vibe search (or `encore model download`, or an explicit call) does.
   */
  embedPending(opts: { download?: boolean } = {}): Promise<void> {
    const download = opts.download ?? true;
    if (this.running && !(download && !this.state.downloadTried)) return this.running;
    const after = this.running?.catch(() => undefined) ?? Promise.resolve();
    const run: Promise<void> = after
      .then(() => this.runEmbedding(download))
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  /** Embeds one text (a query) with the current model. */
  async embedText(text: string, mode: 'query' | 'passage' = 'query'): Promise<Float32Array> {
    const backend = await this.state.get(false);
    const out = await this.embedder.embed(backend.spec, [text], mode, false);
    return out.data;
  }

  /** The in-memory index of a text space for the current model (for the recommender too). */
  async index(kind: TextKind): Promise<VectorIndex | undefined> {
    let loading = this.indexes.get(kind);
    if (!loading) {
      loading = (async () => {
        const key = (await this.state.get(false)).key;
        const v = await this.opts.store.vectors.textVectors(kind, key);
        // int8: at 100,000 tracks the two text indexes take ~40 MB each instead of 150.
        const quantize = v.ids.length > QUANTIZE_ABOVE;
        return v.dim ? VectorIndex.from(v.ids, v.data, { dim: v.dim, quantize }) : undefined;
      })();
      this.indexes.set(kind, loading);
    }
    return loading;
  }

  /** Tracks matching a natural-language description, hybrid semantic + sound words. */
  async vibe(query: string, limit = 25): Promise<VibeResult> {
    const backend = await this.state.get(false);
    // The first search is the "first use": fetch the model and re-embed in the background, and
    // answer now with what there is.
    if (!backend.status.semantic && !this.state.downloadTried && !this.closed) {
      this.embedPending().catch((err) => log.error('model download / embedding failed', err));
    }
    const descriptor = await this.index('descriptor');
    const terms = parseSoundTerms(query);
    if (!descriptor)
      return {
        query,
        soundTerms: terms.map((t) => t.label),
        semantic: backend.status.semantic,
        hits: [],
      };
    const q = await this.embedText(query, 'query');
    const features = await this.features(descriptor.ids());
    const ranked = rankVibe({
      query: q,
      descriptor,
      lyrics: await this.index('lyrics'),
      terms,
      features,
      // Room for the unplayable hits dropped below.
      limit: limit + VIBE_SPARE,
    });
    const ids = ranked.map((h) => h.trackId);
    const [tracks, rows] = await Promise.all([
      this.opts.store.tracks.getMany(ids),
      this.opts.store.features.getMany(ids),
    ]);
    const track = new Map(tracks.map((t) => [t.id, t]));
    // Failed analysis and silence are never suggested (they stay playable by hand); fragments
    // (under 30 s) never displace full tracks, and fill in only when too few full tracks match
    // (a library of clips).
    const unplayable = new Set(
      rows
        .filter((f) => f.status !== 'ok' || isSilent(f.loudnessLufs, f.rms))
        .map((f) => f.trackId),
    );
    const fragments = tracks.filter((t) => t.durationS !== null && t.durationS < MIN_SUGGEST_S);
    const full = tracks.filter((t) => !unplayable.has(t.id)).length - fragments.length;
    if (full >= limit) for (const t of fragments) unplayable.add(t.id);
    const hits = ranked
      .filter((h) => track.has(h.trackId) && !unplayable.has(h.trackId))
      .slice(0, limit)
      .map((h) => ({
        ...h,
        matched: vibeMatches(query, terms, track.get(h.trackId)!, features.get(h.trackId)),
      }));
    return {
      query,
      soundTerms: terms.map((t) => t.label),
      semantic: backend.status.semantic,
      hits,
    };
  }

  /**
   * Tracks whose texts mean something close to this track's: the better of descriptor and lyrics
   * similarity (cosine, −1…1), best first, the track itself left out.
   */
  async similar(trackId: TrackId, limit = 25): Promise<TrackScore[]> {
    const best = new Map<TrackId, number>();
    for (const kind of ['descriptor', 'lyrics'] as const) {
      const index = await this.index(kind);
      const q = index?.get(trackId);
      if (!index || !q) continue;
      for (const n of index.search(q, limit, { exclude: new Set([trackId]) })) {
        best.set(n.id, Math.max(best.get(n.id) ?? -1, n.score));
      }
    }
    return [...best]
      .map(([id, score]) => ({ trackId: id, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  moods(trackId: TrackId): Promise<MoodScore[]> {
    return this.opts.store.vectors.moods(trackId);
  }

  mood(name: Mood, limit = 25): Promise<TrackScore[]> {
    return this.opts.store.vectors.topByMood(name, limit);
  }

  styles(): Promise<StyleCluster[]> {
    return this.opts.store.styles.clusters();
  }

  /** Downloads the chosen model now if it is missing (unless offline); returns the new status. */
  async download(): Promise<MeaningStatus> {
    if (!(await this.state.get(false)).status.semantic) this.reset();
    await this.state.get(true, true);
    return this.status();
  }

  /**
   * Changes the model settings (hub model id, local folder, offline mode, hub host); vectors of
   * the previous model stay until the next embedding pass replaces them.
   */
  async configure(change: {
    model?: string;
    modelPath?: string | null;
    offline?: boolean;
    host?: string;
  }): Promise<void> {
    const v = this.opts.store.vectors;
    if (change.model !== undefined) await v.setSetting('model', change.model);
    if (change.modelPath !== undefined)
      await v.setSetting('modelPath', change.modelPath ?? undefined);
    if (change.offline !== undefined)
      await v.setSetting('offline', change.offline ? '1' : undefined);
    if (change.host !== undefined) await v.setSetting('modelHost', change.host);
    this.reset();
    // A different model re-embeds everything, in the background.
    this.schedule();
  }

  /** Forgets the chosen backend (after a settings change); the next call re-resolves. */
  reset(): void {
    this.state.reset();
    this.indexes.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.embedder.close();
  }

  private onLibraryChanged(change: EngineEvents['library.changed']): void {
    for (const id of change.removed) {
      for (const loading of this.indexes.values()) void loading.then((index) => index?.remove(id));
    }
    if (change.added.length + change.updated.length > 0) this.schedule();
  }

  /** Starts a background pass shortly (coalescing bursts of changes), in auto mode. */
  private schedule(delayMs = AUTO_DELAY_MS): void {
    if (!this.opts.auto || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.embedPending({ download: false }).catch((err) =>
        log.error('background embedding failed', err),
      );
    }, delayMs);
    this.timer.unref();
  }

  private featureSource(): AnalysisReader {
    return this.opts.store.features;
  }

  private async features(ids: TrackId[]): Promise<Map<TrackId, SoundFeatures>> {
    const source = this.featureSource();
    const out = new Map<TrackId, SoundFeatures>();
    if (!source) return out;
    for (let i = 0; i < ids.length; i += 500) {
      for (const f of await source.getMany(ids.slice(i, i + 500)))
        if (f.status === 'ok') out.set(f.trackId, f);
    }
    return out;
  }

  private async runEmbedding(download: boolean): Promise<void> {
    if (this.closed) return;
    const backend = await this.state.get(download);
    const changed = await embedPendingRun({
      store: this.opts.store,
      backend,
      features: (ids) => this.features(ids),
      embed: (texts, chunk) => this.embedder.embed(backend.spec, texts, 'passage', chunk),
      progress: (p) => this.opts.events.emit('embedding.progress', p),
      stored: (kind, rows) =>
        this.updateIndex(kind, (index) => rows.forEach((r) => index.set(r.trackId, r.vector))),
      removed: (kind, ids) =>
        this.updateIndex(kind, (index) => ids.forEach((id) => index.remove(id))),
      cancelled: () => this.closed,
    });
    const stale = changed.length > 0 || (await this.opts.store.vectors.moodTrackCount()) === 0;
    if (!this.closed && stale) await this.refreshMoodsAndStyles(backend);
    // The pass and the refresh leave hundreds of MB of garbage in a large library, which an idle
    // process would otherwise keep (full-gc.ts); a pass that changed nothing left little.
    if (stale) collectGarbage();
    // The next stages (Up Next, stations, mood lists) read text vectors and moods from the store.
    if (!this.closed && changed.length > 0)
      this.opts.events.emit('embedding.updated', { trackIds: changed });
  }

  /**
   * Applies stored or removed vectors to a loaded index in place, so holders of the index (the
   * recommender) stay current without a reload; an index not loaded yet reads the store later.
   */
  private async updateIndex(kind: TextKind, apply: (index: VectorIndex) => void): Promise<void> {
    const loading = this.indexes.get(kind);
    if (!loading) return;
    const index = await loading;
    if (index) apply(index);
    // No vectors existed when it was loaded: load afresh next time (the dimension is known now).
    else this.indexes.delete(kind);
  }

  /** Recomputes mood scores, predicted styles and style clusters for the whole library. */
  private async refreshMoodsAndStyles(backend: Backend): Promise<void> {
    const descriptor = await this.index('descriptor');
    if (!descriptor) return;
    const source = this.featureSource();
    const sound = source?.soundVectors ? await source.soundVectors() : undefined;
    const result = await refreshMoodsAndStyles({
      store: this.opts.store,
      model: backend.key,
      descriptor,
      lyrics: await this.index('lyrics'),
      features: await this.features(descriptor.ids()),
      sound: sound?.ids.length ? sound : undefined,
      embedPrompts: async (texts) =>
        (await this.embedder.embed(backend.spec, texts, 'query', false)).data,
    });
    log.info(
      `moods for ${result.moods} tracks, ${result.clusters} style clusters (${result.space} space)`,
    );
  }
}
