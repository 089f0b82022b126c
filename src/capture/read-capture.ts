/**
 * The one entry point that turns a capture file of any supported format into observations.
 */
import { ImportError } from '../model/errors.js';
import type { CaptureFormat, Observation } from '../model/observation.js';
import { createReadStats, type FrameEvent, type ReadStats } from './link-frame.js';
import { FrameObserver } from './observe-frames.js';
import { readFileChunks } from './read-file-chunks.js';
import { readHar } from './read-har.js';
import { readPcapFrames } from './read-pcap.js';
import { readPcapngFrames } from './read-pcapng.js';
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
      yield* observeFrames(readPcapFrames(source, file), stats);
      return;
    case 'pcapng':
      yield* observeFrames(readPcapngFrames(source, file), stats);
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

async function* observeFrames(batches: AsyncIterable<FrameEvent[]>, stats: ReadStats): AsyncGenerator<Observation[]> {
  const observer = new FrameObserver();
  for await (const events of batches) {
    const out: Observation[] = [];
    for (const event of events) {
      if (event.kind === 'warning' || event.kind === 'address-name') {
        out.push(event);
        continue;
      }
      stats.frames = Math.max(stats.frames + 1, event.frame);
      if (stats.firstTime === null || event.time < stats.firstTime) stats.firstTime = event.time;
      if (stats.lastTime === null || event.time > stats.lastTime) stats.lastTime = event.time;
      observer.observe(event, out);
    }
    if (out.length > 0) yield out;
  }
  const tail: Observation[] = [];
  observer.finish(tail);
  if (tail.length > 0) yield tail;
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
