/**
 * Meaning commands: `encore model` (status, download, choose), `encore embed`, `encore moods
 * TRACK`, `encore mood NAME`, `encore styles`, `encore vibe "QUERY"`. The reading commands first
 * embed whatever is new (the CLI has no background process to do it), with a progress line.
 */
import { resolve } from 'node:path';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../command';
import type { Engine } from '../../engine';
import type { Track, TrackId } from '../../../shared/library';
import { MOODS, type MeaningStatus, type Mood } from '../../../shared/meaning';
import { DEFAULT_MODEL, MODEL_CATALOG } from '../../embedding/models';
import { resolveTrack, wholeNumberOption } from '../args';
import { methods } from '../../../shared/contract';
import { explainError } from '../../../shared/error-sentences';

const name = (t: Track | undefined): string =>
  t ? `${t.artist || '?'} — ${t.title || t.path}` : '(gone)';

function statusLines(s: MeaningStatus): string[] {
  const lines = [
    s.semantic
      ? `Semantic model: ${s.model.id} (revision ${s.model.revision})`
      : `Semantic model not installed — using the lexical fallback`,
    `Wanted: ${s.wanted}`,
    `State: ${s.state} — ${s.semantic ? s.reason : explainError(s.reason).sentence}`,
  ];
  if (s.vectors)
    lines.push(
      `Vectors: ${s.vectors.descriptor} descriptors, ${s.vectors.lyrics} lyrics; ${s.vectors.pending} tracks to embed`,
    );
  return lines;
}

/** Embeds pending tracks with a progress line (downloads the model first when allowed). */
async function embedNow(engine: Engine, ctx: CommandContext): Promise<void> {
  const offs = [
    engine.events.on('embedding.progress', (p) =>
      ctx.out.progress(
        `embedding: ${p.done}/${p.total} tracks, ${p.failed} failed`,
        p.total ? p.done / p.total : 1,
      ),
    ),
    engine.events.on('model.progress', (p) =>
      ctx.out.progress(
        `downloading ${p.modelId}: ${(p.loaded / 1e6).toFixed(1)}/${(p.total / 1e6).toFixed(1)} MB`,
        p.total ? p.loaded / p.total : undefined,
      ),
    ),
  ];
  try {
    await engine.meaning.embedPending();
  } finally {
    for (const off of offs) off();
    ctx.out.endProgress();
  }
}

async function ready(ctx: CommandContext): Promise<Engine> {
  const engine = await ctx.engine();
  const status = await engine.meaning.status();
  // Not a failure: the lexical fallback answers. Said once, as a note, in words.
  if (!status.semantic) ctx.out.note(`Note: ${explainError(status.reason).sentence}.`);
  if ((status.vectors?.pending ?? 0) > 0 || (await engine.store.vectors.moodTrackCount()) === 0)
    await embedNow(engine, ctx);
  return engine;
}

async function tracksById(engine: Engine, ids: TrackId[]): Promise<Map<TrackId, Track>> {
  return new Map((await engine.store.tracks.getMany(ids)).map((t) => [t.id, t]));
}

/**
 * The model `use` names: one of the catalog, or (with --custom, the "Advanced" way) any hub id
 * the contract accepts. A typo is refused instead of silently leaving Encore without a model.
 */
function chosenModel(id: string | undefined, custom: boolean): string {
  const known = MODEL_CATALOG.map((m) => m.id);
  if (!id) throw new UsageError(`name the model: one of ${known.join(', ')}`);
  if (known.includes(id)) return id;
  if (!custom)
    throw new UsageError(
      `unknown model "${id}": one of ${known.join(', ')} (or add --custom to use another Hugging Face model id)`,
    );
  if (!methods['meaning.setModel'].args.shape.model.safeParse(id).success)
    throw new UsageError(`"${id}" is not a Hugging Face model id (ORGANISATION/NAME)`);
  return id;
}

