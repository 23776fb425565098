/**
 * Decoding with a system ffmpeg, when one is on PATH: AAC/M4A/ALAC (whose WASM decoder is
 * GPL-2.0-only, see docs/architecture.md), formats with no WASM decoder (APE, ...), and the
 * fallback for files the WASM decoders refuse. One process per track: every window is an input
 * with its own -ss/-t (ffmpeg seeks in the container, so only the excerpts are decoded), each is
 * padded to its exact length, and they come back concatenated as 44.1 kHz stereo float.
 */
import { spawn, spawnSync } from 'node:child_process';
import { setPriority } from 'node:os';
import type { Excerpt } from './excerpts';
import type { DecodedAudio, StereoExcerpt } from './pcm';

/** Output rate: ffmpeg resamples everything to it (loudness is measured at this rate). */
const FFMPEG_RATE = 44100;
/** Never read more than this many seconds of a file whose length is unknown. */
const MAX_WHOLE_S = 900;

let cached: string | null | undefined;

/** The ffmpeg executable to use, or null when there is none (ENCORE_FFMPEG overrides; '' disables). */
export function findFfmpeg(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ENCORE_FFMPEG !== undefined) return env.ENCORE_FFMPEG || null;
  if (cached !== undefined) return cached;
  const probe = spawnSync('ffmpeg', ['-hide_banner', '-version'], {
    stdio: 'ignore',
    timeout: 5000,
  });
  cached = probe.status === 0 ? 'ffmpeg' : null;
  return cached;
}

function run(ffmpeg: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // A background decode: lower than the player (nice 10); ignored where not permitted.
    if (child.pid) {
      try {
        setPriority(child.pid, 10);
      } catch {
        // keep normal priority
      }
    }
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 2000) err += d.toString();
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new Error(`ffmpeg ${signal ? `killed (${signal})` : `exited ${code}`}: ${lastLine(err)}`),
        );
    });
  });
}

function lastLine(s: string): string {
  const lines = s.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300) || 'no message';
}

function split(pcm: Buffer, lengths: number[]): StereoExcerpt[] {
  const data = new Float32Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 8) * 2);
  const out: StereoExcerpt[] = [];
  let frame = 0;
  const total = data.length / 2;
  for (const len of lengths) {
    const n = Math.min(len, total - frame);
    if (n <= 0) break;
    const left = new Float32Array(n);
    const right = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      left[i] = data[2 * (frame + i)];
      right[i] = data[2 * (frame + i) + 1];
    }
    out.push({ left, right });
    frame += n;
  }
  return out;
}

/** Decodes `windows` of `path` (or the whole file) with ffmpeg. */
export async function decodeFfmpeg(
  ffmpeg: string,
  path: string,
  windows: Excerpt[] | 'whole',
  timeoutMs = 60_000,
): Promise<DecodedAudio> {
  const args = ['-nostdin', '-hide_banner', '-v', 'error'];
  let lengths: number[];
  if (windows === 'whole') {
    args.push('-t', String(MAX_WHOLE_S), '-i', path, '-vn', '-ac', '2', '-ar', String(FFMPEG_RATE));
    lengths = [Infinity];
  } else {
    const chains: string[] = [];
    windows.forEach((w, i) => {
      args.push('-ss', w.startS.toFixed(3), '-t', w.lengthS.toFixed(3), '-i', path);
      chains.push(
        `[${i}:a:0]aresample=${FFMPEG_RATE},aformat=sample_fmts=flt:channel_layouts=stereo,` +
          `apad=whole_dur=${w.lengthS.toFixed(3)},atrim=duration=${w.lengthS.toFixed(3)}[a${i}]`,
      );
    });
    const inputs = windows.map((_, i) => `[a${i}]`).join('');
    args.push(
      '-filter_complex',
      `${chains.join(';')};${inputs}concat=n=${windows.length}:v=0:a=1[out]`,
      '-map',
      '[out]',
    );
    lengths = windows.map((w) => Math.round(w.lengthS * FFMPEG_RATE));
  }
  args.push('-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1');
  const pcm = await run(ffmpeg, args, timeoutMs);
  const excerpts = split(pcm, lengths);
  if (!excerpts.length) throw new Error('ffmpeg decoded no audio');
  return { sampleRate: FFMPEG_RATE, excerpts, decoder: 'ffmpeg' };
}
