/** Recommender commands: next, feedback, station, taste, playlist, journey, import-history,
 * recommend-settings — the same engine calls the UI makes. */
import { writeFile } from 'node:fs/promises';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../command';
import type { Engine } from '../../engine';
import type {
  FeedbackKind,
  RecommendSettings,
  StationSeed,
  UpNextItem,
} from '../../../shared/recommend';
import type { ForgetFacet } from '../../../shared/payload-schemas';
import { FEEDBACK_KINDS } from '../../../shared/recommend';
import { MOODS } from '../../../shared/meaning';
import { toM3u8 } from '../../recommend/mood';
import { formatDuration, resolveTrack, wholeNumberOption } from '../args';
import { methods, recommendSettingsPatch } from '../../../shared/contract';
import { parseKeyValues } from '../settings-input';
import { explainError } from '../../../shared/error-sentences';

/** The CLI's own listening session: consecutive commands within a sitting share it. */
const CLI_SESSION = 'cli';

/** Prints items as "n. Artist — Title  · reason" (or JSON with track details). */
async function printItems(
  ctx: CommandContext,
  engine: Engine,
  items: UpNextItem[],
  extra: object = {},
): Promise<void> {
  const tracks = new Map(
    (await engine.store.tracks.getMany(items.map((i) => i.trackId))).map((t) => [t.id, t]),
  );
  ctx.out.result({
    ...extra,
    items: items.map((i) => ({
      ...i,
      score: Number.isFinite(i.score) ? Math.round(i.score * 1000) / 1000 : null,
      title: tracks.get(i.trackId)?.title ?? null,
      artist: tracks.get(i.trackId)?.artist ?? null,
    })),
  });
  items.forEach((i, n) => {
    const t = tracks.get(i.trackId);
    ctx.out.line(
      `${String(n + 1).padStart(3)}. ${t?.artist || '?'} — ${t?.title ?? i.trackId}  [${i.trackId}]  · ${i.reason}`,
    );
  });
  if (items.length === 0)
    ctx.out.line('Nothing to suggest (is the library empty, or everything excluded?)');
}

const next: Command = {
  name: 'next',
  summary: 'Show Up Next, with a reason for each suggestion',
  usage: '[--after TRACK] [--count N] [--session ID] [--json]',
  options: { after: { type: 'string' }, count: { type: 'string' }, session: { type: 'string' } },
  async run(ctx) {
    const engine = await ctx.engine();
    const after =
      typeof ctx.values.after === 'string'
        ? (await resolveTrack(engine, ctx.values.after)).id
        : undefined;
    const items = await engine.recommend.upNext({
      currentTrackId: after,
      sessionId: typeof ctx.values.session === 'string' ? ctx.values.session : CLI_SESSION,
      count: wholeNumberOption(ctx, 'count', 10, 100),
    });
    await printItems(ctx, engine, items, { after: after ?? null });
    return 0;
  },
};

/**
 * What a person can report from the command line: every feedback kind of the contract except
 * `progress` (the player's periodic position, not something a person says) and `remove` (a
 * removal from a generated playlist, which only the playlist view knows).
 */
const KINDS = FEEDBACK_KINDS.filter(
  (k): k is Exclude<FeedbackKind, 'progress' | 'remove'> => k !== 'progress' && k !== 'remove',
);

const feedback: Command = {
  name: 'feedback',
  summary:
    'Tell Encore what happened: play, complete, skip[@SECONDS], like, dislike (undo: unlike, undislike)',
  usage: `TRACK ${KINDS.map((k) => (k === 'skip' ? 'skip[@SECONDS]' : k)).join('|')} [--session ID] [--json]`,
  options: { session: { type: 'string' } },
  async run(ctx) {
    const [spec, what, ...more] = ctx.positionals;
    if (!spec || !what || more.length)
      throw new UsageError('give a track (id or words) and what happened');
    const [word, at, ...extra] = what.split('@');
    const kind = KINDS.find((k) => k === word);
    if (!kind || extra.length)
      throw new UsageError(`unknown feedback "${what}" (one of ${KINDS.join(', ')})`);
    const positionS = at === undefined ? null : Number(at);
    const positionField = methods['recs.feedback'].args.shape.event.shape.positionS;
    if (positionS !== null && (at?.trim() === '' || !positionField.safeParse(positionS).success))
      throw new UsageError(`the position after @ must be seconds, from 0 up, not "${at}"`);
    const engine = await ctx.engine();
    const track = await resolveTrack(engine, spec);
    const trackId = track.id;
    if (positionS !== null && track.durationS !== null && positionS > track.durationS)
      throw new UsageError(
        `@${at} is past the end of the track: it is ${Math.floor(track.durationS)} s long (${formatDuration(track.durationS)})`,
      );
    const e = await engine.recommend.record({
      trackId,
      kind,
      positionS,
      sessionId: typeof ctx.values.session === 'string' ? ctx.values.session : CLI_SESSION,
      source: 'library',
    });
    ctx.out.result(e);
    ctx.out.line(
      `Recorded ${kind}${positionS !== null ? ` at ${positionS} s` : ''} for ${track.artist || '?'} — ${track.title} (event ${e.id}).`,
    );
    return 0;
  },
};

