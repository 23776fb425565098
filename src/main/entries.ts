/**
 * The main-process build entries: each becomes out/main/<name>.js. Worker entries are listed here
 * so that the bundler emits them as files a Worker can be started from.
 */
export const mainEntries = {
  index: 'src/main/index.ts',
  cli: 'src/main/cli/index.ts',
  'tag-worker': 'src/main/library/tag-worker.ts',
  'walk-worker': 'src/main/library/walk-worker.ts',
  'analysis-worker': 'src/main/analysis/worker.ts',
  'embed-worker': 'src/main/embedding/embed-worker.ts',
} as const;

export type MainEntry = keyof typeof mainEntries;
