/**
 * The process the fault tests kill, or run as another user: one engine doing one kind of work on
 * a data dir, printing a line for each thing it has finished, so the parent knows what was
 * acknowledged before it pulled the plug.
 *
 *   node fault-child.mjs scan DATA_DIR ROOT         scan ROOT (adding it first); "summary {json}"
 *   node fault-child.mjs analyse DATA_DIR           analyse pending tracks; "analysed <ids>" per
 *                                                   row written, then "summary {json}"
 *   node fault-child.mjs embed DATA_DIR MODEL_DIR   embed with a local model; "embedded {json}"
 *   node fault-child.mjs feedback DATA_DIR          record play/skip/like events; "ack <id>" each
 *   node fault-child.mjs write DATA_DIR             feedback until a write fails; "failed <why>"
 *
 * Every mode prints "ready" right before the work starts.
 */
import { createEngine } from '../../src/main/engine';
import type { FeedbackKind } from '../../src/shared/recommend';

const [mode, dataDir, arg] = process.argv.slice(2);
const out = (line: string): boolean => process.stdout.write(`${line}\n`);
const kinds: FeedbackKind[] = ['play', 'complete', 'skip', 'like', 'queue', 'dislike'];

const engine = await createEngine({ dataDir, workers: 1, parseTimeoutMs: 5000 });
await engine.meaning.configure(
  mode === 'embed' ? { modelPath: arg, offline: true } : { offline: true },
);
try {
  switch (mode) {
    case 'scan': {
      const roots = await engine.library.roots();
      if (!roots.some((r) => r.path === arg)) await engine.library.addRoot(arg);
      await engine.analysis.cancel();
      out('ready');
      const summary = await engine.library.scan();
      out(`summary ${JSON.stringify(summary)}`);
      break;
    }
    case 'analyse': {
      // One line per committed feature row: the parent can wait for real progress, not a clock.
      engine.events.on('analysis.updated', (u) => out(`analysed ${u.trackIds.join(',')}`));
      out('ready');
      const summary = await engine.analysis.start();
      out(`summary ${JSON.stringify(summary)}`);
      break;
    }
    case 'embed': {
      out('ready');
      await engine.meaning.embedPending();
      const status = await engine.meaning.status();
      out(`embedded ${JSON.stringify(status.vectors)}`);
      break;
    }
    case 'feedback':
    case 'write': {
      const ids = (await engine.store.tracks.list()).map((t) => t.id);
      if (ids.length === 0) throw new Error('no tracks to give feedback on');
      out('ready');
      for (let i = 0; ; i++) {
        try {
          const e = await engine.recommend.record({
            trackId: ids[i % ids.length],
            kind: kinds[i % kinds.length],
            positionS: kinds[i % kinds.length] === 'skip' ? 12 : null,
            sessionId: `fault-${process.pid}`,
            source: 'upnext',
            // Long contexts make each row big, so a full disk is reached quickly in 'write' mode.
            context: mode === 'write' ? 'x'.repeat(200) : null,
          });
          out(`ack ${e.id}`);
        } catch (err) {
          if (mode !== 'write') throw err;
          out(`failed ${(err as Error).message.replace(/\n/g, ' ')}`);
          // Encore keeps working after a failed write: reads still answer.
          const tracks = await engine.store.tracks.list({ limit: 5 });
          const next = await engine.recommend.upNext({ sessionId: 'after-full', count: 3 });
          out(`reads ${tracks.length} ${next.length}`);
          break;
        }
      }
      break;
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
} finally {
  // On a full disk closing can fail too (a last snapshot write); say so, the data is safe.
  await engine.close().then(
    () => out('closed'),
    (err: Error) => {
      if (mode !== 'write') throw err;
      out(`close-failed ${err.message.replace(/\n/g, ' ')}`);
    },
  );
}
