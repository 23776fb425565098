/**
 * What the `encore` launcher (bin/encore.js) adds to the environment of the process it starts:
 * V8's young-generation size (bin/v8-settings.js) and, on Linux with glibc, the malloc settings
 * (bin/malloc-settings.js), each only where missing. Both are read only when a process starts.
 * bench:scan starts its CLI runs with the same.
 */
import { missingMallocSettings } from './malloc-settings.js';
import { missingV8Settings } from './v8-settings.js';

/**
 * The settings missing from `env`: {} when it has them all.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
export function missingStartSettings(env) {
  return { ...missingMallocSettings(env), ...missingV8Settings(env) };
}
