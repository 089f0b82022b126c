/**
 * pcapng reader (draft-ietf-opsawg-pcapng, "PCAP Next Generation Dump File Format"). This file owns the
 * container's byte order (per section) and timestamp resolution (per interface).
 */
import { Buffer } from 'node:buffer';
import { ImportError } from '../model/errors.js';
import { formatIpv4, formatIpv6 } from './format-ip-address.js';
import { streamContainer, type ContainerParser, type FrameSink } from './container-parser.js';
import type { FrameEvent } from './link-frame.js';
import { RecordSplitter } from './split-records.js';
import { describeOddSnapLength, OversizedRecordCounter } from './check-snap-length.js';
import { DistantSectionCounter } from './count-distant-sections.js';

/** §3.1 / §4: block type codes. */
const BLOCK = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  PACKET_OBSOLETE: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  NAME_RESOLUTION: 0x00000004,
  INTERFACE_STATISTICS: 0x00000005,
  ENHANCED_PACKET: 0x00000006,
  DECRYPTION_SECRETS: 0x0000000a,
  SYSTEMD_JOURNAL: 0x00000009,
  CUSTOM: 0x00000bad,
  CUSTOM_NO_COPY: 0x40000bad,
} as const;

/** Blocks we understand but do not need: skipped without a warning. */
const IGNORED_BLOCKS: ReadonlySet<number> = new Set([
  BLOCK.INTERFACE_STATISTICS,
  BLOCK.DECRYPTION_SECRETS,
  BLOCK.SYSTEMD_JOURNAL,
  BLOCK.CUSTOM,
  BLOCK.CUSTOM_NO_COPY,
]);

/** §4.1: the byte-order magic, as read in the section's own byte order. */
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const MAX_BLOCK_LENGTH = 64 * 1024 * 1024;
/** §4.2 options. */
const OPTION_END = 0;
const OPTION_IF_TSRESOL = 9;
const OPTION_IF_TSOFFSET = 14;
const TWO_POW_32 = 4294967296;
/** §4.5 name resolution record types. */
const NRB_RECORD_END = 0;
const NRB_RECORD_IPV4 = 1;
const NRB_RECORD_IPV6 = 2;

interface InterfaceInfo {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second (if_tsresol, default 10^6). */
  unitsPerSecond: number;
  /** Seconds added to every timestamp (if_tsoffset). */
  offsetSeconds: number;
}

/** Push parser for pcapng; see {@link readPcapngFrames}. */
export class PcapngParser implements ContainerParser {
  private littleEndian = true;
  private sawSectionHeader = false;
  private interfaces: InterfaceInfo[] = [];
  private frameNumber = 0;
  private lastTime = 0;
  /** Whether a timestamped packet has been read; Simple Packet Blocks before one have no time at all. */
  private sawTime = false;
  private untimedFrames = 0;
  private out: FrameSink = [];
  private stopReported = false;
  private readonly splitter: RecordSplitter;
  private readonly oversized = new OversizedRecordCounter();
  private readonly sections = new DistantSectionCounter();

  constructor(private readonly file: string) {
    this.splitter = new RecordSplitter(
      (view, at, available) => this.measure(view, at, available),
      (bytes, view, at, length, fileOffset) => this.handle(bytes, view, at, length, fileOffset),
    );
  }

