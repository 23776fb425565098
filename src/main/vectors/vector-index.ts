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

/** How to read int8 dot products of two queries and bound their error (`scoreBothBounded`):
 * score = sum·scale[row]·queryScale, error ≤ scale[row]·a + l1[row]·b (a2, b2, queryScale2 for
 * the second query). */
export interface ErrorBounds {
  scale: Float32Array;
  l1: Float64Array;
  queryScale: number;
  queryScale2: number;
  a: number;
  b: number;
  a2: number;
  b2: number;
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
  /** int8 only: a float32 index of the same vectors. The int8 scan then only rules rows out (by
   * its error bound) and the rows it cannot rule out are scored from this one: the result is
   * exactly this index's own `search`, at about the int8 scan's cost. */
  exact?: VectorIndex;
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
  /** int8 only: per slot its scale, then the two queries' (at `capacity` and `capacity + 1`). */
  private scales = new Float32Array(0);
  /** int8 only: L1 norm of each dequantised row, same layout as `scales` (for error bounds). */
  private l1 = new Float64Array(0);
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
      this.l1[slot] = this.l1[last];
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
    if (options.exact && this.quantized)
      return this.searchRescored(query, k, options.exact, options);
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

  /** `search` through int8 bounds and float32 rescoring (see `SearchOptions.exact`). */
  private searchRescored(
    query: ArrayLike<number>,
    k: number,
    exact: VectorIndex,
    { exclude, filter }: SearchOptions,
  ): Neighbour[] {
    this.writeRow(-1, query, this.queryPtr);
    const sq = this.scales[this.capacity];
    const [a, b] = this.boundTerms(this.capacity);
    // The k-th best lower bound among rows that may be returned: no result can score under it.
    const floor = new TopK(k);
    let t = -Infinity;
    const ids: number[] = [];
    const ints = new Int32Array(this.memory.buffer, this.scorePtr, BLOCK);
    for (let start = 0; start < this.count; start += BLOCK) {
      const rows = Math.min(BLOCK, this.count - start);
      this.kernels.dotsI8(
        this.queryPtr,
        this.dataPtr + start * this.stride,
        rows,
        this.stride,
        this.scorePtr,
      );
      for (let r = 0; r < rows; r++) {
        const slot = start + r;
        const score = ints[r] * this.scales[slot] * sq;
        const e = this.scales[slot] * a + this.l1[slot] * b;
        if (score + e < t) continue;
        const id = this.slotIds[slot];
        if (exclude?.has(id) || (filter && !filter(id))) continue;
        ids.push(id, score + e);
        floor.push(id, score - e);
        t = floor.threshold - Math.abs(floor.threshold) * 2 ** -20;
      }
    }
    const keep: number[] = [];
    for (let i = 0; i < ids.length; i += 2) if (ids[i + 1] >= t) keep.push(ids[i]);
    const rows = Int32Array.from(keep);
    const scores = new Float32Array(rows.length);
    exact.scoreIds(query, query, rows, rows.length, scores, new Float32Array(rows.length));
    const top = new TopK(k);
    for (let i = 0; i < rows.length; i++)
      if (!Number.isNaN(scores[i])) top.push(rows[i], scores[i]);
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
   * Scores every stored vector against two queries in one pass over the rows:
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
    this.writeRow(-1, query, this.queryPtr);
    this.writeRow(-2, query2, this.query2Ptr);
    const { buffer } = this.memory;
    const dots = this.quantized ? this.kernels.dots2I8 : this.kernels.dots2F32;
    for (let start = 0; start < this.count; start += BLOCK) {
      const rows = Math.min(BLOCK, this.count - start);
      const base = this.dataPtr + start * this.stride;
      dots(this.queryPtr, this.query2Ptr, base, rows, this.stride, this.scorePtr, this.score2Ptr);
      if (this.quantized) this.dequantise(start, rows, out, out2, start);
      else {
        out.set(new Float32Array(buffer, this.scorePtr, rows), start);
        out2.set(new Float32Array(buffer, this.score2Ptr, rows), start);
      }
    }
  }

  /**
   * int8 only: the kernel's integer dot products of every row with two queries (sums[i], sums2[i]
   * for the i-th row in storage order; copied out of WebAssembly memory, not converted), and what
   * turns them into scores and bounds how far each can be from the score a float32 index of the
   * same vectors gives (its own rounding included): score = sums[i]·scale[i]·queryScale,
   * |exact − score| ≤ scale[i]·a + l1[i]·b. A caller converts the sums in its own pass, keeps the
   * rows whose bound reaches its threshold and scores only those exactly (`scoreIds` of a float32
   * index). The arrays are views, valid until the index changes.
   */
  scoreBothBounded(
    query: ArrayLike<number>,
    query2: ArrayLike<number>,
    sums: Int32Array,
    sums2: Int32Array,
  ): ErrorBounds {
    if (!this.quantized) throw new Error('error bounds are for an int8 index');
    if (query.length !== this.dim || query2.length !== this.dim)
      throw new Error(`queries must have ${this.dim} values`);
    if (sums.length < this.count || sums2.length < this.count)
      throw new Error(`sum arrays must hold ${this.count} values`);
    this.writeRow(-1, query, this.queryPtr);
    this.writeRow(-2, query2, this.query2Ptr);
    const { buffer } = this.memory;
    for (let start = 0; start < this.count; start += BLOCK) {
      const rows = Math.min(BLOCK, this.count - start);
      const base = this.dataPtr + start * this.stride;
      const { queryPtr: q, query2Ptr: q2, scorePtr: o, score2Ptr: o2 } = this;
      this.kernels.dots2I8(q, q2, base, rows, this.stride, o, o2);
      sums.set(new Int32Array(buffer, o, rows), start);
      sums2.set(new Int32Array(buffer, o2, rows), start);
    }
    const [a, b] = this.boundTerms(this.capacity);
    const [a2, b2] = this.boundTerms(this.capacity + 1);
    const queryScale = this.scales[this.capacity];
    const queryScale2 = this.scales[this.capacity + 1];
    return { scale: this.scales, l1: this.l1, queryScale, queryScale2, a, b, a2, b2 };
  }