const model: Command = {
  name: 'model',
  summary: 'Show the text-embedding model status; download, list or choose models',
  usage:
    '[status | download | list | use MODEL_ID [--custom] | path DIR | path --clear | offline on|off] [--json]',
  options: { clear: { type: 'boolean' }, custom: { type: 'boolean' } },
  async run(ctx) {
    const [action = 'status', arg, ...extra] = ctx.positionals;
    if (extra.length) throw new UsageError(`unexpected "${extra.join(' ')}"`);
    if (action === 'list') {
      ctx.out.result(MODEL_CATALOG);
      for (const m of MODEL_CATALOG)
        ctx.out.line(
          `${m.id === DEFAULT_MODEL ? '*' : ' '} ${m.id}  ${m.dim} dims, ${m.languages}, ~${m.sizeMB} MB`,
        );
      return 0;
    }
    const engine = await ctx.engine();
    if (action === 'use') {
      await engine.meaning.configure({
        model: chosenModel(arg, ctx.values.custom === true),
        modelPath: null,
      });
    } else if (action === 'path') {
      if (!arg && !ctx.values.clear) throw new UsageError('name the model folder, or --clear');
      await engine.meaning.configure({ modelPath: ctx.values.clear || !arg ? null : resolve(arg) });
    } else if (action === 'offline') {
      if (arg !== 'on' && arg !== 'off') throw new UsageError('say `offline on` or `offline off`');
      await engine.meaning.configure({ offline: arg === 'on' });
    } else if (action !== 'status' && action !== 'download') {
      throw new UsageError(`unknown action "${action}"`);
    }
    let status: MeaningStatus;
    if (action === 'download') {
      const off = engine.events.on('model.progress', (p) =>
        ctx.out.progress(
          `downloading ${p.file}: ${(p.loaded / 1e6).toFixed(1)}/${(p.total / 1e6).toFixed(1)} MB`,
          p.total ? p.loaded / p.total : undefined,
        ),
      );
      try {
        status = await engine.meaning.download();
      } finally {
        off();
        ctx.out.endProgress();
      }
    } else {
      status = await engine.meaning.status();
    }
    ctx.out.result(status);
    for (const l of statusLines(status)) ctx.out.line(l);
    return action === 'download' && !status.semantic ? 1 : 0;
  },
};

const embed: Command = {
  name: 'embed',
  summary:
    'Embed the descriptors and lyrics of new or changed tracks, then refresh moods and styles',
  usage: '[--json]',
  async run(ctx) {
    const engine = await ctx.engine();
    await embedNow(engine, ctx);
    const status = await engine.meaning.status();
    ctx.out.result(status);
    for (const l of statusLines(status)) ctx.out.line(l);
    return 0;
  },
};

const moods: Command = {
  name: 'moods',
  summary: "Show a track's mood scores (text, and audio arousal/valence where analysed)",
  usage: 'TRACK [--json]',
  async run(ctx) {
    const engine = await ready(ctx);
    const track = await resolveTrack(engine, ctx.positionals.join(' '));
    const scores = await engine.meaning.moods(track.id);
    const soundsLike = await engine.store.styles.clusterOf(track.id);
    const predicted = await engine.store.styles.predicted(track.id);
    ctx.out.result({
      track: { id: track.id, artist: track.artist, title: track.title },
      moods: scores,
      soundsLike: soundsLike ?? null,
      predictedGenre: predicted ?? null,
    });
    ctx.out.line(`${name(track)}`);
    if (soundsLike) ctx.out.line(`  Sounds like: ${soundsLike.name} (style ${soundsLike.id})`);
    if (predicted) {
      const pct = Math.round(predicted.confidence * 100);
      ctx.out.line(
        `  Genre (predicted, not in the file's tags): ${predicted.genre}, ${pct}% of neighbours`,
      );
    }
    for (const s of scores) {
      const bar = '#'.repeat(Math.round(s.score * 20)).padEnd(20, '.');
      const audio =
        s.audio === null ? '' : `  (text ${s.text.toFixed(2)}, audio ${s.audio.toFixed(2)})`;
      ctx.out.line(`  ${s.mood.padEnd(10)} ${bar} ${s.score.toFixed(2)}${audio}`);
    }
    if (scores.length === 0) ctx.out.line('  no mood scores yet (run `encore embed`)');
    return 0;
  },
};

const similar: Command = {
  name: 'similar',
  summary: 'Tracks whose descriptions or lyrics mean something close to this one',
  usage: 'TRACK [--limit 25] [--json]',
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const engine = await ready(ctx);
    const track = await resolveTrack(engine, ctx.positionals.join(' '));
    const hits = await engine.meaning.similar(track.id, wholeNumberOption(ctx, 'limit', 25));
    const tracks = await tracksById(
      engine,
      hits.map((h) => h.trackId),
    );
    ctx.out.result({ track: track.id, similar: hits });
    ctx.out.line(`Like ${name(track)}:`);
    for (const h of hits) {
      ctx.out.line(
        `${h.score.toFixed(3)}  ${String(h.trackId).padStart(6)}  ${name(tracks.get(h.trackId))}`,
      );
    }
    return 0;
  },
};

