import type { FrameEvent } from './link-frame.js';

/** Where a parser puts what it finds, in file order: an array, or a consumer that handles each event at once. */
export interface FrameSink {
  push(event: FrameEvent): unknown;
}

/**
 * A push parser for a capture container (pcap, pcapng): fed chunks, it appends frames and warnings
 * to `out`. Parsers throw only `ImportError`, and only for problems in the file header.
 */
export interface ContainerParser {
  push(chunk: Uint8Array, out: FrameSink): void;
  /** Called at end of input; reports truncation. */
  finish(out: FrameSink): void;
}

/**
 * A plain Uint8Array view of a chunk: file chunks are Buffers, and every frame and payload cut from a Buffer is a
 * Buffer too, which costs a species lookup and a FastBuffer per subarray on the per-packet path.
 */
export function asPlainBytes(chunk: Uint8Array): Uint8Array {
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Drives a container parser over a byte stream, yielding the events of each chunk as one batch so the
 * per-frame cost stays synchronous.
 */
export async function* streamContainer(source: AsyncIterable<Uint8Array>, parser: ContainerParser): AsyncGenerator<FrameEvent[]> {
  for await (const chunk of source) {
    const out: FrameEvent[] = [];
    parser.push(asPlainBytes(chunk), out);
    if (out.length > 0) yield out;
  }
  const out: FrameEvent[] = [];
  parser.finish(out);
  if (out.length > 0) yield out;
}
