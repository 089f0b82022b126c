/**
 * TCP (RFC 9293 §3.1) and UDP (RFC 768) header decoding. Payloads are views, never copies.
 */

/** Decoded TCP or UDP header. */
export interface TransportHeader {
  srcPort: number;
  dstPort: number;
  /** TCP only; 0 for UDP. */
  seq: number;
  ack: number;
  flags: number;
  /** Transport payload (the captured part). */
  payload: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/** A header to decode into; the frame observer reuses one for every packet instead of allocating one per packet. */
export function createTransportHeader(): TransportHeader {
  return { srcPort: 0, dstPort: 0, seq: 0, ack: 0, flags: 0, payload: EMPTY };
}

/** TCP flag bits of byte 13. */
export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

/** Decodes a TCP header spanning `[start, end)` of `data` into `into` and returns it, or returns an error string. */
export function decodeTcp(data: Uint8Array, start: number, end: number, into: TransportHeader = createTransportHeader()): TransportHeader | string {
  if (end < start + 20) return 'truncated TCP header';
  const dataOffset = ((data[start + 12] ?? 0) >> 4) * 4;
  if (dataOffset < 20) return `TCP data offset ${dataOffset} is too small`;
  into.srcPort = ((data[start] ?? 0) << 8) | (data[start + 1] ?? 0);
  into.dstPort = ((data[start + 2] ?? 0) << 8) | (data[start + 3] ?? 0);
  into.seq = readUint32(data, start + 4);
  into.ack = readUint32(data, start + 8);
  into.flags = data[start + 13] ?? 0;
  into.payload = viewOf(data, Math.min(start + dataOffset, end), end);
  return into;
}

/** Decodes a UDP header spanning `[start, end)` of `data` into `into` and returns it, or returns an error string. */
export function decodeUdp(data: Uint8Array, start: number, end: number, into: TransportHeader = createTransportHeader()): TransportHeader | string {
  if (end < start + 8) return 'truncated UDP header';
  const length = ((data[start + 4] ?? 0) << 8) | (data[start + 5] ?? 0);
  // Length 0 is legal for IPv6 jumbograms; a length below 8 otherwise means a damaged header we can skip past.
  const payloadEnd = length >= 8 ? Math.min(end, start + length) : end;
  into.srcPort = ((data[start] ?? 0) << 8) | (data[start + 1] ?? 0);
  into.dstPort = ((data[start + 2] ?? 0) << 8) | (data[start + 3] ?? 0);
  into.seq = 0;
  into.ack = 0;
  into.flags = 0;
  into.payload = viewOf(data, start + 8, payloadEnd);
  return into;
}

/** `data[start, end)` as a view; a third of a capture's packets are bare ACKs, which all share one empty view. */
function viewOf(data: Uint8Array, start: number, end: number): Uint8Array {
  return start >= end ? EMPTY : data.subarray(start, end);
}

function readUint32(data: Uint8Array, at: number): number {
  return (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0)) >>> 0;
}