  private measure(view: DataView, at: number, available: number): number | string {
    if (available < 12) return -12;
    const type = view.getUint32(at, this.littleEndian);
    let le = this.littleEndian;
    // The section header's type is a palindrome; its byte-order magic decides how to read its length.
    if (view.getUint32(at, false) === BLOCK.SECTION_HEADER) {
      const bom = view.getUint32(at + 8, true);
      if (bom === BYTE_ORDER_MAGIC) le = true;
      else if (view.getUint32(at + 8, false) === BYTE_ORDER_MAGIC) le = false;
      else if (!this.sawSectionHeader) {
        throw new ImportError(this.file, `byte offset 8: section header byte-order magic 0x${bom.toString(16)} is invalid`);
      } else return `section header with invalid byte-order magic`;
    } else if (!this.sawSectionHeader) {
      throw new ImportError(
        this.file,
        `byte offset 0: first block type 0x${type.toString(16).padStart(8, '0')} is not a pcapng section header`,
        'check that the file is a pcapng capture; if --format was given, pass the right one (pcap, pcapng, har, zeek) or leave it out to detect the format from the file',
      );
    }
    const length = view.getUint32(at + 4, le);
    if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK_LENGTH) {
      return `block total length ${length} is invalid (corrupt block header)`;
    }
    return length;
  }

  private handle(bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number): void {
    if (view.getUint32(at, false) === BLOCK.SECTION_HEADER) {
      this.handleSectionHeader(view, at, length, fileOffset);
      return;
    }
    const le = this.littleEndian;
    const type = view.getUint32(at, le);
    if (view.getUint32(at + length - 4, le) !== length) {
      this.warn(fileOffset, `block trailer length differs from header length ${length}`);
    }
    switch (type) {
      case BLOCK.INTERFACE_DESCRIPTION:
        this.handleInterface(view, at, length, fileOffset);
        return;
      case BLOCK.ENHANCED_PACKET:
        this.handleEnhancedPacket(bytes, view, at, length, fileOffset);
        return;
      case BLOCK.SIMPLE_PACKET:
        this.handleSimplePacket(bytes, view, at, length, fileOffset);
        return;
      case BLOCK.PACKET_OBSOLETE:
        this.handleObsoletePacket(bytes, view, at, length, fileOffset);
        return;
      case BLOCK.NAME_RESOLUTION:
        this.handleNameResolution(bytes, view, at, length, fileOffset);
        return;
      default:
        if (!IGNORED_BLOCKS.has(type)) this.warn(fileOffset, `skipped unknown pcapng block type 0x${type.toString(16)}`);
    }
  }

  /** §4.1 Section Header Block: byte order for the whole section; interfaces restart. */
  private handleSectionHeader(view: DataView, at: number, length: number, fileOffset: number): void {
    this.littleEndian = view.getUint32(at + 8, true) === BYTE_ORDER_MAGIC;
    this.sawSectionHeader = true;
    this.interfaces = [];
    this.sections.startSection(fileOffset);
    if (length < 28) {
      this.warn(fileOffset, `section header block too short (${length} bytes)`);
      return;
    }
    const major = view.getUint16(at + 12, this.littleEndian);
    if (major !== 1) this.warn(fileOffset, `unsupported pcapng major version ${major}`);
  }

  /** §4.2 Interface Description Block. */
  private handleInterface(view: DataView, at: number, length: number, fileOffset: number): void {
    const le = this.littleEndian;
    if (length < 20) {
      this.warn(fileOffset, 'interface description block too short');
      return;
    }
    const info: InterfaceInfo = {
      linkType: view.getUint16(at + 8, le),
      snapLength: view.getUint32(at + 12, le),
      unitsPerSecond: 1e6,
      offsetSeconds: 0,
    };
    // §3.5 options: code, length, value padded to 32 bits, until opt_endofopt or the block trailer.
    let pos = at + 16;
    const end = at + length - 4;
    while (pos + 4 <= end) {
      const code = view.getUint16(pos, le);
      const optionLength = view.getUint16(pos + 2, le);
      if (code === OPTION_END || pos + 4 + optionLength > end) break;
      if (code === OPTION_IF_TSRESOL && optionLength >= 1) {
        const value = view.getUint8(pos + 4);
        const exponent = value & 0x7f;
        info.unitsPerSecond = value & 0x80 ? 2 ** exponent : 10 ** exponent;
      } else if (code === OPTION_IF_TSOFFSET && optionLength >= 8) {
        info.offsetSeconds = Number(view.getBigInt64(pos + 4, le));
      }
      pos += 4 + ((optionLength + 3) & ~3);
    }
    if (!(info.unitsPerSecond >= 1) || !Number.isFinite(info.unitsPerSecond)) {
      this.warn(fileOffset, 'invalid if_tsresol; assuming microseconds');
      info.unitsPerSecond = 1e6;
    }
    const oddSnap = describeOddSnapLength(info.snapLength, 'pcapng');
    if (oddSnap !== null) this.warn(fileOffset, oddSnap);
    this.interfaces.push(info);
  }

  /** §4.3 Enhanced Packet Block. */
  private handleEnhancedPacket(bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number): void {
    const le = this.littleEndian;
    if (length < 32) {
      this.warn(fileOffset, 'enhanced packet block too short');
      return;
    }
    const interfaceId = view.getUint32(at + 8, le);
    const capturedLength = view.getUint32(at + 20, le);
    const originalLength = view.getUint32(at + 24, le);
    this.emitPacket(bytes, at + 28, capturedLength, length - 32, originalLength, interfaceId, view.getUint32(at + 12, le), view.getUint32(at + 16, le), fileOffset);
  }

  /** Appendix A Packet Block (obsolete, still written by old tools). */
  private handleObsoletePacket(bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number): void {
    const le = this.littleEndian;
    if (length < 32) {
      this.warn(fileOffset, 'packet block too short');
      return;
    }
    const interfaceId = view.getUint16(at + 8, le);
    const capturedLength = view.getUint32(at + 20, le);
    const originalLength = view.getUint32(at + 24, le);
    this.emitPacket(bytes, at + 28, capturedLength, length - 32, originalLength, interfaceId, view.getUint32(at + 12, le), view.getUint32(at + 16, le), fileOffset);
  }

  /** §4.4 Simple Packet Block: interface 0, no timestamp, captured length implied by the block. */
  private handleSimplePacket(bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number): void {
    const iface = this.interfaces[0];
    if (length < 16 || iface === undefined) {
      this.warn(fileOffset, iface === undefined ? 'simple packet block before any interface description' : 'simple packet block too short');
      return;
    }
    const originalLength = view.getUint32(at + 8, this.littleEndian);
    let capturedLength = Math.min(originalLength, length - 16);
    if (iface.snapLength > 0) capturedLength = Math.min(capturedLength, iface.snapLength);
    this.frameNumber += 1;
    // SPBs carry no timestamp; reusing the previous one keeps times monotonic. Before any, there is none to reuse.
    if (!this.sawTime) this.untimedFrames += 1;
    this.out.push({
      kind: 'frame',
      frame: this.frameNumber,
      time: this.lastTime,
      linkType: iface.linkType,
      data: bytes.subarray(at + 12, at + 12 + capturedLength),
      originalLength,
      offset: fileOffset,
      ...(this.sawTime ? {} : { untimed: true as const }),
    });
  }

  /**
   * §4.5 Name Resolution Block: records of (type, length, value padded to 32 bits) until nrb_record_end;
   * an ipv4 (1) or ipv6 (2) record is an address followed by one or more zero-terminated names.
   */
  private handleNameResolution(bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number): void {
    const le = this.littleEndian;
    const end = at + length - 4;
    let pos = at + 8;
    while (pos + 4 <= end) {
      const type = view.getUint16(pos, le);
      const valueLength = view.getUint16(pos + 2, le);
      if (type === NRB_RECORD_END) return;
      const valueStart = pos + 4;
      if (valueStart + valueLength > end) {
        this.warn(fileOffset, 'name resolution record runs past its block; rest of block skipped');
        return;
      }
      const addressLength = type === NRB_RECORD_IPV4 ? 4 : type === NRB_RECORD_IPV6 ? 16 : -1;
      if (addressLength > 0 && valueLength > addressLength) {
        const address = addressLength === 4 ? formatIpv4(bytes, valueStart) : formatIpv6(bytes, valueStart);
        for (const name of splitNames(bytes.subarray(valueStart + addressLength, valueStart + valueLength))) {
          this.out.push({ kind: 'address-name', frame: this.frameNumber, time: this.lastTime, address, name, source: 'name-resolution-block', offset: fileOffset });
        }
      }
      pos = valueStart + ((valueLength + 3) & ~3);
    }
  }

  private emitPacket(
    bytes: Uint8Array,
    dataStart: number,
    capturedLength: number,
    room: number,
    originalLength: number,
    interfaceId: number,
    high: number,
    low: number,
    fileOffset: number,
  ): void {
    const iface = this.interfaces[interfaceId];
    if (iface === undefined) {
      this.frameNumber += 1;
      this.warn(fileOffset, `packet refers to undefined interface ${interfaceId}; skipped`);
      return;
    }
    if (capturedLength > room) {
      this.frameNumber += 1;
      this.warn(fileOffset, `captured length ${capturedLength} exceeds block size; packet skipped`);
      return;
    }
    this.oversized.check(capturedLength, iface.snapLength, fileOffset);
    const time = convertTimestamp(high, low, iface);
    this.sections.packet(time);
    this.lastTime = time;
    this.sawTime = true;
    this.frameNumber += 1;
    this.out.push({
      kind: 'frame',
      frame: this.frameNumber,
      time,
      linkType: iface.linkType,
      data: bytes.subarray(dataStart, dataStart + capturedLength),
      originalLength,
      offset: fileOffset,
    });
  }

  private warn(offset: number, message: string): void {
    this.out.push({ kind: 'warning', offset, where: 'byte', message });
  }

  push(chunk: Uint8Array, out: FrameSink): void {
    this.out = out;
    this.splitter.push(chunk);
    this.reportStop(out);
  }

  private reportStop(out: FrameSink): void {
    const stopped = this.splitter.stopped;
    if (stopped !== null && !this.stopReported) {
      this.stopReported = true;
      out.push({ kind: 'warning', offset: stopped.offset, where: 'byte', message: `${stopped.reason}; rest of file skipped` });
    }
  }

  finish(out: FrameSink): void {
    this.out = out;
    for (const counted of [this.oversized.warning(), this.sections.warning()]) if (counted !== null) out.push(counted);
    if (this.untimedFrames > 0) {
      out.push({
        kind: 'warning',
        offset: 0,
        where: 'byte',
        message: `${this.untimedFrames} packets in simple packet blocks before any timestamped packet carry no time; their evidence shows 1970-01-01, and the capture's start and end leave them out`,
      });
    }
    this.reportStop(out);
    if (this.splitter.stopped !== null) return;
    const end = this.splitter.finish();
    if (!this.sawSectionHeader) {
      throw new ImportError(this.file, `byte offset ${end.trailingBytes}: file ends inside the pcapng section header`, 'the file is empty or truncated');
    }
    if (end.trailingBytes > 0) {
      this.warn(
        end.trailingOffset,
        end.claimedLength !== null
          ? `truncated block: its header claims ${end.claimedLength} bytes but the file ends ${end.trailingBytes} bytes after its start`
          : `truncated block (${end.trailingBytes} bytes before end of file)`,
      );
    }
  }
}

