/**
 * TLS ClientHello parsing for the server name (SNI). Layouts: record layer RFC 8446 §5.1, handshake
 * header §4, ClientHello §4.1.2, extensions §4.2, server_name RFC 6066 §3.
 */

/** Result of looking for a ClientHello at the start of a client's TCP byte stream. */
export type ClientHelloScan =
  | { status: 'complete'; sni: string | null }
  /** `needed` is the total stream length required, when it can be told from the headers (else 0). */
  | { status: 'incomplete'; needed: number }
  | { status: 'not-client-hello' };

const CONTENT_HANDSHAKE = 22;
const HANDSHAKE_CLIENT_HELLO = 1;
const EXTENSION_SERVER_NAME = 0;
/** A ClientHello larger than this is not one we will buffer. */
export const MAX_CLIENT_HELLO_LENGTH = 65536;
/** §5.1: TLSPlaintext.length must not exceed 2^14; ciphertext may add up to 2048. */
const MAX_RECORD_LENGTH = 16384 + 2048;

/** True when `payload` starts with something shaped like a TLS record header (any content type). */
export function isTlsRecordStart(payload: Uint8Array): boolean {
  if (payload.length < 5) return false;
  const type = payload[0] ?? 0;
  const length = ((payload[3] ?? 0) << 8) | (payload[4] ?? 0);
  return type >= 20 && type <= 24 && payload[1] === 3 && (payload[2] ?? 9) <= 4 && length > 0 && length <= MAX_RECORD_LENGTH;
}

/** True when `payload` starts a TLS handshake record whose first message is a ClientHello. */
export function isClientHelloStart(payload: Uint8Array): boolean {
  return isTlsRecordStart(payload) && payload[0] === CONTENT_HANDSHAKE && (payload.length < 6 || payload[5] === HANDSHAKE_CLIENT_HELLO);
}

/**
 * Scans a client→server byte stream that starts with TLS records, gathering handshake bytes across
 * records until the ClientHello message is complete, then extracts the SNI.
 */
export function scanTlsClientHello(stream: Uint8Array): ClientHelloScan {
  if (!isClientHelloStart(stream)) return { status: 'not-client-hello' };
  const parts: Uint8Array[] = [];
  let gathered = 0;
  let messageLength = -1;
  let pos = 0;
  while (pos + 5 <= stream.length) {
    if (stream[pos] !== CONTENT_HANDSHAKE || stream[pos + 1] !== 3) return { status: 'not-client-hello' };
    const recordLength = ((stream[pos + 3] ?? 0) << 8) | (stream[pos + 4] ?? 0);
    const available = Math.min(recordLength, stream.length - pos - 5);
    parts.push(stream.subarray(pos + 5, pos + 5 + available));
    gathered += available;
    if (messageLength < 0 && gathered >= 4) {
      const header = gathered === available ? (parts[0] ?? stream) : concat(parts);
      if (header[0] !== HANDSHAKE_CLIENT_HELLO) return { status: 'not-client-hello' };
      messageLength = ((header[1] ?? 0) << 16) | ((header[2] ?? 0) << 8) | (header[3] ?? 0);
      if (messageLength > MAX_CLIENT_HELLO_LENGTH) return { status: 'not-client-hello' };
    }
    if (messageLength >= 0 && gathered >= messageLength + 4) {
      const message = parts.length === 1 ? (parts[0] ?? stream) : concat(parts);
      return { status: 'complete', sni: extractClientHelloSni(message.subarray(4, 4 + messageLength)) };
    }
    if (available < recordLength) {
      // Cut short inside this record: the stream must reach at least the record's end.
      const recordEnd = pos + 5 + recordLength;
      const needed = messageLength >= 0 && messageLength + 4 - gathered <= recordLength - available ? pos + 5 + available + (messageLength + 4 - gathered) : recordEnd;
      return { status: 'incomplete', needed };
    }
    pos += 5 + recordLength;
  }
  return { status: 'incomplete', needed: 0 };
}

/**
 * Extracts the host_name from the body of a ClientHello handshake message (after the 4-byte
 * handshake header). Returns null when there is no usable server_name extension or the body is malformed.
 * QUIC carries the same message in CRYPTO frames, so this is shared.
 */
export function extractClientHelloSni(body: Uint8Array): string | null {
  let pos = 2 + 32;
  const sessionIdLength = body[pos];
  if (sessionIdLength === undefined) return null;
  pos += 1 + sessionIdLength;
  if (pos + 2 > body.length) return null;
  pos += 2 + readUint16(body, pos);
  const compressionLength = body[pos];
  if (compressionLength === undefined) return null;
  pos += 1 + compressionLength;
  if (pos + 2 > body.length) return null;
  const extensionsEnd = Math.min(body.length, pos + 2 + readUint16(body, pos));
  pos += 2;
  while (pos + 4 <= extensionsEnd) {
    const type = readUint16(body, pos);
    const length = readUint16(body, pos + 2);
    const dataStart = pos + 4;
    pos = dataStart + length;
    if (pos > extensionsEnd) return null;
    if (type === EXTENSION_SERVER_NAME) return readServerName(body, dataStart, pos);
  }
  return null;
}

/** RFC 6066 §3 ServerNameList: the first host_name entry. */
function readServerName(body: Uint8Array, start: number, end: number): string | null {
  if (start + 2 > end) return null;
  const listEnd = Math.min(end, start + 2 + readUint16(body, start));
  let pos = start + 2;
  while (pos + 3 <= listEnd) {
    const nameType = body[pos];
    const length = readUint16(body, pos + 1);
    const nameStart = pos + 3;
    pos = nameStart + length;
    if (pos > listEnd) return null;
    if (nameType === 0) return normalizeHostName(body.subarray(nameStart, pos));
  }
  return null;
}

/** Host names are ASCII; anything else is refused rather than guessed at. */
function normalizeHostName(bytes: Uint8Array): string | null {
  if (bytes.length === 0 || bytes.length > 255) return null;
  let out = '';
  for (const b of bytes) {
    if (b <= 0x20 || b >= 0x7f) return null;
    out += String.fromCharCode(b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
  }
  return out.endsWith('.') ? out.slice(0, -1) : out;
}

function readUint16(data: Uint8Array, at: number): number {
  return ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
