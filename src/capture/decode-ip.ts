/**
 * IPv4 (RFC 791 §3.1) and IPv6 (RFC 8200 §3–4) header decoding down to the transport header.
 */
import { formatIpv4, formatIpv6 } from './format-ip-address.js';

/** The network-layer facts the rest of the pipeline needs. */
export interface IpHeader {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Where the source address starts in the frame; the destination address follows it (4 or 16 bytes on). */
  sourceAt: number;
  /** Upper-layer protocol after skipping IPv6 extension headers. */
  protocol: number;
  /** Start of the upper-layer header in the frame. */
  payloadStart: number;
  /** End of the IP payload in the frame (Ethernet padding excluded, snapped frames cut short). */
  payloadEnd: number;
  /** True for fragments other than the first: no transport header is present. */
  laterFragment: boolean;
  /** True for a first fragment whose payload continues in other packets. */
  firstFragment: boolean;
  /** Fragment identification (IPv4 16-bit, IPv6 32-bit); 0 when not fragmented. */
  fragmentId: number;
  /** Byte offset of this fragment's payload in the original datagram. */
  fragmentOffset: number;
  /** More fragments follow this one. */
  moreFragments: boolean;
}

/** IPv6 extension headers we step over (RFC 8200 §4, RFC 4302 AH, RFC 6275 mobility, RFC 7401 HIP, RFC 5533 shim6). */
const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTHENTICATION = 51;
const DESTINATION_OPTIONS = 60;
const MOBILITY = 135;
const HIP = 139;
const SHIM6 = 140;
const MAX_EXTENSION_HEADERS = 16;

/** A header to decode into; the frame observer reuses one for every packet instead of allocating one per packet. */
export function createIpHeader(): IpHeader {
  return {
    version: 4,
    src: '',
    dst: '',
    sourceAt: 0,
    protocol: 0,
    payloadStart: 0,
    payloadEnd: 0,
    laterFragment: false,
    firstFragment: false,
    fragmentId: 0,
    fragmentOffset: 0,
    moreFragments: false,
  };
}

/**
 * Decodes the IPv4 header at `offset` into `into` (all fields set) and returns it, or returns an error string for a
 * header that cannot be right.
 */
export function decodeIpv4(data: Uint8Array, offset: number, into: IpHeader = createIpHeader()): IpHeader | string {
  if (data.length < offset + 20) return 'truncated IPv4 header';
  const first = data[offset] ?? 0;
  if (first >> 4 !== 4) return `IPv4 header has version ${first >> 4}`;
  const headerLength = (first & 0x0f) * 4;
  if (headerLength < 20) return `IPv4 header length ${headerLength} is too small`;
  if (data.length < offset + headerLength) return 'truncated IPv4 options';
  const totalLength = ((data[offset + 2] ?? 0) << 8) | (data[offset + 3] ?? 0);
  const flagsAndOffset = ((data[offset + 6] ?? 0) << 8) | (data[offset + 7] ?? 0);
  // A zero total length is what TCP segmentation offload leaves in captures: trust the frame then.
  const end = totalLength === 0 ? data.length : Math.min(data.length, offset + Math.max(totalLength, headerLength));
  const fragmentOffset = flagsAndOffset & 0x1fff;
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  into.version = 4;
  into.src = formatIpv4(data, offset + 12);
  into.dst = formatIpv4(data, offset + 16);
  into.sourceAt = offset + 12;
  into.protocol = data[offset + 9] ?? 0;
  into.payloadStart = offset + headerLength;
  into.payloadEnd = end;
  into.laterFragment = fragmentOffset !== 0;
  into.firstFragment = fragmentOffset === 0 && moreFragments;
  into.fragmentId = ((data[offset + 4] ?? 0) << 8) | (data[offset + 5] ?? 0);
  into.fragmentOffset = fragmentOffset * 8;
  into.moreFragments = moreFragments;
  return into;
}

/**
 * Decodes the IPv6 header at `offset` into `into`, stepping over extension headers to the upper-layer protocol;
 * returns `into`, or an error string.
 */
export function decodeIpv6(data: Uint8Array, offset: number, into: IpHeader = createIpHeader()): IpHeader | string {
  if (data.length < offset + 40) return 'truncated IPv6 header';
  const first = data[offset] ?? 0;
  if (first >> 4 !== 6) return `IPv6 header has version ${first >> 4}`;
  const payloadLength = ((data[offset + 4] ?? 0) << 8) | (data[offset + 5] ?? 0);
  // Zero payload length means a jumbogram (RFC 2675) or offload: trust the frame.
  const end = payloadLength === 0 ? data.length : Math.min(data.length, offset + 40 + payloadLength);
  let next = data[offset + 6] ?? 0;
  let pos = offset + 40;
  let laterFragment = false;
  let firstFragment = false;
  let fragmentId = 0;
  let fragmentOffset = 0;
  let moreFragments = false;
  for (let i = 0; i < MAX_EXTENSION_HEADERS; i++) {
    if (next === FRAGMENT) {
      if (end < pos + 8) return 'truncated IPv6 fragment header';
      const fragmentField = ((data[pos + 2] ?? 0) << 8) | (data[pos + 3] ?? 0);
      laterFragment = fragmentField >> 3 !== 0;
      moreFragments = (fragmentField & 1) === 1;
      firstFragment = !laterFragment && moreFragments;
      fragmentOffset = (fragmentField >> 3) * 8;
      fragmentId = (((data[pos + 4] ?? 0) << 24) | ((data[pos + 5] ?? 0) << 16) | ((data[pos + 6] ?? 0) << 8) | (data[pos + 7] ?? 0)) >>> 0;
      next = data[pos] ?? 0;
      pos += 8;
      if (laterFragment) break;
    } else if (next === AUTHENTICATION) {
      if (end < pos + 2) return 'truncated IPv6 authentication header';
      const length = ((data[pos + 1] ?? 0) + 2) * 4;
      next = data[pos] ?? 0;
      pos += length;
    } else if (next === HOP_BY_HOP || next === ROUTING || next === DESTINATION_OPTIONS || next === MOBILITY || next === HIP || next === SHIM6) {
      if (end < pos + 2) return 'truncated IPv6 extension header';
      const length = ((data[pos + 1] ?? 0) + 1) * 8;
      next = data[pos] ?? 0;
      pos += length;
    } else {
      break;
    }
    if (pos > end) return 'IPv6 extension header runs past the packet';
  }
  into.version = 6;
  into.src = formatIpv6(data, offset + 8);
  into.dst = formatIpv6(data, offset + 24);
  into.sourceAt = offset + 8;
  into.protocol = next;
  into.payloadStart = pos;
  into.payloadEnd = end;
  into.laterFragment = laterFragment;
  into.firstFragment = firstFragment;
  into.fragmentId = fragmentId;
  into.fragmentOffset = fragmentOffset;
  into.moreFragments = moreFragments;
  return into;
}
