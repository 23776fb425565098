/**
 * Turns the simulation's rows into the evaluation's numbers (skip rate per session, hit rate and
 * NDCG@10, coverage, intra-list diversity, artist repetition, time to adapt after a change of mood)
 * and writes them as docs/evaluation.md.
 */
import { dot } from './systems.js';
import { isChangeSession } from './simulate.js';

export const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
export const pct = (x) => `${(100 * x).toFixed(1)}%`;

/** Numbers of one system over every listener. */
export function summarise(all, { sessions, length, catalogSize, sound }) {
  const changeAt = Math.floor(length / 2);
  // Per session, before any mood change (so mood-change sessions compare like with like).
  const steady = all.rows.filter((r) => !r.change || r.pos < changeAt);
  const perSession = Array.from({ length: sessions }, (_, s) =>
    mean(steady.filter((r) => r.session === s).map((r) => +r.skip)),
  );
  const changed = all.rows.filter((r) => r.change);
  const before = mean(
    changed.filter((r) => r.pos >= changeAt - 5 && r.pos < changeAt).map((r) => +r.skip),
  );
  const after = Array.from({ length: length - changeAt }, (_, k) =>
    mean(changed.filter((r) => r.pos === changeAt + k).map((r) => +r.skip)),
  );
  // Tracks after the change until the skip rate (3-track moving average) is back within 10 points
  // of where it was before the change.
  let adapt = null;
  for (let k = 0; k + 2 < after.length; k++) {
    if (mean(after.slice(k, k + 3)) <= before + 0.1) {
      adapt = k;
      break;
    }
  }
  const served = new Set(all.lists.flat());
  const ild = mean(
    all.lists.map((l) => {
      const v = l.map((id) => sound.get(id)).filter(Boolean);
      let s = 0;
      let n = 0;
      for (let i = 0; i < v.length; i++)
        for (let j = i + 1; j < v.length; j++, n++) s += 1 - dot(v[i], v[j]);
      return n ? s / n : 0;
    }),
  );
  return {
    skip: mean(all.rows.map((r) => +r.skip)),
    perSession,
    first3: mean(perSession.slice(0, 3)),
    last3: mean(perSession.slice(-3)),
    hit: mean(all.evals.map((e) => e.hit)),
    ndcg: mean(all.evals.map((e) => e.ndcg)),
    coverage: served.size / catalogSize,
    ild,
    artistRepeat: mean(all.rows.map((r) => +r.artistRepeat)),
    before,
    after,
    adapt,
    plays: all.rows.length,
    queries: all.evals.length,
  };
}

/** How Encore compares with each baseline on skip rate and hit rate. */
export function comparisons(S) {
  const E = S.Encore;
  return Object.keys(S)
    .filter((n) => !n.startsWith('Encore'))
    .map((b) => ({
      b,
      skip: S[b].skip - E.skip,
      hit: E.hit - S[b].hit,
      ok: E.skip < S[b].skip && E.hit > S[b].hit,
    }));
}

/** One line per system for the terminal. */
export function terminalTable(S) {
  return Object.entries(S)
    .map(
      ([n, x]) =>
        `${n.padEnd(20)} skip ${pct(x.skip).padStart(6)}  s1 ${pct(x.perSession[0]).padStart(6)}  first3 ${pct(x.first3).padStart(6)} last3 ${pct(x.last3).padStart(6)}  hit@10 ${pct(x.hit).padStart(6)}  ndcg ${x.ndcg.toFixed(3)}  cov ${pct(x.coverage)}  ild ${x.ild.toFixed(3)}  artistRep ${pct(x.artistRepeat)}  adapt ${x.adapt} (${pct(x.before)} → ${x.after.slice(0, 6).map(pct).join(' ')})`,
    )
    .join('\n');
}

/** The per-session and per-block skip tables. */
export function sessionTables(S, sessions) {
  const names = Object.keys(S);
  const head = `| Session | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|`;
  const perSession = Array.from(
    { length: sessions },
    (_, s) =>
      `| ${s + 1}${isChangeSession(s) ? ' (mood change)' : ''} | ${names.map((n) => pct(S[n].perSession[s])).join(' | ')} |`,
  ).join('\n');
  const blocks = Array.from(
    { length: Math.ceil(sessions / 4) },
    (_, b) =>
      `| ${b * 4 + 1}–${Math.min(sessions, b * 4 + 4)} | ${names.map((n) => pct(mean(S[n].perSession.slice(b * 4, b * 4 + 4)))).join(' | ')} |`,
  ).join('\n');
  return {
    perSession: `${head}\n${perSession}`,
    blocks: `${head.replace('Session', 'Sessions')}\n${blocks}`,
  };
}
