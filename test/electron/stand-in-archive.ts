/**
 * A stand-in Electron release for the start launcher's tests: a zip named as @electron/get asks
 * for it on this platform, whose executable is a small Node script that records its arguments,
 * working folder and environment to a JSON file, plus the SHASUMS256.txt with its real checksum.
 * The zip is written here (stored entries, Unix modes kept) because the repository has no zip
 * writer among its dependencies.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export interface StandInRelease {
  /** The archive's file name, e.g. electron-v45.4.1-linux-x64.zip. */
  fileName: string;
  zip: Buffer;
  shasums: string;
}

/** What the stand-in executable wrote when it ran. */
export interface LaunchRecord {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

/** The executable's path inside the archive, as Electron's install.js expects it. */
export function executablePath(platform = process.platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

export function standInRelease(version: string, recordFile: string): StandInRelease {
  const script = [
    `#!${process.execPath}`,
    `require('node:fs').writeFileSync(${JSON.stringify(recordFile)}, JSON.stringify({`,
    '  argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }));',
    '',
  ].join('\n');
  const zip = zipArchive([
    { name: executablePath(), data: Buffer.from(script), mode: 0o755 },
    { name: 'version', data: Buffer.from(version), mode: 0o644 },
  ]);
  const fileName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const sha = createHash('sha256').update(zip).digest('hex');
  return { fileName, zip, shasums: `${sha} *${fileName}\n` };
}

interface Entry {
  name: string;
  data: Buffer;
  mode: number;
}

/** A zip with stored (uncompressed) entries; "made by Unix" so the modes are honoured. */
function zipArchive(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0021, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0021, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38); // regular file + mode
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