const mood: Command = {
  name: 'mood',
  summary: 'The tracks that carry a mood most strongly',
  usage: `NAME [--limit 25] [--json]   (NAME: ${MOODS.join(', ')})`,
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const wanted = ctx.positionals[0]?.toLowerCase();
    if (!wanted || !(MOODS as readonly string[]).includes(wanted))
      throw new UsageError(`name one of the moods: ${MOODS.join(', ')}`);
    const engine = await ready(ctx);
    const top = await engine.meaning.mood(wanted as Mood, wholeNumberOption(ctx, 'limit', 25));
    const tracks = await tracksById(
      engine,
      top.map((t) => t.trackId),
    );
    ctx.out.result(
      top.map((t) => ({
        ...t,
        artist: tracks.get(t.trackId)?.artist,
        title: tracks.get(t.trackId)?.title,
      })),
    );
    for (const t of top)
      ctx.out.line(
        `${t.score.toFixed(2)}  ${String(t.trackId).padStart(6)}  ${name(tracks.get(t.trackId))}`,
      );
    return 0;
  },
};

const styles: Command = {
  name: 'styles',
  summary:
    'Style clusters ("Sounds like …") with examples; --cluster N lists one as a station seed',
  usage: '[--cluster N] [--limit 25] [--json]',
  options: { cluster: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx) {
    const engine = await ready(ctx);
    if (ctx.values.cluster !== undefined) {
      const cluster = Number(ctx.values.cluster);
      if (!Number.isInteger(cluster) || cluster < 0)
        throw new UsageError(
          `--cluster must be a style number (see \`encore styles\`), not "${String(ctx.values.cluster)}"`,
        );
      const ids = await engine.store.styles.clusterTracks(
        cluster,
        wholeNumberOption(ctx, 'limit', 25),
      );
      const tracks = await tracksById(engine, ids);
      ctx.out.result(ids);
      for (const id of ids) ctx.out.line(`${String(id).padStart(6)}  ${name(tracks.get(id))}`);
      return 0;
    }
    const clusters = await engine.meaning.styles();
    ctx.out.result({ clusters, predicted: await engine.store.styles.countPredicted() });
    const examples = await tracksById(
      engine,
      clusters.flatMap((c) => c.examples),
    );
    for (const c of clusters) {
      ctx.out.line(
        `${String(c.id).padStart(3)}  Sounds like: ${c.name}  (${c.size} tracks, ${c.space} space)`,
      );
      for (const id of c.examples) ctx.out.line(`       ${name(examples.get(id))}`);
    }
    if (clusters.length === 0)
      ctx.out.line('No style clusters yet (they need at least 8 embedded tracks).');
    ctx.out.line(
      `Genres predicted for ${await engine.store.styles.countPredicted()} untagged tracks (kept apart from file tags).`,
    );
    return 0;
  },
};

const vibe: Command = {
  name: 'vibe',
  summary:
    'Find tracks by a description: "rainy sunday morning", "slow acoustic", "120 bpm workout"',
  usage: '"QUERY" [--limit 25] [--json]',
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const query = ctx.positionals.join(' ').trim();
    if (!query)
      throw new UsageError(
        'say what you want to hear, e.g. encore vibe "songs for a long night drive"',
      );
    const engine = await ready(ctx);
    const result = await engine.meaning.vibe(query, wholeNumberOption(ctx, 'limit', 25));
    const tracks = await tracksById(
      engine,
      result.hits.map((h) => h.trackId),
    );
    ctx.out.result({
      ...result,
      hits: result.hits.map((h) => ({
        ...h,
        artist: tracks.get(h.trackId)?.artist,
        title: tracks.get(h.trackId)?.title,
      })),
    });
    if (result.soundTerms.length) ctx.out.line(`Sound words: ${result.soundTerms.join('; ')}`);
    for (const h of result.hits)
      ctx.out.line(
        `${h.score.toFixed(3)}  ${String(h.trackId).padStart(6)}  ${name(tracks.get(h.trackId))}`,
      );
    if (result.hits.length === 0)
      ctx.out.line('Nothing embedded yet: scan a folder first (`encore scan DIR`).');
    return 0;
  },
};

export const meaningCommands: Command[] = [vibe, similar, moods, mood, styles, embed, model];
