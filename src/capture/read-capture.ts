/**
 * The one entry point that turns a capture file of any supported format into observations.
 */
import { ImportError } from '../model/errors.js';
import type { CaptureFormat, Observation } from '../model/observation.js';
import { asPlainBytes, type ContainerParser, type FrameSink } from './container-parser.js';
import { createReadStats, type FrameEvent, type ReadStats } from './link-frame.js';
import { FrameObserver } from './observe-frames.js';
import { readFileChunks } from './read-file-chunks.js';
import { readHar } from './read-har.js';
import { PcapParser } from './read-pcap.js';
import { PcapngParser } from './read-pcapng.js';
import { readZeekLog } from './read-zeek-log.js';

/**
 * Reads observations from a byte stream in batches (one per input chunk for packet captures), which keeps
 * the per-packet path synchronous. `stats` is filled as frames go by, including frames that are not IP.
 * @throws ImportError when the stream is not the stated format; other problems become warning observations.
 */
export async function* readObservationBatches(
  source: AsyncIterable<Uint8Array>,
  file: string,
  format: CaptureFormat,
  stats: ReadStats = createReadStats(),
): AsyncGenerator<Observation[]> {
  switch (format) {
    case 'pcap':
      yield* observeFrames(source, new PcapParser(file), stats);
      return;
    case 'pcapng':
      yield* observeFrames(source, new PcapngParser(file), stats);
      return;
    case 'har':
      yield* readHar(source, file, stats);
      return;
    case 'zeek':
      yield* readZeekLog(source, file, stats);
      return;
    default:
      throw new ImportError(file, `unknown capture format ${String(format)}`);
  }
}

/**
 * Decodes each frame as the parser finds it (no batch of frames is built, so frames die young) and yields the
 * observations of each chunk as one batch.
 */
async function* observeFrames(source: AsyncIterable<Uint8Array>, parser: ContainerParser, stats: ReadStats): AsyncGenerator<Observation[]> {
  const observer = new FrameObserver();
  let out: Observation[] = [];
  const sink: FrameSink = {
    push(event: FrameEvent): void {
      if (event.kind === 'warning' || event.kind === 'address-name') {
        out.push(event);
        return;
      }
      stats.frames = Math.max(stats.frames + 1, event.frame);
      if (stats.firstTime === null || event.time < stats.firstTime) stats.firstTime = event.time;
      if (stats.lastTime === null || event.time > stats.lastTime) stats.lastTime = event.time;
      observer.observe(event, out);
    },
  };
  for await (const chunk of source) {
    parser.push(asPlainBytes(chunk), sink);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  parser.finish(sink);
  observer.finish(out);
  if (out.length > 0) yield out;
}

/**
 * Streams the observations of one capture file. Memory stays bounded for pcap and pcapng however
 * large the file; payload views in packet observations must be copied if kept.
 * @throws ImportError for unreadable files or files that are not the stated format.
 */
export async function* readCapture(file: string, format: CaptureFormat): AsyncGenerator<Observation> {
  for await (const batch of readObservationBatches(readFileChunks(file), file, format)) {
    yield* batch;
  }
}
