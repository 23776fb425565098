/** Audio-analysis commands: `encore analyze` runs the queue, `encore features` shows one track. */
import { resolve } from 'node:path';
import type { Command } from '../command';
import { UsageError } from '../command';
import { wholeNumberOption } from '../args';
import type { AudioFeatures } from '../../../shared/analysis';
import type { TrackId } from '../../../shared/library';
import { explainError } from '../../../shared/error-sentences';

const analyze: Command = {
  name: 'analyze',
  summary:
    'Analyse how tracks sound (tempo, key, loudness, timbre, mood) for those not analysed yet',
  usage: '[--limit N] [--json]',
  options: { limit: { type: 'string' } },
  async run(ctx) {
    const limit = wholeNumberOption(ctx, 'limit');
    const engine = await ctx.engine();
    const off = engine.events.on('analysis.progress', (p) => {
      const eta = p.etaS === null ? '' : `, ${Math.ceil(p.etaS)} s left`;
      ctx.out.progress(
        `analysing: ${p.done}/${p.total} tracks, ${p.errors} errors, ${p.rate.toFixed(2)} tracks/s${eta}`,
        p.total ? p.done / p.total : undefined,
      );
    });
    const stop = (): void => void engine.analysis.cancel();
    process.once('SIGINT', stop);
    try {
      const summary = await engine.analysis.start({ limit });
      const counts = await engine.store.features.counts();
      ctx.out.endProgress();
      ctx.out.result({ ...summary, library: counts });
      const rate = summary.seconds > 0 ? summary.done / summary.seconds : 0;
      ctx.out.line(
        `${summary.cancelled ? 'Analysis cancelled' : 'Analysed'} ${summary.done} tracks in ${summary.seconds.toFixed(1)} s (${rate.toFixed(2)} tracks/s): ${summary.ok} ok, ${summary.errors} not analysable or failed.`,
      );
      ctx.out.line(
        `Library: ${counts.ok} analysed, ${counts.unanalysable} not analysable, ${counts.failed} failed, ${counts.pending} waiting.`,
      );
      if (summary.errors > 0) {
        for (const e of await engine.store.features.errors(20))
          ctx.out.line(`  ${e.path}: ${explainError(e.error).sentence}`);
      }
      return summary.cancelled ? 1 : 0;
    } finally {
      off();
      process.off('SIGINT', stop);
    }
  },
};

const fmt = (v: number | null, digits: number, unit = ''): string =>
  v === null ? '—' : `${v.toFixed(digits)}${unit}`;

function describe(f: AudioFeatures): string[] {
  if (f.status !== 'ok')
    return [`status: ${f.status}`, `reason: ${explainError(f.error ?? 'unknown').sentence}`];
  return [
    `tempo:       ${fmt(f.bpm, 1, ' BPM')} (confidence ${fmt(f.bpmConfidence, 2)})`,
    `key:         ${f.key ?? '—'} ${f.scale ?? ''} (strength ${fmt(f.keyStrength, 2)})`,
    `loudness:    ${fmt(f.loudnessLufs, 1, ' LUFS')}, range ${fmt(f.loudnessRangeLu, 1, ' LU')}, gain ${fmt(f.gainDb, 1, ' dB')} (to −18 LUFS)`,
    `danceability ${fmt(f.danceability, 2)}, energy ${fmt(f.energy, 4)}, RMS ${fmt(f.rms, 3)}, dynamic complexity ${fmt(f.dynamicComplexity, 2)}`,
    `onsets:      ${fmt(f.onsetRate, 2, '/s')}, brightness ${fmt(f.spectralCentroid, 0, ' Hz')}, zero crossings ${fmt(f.zcr, 3)}`,
    `mood:        arousal ${fmt(f.arousal, 2)}, valence ${fmt(f.valence, 2)}`,
    `decoder:     ${f.decoder ?? '—'}, analysis version ${f.version}`,
  ];
}

const features: Command = {
  name: 'features',
  summary: 'Show the measured audio features of a track (by id or file path)',
  usage: 'TRACK [--json]',
  async run(ctx) {
    const arg = ctx.positionals.join(' ').trim();
    if (!arg) throw new UsageError('name a track: its id (see `encore tracks`) or its file path');
    const engine = await ctx.engine();
    let id: TrackId | undefined = /^\d+$/.test(arg)
      ? Number(arg)
      : await engine.store.features.trackIdByPath(resolve(arg));
    if (id === undefined) id = (await engine.store.tracks.search(arg, 1))[0]?.id;
    const track = id === undefined ? undefined : await engine.store.tracks.get(id);
    if (!track) throw new Error(`no track "${arg}" in the library`);
    const f = await engine.store.features.get(track.id);
    ctx.out.result({
      track: { id: track.id, path: track.path, title: track.title, artist: track.artist },
      features: f ?? null,
    });
    ctx.out.line(`${track.id}  ${track.artist || '?'} — ${track.title || track.path}`);
    if (!f) ctx.out.line('Not analysed yet: run `encore analyze`.');
    else for (const line of describe(f)) ctx.out.line(`  ${line}`);
    return f ? 0 : 1;
  },
};

export const analysisCommands: Command[] = [analyze, features];
