// Types of scripts/lib/bundle.js for the TypeScript tests that build through it.
import type { BuildOptions } from 'esbuild';

export declare const repoRoot: string;

export interface BundleOptions extends Pick<
  BuildOptions,
  'sourcemap' | 'splitting' | 'define' | 'plugins'
> {
  /** Where relative entry paths are read from (default: this checkout). */
  root?: string;
  /** The output files' extension (default `.js`). */
  extension?: string;
}

export declare function bundleEntries<Name extends string>(
  entries: Record<Name, string>,
  outdir: string,
  options?: BundleOptions,
): Promise<Record<Name, string>>;

export declare function cacheDir(name: string): string;

export declare function freshBuildDir(prefix: string): string;

export declare function workerEntries(): Promise<Record<string, string>>;

export declare function bundleWorkerEntries(
  outdir: string,
  options?: BundleOptions,
): Promise<Record<string, string>>;
