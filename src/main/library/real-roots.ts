/**
 * What "inside the library" means, for the walker and the media responder alike: a path whose real
 * location (every symlink resolved by the system's realpath) is a library root's real location or
 * lies below it. The walker lists only such files, and the responder serves only such files, so
 * every track the person sees can be played.
 */
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';

/** True when `child` is `root` or lies inside it (both already real, absolute paths). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  // '..Intro.wav' or '...And Justice for All' are names inside the root, not a way out of it.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** True when the real path `real` lies inside one of `realRoots`. */
export function insideAny(realRoots: readonly string[], real: string): boolean {
  return realRoots.some((root) => isInside(root, real));
}

/** The real paths of the roots that exist now (a root that cannot be resolved holds nothing). */
export async function realRoots(paths: readonly string[]): Promise<string[]> {
  const real = await Promise.all(paths.map((p) => realpath(p).catch(() => null)));
  return real.filter((p): p is string => p !== null);
}

/**
 * The real path of `path`, or null when it cannot be resolved (dangling link, loop, unreadable).
 * The native call is the same realpath(3) that `fs/promises` realpath uses, so both sides agree.
 */
export function realpathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}
