/**
 * Classic pcap reader (draft-ietf-opsawg-pcap, "PCAP Capture File Format"). This file owns the byte
 * order and timestamp resolution of the container; everything inside a frame is network byte order.
 */
import { ImportError } from '../model/errors.js';
import { streamContainer, type ContainerParser, type FrameSink } from './container-parser.js';
import type { FrameEvent } from './link-frame.js';
import { RecordSplitter } from './split-records.js';
import { describeOddSnapLength, OversizedRecordCounter } from './check-snap-length.js';

/** §4 File Header: 24 bytes, SnapLen at offset 16. */
const FILE_HEADER_LENGTH = 24;
const SNAP_LENGTH_OFFSET = 16;
/** §5 Packet Record header: 16 bytes (24 in Alexey Kuznetzov's "modified" variant). */
const RECORD_HEADER_LENGTH = 16;
const MODIFIED_RECORD_HEADER_LENGTH = 24;
/** libpcap refuses records above max(snaplen, 256 KiB); we also cap bogus snap lengths. */
const MIN_RECORD_LIMIT = 262144;
const MAX_RECORD_LIMIT = 64 * 1024 * 1024;

/** Magic numbers as read big-endian from the first four bytes (§4). */
const MAGIC = {
  MICRO: 0xa1b2c3d4,
  MICRO_SWAPPED: 0xd4c3b2a1,
  NANO: 0xa1b23c4d,
  NANO_SWAPPED: 0x4d3cb2a1,
  MODIFIED: 0xa1b2cd34,
  MODIFIED_SWAPPED: 0x34cdb2a1,
  PCAPNG: 0x0a0d0d0a,
} as const;

/** Parsed §4 File Header. */
export interface PcapFileHeader {
  littleEndian: boolean;
  nanoseconds: boolean;
  recordHeaderLength: number;
  versionMajor: number;
  versionMinor: number;
  snapLength: number;
  linkType: number;
}

/**
 * Parses the 24-byte pcap file header at `at`.
 * @throws ImportError when the magic number is not a pcap one.
 */
export function parsePcapFileHeader(view: DataView, at: number, file: string): PcapFileHeader {
  const magic = view.getUint32(at, false);
  let littleEndian: boolean;
  let nanoseconds = false;
  let recordHeaderLength = RECORD_HEADER_LENGTH;
  switch (magic) {
    case MAGIC.MICRO:
      littleEndian = false;
      break;
    case MAGIC.MICRO_SWAPPED:
      littleEndian = true;
      break;
    case MAGIC.NANO:
      littleEndian = false;
      nanoseconds = true;
      break;
    case MAGIC.NANO_SWAPPED:
      littleEndian = true;
      nanoseconds = true;
      break;
    case MAGIC.MODIFIED:
      littleEndian = false;
      recordHeaderLength = MODIFIED_RECORD_HEADER_LENGTH;
      break;
    case MAGIC.MODIFIED_SWAPPED:
      littleEndian = true;
      recordHeaderLength = MODIFIED_RECORD_HEADER_LENGTH;
      break;
    case MAGIC.PCAPNG:
      throw new ImportError(file, 'byte offset 0: this is a pcapng file, not classic pcap', 'use --format pcapng or omit --format');
    default:
      throw new ImportError(
        file,
        `byte offset 0: magic number 0x${magic.toString(16).padStart(8, '0')} is not a pcap magic number`,
        'check that the file is a packet capture; if --format was given, pass the right one (pcap, pcapng, har, zeek) or leave it out to detect the format from the file',
      );
  }
  return {
    littleEndian,
    nanoseconds,
    recordHeaderLength,
    versionMajor: view.getUint16(at + 4, littleEndian),
    versionMinor: view.getUint16(at + 6, littleEndian),
    snapLength: view.getUint32(at + 16, littleEndian),
    // §4: LinkType is the low 16 bits; the high bits carry FCS information we do not need.
    linkType: view.getUint32(at + 20, littleEndian) & 0xffff,
  };
}

/** Push parser for classic pcap; see {@link readPcapFrames}. */
export class PcapParser implements ContainerParser {
  private header: PcapFileHeader | null = null;
  private recordLimit = MIN_RECORD_LIMIT;
  private frameNumber = 0;
  private out: FrameSink = [];
  private readonly splitter: RecordSplitter;
  private readonly oversized = new OversizedRecordCounter();

