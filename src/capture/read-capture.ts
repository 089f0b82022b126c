/**
 * The one entry point that turns a capture file of any supported format into observations.
 */
import { ImportError } from '../model/errors.js';
import type { CaptureFormat, Observation } from '../model/observation.js';
import { asPlainBytes, type ContainerParser, type FrameSink } from './container-parser.js';
import { createReadStats, type FrameEvent, type ReadStats } from './link-frame.js';
import { FrameObserver, type ObservationSink } from './observe-frames.js';
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
 * Reads a capture's observations from a byte stream and hands each to `sink` as soon as it is made, in file order.
 * For pcap and pcapng no batch is built and every packet comes in the same observation object, refilled: the sink
 * must be done with an observation when its `push` returns (copy what it keeps). `stats` is filled as frames go by.
 * @throws ImportError when the stream is not the stated format; other problems become warning observations.
 */
export async function readObservationsInto(
  source: AsyncIterable<Uint8Array>,
  file: string,
  format: CaptureFormat,
  stats: ReadStats,
  sink: ObservationSink,
): Promise<void> {
  if (format === 'pcap' || format === 'pcapng') {
    const parser = format === 'pcap' ? new PcapParser(file) : new PcapngParser(file);
    const frames = observeInto(new FrameObserver({ reusePacketObservation: true }), stats, sink);
    for await (const chunk of source) parser.push(asPlainBytes(chunk), frames);
    parser.finish(frames);
    frames.finish();
    return;
  }
  for await (const batch of readObservationBatches(source, file, format, stats)) {
    for (const observation of batch) sink.push(observation);
  }
}

/**
 * Decodes each frame as the parser finds it (no batch of frames is built, so frames die young) and yields the
 * observations of each chunk as one batch.
 */
async function* observeFrames(source: AsyncIterable<Uint8Array>, parser: ContainerParser, stats: ReadStats): AsyncGenerator<Observation[]> {
  let out: Observation[] = [];
  const frames = observeInto(new FrameObserver(), stats, { push: (observation: Observation) => out.push(observation) });
  for await (const chunk of source) {
    parser.push(asPlainBytes(chunk), frames);
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  parser.finish(frames);
  frames.finish();
  if (out.length > 0) yield out;
}

/** A frame sink that counts frames into `stats` and has `observer` decode each into `sink`; passes other events on. */
function observeInto(observer: FrameObserver, stats: ReadStats, sink: ObservationSink): FrameSink & { finish(): void } {
  return {
    push(event: FrameEvent): void {
      if (event.kind === 'warning' || event.kind === 'address-name') {
        sink.push(event);
        return;
      }
      stats.frames = Math.max(stats.frames + 1, event.frame);
      if (event.untimed === true) {
        observer.observe(event, sink);
        return;
      }
      if (stats.firstTime === null || event.time < stats.firstTime) stats.firstTime = event.time;
      if (stats.lastTime === null || event.time > stats.lastTime) stats.lastTime = event.time;
      observer.observe(event, sink);
    },
    finish(): void {
      observer.finish(sink);
    },
  };
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