/** `SONG`, `artist:NAME`, `mood:NAME`, `vibe:TEXT`. */
async function parseSeed(engine: Engine, text: string): Promise<StationSeed> {
  const m = text.match(/^(artist|mood|vibe):(.+)$/is);
  if (!m) return { kind: 'track', trackId: (await resolveTrack(engine, text)).id };
  const value = m[2].trim();
  switch (m[1].toLowerCase()) {
    case 'artist':
      return { kind: 'artist', name: value };
    case 'mood':
      return { kind: 'mood', name: value };
    default:
      return { kind: 'vibe', text: value };
  }
}

const station: Command = {
  name: 'station',
  summary: 'Start a station from a song, an artist, a mood or a vibe',
  usage: 'SONG|artist:NAME|mood:NAME|vibe:"TEXT" [--count N] [--json]',
  options: { count: { type: 'string' } },
  async run(ctx) {
    const text = ctx.positionals.join(' ').trim();
    if (!text) throw new UsageError('give a seed');
    const engine = await ctx.engine();
    const s = await engine.recommend.station(
      await parseSeed(engine, text),
      wholeNumberOption(ctx, 'count', 25, 100),
    );
    await printItems(ctx, engine, s.items, { seed: s.seed, seedTrackIds: s.seedTrackIds });
    return 0;
  },
};

const FACETS = methods['recs.forget'].args.shape.facet.options;

const sameName = (a: string, b: string): boolean =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** What the taste holds under `facet:name` (as it shows it), or null when nothing. */
async function knownInTaste(
  engine: Engine,
  facet: ForgetFacet,
  name: string,
): Promise<string | null> {
  const t = await engine.recommend.taste();
  if (facet === 'sound') return t.sounds.length > 0 ? 'the sound you like' : null;
  const hit = [...t.likes, ...t.dislikes].find((e) => e.facet === facet && sameName(e.name, name));
  return hit ? `${hit.facet}:${hit.name}` : null;
}

const taste: Command = {
  name: 'taste',
  summary: 'Show what Encore thinks you like and dislike; --forget FACET:NAME, --reset',
  usage: '[--forget artist:NAME|genre:NAME|mood:NAME|decade:NAME|sound] [--reset] [--json]',
  options: { forget: { type: 'string' }, reset: { type: 'boolean' } },
  async run(ctx) {
    const engine = await ctx.engine();
    if (ctx.values.reset) {
      await engine.recommend.resetTaste();
      ctx.out.line(
        'Taste reset: Encore starts learning again (history, likes and dislikes are kept).',
      );
    }
    if (typeof ctx.values.forget === 'string') {
      const [word, ...name] = ctx.values.forget.split(':');
      const facet = FACETS.find((f) => f === word);
      if (!facet) throw new UsageError(`forget what? one of ${FACETS.join(', ')}`);
      const known = await knownInTaste(engine, facet, name.join(':'));
      if (!known) {
        ctx.out.error(
          `Encore has learned nothing about ${ctx.values.forget}, so there is nothing to forget (see \`encore taste\` for what it has learned)`,
        );
        return 1;
      }
      await engine.recommend.forget(facet, name.join(':'));
      ctx.out.line(`Forgot ${known}.`);
    }
    const t = await engine.recommend.taste();
    ctx.out.result(t);
    ctx.out.line(`Learned from ${t.events} events, using ${t.features.join(', ')}.`);
    const show = (title: string, list: typeof t.likes): void => {
      ctx.out.line(`${title}:`);
      if (list.length === 0) ctx.out.line('  (nothing yet)');
      for (const e of list)
        ctx.out.line(`  ${e.weight > 0 ? '+' : ''}${e.weight.toFixed(2)}  ${e.facet}: ${e.name}`);
    };
    show('You seem to like', t.likes);
    show('You seem to avoid', t.dislikes);
    if (t.sounds.length)
      ctx.out.line(
        `Sounds you like: ${t.sounds.map((s) => `${s.artist} — ${s.title}`).join('; ')}`,
      );
    ctx.out.line(
      `${t.likedTracks.length} liked tracks, ${t.dislikedTracks.length} disliked (never suggested).`,
    );
    return 0;
  },
};

