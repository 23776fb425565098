/**
 * One inference call on already-tokenised pieces: pads them into input tensors whose buffers are
 * reused from batch to batch (token batches are similar in size), runs the encoder and mean-pools
 * each row over its real tokens. What the feature-extraction pipeline does, without tokenising the
 * texts again and without allocating fresh inputs per call.
 */
import { Tensor, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Piece } from './text-pieces';

/** Mean-pooled, not yet normalised rows: pieces.length × dim. */
export interface Pooled {
  dim: number;
  data: Float32Array;
}

interface EncoderOutput {
  last_hidden_state?: Tensor;
  token_embeddings?: Tensor;
}

export class BatchInputs {
  private ids = new BigInt64Array(0);
  private mask = new BigInt64Array(0);
  private types = new BigInt64Array(0);
  private readonly wantsTypes: boolean;

  constructor(private readonly extractor: FeatureExtractionPipeline) {
    const session = (
      extractor.model as unknown as { sessions: Record<string, { inputNames: string[] }> }
    ).sessions.model;
    this.wantsTypes = session?.inputNames.includes('token_type_ids') ?? false;
  }

  /** Runs the encoder on `pieces` (at least one) and mean-pools each over its tokens. */
  async meanPooled(pieces: Piece[]): Promise<Pooled> {
    const rows = pieces.length;
    const width = Math.max(...pieces.map((p) => p.ids.length));
    const size = rows * width;
    if (this.ids.length < size) {
      this.ids = new BigInt64Array(size);
      this.mask = new BigInt64Array(size);
      this.types = new BigInt64Array(size);
    }
    const ids = this.ids.subarray(0, size);
    const mask = this.mask.subarray(0, size);
    ids.fill(0n);
    mask.fill(0n);
    pieces.forEach((p, r) => {
      for (let s = 0; s < p.ids.length; s++) {
        ids[r * width + s] = BigInt(p.ids[s]);
        mask[r * width + s] = 1n;
      }
    });
    const dims = [rows, width];
    const feeds: Record<string, Tensor> = {
      input_ids: new Tensor('int64', ids, dims),
      attention_mask: new Tensor('int64', mask, dims),
    };
    if (this.wantsTypes)
      feeds.token_type_ids = new Tensor('int64', this.types.subarray(0, size), dims);
    const model = this.extractor.model as unknown as (
      f: Record<string, Tensor>,
    ) => Promise<EncoderOutput>;
    const out = await model(feeds);
    const hidden = out.last_hidden_state ?? out.token_embeddings;
    if (!hidden) throw new Error('the model gave no token embeddings');
    return pool(hidden.data as Float32Array, pieces, width, hidden.dims[2]);
  }
}

/** Mean of each row's first `ids.length` token vectors (the rest is padding). */
function pool(hidden: Float32Array, pieces: Piece[], width: number, dim: number): Pooled {
  const data = new Float32Array(pieces.length * dim);
  pieces.forEach((p, r) => {
    const row = data.subarray(r * dim, (r + 1) * dim);
    for (let s = 0; s < p.ids.length; s++) {
      const at = (r * width + s) * dim;
      for (let j = 0; j < dim; j++) row[j] += hidden[at + j];
    }
    for (let j = 0; j < dim; j++) row[j] /= p.ids.length;
  });
  return { dim, data };
}
