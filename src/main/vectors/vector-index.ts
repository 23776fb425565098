/**
 * An in-memory vector index for exact top-k search: every vector lives in one contiguous block
 * (WebAssembly memory, so the SIMD kernels scan it in place), Float32 or int8-quantised, keyed by
 * an integer id (a track id). Used for the text spaces (descriptor, lyrics) here and by the
 * recommender for neighbours in sound space; any dimension works.
 *
 * Exact brute force is the right tool at a personal collection's size: 100,000 × 384 is a 38 M
 * multiply-add scan, a few milliseconds with SIMD, with no index build time, no recall loss and
 * trivial updates (add, overwrite in place, remove by moving the last row into the hole).
 */
import { TopK } from './top-k';
import {
  createMemory,
  instantiateKernels,
  WASM_PAGE,
  type Kernels,
  type WasmMemory,
} from './simd-kernels';

export type Metric = 'cosine' | 'dot';

export interface VectorIndexOptions {
  /** Vector length, ≥ 1. */
  dim: number;
  /** 'cosine' (default) normalises stored vectors and queries; 'dot' keeps them as given. */
  metric?: Metric;
  /** Store int8 (per-vector scale) instead of float32: 4× smaller, scores within ~1% of exact. */
  quantize?: boolean;
  /** Rows to reserve up front (saves regrowth when the count is known). */
  capacity?: number;
}

export interface Neighbour {
  id: number;
  /** Cosine similarity (−1…1) for 'cosine', the raw dot product for 'dot'. */
  score: number;
}

export interface SearchOptions {
  /** Ids to leave out (the query track itself, tracks already queued…). */
  exclude?: ReadonlySet<number>;
  /** Keep only ids for which this returns true. */
  filter?: (id: number) => boolean;
}

const PAGE = WASM_PAGE;
// Rows scored per kernel call: 1024 scores = 4 KB, stays in L1 while the top-k pass reads it.
const BLOCK = 1024;

export class VectorIndex {
  readonly dim: number;
  readonly metric: Metric;
  readonly quantized: boolean;
  /** Bytes per stored row: the dim padded to the kernels' step (32 bytes f32, 16 bytes int8). */
  private readonly stride: number;
  private readonly memory: WasmMemory;
  private readonly kernels: Kernels;
  private readonly queryPtr = 0;
  /** A second query, for scoring two queries in one pass (`scoreBoth`). */
  private readonly query2Ptr: number;
  private readonly scorePtr: number;
  private readonly score2Ptr: number;
  private readonly dataPtr: number;
  private capacity = 0;
  private count = 0;
  private slotIds = new Int32Array(0);
  private scales = new Float32Array(0);
  /** slotOf[id] = row + 1, 0 when absent (ids are small non-negative integers: track ids). */
  private slotOf = new Int32Array(0);

  constructor(options: VectorIndexOptions) {
    if (!Number.isInteger(options.dim) || options.dim < 1)
      throw new Error(`bad dimension ${options.dim}`);
    this.dim = options.dim;
    this.metric = options.metric ?? 'cosine';
    this.quantized = options.quantize ?? false;
    this.stride = this.quantized ? Math.ceil(this.dim / 16) * 16 : Math.ceil(this.dim / 8) * 32;
    this.query2Ptr = Math.ceil(this.stride / 64) * 64;
    this.scorePtr = 2 * this.query2Ptr;
    this.score2Ptr = this.scorePtr + BLOCK * 4;
    this.dataPtr = this.score2Ptr + BLOCK * 4;
    this.memory = createMemory(Math.ceil(this.dataPtr / PAGE));
    this.kernels = instantiateKernels(this.memory);
    this.reserve(options.capacity ?? 0);
  }

  /** Builds an index from contiguous rows (`data.length === ids.length * dim`). */
  static from(
    ids: ArrayLike<number>,
    data: Float32Array,
    options: VectorIndexOptions,
  ): VectorIndex {
    const index = new VectorIndex({
      ...options,
      capacity: Math.max(options.capacity ?? 0, ids.length),
    });
    for (let i = 0; i < ids.length; i++)
      index.set(ids[i], data.subarray(i * index.dim, (i + 1) * index.dim));
    return index;
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return id >= 0 && id < this.slotOf.length && this.slotOf[id] > 0;
  }

  /** The ids in storage order. */
  ids(): number[] {
    return Array.from(this.slotIds.subarray(0, this.count));
  }

