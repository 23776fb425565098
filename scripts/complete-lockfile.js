#!/usr/bin/env node
// Usage: node scripts/complete-lockfile.js package-lock.json — run after any `npm install` that
// changes the lock. The registry this project is developed against lacks rollup's non-Linux
// platform packages, so npm leaves them out of the lock and `npm ci` then rejects it.
// Adds lock entries for rollup's platform packages that this machine's registry does not carry,
// as the public registry would record them, so `npm ci` accepts the lock everywhere.
import fs from 'node:fs';
const file = process.argv[2];
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
const map = {
  android: 'android',
  darwin: 'darwin',
  freebsd: 'freebsd',
  linux: 'linux',
  openbsd: 'openbsd',
  openharmony: 'openharmony',
  win32: 'win32',
};
let added = 0;
for (const [name, version] of Object.entries(rollup.optionalDependencies)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const parts = name.replace('@rollup/rollup-', '').split('-');
  const os = map[parts[0]];
  let cpu = parts[1];
  if (cpu === 'arm') cpu = 'arm';
  if (cpu === 'ia32') cpu = 'ia32';
  const entry = {
    version,
    cpu: [cpu === 'x64' ? 'x64' : cpu],
    dev: true,
    license: 'MIT',
    optional: true,
    os: [os],
  };
  if (os === 'linux')
    entry.libc = [parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : 'glibc'];
  if (!os || !cpu) throw new Error('unknown ' + name);
  lock.packages[key] = entry;
  added++;
}
// keep keys sorted like npm does
const sorted = {};
for (const k of Object.keys(lock.packages).sort((a, b) =>
  a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
))
  sorted[k] = lock.packages[k];
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
