/**
 * `encore … | head -1`: a reader that goes away ends the command quietly with its usual exit
 * status, never `Error: write EPIPE` with a stack trace. The pipe is real: the parent closes its
 * read end before the command has written anything, so every write the command makes hits it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerFile } from '../../../src/main/workers/worker-file';
import { fixtureLibrary } from '../../helpers/fixtures';
import { runEncore } from '../../helpers/cli';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
}

/** Runs `encore ARGS` with stdout a pipe whose reader is closed at once. */
function withClosedStdout(env: Record<string, string>, args: string[]): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerFile('cli'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, err }));
  });
}

describe('encore with a closed stdout', () => {
  const { base, music } = fixtureLibrary({ prefix: 'encore-pipe-cli-' });
  const env = { ENCORE_DATA_DIR: join(base, 'data'), ENCORE_OFFLINE: '1' };

  it('has a library to print', () => {
    const scan = runEncore(env, ['scan', music]);
    expect(scan.code, scan.err).toBe(0);
  });

  it.each([
    [['help'], 0],
    [['help', '--json'], 0],
    [['tracks'], 0],
    [['tracks', '--json'], 0],
    [['tracks', '--errors'], 0],
    [['search', 'a'], 0],
    [['stats'], 0],
    [['roots'], 0],
    [['next'], 0],
    [['station', 'artist:Aurora Lane'], 0],
    [['taste'], 0],
    [['recommend-settings'], 0],
    [['vibe', 'night'], 0],
    [['mood', 'calm'], 0],
    [['styles'], 0],
    [['model', 'list'], 0],
    [['model'], 0],
    [['features', '1'], 1],
    [['tracks', '--sort', 'colour'], 2],
  ])('encore %j | (reader gone) ends quietly with exit %i', async (args, code) => {
    const ended = await withClosedStdout(env, args);
    expect(ended.err).not.toMatch(/EPIPE|Error:|at .*\.js:\d+/);
    expect(ended.signal).toBeNull();
    expect(ended.code, ended.err).toBe(code);
  });
});
