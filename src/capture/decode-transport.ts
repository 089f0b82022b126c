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

/** TCP flag bits of byte 13. */
export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

/** Decodes a TCP header spanning `[start, end)` of `data`. */
export function decodeTcp(data: Uint8Array, start: number, end: number): TransportHeader | string {
  if (end < start + 20) return 'truncated TCP header';
  const dataOffset = ((data[start + 12] ?? 0) >> 4) * 4;
  if (dataOffset < 20) return `TCP data offset ${dataOffset} is too small`;
  const payloadStart = Math.min(start + dataOffset, end);
  return {
    srcPort: ((data[start] ?? 0) << 8) | (data[start + 1] ?? 0),
    dstPort: ((data[start + 2] ?? 0) << 8) | (data[start + 3] ?? 0),
    seq: readUint32(data, start + 4),
    ack: readUint32(data, start + 8),
    flags: data[start + 13] ?? 0,
    payload: data.subarray(payloadStart, end),
  };
}

/** Decodes a UDP header spanning `[start, end)` of `data`. */
export function decodeUdp(data: Uint8Array, start: number, end: number): TransportHeader | string {
  if (end < start + 8) return 'truncated UDP header';
  const length = ((data[start + 4] ?? 0) << 8) | (data[start + 5] ?? 0);
  // Length 0 is legal for IPv6 jumbograms; a length below 8 otherwise means a damaged header we can skip past.
  const payloadEnd = length >= 8 ? Math.min(end, start + length) : end;
  return {
    srcPort: ((data[start] ?? 0) << 8) | (data[start + 1] ?? 0),
    dstPort: ((data[start + 2] ?? 0) << 8) | (data[start + 3] ?? 0),
    seq: 0,
    ack: 0,
    flags: 0,
    payload: data.subarray(start + 8, payloadEnd),
  };
}

function readUint32(data: Uint8Array, at: number): number {
  return (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0)) >>> 0;
}
