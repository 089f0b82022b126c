/**
 * Reads the CRYPTO data of QUIC client Initial packets. Initial packets are encrypted with keys derived
 * from a public salt and the client's Destination Connection ID (RFC 9001 §5.2), so anyone on the path
 * can read the ClientHello — including its SNI. Layouts: RFC 9000 §17.2 / §17.2.2 (long header, Initial),
 * §16 (variable-length integers), §19.6 (CRYPTO frame); RFC 9001 §5.3–5.4 (AEAD, header protection);
 * RFC 9369 §3 (QUIC v2 salt, labels and packet types).
 */
import { type Cipher, createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { Buffer } from 'node:buffer';

/** A piece of the client's Initial-level CRYPTO stream. */
export interface CryptoFragment {
  offset: number;
  data: Uint8Array;
}

interface QuicVersionParams {
  salt: Buffer;
  labelPrefix: string;
  /** Long-header packet type bits (0x30 mask) that mean Initial. */
  initialType: number;
}

const VERSION_1 = 0x00000001;
const VERSION_2 = 0x6b3343cf;
const VERSION_DRAFT_29 = 0xff00001d;

const VERSIONS: ReadonlyMap<number, QuicVersionParams> = new Map([
  [VERSION_1, { salt: Buffer.from('38762cf7f55934b34d179ae6a4c80cadccbb7f0a', 'hex'), labelPrefix: 'quic', initialType: 0x00 }],
  [VERSION_2, { salt: Buffer.from('0dede3def700a6db819381be6e269dcbf9bd2ed9', 'hex'), labelPrefix: 'quicv2', initialType: 0x10 }],
  [VERSION_DRAFT_29, { salt: Buffer.from('afbfec289993d24c9e9786f19c6111e04390a899', 'hex'), labelPrefix: 'quic', initialType: 0x00 }],
]);

interface InitialKeys {
  key: Buffer;
  iv: Buffer;
  /**
   * AES-128-ECB with the header protection key (§5.4.3), made once per connection: ECB without padding
   * turns each 16-byte sample into its 16-byte mask independently, so one cipher serves every packet.
   */
  hp: Cipher;
}

/** Derived keys by version + DCID; a handful of connections per capture, so a small bounded cache. */
const keyCache = new Map<string, InitialKeys>();
const KEY_CACHE_LIMIT = 256;

/** True when the UDP payload starts with a QUIC long header (RFC 9000 §17.2: form bit and fixed bit). */
export function isQuicLongHeader(payload: Uint8Array): boolean {
  const first = payload[0];
  if (first === undefined || payload.length < 7 || (first & 0xc0) !== 0xc0) return false;
  const version = readUint32(payload, 1);
  return version !== 0 && (VERSIONS.has(version) || (version & 0x0f0f0f0f) === 0x0a0a0a0a || version >>> 8 === 0xff0000);
}

/**
 * Decrypts every client Initial packet in a UDP datagram (packets may be coalesced, §12.2) and returns
 * their CRYPTO frame fragments. Server Initials and anything unreadable yield nothing.
 */
export function readQuicInitialCrypto(datagram: Uint8Array): CryptoFragment[] {
  const fragments: CryptoFragment[] = [];
  let pos = 0;
  while (pos + 7 <= datagram.length) {
    const first = datagram[pos] ?? 0;
    if ((first & 0x80) === 0) break;
    const version = readUint32(datagram, pos + 1);
    const params = VERSIONS.get(version);
    if (params === undefined) break;
    let p = pos + 5;
    const dcidLength = datagram[p] ?? 255;
    if (dcidLength > 20 || p + 1 + dcidLength > datagram.length) break;
    const dcid = datagram.subarray(p + 1, p + 1 + dcidLength);
    p += 1 + dcidLength;
    const scidLength = datagram[p] ?? 255;
    if (scidLength > 20) break;
    p += 1 + scidLength;
    const isInitial = (first & 0x30) === params.initialType;
    if (isInitial) {
      const tokenLength = readVarint(datagram, p);
      if (tokenLength === null) break;
      p = tokenLength.next + tokenLength.value;
    }
    const length = readVarint(datagram, p);
    if (length === null) break;
    const pnOffset = length.next;
    const packetEnd = pnOffset + length.value;
    if (packetEnd > datagram.length) break;
    if (isInitial) {
      const payload = decryptInitialPacket(datagram, pos, pnOffset, packetEnd, dcid, version, params);
      if (payload !== null) collectCryptoFrames(payload, fragments);
    }
    pos = packetEnd;
  }
  return fragments;
}

/**
 * Assembles the CRYPTO stream from offset 0 and, once the first handshake message is whole, returns it
 * (4-byte handshake header included). Returns null while bytes are missing.
 */
export function assembleCryptoMessage(fragments: CryptoFragment[], maxLength: number): Uint8Array | null {
  const sorted = [...fragments].sort((a, b) => a.offset - b.offset);
  const buffer = new Uint8Array(maxLength);
  let contiguous = 0;
  for (const f of sorted) {
    if (f.offset > contiguous) break;
    const end = Math.min(maxLength, f.offset + f.data.length);
    if (end > contiguous) {
      buffer.set(f.data.subarray(contiguous - f.offset, end - f.offset), contiguous);
      contiguous = end;
    }
  }
  if (contiguous < 4) return null;
  const messageLength = (((buffer[1] ?? 0) << 16) | ((buffer[2] ?? 0) << 8) | (buffer[3] ?? 0)) + 4;
  if (messageLength > maxLength) return null;
  return contiguous >= messageLength ? buffer.subarray(0, messageLength) : null;
}

function decryptInitialPacket(
  datagram: Uint8Array,
  start: number,
  pnOffset: number,
  packetEnd: number,
  dcid: Uint8Array,
  version: number,
  params: QuicVersionParams,
): Uint8Array | null {
  // §5.4.2: the sample starts 4 bytes after the packet number field's start.
  if (pnOffset + 4 + 16 > packetEnd) return null;
  const keys = deriveInitialKeys(dcid, version, params);
  const mask = encryptBlock(keys.hp, datagram.subarray(pnOffset + 4, pnOffset + 20));
  const first = (datagram[start] ?? 0) ^ ((mask[0] ?? 0) & 0x0f);
  const pnLength = (first & 0x03) + 1;
  const header = Buffer.from(datagram.subarray(start, pnOffset + pnLength));
  header[0] = first;
  let packetNumber = 0;
  for (let i = 0; i < pnLength; i++) {
    const at = pnOffset - start + i;
    const byte = (header[at] ?? 0) ^ (mask[1 + i] ?? 0);
    header[at] = byte;
    packetNumber = packetNumber * 256 + byte;
  }
  // §5.3: nonce = IV XOR packet number (left-padded to the IV length).
  const nonce = Buffer.from(keys.iv);
  for (let i = 0; i < 6; i++) {
    const at = nonce.length - 1 - i;
    nonce[at] = (nonce[at] ?? 0) ^ (Math.floor(packetNumber / 2 ** (8 * i)) & 0xff);
  }
  const sealed = datagram.subarray(pnOffset + pnLength, packetEnd);
  if (sealed.length <= 16) return null;
  // A failed tag check throws, and the error is dropped: capturing its stack trace would be half the cost of the
  // failure, which every server Initial meets.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const decipher = createDecipheriv('aes-128-gcm', keys.key, nonce);
    decipher.setAAD(header);
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    // Authentication failure: a server Initial, a corrupt packet or another version's keys.
    return null;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** RFC 9000 §19: walks the frames of a decrypted Initial payload, keeping CRYPTO data. */
function collectCryptoFrames(payload: Uint8Array, out: CryptoFragment[]): void {
  let pos = 0;
  while (pos < payload.length) {
    const type = payload[pos] ?? 0;
    if (type === 0x00 || type === 0x01) {
      pos += 1; // PADDING, PING
    } else if (type === 0x02 || type === 0x03) {
      // ACK: largest, delay, range count, first range, then (gap, length) pairs; 0x03 adds 3 ECN counts.
      let p = pos + 1;
      const values: number[] = [];
      for (let i = 0; i < 4; i++) {
        const v = readVarint(payload, p);
        if (v === null) return;
        values.push(v.value);
        p = v.next;
      }
      const extra = (values[2] ?? 0) * 2 + (type === 0x03 ? 3 : 0);
      for (let i = 0; i < extra; i++) {
        const v = readVarint(payload, p);
        if (v === null) return;
        p = v.next;
      }
      pos = p;
    } else if (type === 0x06) {
      const offset = readVarint(payload, pos + 1);
      if (offset === null) return;
      const length = readVarint(payload, offset.next);
      if (length === null || length.next + length.value > payload.length) return;
      out.push({ offset: offset.value, data: payload.subarray(length.next, length.next + length.value) });
      pos = length.next + length.value;
    } else {
      // CONNECTION_CLOSE or a frame not allowed in Initial packets: nothing more to learn.
      return;
    }
  }
}

/** RFC 9001 §5.2 initial secrets and §5.1 HKDF-Expand-Label (RFC 8446 §7.1) for the client side. */
function deriveInitialKeys(dcid: Uint8Array, version: number, params: QuicVersionParams): InitialKeys {
  const cacheKey = `${version}:${Buffer.from(dcid).toString('hex')}`;
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const initialSecret = createHmac('sha256', params.salt).update(dcid).digest();
  const clientSecret = expandLabel(initialSecret, 'client in', 32);
  const hp = createCipheriv('aes-128-ecb', expandLabel(clientSecret, `${params.labelPrefix} hp`, 16), null);
  hp.setAutoPadding(false);
  const keys = {
    key: expandLabel(clientSecret, `${params.labelPrefix} key`, 16),
    iv: expandLabel(clientSecret, `${params.labelPrefix} iv`, 12),
    hp,
  };
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(cacheKey, keys);
  return keys;
}

function expandLabel(secret: Buffer, label: string, length: number): Buffer {
  // One HKDF-Expand block suffices: every output here is at most 32 bytes (SHA-256 size).
  return createHmac('sha256', secret).update(expandBlockInput(label, length)).digest().subarray(0, length);
}

/** HkdfLabel (length, "tls13 " + label, empty context) followed by the block counter 1; a few fixed labels, so kept. */
const expandBlockInputs = new Map<string, Buffer>();

function expandBlockInput(label: string, length: number): Buffer {
  const cacheKey = `${length}:${label}`;
  let input = expandBlockInputs.get(cacheKey);
  if (input === undefined) {
    const fullLabel = Buffer.from(`tls13 ${label}`, 'ascii');
    input = Buffer.concat([Buffer.from([length >> 8, length & 0xff, fullLabel.length]), fullLabel, Buffer.from([0, 1])]);
    expandBlockInputs.set(cacheKey, input);
  }
  return input;
}

function encryptBlock(cipher: Cipher, block: Uint8Array): Buffer {
  return cipher.update(block);
}

/** RFC 9000 §16 variable-length integer. */
function readVarint(data: Uint8Array, at: number): { value: number; next: number } | null {
  const first = data[at];
  if (first === undefined) return null;
  const length = 1 << (first >> 6);
  if (at + length > data.length) return null;
  let value = first & 0x3f;
  for (let i = 1; i < length; i++) value = value * 256 + (data[at + i] ?? 0);
  return { value, next: at + length };
}

function readUint32(data: Uint8Array, at: number): number {
  return (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0)) >>> 0;
}
