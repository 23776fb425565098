/** The browser host on a test engine, as the host tests start it. */
import type { Engine } from '../../../src/main/engine';
import { startHost, type RunningHost } from '../../../src/main/host/server';

export function startTestHost(engine: Engine, rendererDir: string): Promise<RunningHost> {
  return startHost({
    engine,
    rendererDir,
    info: { version: 'test', platform: process.platform, osLanguage: 'en', musicFolder: null },
  });
}
