/**
 * A TypeScript script a test starts as its own Node process (a child to SIGKILL, to limit, to
 * run as another user): bundled once per test process through scripts/lib/bundle.js.
 */
import { basename, extname } from 'node:path';
import { bundleEntries, cacheDir } from '../../scripts/lib/bundle.js';

const built = new Map<string, Promise<string>>();

/** The bundled form of `source` (an absolute path to a .ts file), ready for `node FILE`. */
export function nodeScript(source: string): Promise<string> {
  let file = built.get(source);
  if (!file) {
    // The pid in the name: parallel test runs never overwrite each other's bundle.
    const name = `${basename(source, extname(source))}-${process.pid}`;
    file = bundleEntries({ [name]: source }, cacheDir('encore-test'), { extension: '.mjs' }).then(
      (files) => files[name],
    );
    built.set(source, file);
  }
  return file;
}
