import type { FrameEvent } from './link-frame.js';

/**
 * A push parser for a capture container (pcap, pcapng): fed chunks, it appends frames and warnings
 * to `out`. Parsers throw only `ImportError`, and only for problems in the file header.
 */
export interface ContainerParser {
  push(chunk: Uint8Array, out: FrameEvent[]): void;
  /** Called at end of input; reports truncation. */
  finish(out: FrameEvent[]): void;
}

/**
 * Drives a container parser over a byte stream, yielding the events of each chunk as one batch so the
 * per-frame cost stays synchronous.
 */
export async function* streamContainer(source: AsyncIterable<Uint8Array>, parser: ContainerParser): AsyncGenerator<FrameEvent[]> {
  for await (const chunk of source) {
    const out: FrameEvent[] = [];
    // A plain Uint8Array view of the chunk: file chunks are Buffers, and every frame and payload cut from a Buffer
    // is a Buffer too, which costs a species lookup and a FastBuffer per subarray on the per-packet path.
    parser.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), out);
    if (out.length > 0) yield out;
  }
  const out: FrameEvent[] = [];
  parser.finish(out);
  if (out.length > 0) yield out;
}
