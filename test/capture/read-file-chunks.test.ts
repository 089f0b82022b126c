import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { readFileChunks } from '../../src/capture/read-file-chunks.js';
import { createSeededRandom } from '../helpers/seeded-random.js';
import { writeTempFile } from './support.js';

describe('reading a file in chunks', () => {
  const content = createSeededRandom(99).bytes(100_000);

  it('hands out the whole file in order, each chunk in a buffer of its own by default', async () => {
    const file = writeTempFile('chunks.bin', content);
    const chunks: Uint8Array[] = [];
    for await (const chunk of readFileChunks(file, 7_000)) chunks.push(chunk);
    // Kept chunks stay valid: no buffer is reused.
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
  });

  it('with buffer reuse, reads into two buffers in turn and still hands out every byte', async () => {
    const file = writeTempFile('chunks-reused.bin', content);
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of readFileChunks(file, 7_000, { reuseBuffers: true })) {
      // Copied at once, as a caller of reused buffers must.
      copies.push(Buffer.from(chunk));
      buffers.add(chunk.buffer);
    }
    expect(Buffer.concat(copies).equals(content)).toBe(true);
    expect(copies.length).toBe(Math.ceil(content.length / 7_000));
    expect(buffers.size).toBe(2);
  });
});