/** Zero-terminated names of an NRB record; only plausible host names are kept, lower-cased. */
function splitNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0) continue;
    if (i > start) {
      const name = Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('utf8').toLowerCase().replace(/\.$/, '');
      if (name.length <= 253 && /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(name)) names.push(name);
    }
    start = i + 1;
  }
  return names;
}

/**
 * Converts a 64-bit pcapng timestamp to epoch seconds rounded to the microsecond. Nanosecond
 * timestamps exceed 2^53, so they take the exact BigInt path.
 */
function convertTimestamp(high: number, low: number, iface: InterfaceInfo): number {
  const units = iface.unitsPerSecond;
  let seconds: number;
  let fraction: number;
  if (high < 0x200000) {
    const ticks = high * TWO_POW_32 + low;
    seconds = Math.floor(ticks / units);
    fraction = ticks - seconds * units;
  } else {
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    const bigUnits = BigInt(Math.round(units));
    seconds = Number(ticks / bigUnits);
    fraction = Number(ticks % bigUnits);
  }
  return seconds + iface.offsetSeconds + Math.round((fraction * 1e6) / units) / 1e6;
}

/**
 * Reads a pcapng byte stream, yielding frames and warnings in batches (one per input chunk).
 * @throws ImportError when the file does not start with a valid section header block.
 */
export function readPcapngFrames(source: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<FrameEvent[]> {
  return streamContainer(source, new PcapngParser(file));
}
