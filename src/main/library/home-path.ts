/**
 * Paths as people type them: `~` and `~/…` mean the home folder in every front end (the app's
 * folder field, the browser host, `encore scan ~/Music`), then the path is made absolute.
 */
import { homedir } from 'node:os';
import { resolve, sep } from 'node:path';

/**
 * `~` → the home folder, `~/x` (or `~\x` on Windows) → inside it; `~user` is left as typed
 * (no portable way to find another user's home). The result is absolute and normalised.
 */
export function expandHome(path: string, home: string = homedir()): string {
  const trimmed = path.trim();
  if (trimmed === '~') return resolve(home);
  if (trimmed.startsWith('~/') || (sep === '\\' && trimmed.startsWith('~\\')))
    return resolve(home, trimmed.slice(2));
  return resolve(trimmed);
}
