/** Reading byte ranges of a file without loading all of it (a FLAC album rip can be 1 GB). */
import { open, type FileHandle } from 'node:fs/promises';

export class FileBytes {
  private constructor(
    private readonly handle: FileHandle,
    /** File size in bytes. */
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileBytes> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new FileBytes(handle, size);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** `length` bytes from `offset` (fewer at the end of the file). */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(this.size, Math.floor(offset)));
    const len = Math.max(0, Math.min(this.size - start, Math.floor(length)));
    const buf = new Uint8Array(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await this.handle.read(buf, got, len - got, start + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === len ? buf : buf.subarray(0, got);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