  constructor(private readonly file: string) {
    this.splitter = new RecordSplitter(
      (view, at, available) => this.measure(view, at, available),
      (bytes, view, at, length, fileOffset) => this.handle(bytes, view, at, length, fileOffset),
    );
  }

  private measure(view: DataView, at: number, available: number): number | string {
    const header = this.header;
    if (header === null) return available >= FILE_HEADER_LENGTH ? FILE_HEADER_LENGTH : -FILE_HEADER_LENGTH;
    const headerLength = header.recordHeaderLength;
    if (available < headerLength) return -headerLength;
    const capturedLength = view.getUint32(at + 8, header.littleEndian);
    if (capturedLength > this.recordLimit) {
      return `captured length ${capturedLength} exceeds the limit of ${this.recordLimit} bytes (corrupt record header)`;
    }
    return headerLength + capturedLength;
  }

  private handle(bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number): void {
    const header = this.header;
    if (header === null) {
      const parsed = parsePcapFileHeader(view, at, this.file);
      this.header = parsed;
      this.recordLimit = Math.min(Math.max(parsed.snapLength, MIN_RECORD_LIMIT), MAX_RECORD_LIMIT);
      if (parsed.versionMajor !== 2) {
        this.out.push({ kind: 'warning', offset: 4, where: 'byte', message: `unexpected pcap version ${parsed.versionMajor}.${parsed.versionMinor}` });
      }
      const oddSnap = describeOddSnapLength(parsed.snapLength, 'pcap');
      if (oddSnap !== null) this.out.push({ kind: 'warning', offset: fileOffset + SNAP_LENGTH_OFFSET, where: 'byte', message: oddSnap });
      return;
    }
    const le = header.littleEndian;
    this.oversized.check(length - header.recordHeaderLength, header.snapLength, fileOffset);
    const seconds = view.getUint32(at, le);
    const fraction = view.getUint32(at + 4, le);
    const originalLength = view.getUint32(at + 12, le);
    // Observation times are microsecond doubles; nanosecond files are rounded (see model/observation.ts).
    const time = header.nanoseconds ? seconds + Math.round(fraction / 1000) / 1e6 : seconds + fraction / 1e6;
    this.frameNumber += 1;
    this.out.push({
      kind: 'frame',
      frame: this.frameNumber,
      time,
      linkType: header.linkType,
      data: bytes.subarray(at + header.recordHeaderLength, at + length),
      originalLength,
      offset: fileOffset,
    });
  }

  push(chunk: Uint8Array, out: FrameSink): void {
    this.out = out;
    this.splitter.push(chunk);
    this.reportStop(out);
  }

  private stopReported = false;

  private reportStop(out: FrameSink): void {
    const stopped = this.splitter.stopped;
    if (stopped !== null && !this.stopReported) {
      this.stopReported = true;
      out.push({ kind: 'warning', offset: stopped.offset, where: 'byte', message: `${stopped.reason}; rest of file skipped` });
    }
  }

  finish(out: FrameSink): void {
    this.out = out;
    const oversized = this.oversized.warning();
    if (oversized !== null) out.push(oversized);
    this.reportStop(out);
    if (this.splitter.stopped !== null) return;
    const end = this.splitter.finish();
    if (this.header === null) {
      throw new ImportError(
        this.file,
        `byte offset ${end.trailingBytes}: file ends inside the 24-byte pcap file header`,
        'the file is empty or truncated',
      );
    }
    if (end.trailingBytes > 0) {
      out.push({
        kind: 'warning',
        offset: end.trailingOffset,
        where: 'byte',
        message:
          end.claimedLength !== null
            ? `truncated packet record: its header claims ${end.claimedLength} bytes but the file ends ${end.trailingBytes} bytes after its start`
            : `truncated packet record (${end.trailingBytes} bytes before end of file)`,
      });
    }
  }
}

/**
 * Reads a classic pcap byte stream, yielding frames and warnings in batches (one per input chunk).
 * Memory stays at one chunk plus one record whatever the file size.
 * @throws ImportError when the file header is missing or not pcap.
 */
export function readPcapFrames(source: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<FrameEvent[]> {
  return streamContainer(source, new PcapParser(file));
}
