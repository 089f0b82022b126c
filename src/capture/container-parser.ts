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
    parser.push(chunk, out);
    if (out.length > 0) yield out;
  }
  const out: FrameEvent[] = [];
  parser.finish(out);
  if (out.length > 0) yield out;
}
