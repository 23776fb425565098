// The packaging configuration: electron-builder's own schema accepts electron-builder.yml, the
// targets are the four promised, and the fuses harden the packaged binary.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const repo = resolve(import.meta.dirname, '../..');

interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
  asar?: boolean;
}

describe('electron-builder.yml', () => {
  it('is valid, targets AppImage, deb, dmg and nsis, and sets the fuses', async () => {
    const { getConfig, validateConfiguration } =
      require('app-builder-lib/out/util/config/config') as {
        getConfig(dir: string, file: null, extra: null): Promise<BuilderConfig>;
        validateConfiguration(config: BuilderConfig, log: unknown): Promise<void>;
      };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (enabled: boolean) => unknown;
    };
    const config = await getConfig(repo, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
