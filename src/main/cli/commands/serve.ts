/**
 * `encore serve`: the app in a browser on this machine. Starts the browser host on 127.0.0.1 with
 * a fresh access token, prints the URL to open, watches the library, and runs until Ctrl+C.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, type Command } from '../command';
import { startHost } from '../../host/server';
import { appVersion, hostInfo } from '../../host/host-info';

/** The built renderer next to the built CLI (out/main/cli.js → out/renderer). */
function defaultRendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
}

export const serveCommand: Command = {
  name: 'serve',
  longRunning: true,
  summary: 'Open Encore in a browser on this machine (127.0.0.1 only, with an access token)',
  usage: '[--port N] [--renderer DIR] [--no-watch]',
  options: {
    port: { type: 'string' },
    renderer: { type: 'string' },
    'no-watch': { type: 'boolean' },
  },
  async run({ engine, out, values }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port must be 0–65535');
    const rendererDir =
      typeof values.renderer === 'string' ? resolve(values.renderer) : defaultRendererDir();
    if (!existsSync(join(rendererDir, 'index.html'))) {
      throw new Error(`no built renderer in ${rendererDir}; run \`npm run build\` first`);
    }
    const e = await engine();
    if (!values['no-watch']) await e.library.watch();
    const host = await startHost({ engine: e, info: hostInfo(appVersion()), rendererDir, port });
    out.result({ url: host.url, port: host.port });
    out.line(`Encore is at ${host.url}`);
    out.line('Open it in a browser on this machine. Ctrl+C stops.');
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await host.close();
    return 0;
  },
};
