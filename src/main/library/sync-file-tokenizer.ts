/**
 * A music-metadata tokenizer over a file read with blocking calls. The tag worker has nothing
 * else to do while a read is under way, and one blocking pread costs a fraction of a round trip
 * through libuv's thread pool — a parse makes dozens of small reads, and on a 2-core machine those
 * round trips (thread hand-offs, futex waits) were a third of a scan's CPU time. Worker threads only.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { FileTokenizer } from 'strtok3';

/** The two calls FileTokenizer makes on its handle, answered synchronously. */
class BlockingHandle {
  constructor(private readonly fd: number) {}

  async read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesRead: number; buffer: Uint8Array }> {
    return { bytesRead: readSync(this.fd, buffer, offset, length, position), buffer };
  }

  async close(): Promise<void> {
    closeSync(this.fd);
  }
}

export class SyncFileTokenizer extends FileTokenizer {
  /** Opens `path` for parsing; the caller closes the tokenizer. */
  static open(path: string): SyncFileTokenizer {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      return new SyncFileTokenizer(new BlockingHandle(fd) as unknown as FileHandle, {
        fileInfo: { path, size },
      });
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }
}