  /** Adds a vector or replaces the one stored for `id`. */
  set(id: number, vector: ArrayLike<number>): void {
    if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) throw new Error(`bad id ${id}`);
    if (vector.length !== this.dim)
      throw new Error(`vector has ${vector.length} values, index has ${this.dim}`);
    let slot = this.has(id) ? this.slotOf[id] - 1 : -1;
    if (slot < 0) {
      if (this.count === this.capacity)
        this.reserve(Math.max(this.capacity + BLOCK, Math.ceil(this.capacity * 1.25)));
      slot = this.count++;
      this.slotIds[slot] = id;
      this.ensureIdRoom(id);
      this.slotOf[id] = slot + 1;
    }
    this.writeRow(slot, vector, this.dataPtr + slot * this.stride);
  }

  /** Removes `id`; false when it was not there. The last row moves into the hole. */
  remove(id: number): boolean {
    if (!this.has(id)) return false;
    const slot = this.slotOf[id] - 1;
    const last = this.count - 1;
    if (slot !== last) {
      const bytes = new Uint8Array(this.memory.buffer);
      const from = this.dataPtr + last * this.stride;
      bytes.copyWithin(this.dataPtr + slot * this.stride, from, from + this.stride);
      const movedId = this.slotIds[last];
      this.slotIds[slot] = movedId;
      this.scales[slot] = this.scales[last];
      this.slotOf[movedId] = slot + 1;
    }
    this.slotOf[id] = 0;
    this.count = last;
    return true;
  }

  /** The stored vector (dequantised when int8), or undefined. */
  get(id: number): Float32Array | undefined {
    if (!this.has(id)) return undefined;
    const slot = this.slotOf[id] - 1;
    const at = this.dataPtr + slot * this.stride;
    if (!this.quantized) return new Float32Array(this.memory.buffer, at, this.dim).slice();
    const row = new Int8Array(this.memory.buffer, at, this.dim);
    const out = new Float32Array(this.dim);
    for (let j = 0; j < this.dim; j++) out[j] = row[j] * this.scales[slot];
    return out;
  }

  /** The k best-scoring stored vectors for `query`, best first. */
  search(query: ArrayLike<number>, k: number, options: SearchOptions = {}): Neighbour[] {
    if (query.length !== this.dim)
      throw new Error(`query has ${query.length} values, index has ${this.dim}`);
    if (k <= 0 || this.count === 0) return [];
    this.writeRow(-1, query, this.queryPtr);
    const queryScale = this.quantized ? this.scales[this.capacity] : 1;
    const top = new TopK(k);
    const { exclude, filter } = options;
    const floats = new Float32Array(this.memory.buffer, this.scorePtr, BLOCK);
    const ints = new Int32Array(this.memory.buffer, this.scorePtr, BLOCK);
    for (let start = 0; start < this.count; start += BLOCK) {
      const rows = Math.min(BLOCK, this.count - start);
      const base = this.dataPtr + start * this.stride;
      if (this.quantized)
        this.kernels.dotsI8(this.queryPtr, base, rows, this.stride, this.scorePtr);
      else this.kernels.dotsF32(this.queryPtr, base, rows, this.stride, this.scorePtr);
      for (let r = 0; r < rows; r++) {
        const slot = start + r;
        const score = this.quantized ? ints[r] * this.scales[slot] * queryScale : floats[r];
        if (!top.accepts(score)) continue;
        const id = this.slotIds[slot];
        if (exclude?.has(id) || (filter && !filter(id))) continue;
        top.push(id, score);
      }
    }
    return top.best();
  }

  /**
   * Scores every stored vector against `query` (one SIMD scan): scores[i] belongs to ids[i].
   * For callers that combine several queries per id (mood prompts, hybrid ranking).
   */
  scoreAll(query: ArrayLike<number>): { ids: Int32Array; scores: Float32Array } {
    if (query.length !== this.dim)
      throw new Error(`query has ${query.length} values, index has ${this.dim}`);
    const scores = new Float32Array(this.count);
    this.writeRow(-1, query, this.queryPtr);
    const queryScale = this.quantized ? this.scales[this.capacity] : 1;
    for (let start = 0; start < this.count; start += BLOCK) {
      const rows = Math.min(BLOCK, this.count - start);
      const base = this.dataPtr + start * this.stride;
      if (this.quantized) {
        this.kernels.dotsI8(this.queryPtr, base, rows, this.stride, this.scorePtr);
        const ints = new Int32Array(this.memory.buffer, this.scorePtr, rows);
        for (let r = 0; r < rows; r++)
          scores[start + r] = ints[r] * this.scales[start + r] * queryScale;
      } else {
        this.kernels.dotsF32(this.queryPtr, base, rows, this.stride, this.scorePtr);
        scores.set(new Float32Array(this.memory.buffer, this.scorePtr, rows), start);
      }
    }
    return { ids: this.slotIds.slice(0, this.count), scores };
  }

  /**
   * Scores every stored vector against two queries in one pass over the rows (float32 only):
   * out[i] and out2[i] belong to the i-th id in storage order; both arrays hold ≥ `size` values.
   * The same scores as two `scoreAll` calls, with the vectors read from memory once and no
   * allocation (a 100,000-row catalog does this once per Up Next).
   */
  scoreBoth(
    query: ArrayLike<number>,
    query2: ArrayLike<number>,
    out: Float32Array,
    out2: Float32Array,
  ): void {
    if (query.length !== this.dim || query2.length !== this.dim)
      throw new Error(`queries must have ${this.dim} values`);
    if (out.length < this.count || out2.length < this.count)
      throw new Error(`score arrays must hold ${this.count} values`);
    if (this.quantized) {
      out.set(this.scoreAll(query).scores);
      out2.set(this.scoreAll(query2).scores);
      return;
    }
    this.writeRow(-1, query, this.queryPtr);
    this.writeRow(-1, query2, this.query2Ptr);
    const { buffer } = this.memory;
    for (let start = 0; start < this.count; start += BLOCK) {
      const rows = Math.min(BLOCK, this.count - start);
      const base = this.dataPtr + start * this.stride;
      this.kernels.dots2F32(
        this.queryPtr,
        this.query2Ptr,
        base,
        rows,
        this.stride,
        this.scorePtr,
        this.score2Ptr,
      );
      out.set(new Float32Array(buffer, this.scorePtr, rows), start);
      out2.set(new Float32Array(buffer, this.score2Ptr, rows), start);
    }
  }

  /** Bytes held: the vector block, scales, and the id maps. */
  memoryBytes(): number {
    return (
      this.memory.buffer.byteLength +
      this.slotIds.byteLength +
      this.scales.byteLength +
      this.slotOf.byteLength
    );
  }

  /** Copies out every vector, contiguous, in `ids()` order (dequantised when int8). */
  toArray(): Float32Array {
    const out = new Float32Array(this.count * this.dim);
    const ids = this.slotIds;
    for (let s = 0; s < this.count; s++) out.set(this.get(ids[s]) as Float32Array, s * this.dim);
    return out;
  }

  /** Writes `vector` (normalised for cosine, quantised for int8) at byte offset `at`. */
  private writeRow(slot: number, vector: ArrayLike<number>, at: number): void {
    let norm = 1;
    if (this.metric === 'cosine') {
      let sum = 0;
      for (let j = 0; j < this.dim; j++) sum += vector[j] * vector[j];
      norm = sum > 0 ? Math.sqrt(sum) : 1;
    }
    if (!this.quantized) {
      const row = new Float32Array(this.memory.buffer, at, this.stride / 4);
      for (let j = 0; j < this.dim; j++) row[j] = vector[j] / norm;
      row.fill(0, this.dim);
      return;
    }
    let max = 0;
    for (let j = 0; j < this.dim; j++) max = Math.max(max, Math.abs(vector[j] / norm));
    // Symmetric per-vector scale: ±127 spans the largest component.
    const scale = max > 0 ? max / 127 : 1;
    const row = new Int8Array(this.memory.buffer, at, this.stride);
    for (let j = 0; j < this.dim; j++) row[j] = Math.round(vector[j] / norm / scale);
    row.fill(0, this.dim);
    // The query's scale sits one past the last slot.
    this.scales[slot < 0 ? this.capacity : slot] = scale;
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity && this.slotIds.length > 0) return;
    const needed = this.dataPtr + rows * this.stride;
    const have = this.memory.buffer.byteLength;
    if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE));
    const ids = new Int32Array(rows);
    ids.set(this.slotIds.subarray(0, this.count));
    this.slotIds = ids;
    const scales = new Float32Array(this.quantized ? rows + 1 : 0);
    scales.set(this.scales.subarray(0, Math.min(this.count, scales.length)));
    this.scales = scales;
    this.capacity = rows;
  }

  private ensureIdRoom(id: number): void {
    if (id < this.slotOf.length) return;
    const grown = new Int32Array(Math.max(id + 1, Math.ceil(this.slotOf.length * 1.5), 1024));
    grown.set(this.slotOf);
    this.slotOf = grown;
  }
}
