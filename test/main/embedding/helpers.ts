/**
 * Shared setup for the meaning tests: a store with tracks built from the lyric corpus (each with
 * its mood label kept for checks), and the tiny fixture model folder and spec.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import type { ModelSpec } from '../../../src/main/embedding/embed-core';
import type { Store } from '../../../src/main/store/index';
import type { TrackId } from '../../../src/shared/library';
import { addTracks } from '../../helpers/tracks';

const made: string[] = [];
// Registered when a test file imports this module (collection time), so it always runs; a hook
// registered from inside a test or a beforeAll would be ignored.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file; callable from inside tests. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export const TINY_MODEL = resolve(__dirname, '../../fixtures/models/tiny-bert');

/** The tiny fixture model as the embed core loads it (one onnxruntime thread). */
export const TINY_SPEC: Extract<ModelSpec, { backend: 'transformers' }> = {
  backend: 'transformers',
  folder: TINY_MODEL,
  dtype: 'q8',
  queryPrefix: '',
  passagePrefix: '',
  maxTokens: 128,
  threads: 1,
};
export const LYRICS_DIR = '/work/shared/corpus/lyrics';

export interface CorpusTrack {
  id: TrackId;
  file: string;
  moods: string[];
  lyrics: string;
}

const GENRES: Record<string, string[]> = {
  'party-lights.txt': ['Dance'],
  'iron-engine.txt': ['Metal'],
  'slow-tide.txt': ['Ambient'],
  'empty-room.txt': ['Folk'],
  'sunrise-run.txt': ['Pop'],
};

/** Adds one track per corpus lyric (plus a few lyric-less ones); returns them with their moods. */
export async function addCorpus(store: Store, root = '/music'): Promise<CorpusTrack[]> {
  const files = readdirSync(LYRICS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const parsed = files.map((file) => {
    const [first, ...rest] = readFileSync(join(LYRICS_DIR, file), 'utf8').split('\n');
    return {
      file,
      moods: first.replace(/^mood:\s*/, '').split(/,\s*/),
      lyrics: rest.join('\n').trim(),
    };
  });
  const ids = await addTracks(
    store,
    root,
    parsed.map((p) => ({
      path: `${root}/${p.file.replace('.txt', '.mp3')}`,
      title: p.file.replace('.txt', '').replace('-', ' '),
      artist: 'Corpus Band',
      genres: GENRES[p.file] ?? [],
      lyrics: { source: 'embedded', plain: p.lyrics, synced: null },
    })),
  );
  return parsed.map((p, i) => ({ id: ids[i], ...p }));
}
