/** Library commands: scan, stats, search, tracks, roots. */
import type { Command } from '../command';
import { formatDuration, wholeNumberOption } from '../args';
import { UsageError } from '../command';
import type { ScanSummary, Track } from '../../../shared/library';
import { trackSortSchema, type TrackSort } from '../../../shared/payload-schemas';
import { explainError } from '../../../shared/error-sentences';
import { libraryProblems } from '../problems';

const SORTS = trackSortSchema.options;

function trackLine(t: Track): string {
  return `${String(t.id).padStart(6)}  ${formatDuration(t.durationS)}  ${t.artist || '?'} — ${t.title}${t.album ? `  (${t.album})` : ''}${t.missing ? '  [missing]' : ''}`;
}

const scan: Command = {
  name: 'scan',
  summary:
    'Add folders to the library (if given) and scan it for new, changed, moved and removed files',
  usage: '[DIR...] [--json]',
  async run(ctx) {
    const engine = await ctx.engine();
    for (const dir of ctx.positionals) await engine.library.addRoot(dir);
    const roots = await engine.library.roots();
    if (roots.length === 0)
      throw new UsageError('no library folders yet: name one, e.g. `encore scan ~/Music`');
    const off = engine.events.on('scan.progress', (p) => {
      const eta = p.etaS === null ? '' : `, ${Math.ceil(p.etaS)} s left`;
      ctx.out.progress(
        `${p.phase}: ${p.done}/${p.seen} files, ${p.errors} errors, ${p.rate.toFixed(0)} files/s${eta}`,
        p.seen ? p.done / p.seen : undefined,
      );
    });
    const stop = (): void => engine.library.cancelScan();
    process.once('SIGINT', stop);
    let summary: ScanSummary;
    try {
      summary = await engine.library.scan({
        roots: ctx.positionals.length > 0 ? ctx.positionals : undefined,
      });
    } finally {
      off();
      process.off('SIGINT', stop);
    }
    ctx.out.endProgress();
    ctx.out.result(summary);
    const s = summary;
    ctx.out.line(
      `${s.cancelled ? 'Scan cancelled' : 'Scanned'} in ${(s.durationMs / 1000).toFixed(1)} s: ${s.added} added, ${s.updated} updated, ${s.moved} moved, ${s.removed} removed, ${s.unchanged} unchanged, ${s.errors} unreadable.`,
    );
    for (const root of s.unavailableRoots) {
      ctx.out.line(
        `Not available: ${root} (missing, empty or unreadable; its tracks are kept and marked missing).`,
      );
    }
    for (const folder of s.unreadableFolders) {
      ctx.out.line(`Could not read ${folder.path}: ${explainError(folder.error).sentence}.`);
    }
    if (s.errors > 0)
      ctx.out.line('See `encore tracks --errors` for the files that could not be read.');
    return s.cancelled ? 1 : 0;
  },
};

const stats: Command = {
  name: 'stats',
  summary: 'Show what the library holds',
  usage: '[--json]',
  async run(ctx) {
    const s = await (await ctx.engine()).store.tracks.stats();
    ctx.out.result(s);
    ctx.out.line(
      `${s.tracks} tracks (${s.missing} missing), ${s.artists} artists, ${s.albums} albums, ${(s.totalDurationS / 3600).toFixed(1)} hours`,
    );
    ctx.out.line(
      `${s.withLyrics} with lyrics, ${s.withCovers} with covers, ${s.errors} unreadable files`,
    );
    for (const r of s.roots) ctx.out.line(`  ${r.path}  ${r.tracks} tracks  [${r.status}]`);
    return 0;
  },
};

const search: Command = {
  name: 'search',
  summary: 'Find tracks by title, artist, album, genre, composer or lyrics',
  usage: 'QUERY [--limit N] [--json]',
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const query = ctx.positionals.join(' ').trim();
    if (!query) throw new UsageError('say what to search for');
    const found = await (
      await ctx.engine()
    ).store.tracks.search(query, wholeNumberOption(ctx, 'limit', 25));
    ctx.out.result(found);
    if (found.length === 0) ctx.out.line(`Nothing matches "${query}".`);
    for (const t of found) ctx.out.line(trackLine(t));
    return 0;
  },
};

const tracks: Command = {
  name: 'tracks',
  summary: 'List the tracks of the library (or, with --errors, the files that could not be read)',
  usage: `[--sort ${SORTS.join('|')}] [--limit N] [--errors] [--json]`,
  options: { limit: { type: 'string' }, sort: { type: 'string' }, errors: { type: 'boolean' } },
  async run(ctx) {
    const engine = await ctx.engine();
    const limit = wholeNumberOption(ctx, 'limit', Number.MAX_SAFE_INTEGER);
    if (ctx.values.errors) {
      const groups = await libraryProblems(engine, Math.min(limit, 100_000));
      ctx.out.result(groups);
      if (groups.length === 0) ctx.out.line('No problems: every file could be read.');
      for (const g of groups) {
        ctx.out.line(`${g.sentence} (${g.problems.length}):`);
        for (const p of g.problems)
          ctx.out.line(`  ${p.path}${p.stage === 'analysis' ? '  [analysis]' : ''}`);
      }
      return 0;
    }
    const sort = (ctx.values.sort ?? 'artist') as TrackSort;
    if (!SORTS.includes(sort)) throw new UsageError(`--sort must be one of ${SORTS.join(', ')}`);
    const list = await engine.store.tracks.list({
      sort,
      limit: limit === Number.MAX_SAFE_INTEGER ? undefined : limit,
    });
    ctx.out.result(list);
    for (const t of list) ctx.out.line(trackLine(t));
    return 0;
  },
};

const roots: Command = {
  name: 'roots',
  summary: 'List the library folders, or remove one (--remove DIR; the files are not touched)',
  usage: '[--remove DIR] [--json]',
  options: { remove: { type: 'string' } },
  async run(ctx) {
    const engine = await ctx.engine();
    if (typeof ctx.values.remove === 'string') {
      if (!(await engine.library.removeRoot(ctx.values.remove)))
        throw new UsageError(`${ctx.values.remove} is not a library folder`);
      ctx.out.line(`Removed ${ctx.values.remove} from the library.`);
    }
    const list = await engine.library.roots();
    ctx.out.result(list);
    for (const r of list) ctx.out.line(`${r.path}  [${r.status}]`);
    return 0;
  },
};

export const libraryCommands: Command[] = [scan, stats, search, tracks, roots];
