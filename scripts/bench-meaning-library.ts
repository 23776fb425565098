/**
 * Library-scale pass for bench:embed --library N: N synthetic tracks (tags; lyrics from the corpus
 * on a third of them) in a fresh store, then one full embedding pass (texts, vectors, SQLite,
 * moods, predicted styles, clusters) through engine code, measuring the wall time and the longest
 * stall of the main event loop. Bundled and run by scripts/bench-embed.js.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EventBus } from '../src/main/events';
import { Meaning } from '../src/main/embedding/meaning';
import { Store } from '../src/main/store/index';
import { trackFields } from '../test/helpers/tracks';

export interface LibraryResult {
  tracks: number;
  withLyrics: number;
  semantic: boolean;
  model: string;
  passS: number;
  tracksPerS: number;
  maxLoopStallMs: number;
  clusters: number;
}

export async function runLibrary(opts: {
  dataDir: string;
  tracks: number;
  lyrics: string[];
  modelPath?: string;
}): Promise<LibraryResult> {
  const store = await Store.open(opts.dataDir);
  const root = await store.roots.add('/bench');
  const genres = ['Rock', 'Pop', 'Jazz', 'Folk', 'Electronic', 'Ambient', 'Hip-Hop', 'Classical'];
  const words = 'night rain summer city heart fire river light road ocean dream golden'.split(' ');
  let withLyrics = 0;
  for (let start = 0; start < opts.tracks; start += 1000) {
    const files = [];
    for (let i = start; i < Math.min(opts.tracks, start + 1000); i++) {
      const lyric = i % 3 === 0 ? opts.lyrics[i % opts.lyrics.length] : null;
      if (lyric) withLyrics++;
      files.push({
        fields: trackFields(root.id, {
          path: `/bench/${i}.mp3`,
          title: `${words[i % words.length]} ${words[(i * 7) % words.length]} ${i}`,
          artist: `Artist ${i % 400}`,
          album: `Album ${i % 900}`,
          year: 1970 + (i % 50),
          // A tenth untagged, for the style predictions.
          genres: i % 10 === 0 ? [] : [genres[i % genres.length]],
        }),
        lyrics: lyric ? { source: 'embedded' as const, plain: lyric, synced: null } : null,
      });
    }
    await store.tracks.writeScanned(files);
  }
  if (opts.modelPath) await store.vectors.setSetting('modelPath', opts.modelPath);
  else await store.vectors.setSetting('offline', '1');
  const meaning = new Meaning({ dataDir: opts.dataDir, store, events: new EventBus() });
  const status = await meaning.status();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t = performance.now();
  await meaning.embedPending();
  const passS = (performance.now() - t) / 1000;
  loop.disable();
  const clusters = (await meaning.styles()).length;
  await meaning.close();
  await store.close();
  return {
    tracks: opts.tracks,
    withLyrics,
    semantic: status.semantic,
    model: status.model.id,
    passS,
    tracksPerS: opts.tracks / passS,
    maxLoopStallMs: loop.max / 1e6,
    clusters,
  };
}
