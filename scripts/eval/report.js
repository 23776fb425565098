/**
 * Turns the simulation's rows into the evaluation's numbers (skip rate per session, hit rate and
 * NDCG@10 on unplayed tracks, coverage, intra-list diversity, artist repetition, time to adapt
 * after a change of mood), aggregates them over seeds (mean and spread), and checks the targets.
 */
import { dot } from './systems.js';
import { isChangeSession } from './simulate.js';

export const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
export const sd = (xs) => {
  const m = mean(xs);
  return xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) : 0;
};
export const pct = (x) => (x === null || Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/** Skip rate on the tracks after a change, and how many tracks until the 3-track moving skip
 * rate is back within 10 points of the rate over the five tracks before it (null: not within
 * the session). */
export function recovery(before, after) {
  for (let k = 0; k + 2 < after.length; k++) {
    if (mean(after.slice(k, k + 3)) <= before + 0.1) return k;
  }
  return null;
}

/** Numbers of one system in one run (one seed), over the listeners `keep` accepts. */
export function summarise(all, { sessions, length, catalogSize, sound, keep = () => true }) {
  const rows = all.rows.filter((r) => keep(r.listener));
  const evals = all.evals.filter((e) => keep(e.listener));
  const changeAt = Math.floor(length / 2);
  // Per session, before any mood change (so mood-change sessions compare like with like).
  const steady = rows.filter((r) => !r.change || r.pos < changeAt);
  const perSession = Array.from({ length: sessions }, (_, s) =>
    mean(steady.filter((r) => r.session === s).map((r) => +r.skip)),
  );
  const changed = rows.filter((r) => r.change);
  const before = mean(
    changed.filter((r) => r.pos >= changeAt - 5 && r.pos < changeAt).map((r) => +r.skip),
  );
  const after = Array.from({ length: length - changeAt }, (_, k) =>
    mean(changed.filter((r) => r.pos === changeAt + k).map((r) => +r.skip)),
  );
  const lists = all.lists.filter((l) => keep(l.listener)).map((l) => l.ids);
  const served = new Set(lists.flat());
  const ild = mean(
    lists.map((l) => {
      const v = l.map((id) => sound.get(id)).filter(Boolean);
      let s = 0;
      let n = 0;
      for (let i = 0; i < v.length; i++)
        for (let j = i + 1; j < v.length; j++, n++) s += 1 - dot(v[i], v[j]);
      return n ? s / n : 0;
    }),
  );
  const scored = evals.length > 0;
  return {
    skip: mean(rows.map((r) => +r.skip)),
    perSession,
    first3: mean(perSession.slice(0, 3)),
    last3: mean(perSession.slice(-3)),
    hit: scored ? mean(evals.map((e) => e.hit)) : null,
    ndcg: scored ? mean(evals.map((e) => e.ndcg)) : null,
    coverage: served.size / catalogSize,
    ild,
    artistRepeat: mean(rows.map((r) => +r.artistRepeat)),
    before,
    after,
    adapt: recovery(before, after),
    plays: rows.length,
    queries: evals.length,
  };
}

const SCALARS = [
  'skip',
  'first3',
  'last3',
  'hit',
  'ndcg',
  'coverage',
  'ild',
  'artistRepeat',
  'before',
];

/**
 * Several seeds' summaries of one system → per metric { mean, sd, min, max, values }; per-session
 * and after-change curves as means; recovery on the mean curve and per seed.
 */
export function aggregate(runs) {
  const out = { seeds: runs.length, plays: runs.reduce((s, r) => s + r.plays, 0) };
  for (const k of SCALARS) {
    const xs = runs.map((r) => r[k]);
    out[k] = xs.some((x) => x === null)
      ? null
      : { mean: mean(xs), sd: sd(xs), min: Math.min(...xs), max: Math.max(...xs), values: xs };
  }
  out.perSession = runs[0].perSession.map((_, s) => mean(runs.map((r) => r.perSession[s])));
  out.after = runs[0].after.map((_, k) => mean(runs.map((r) => r.after[k])));
  out.adapt = recovery(out.before.mean, out.after);
  out.adaptPerSeed = runs.map((r) => r.adapt);
  return out;
}

/** "31.6% ± 1.2" (mean ± SD over seeds, in points), or "n/a". */
export const spread = (m, digits = 1) =>
  m === null ? 'n/a' : `${(100 * m.mean).toFixed(digits)}% ± ${(100 * m.sd).toFixed(digits)}`;
export const spread3 = (m) => (m === null ? 'n/a' : `${m.mean.toFixed(3)} ± ${m.sd.toFixed(3)}`);

/**
 * The acceptance targets, checked on seed means: skip rate ≥ 30 % lower than shuffle's and ≥ 15 %
 * lower than content similarity's, hit@10 above every baseline that can be scored, skip rate
 * falling from sessions 1–3 to the last three, recovery within 6 tracks after a change of mood.
 */
export function targets(A, encore = 'Encore') {
  const E = A[encore];
  const rel = (b) => 1 - E.skip.mean / A[b].skip.mean;
  const baselines = Object.keys(A).filter((n) => !n.startsWith('Encore'));
  const scorable = baselines.filter((b) => A[b].hit !== null);
  const out = [];
  if (A['Random shuffle'])
    out.push({
      target: "skip rate ≥ 30 % lower than random shuffle's",
      met: rel('Random shuffle') >= 0.3,
      detail: `${(100 * rel('Random shuffle')).toFixed(1)} % lower (${pct(E.skip.mean)} vs ${pct(A['Random shuffle'].skip.mean)})`,
    });
  if (A['Content similarity'])
    out.push({
      target: "skip rate ≥ 15 % lower than content similarity's",
      met: rel('Content similarity') >= 0.15,
      detail: `${(100 * rel('Content similarity')).toFixed(1)} % lower (${pct(E.skip.mean)} vs ${pct(A['Content similarity'].skip.mean)})`,
    });
  const worst = scorable.map((b) => [b, E.hit.mean - A[b].hit.mean]).sort((a, b) => a[1] - b[1])[0];
  if (worst)
    out.push({
      target: 'hit@10 above every baseline',
      met: worst[1] > 0,
      detail: `closest: ${worst[0]} at ${pct(A[worst[0]].hit.mean)} vs Encore ${pct(E.hit.mean)} (${worst[1] >= 0 ? '+' : ''}${(100 * worst[1]).toFixed(1)} points)`,
    });
  out.push({
    target: 'skip rate falls from sessions 1–3 to the last three',
    met: E.last3.mean < E.first3.mean,
    detail: `${pct(E.first3.mean)} → ${pct(E.last3.mean)}`,
  });
  out.push({
    target:
      'after a change of mood, 3-track skip rate back within 10 points of before within 6 tracks',
    // Recovered "within 6 tracks": the first 3-track window back in range ends by track +6.
    met: E.adapt !== null && E.adapt + 3 <= 6,
    detail: `before ${pct(E.before.mean)}; +1…+6: ${E.after.slice(0, 6).map(pct).join(', ')}; ${E.adapt === null ? 'not back within the session' : `first back on tracks +${E.adapt + 1}…+${E.adapt + 3}`}`,
  });
  return out;
}

/** One line per system for the terminal. */
export function terminalTable(A) {
  return Object.entries(A)
    .map(
      ([n, x]) =>
        `${n.padEnd(20)} skip ${spread(x.skip).padStart(13)}  first3 ${pct(x.first3.mean).padStart(6)} last3 ${pct(x.last3.mean).padStart(6)}  hit@10 ${spread(x.hit).padStart(13)}  ndcg ${spread3(x.ndcg)}  adapt ${x.adapt} (${pct(x.before.mean)} → ${x.after.slice(0, 6).map(pct).join(' ')})`,
    )
    .join('\n');
}

/** The per-session and per-block skip tables (seed means). */
export function sessionTables(A, sessions) {
  const names = Object.keys(A);
  const head = `| Session | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|`;
  const perSession = Array.from(
    { length: sessions },
    (_, s) =>
      `| ${s + 1}${isChangeSession(s) ? ' (mood change)' : ''} | ${names.map((n) => pct(A[n].perSession[s])).join(' | ')} |`,
  ).join('\n');
  const blocks = Array.from(
    { length: Math.ceil(sessions / 4) },
    (_, b) =>
      `| ${b * 4 + 1}–${Math.min(sessions, b * 4 + 4)} | ${names.map((n) => pct(mean(A[n].perSession.slice(b * 4, b * 4 + 4)))).join(' | ')} |`,
  ).join('\n');
  return {
    perSession: `${head}\n${perSession}`,
    blocks: `${head.replace('Session', 'Sessions')}\n${blocks}`,
  };
}

/** The main results table (seed means ± SD). */
export function resultsTable(A) {
  return `| System | Skip rate | Sessions 1–3 | Last 3 | Hit rate@10 (unplayed) | NDCG@10 (unplayed) | Coverage | Intra-list diversity | Artist repetition |
|---|---|---|---|---|---|---|---|---|
${Object.entries(A)
  .map(
    ([n, x]) =>
      `| ${n} | ${spread(x.skip)} | ${spread(x.first3)} | ${spread(x.last3)} | ${x.hit === null ? 'not applicable' : spread(x.hit)} | ${x.ndcg === null ? 'not applicable' : spread3(x.ndcg)} | ${pct(x.coverage.mean)} | ${x.ild.mean.toFixed(3)} | ${pct(x.artistRepeat.mean)} |`,
  )
  .join('\n')}`;
}

/** The mood-change table (seed means). */
export function moodTable(A) {
  return `| System | Before | +1 | +2 | +3 | +4 | +5 | +6 | Tracks to recover (mean curve) | Per seed |
|---|---|---|---|---|---|---|---|---|---|
${Object.entries(A)
  .map(
    ([n, x]) =>
      `| ${n} | ${pct(x.before.mean)} | ${x.after.slice(0, 6).map(pct).join(' | ')} | ${x.adapt === null ? 'not within the session' : x.adapt} | ${x.adaptPerSeed.map((a) => (a === null ? '–' : a)).join(', ')} |`,
  )
  .join('\n')}`;
}
