#!/usr/bin/env node
// The `encore` command: runs the built CLI (npm install builds it; `npm run build` rebuilds).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { missingStartSettings } from './start-settings.js';
import { relaunch } from './relaunch.js';

// Encore runs with its V8 young-generation size and, on Linux with glibc, its malloc settings;
// both are read only when a process starts, so the CLI is started again with them.
const settings = missingStartSettings(process.env);
if (Object.keys(settings).length > 0) {
  relaunch(fileURLToPath(import.meta.url), { ...process.env, ...settings });
} else {
  const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
  if (!existsSync(cli)) {
    process.stderr.write(
      'encore: the CLI is not built yet; run `npm run build` in the Encore folder.\n',
    );
    process.exit(1);
  }
  process.argv[1] = cli;
  await import(cli);
}
