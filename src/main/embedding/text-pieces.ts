/**
 * Texts → token pieces for the encoder, tokenised once: each text becomes one piece (descriptors,
 * queries: cut at the window) or several line-aligned pieces (lyrics), as token ids with the
 * model's special tokens around them, and the pieces are grouped into inference batches by
 * padded token count. The ids go to the model as they are, so nothing is tokenised twice.
 */

/** What of a tokenizer this needs: token ids of a text, with or without the special tokens. */
export interface TokenIds {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

/** One model input row: which text it belongs to, its ids (specials included). */
export interface Piece {
  text: number;
  ids: number[];
  /** Tokens of the text in this piece (specials and prefix excluded): its weight in the mean. */
  tokens: number;
}

/**
 * At most this many windows of one lyric are embedded (4 × 128 tokens ≈ 350 words): a song's
 * verses and chorus fit; what goes past it is outros and repeats, which would cost time without
 * changing what the song is about.
 */
export const MAX_LYRIC_WINDOWS = 4;

/** Piece-making for one model and mode: the specials around every piece and the prefix. */
export class PieceMaker {
  private readonly head: number[];
  private readonly tail: number[];
  private readonly prefix: number[];
  /** Tokens of text one piece holds: the window less specials and prefix. */
  readonly budget: number;

  constructor(
    private readonly tokenizer: TokenIds,
    maxTokens: number,
    prefix: string,
  ) {
    // The specials a model puts around a text ([CLS] … [SEP], <s> … </s>): those of an empty one.
    const bare = tokenizer.encode('', { add_special_tokens: true });
    this.head = bare.slice(0, 1);
    this.tail = bare.slice(1);
    this.prefix = prefix ? tokenizer.encode(prefix, { add_special_tokens: false }) : [];
    const overhead = this.head.length + this.tail.length + this.prefix.length;
    // At least a few tokens of text even with a long prefix on a tiny window.
    this.budget = Math.max(8, maxTokens - overhead);
  }

  /** One piece: the text cut at the window (descriptors, search queries). */
  whole(text: number, content: string): Piece[] {
    const ids = this.tokenizer.encode(content.trim(), { add_special_tokens: false });
    if (ids.length === 0) return [];
    return [this.piece(text, ids.slice(0, this.budget))];
  }

  /**
   * Line-aligned pieces of at most one window each (a line longer than a window is split), at
   * most MAX_LYRIC_WINDOWS of them. A line repeated (a chorus) is embedded once: repeats would
   * weigh the mean towards the chorus and cost a window each.
   */
  lines(text: number, content: string): Piece[] {
    const seen = new Set<string>();
    const out: Piece[] = [];
    let current: number[] = [];
    const flush = (): void => {
      if (current.length && out.length < MAX_LYRIC_WINDOWS) out.push(this.piece(text, current));
      current = [];
    };
    for (const raw of content.split(/\r?\n/)) {
      const line = raw.trim();
      const key = line.toLowerCase();
      if (!line || seen.has(key)) continue;
      seen.add(key);
      let ids = this.tokenizer.encode(line, { add_special_tokens: false });
      if (current.length + ids.length > this.budget) flush();
      while (ids.length > this.budget) {
        current = ids.slice(0, this.budget);
        flush();
        ids = ids.slice(this.budget);
      }
      current = current.concat(ids);
      if (out.length >= MAX_LYRIC_WINDOWS) break;
    }
    flush();
    return out;
  }

  private piece(text: number, ids: number[]): Piece {
    return { text, ids: [...this.head, ...this.prefix, ...ids, ...this.tail], tokens: ids.length };
  }
}

/** Piece indexes shortest first, so a batch pads little. */
export function byLength(pieces: Piece[]): number[] {
  return pieces.map((_, i) => i).sort((a, b) => pieces[a].ids.length - pieces[b].ids.length);
}

/** `order` cut into runs of `size`. */
export function fixedBatches(order: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < order.length; start += size)
    out.push(order.slice(start, start + size));
  return out;
}

/**
 * `order` (pieces sorted by length) cut into runs whose padded size — count × the longest piece —
 * stays within `budget` tokens (at least one piece per run).
 */
export function tokenBatches(order: number[], pieces: Piece[], budget: number): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  let longest = 0;
  for (const i of order) {
    const wider = Math.max(longest, pieces[i].ids.length);
    if (run.length > 0 && (run.length + 1) * wider > budget) {
      out.push(run);
      run = [];
      longest = 0;
    }
    run.push(i);
    longest = Math.max(longest, pieces[i].ids.length);
  }
  if (run.length) out.push(run);
  return out;
}
