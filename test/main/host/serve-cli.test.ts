// `encore serve` as a person runs it: the built CLI prints a 127.0.0.1 URL with a token, serves
// the renderer with it (and refuses without), and exits cleanly on Ctrl+C (SIGINT).
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp';
import { workerFile } from '../../../src/main/workers/worker-file';

describe('encore serve', () => {
  it('prints the URL, serves with the token only, and stops on SIGINT', async () => {
    const renderer = tempDir('encore-serve-renderer-');
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Encore</title>');
    const child = spawn(
      process.execPath,
      [workerFile('cli'), 'serve', '--renderer', renderer, '--no-watch'],
      {
        env: { ...process.env, ENCORE_DATA_DIR: tempDir('encore-serve-data-') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
        if (match) resolve(match[0]);
      });
      void exited.then(() => reject(new Error(`serve exited early: ${out}`)));
    });
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.split('?')[0] as string)).status).toBe(401);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
