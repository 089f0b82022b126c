import { createReadStream } from 'node:fs';
import { ImportError } from '../model/errors.js';

/** Default read size: large enough to amortise per-chunk work, small enough to keep memory flat. */
export const DEFAULT_CHUNK_SIZE = 256 * 1024;

/**
 * Streams a file as chunks. File-system errors (missing file, a directory, no permission) become an
 * `ImportError` naming the file, since they are bad input rather than bugs.
 */
export async function* readFileChunks(file: string, chunkSize: number = DEFAULT_CHUNK_SIZE): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file, { highWaterMark: chunkSize });
  try {
    for await (const chunk of stream) {
      yield chunk as Uint8Array;
    }
  } catch (error) {
    throw toImportError(file, error);
  } finally {
    stream.destroy();
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