  /**
   * The error bound of query slot `q` as err = scale_row·a + l1_row·b. With q = q̂ + f and
   * v = v̂ + e (|f_j| ≤ s_q/2, |e_j| ≤ s_v/2): |q·v − q̂·v̂| ≤ s_v/2·|q̂|₁ + s_q/2·|v̂|₁ + D·s_q·s_v/4;
   * a float32 kernel adds at most γ·Σ|q_j v_j| ≤ γ·127.5·s_q·(|v̂|₁ + D·s_v/2), γ = D·2⁻²³
   * (generous for D-term float32 sums). The result is rounded up by a part in 10⁵, and stored
   * float32 (a bound, not a score).
   */
  private boundTerms(q: number): [number, number] {
    const D = this.dim;
    const sq = this.scales[q];
    const gamma = D * 2 ** -23;
    const up = 1 + 1e-5;
    return [
      up * (this.l1[q] / 2 + (D * sq) / 4 + gamma * 63.75 * D * sq),
      up * (sq / 2 + gamma * 127.5 * sq),
    ];
  }

  /**
   * Scores of the stored vectors of `ids[0 … count)` against two queries: out[i], out2[i] are
   * bit-identical to what `scoreBoth` gives those rows (same kernel, row by row). For rescoring the
   * few rows a coarse pass could not rule out. Unknown ids score NaN.
   */
  scoreIds(
    query: ArrayLike<number>,
    query2: ArrayLike<number>,
    ids: Int32Array,
    count: number,
    out: Float32Array,
    out2: Float32Array,
  ): void {
    if (query.length !== this.dim || query2.length !== this.dim)
      throw new Error(`queries must have ${this.dim} values`);
    this.writeRow(-1, query, this.queryPtr);
    this.writeRow(-2, query2, this.query2Ptr);
    const dots = this.quantized ? this.kernels.dots2I8 : this.kernels.dots2F32;
    const { buffer } = this.memory;
    const f1 = new Float32Array(buffer, this.scorePtr, 1);
    const f2 = new Float32Array(buffer, this.score2Ptr, 1);
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      if (!this.has(id)) {
        out[i] = out2[i] = NaN;
        continue;
      }
      const slot = this.slotOf[id] - 1;
      const base = this.dataPtr + slot * this.stride;
      dots(this.queryPtr, this.query2Ptr, base, 1, this.stride, this.scorePtr, this.score2Ptr);
      if (this.quantized) this.dequantise(slot, 1, out, out2, i);
      else {
        out[i] = f1[0];
        out2[i] = f2[0];
      }
    }
  }

  /** int8: the kernel's integer sums for slots `slot … slot + rows` as scores, written to
   * out[at …] and out2[at …]. */
  private dequantise(
    slot: number,
    rows: number,
    out: Float32Array,
    out2: Float32Array,
    at: number,
  ): void {
    const { buffer } = this.memory;
    const ints = new Int32Array(buffer, this.scorePtr, rows);
    const ints2 = new Int32Array(buffer, this.score2Ptr, rows);
    const s1 = this.scales[this.capacity];
    const s2 = this.scales[this.capacity + 1];
    for (let r = 0; r < rows; r++) {
      const s = this.scales[slot + r];
      out[at + r] = ints[r] * s * s1;
      out2[at + r] = ints2[r] * s * s2;
    }
  }

  /** Bytes held: the vector block, scales, and the id maps. */
  memoryBytes(): number {
    return (
      this.memory.buffer.byteLength +
      this.slotIds.byteLength +
      this.scales.byteLength +
      this.l1.byteLength +
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
    let l1 = 0;
    for (let j = 0; j < this.dim; j++) {
      row[j] = Math.round(vector[j] / norm / scale);
      l1 += Math.abs(row[j]);
    }
    row.fill(0, this.dim);
    // The queries' scales sit past the last slot (query 1 at capacity, query 2 one further).
    const s = slot < 0 ? this.capacity - 1 - slot : slot;
    this.scales[s] = scale;
    this.l1[s] = l1 * this.scales[s];
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity && this.slotIds.length > 0) return;
    const needed = this.dataPtr + rows * this.stride;
    const have = this.memory.buffer.byteLength;
    if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE));
    const ids = new Int32Array(rows);
    ids.set(this.slotIds.subarray(0, this.count));
    this.slotIds = ids;
    const scales = new Float32Array(this.quantized ? rows + 2 : 0);
    scales.set(this.scales.subarray(0, Math.min(this.count, scales.length)));
    this.scales = scales;
    const l1 = new Float64Array(scales.length);
    l1.set(this.l1.subarray(0, Math.min(this.count, l1.length)));
    this.l1 = l1;
    this.capacity = rows;
  }

  private ensureIdRoom(id: number): void {
    if (id < this.slotOf.length) return;
    const grown = new Int32Array(Math.max(id + 1, Math.ceil(this.slotOf.length * 1.5), 1024));
    grown.set(this.slotOf);
    this.slotOf = grown;
  }
}
