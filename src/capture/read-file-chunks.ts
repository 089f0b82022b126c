import { open, type FileHandle } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { ImportError } from '../model/errors.js';

/** Default read size: large enough to amortise per-chunk work, small enough to keep memory flat. */
export const DEFAULT_CHUNK_SIZE = 256 * 1024;

/** Options for {@link readFileChunks}. */
export interface ReadFileChunksOptions {
  /**
   * Read into two buffers in turn instead of a fresh buffer per chunk. Only for a caller that is done with a chunk
   * (keeps no view into it) by the time it asks for the next one: a chunk's bytes are overwritten one chunk later.
   * A gigabyte of fresh read buffers costs page faults and garbage collections (V8 counts the external memory).
   */
  reuseBuffers?: boolean;
}

/**
 * Streams a file as chunks, with plain sequential reads rather than a ReadStream, whose machinery costs more than
 * the reads on a fast disk. Each chunk is in a buffer of its own (frames are views into them and stay valid)
 * unless the caller asks for buffer reuse. The next chunk is always being read while the caller works on the
 * current one. File-system errors (missing file, a directory, no permission) become an `ImportError` naming the
 * file, since they are bad input rather than bugs.
 */
export async function* readFileChunks(
  file: string,
  chunkSize: number = DEFAULT_CHUNK_SIZE,
  options: ReadFileChunksOptions = {},
): AsyncGenerator<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw toImportError(file, error);
  }
  // With reuse, one buffer holds the chunk the caller has while the other takes the read in flight.
  const spare: Buffer[] = options.reuseBuffers === true ? [Buffer.allocUnsafeSlow(chunkSize), Buffer.allocUnsafeSlow(chunkSize)] : [];
  let turn = 0;
  const readNext = async (): Promise<Uint8Array | null> => {
    // Uninitialised memory is safe here: only the bytes read are handed out.
    const buffer = spare.length > 0 ? (spare[turn++ % spare.length] as Buffer) : Buffer.allocUnsafeSlow(chunkSize);
    try {
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
      return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
    } catch (error) {
      throw toImportError(file, error);
    }
  };
  let ahead = readNext();
  try {
    for (;;) {
      const chunk = await ahead;
      if (chunk === null) return;
      ahead = readNext();
      yield chunk;
    }
  } finally {
    // A caller that stops early leaves one read in flight: let it settle before the handle closes.
    await ahead.catch(() => null);
    await handle.close();
  }
}

/** Wraps a file-system error as an ImportError; leaves ImportErrors alone. */
export function toImportError(file: string, error: unknown): unknown {
  if (error instanceof ImportError) return error;
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return new ImportError(file, 'file not found', 'check the path');
    if (code === 'EISDIR') return new ImportError(file, 'is a directory, not a capture file');
    return new ImportError(file, `cannot read file (${code})`);
  }
  return error;
}