const playlist: Command = {
  name: 'playlist',
  summary: `A mood playlist (${MOODS.join(', ')}); --remove counts as feedback`,
  usage: 'mood NAME [--count N] [--m3u8 FILE] [--remove TRACK] [--json]',
  options: { count: { type: 'string' }, m3u8: { type: 'string' }, remove: { type: 'string' } },
  async run(ctx) {
    const [what, ...name] = ctx.positionals;
    if (what !== 'mood' || name.length === 0) throw new UsageError('usage: playlist mood NAME');
    const mood = name.join(' ').toLowerCase();
    const engine = await ctx.engine();
    if (typeof ctx.values.remove === 'string') {
      const trackId = (await resolveTrack(engine, ctx.values.remove)).id;
      await engine.recommend.record({
        trackId,
        kind: 'remove',
        context: `mood:${mood}`,
        sessionId: CLI_SESSION,
        source: 'playlist',
      });
      ctx.out.line(`Removed track ${trackId} from the ${mood} playlist (it counts as feedback).`);
    }
    const p = await engine.recommend.moodPlaylist(mood, wholeNumberOption(ctx, 'count', 30, 100));
    if (typeof ctx.values.m3u8 === 'string') {
      const tracks = await engine.store.tracks.getMany(p.items.map((i) => i.trackId));
      await writeFile(ctx.values.m3u8, toM3u8(tracks));
      ctx.out.line(`Wrote ${tracks.length} tracks to ${ctx.values.m3u8}`);
    }
    ctx.out.line(
      `${mood} (from ${p.basis.join(', ') || 'nothing: no track speaks to this mood'}):`,
    );
    await printItems(ctx, engine, p.items, { mood: p.mood, basis: p.basis });
    return 0;
  },
};

const journey: Command = {
  name: 'journey',
  summary: 'A sonic journey from song A to song B, optionally through waypoints',
  usage: 'A B [--via C]... [--steps N] [--json]',
  options: { via: { type: 'string', multiple: true }, steps: { type: 'string' } },
  async run(ctx) {
    const [a, b, ...more] = ctx.positionals;
    if (!a || !b || more.length) throw new UsageError('give two tracks (ids, or quoted words)');
    const engine = await ctx.engine();
    const via = await Promise.all(
      ((ctx.values.via as string[] | undefined) ?? []).map(
        async (v) => (await resolveTrack(engine, v)).id,
      ),
    );
    const steps = ctx.values.steps === undefined ? 10 : Number(ctx.values.steps);
    if (!Number.isInteger(steps) || steps < 2 || steps > 100)
      throw new UsageError('--steps must be 2–100');
    const items = await engine.recommend.journey(
      (await resolveTrack(engine, a)).id,
      (await resolveTrack(engine, b)).id,
      { via, steps },
    );
    await printItems(ctx, engine, items);
    return 0;
  },
};

const importHistory: Command = {
  name: 'import-history',
  summary: 'Import listening history from a Last.fm (CSV/JSON) or ListenBrainz export',
  usage: 'FILE [--json]',
  async run(ctx) {
    const [file] = ctx.positionals;
    if (!file) throw new UsageError('give the export file');
    const engine = await ctx.engine();
    const r = await engine.recommend.importHistory(file).catch((err: unknown) => {
      // Say which file: JSON.parse and the CSV reader do not.
      const { sentence, raw } = explainError(err);
      throw new Error(sentence.includes(file) ? sentence : `${file}: ${sentence}`, { cause: raw });
    });
    ctx.out.result(r);
    ctx.out.line(
      `${r.format}: ${r.listens} listens, ${r.matched} matched to the library${r.alreadyImported ? ` (${r.alreadyImported} already imported, not stored again)` : ''}, ${r.unmatched} not found.`,
    );
    for (const u of r.unmatchedExamples) ctx.out.line(`  not found: ${u}`);
    return 0;
  },
};

const settings: Command = {
  name: 'recommend-settings',
  summary:
    'Show or change recommender settings (noRepeatHours, artistSpacing, adventurousness, autoDj, excluded*)',
  usage: '[KEY=VALUE...] [--json]   e.g. adventurousness=0.8 excludedGenres=Christmas,Kids',
  async run(ctx) {
    const patch = parseKeyValues(recommendSettingsPatch, ctx.positionals);
    const engine = await ctx.engine();
    const s: RecommendSettings = ctx.positionals.length
      ? await engine.recommend.updateSettings(patch)
      : await engine.recommend.settings();
    ctx.out.result(s);
    for (const [k, v] of Object.entries(s))
      ctx.out.line(`${k} = ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    return 0;
  },
};

export const recommendCommands: Command[] = [
  next,
  feedback,
  station,
  taste,
  playlist,
  journey,
  importHistory,
  settings,
];
