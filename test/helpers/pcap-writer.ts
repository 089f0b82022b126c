/**
 * Deterministic builders for synthetic captures: a classic pcap writer and packet builders
 * (Ethernet / IPv4 / IPv6 / UDP / TCP, DNS responses, TLS ClientHello, HTTP/1.1 requests).
 *
 * Used by tests and by the demo-capture generator, so nothing here may depend on randomness or the clock.
 * Layouts follow: pcap (draft-ietf-opsawg-pcap §4–5), Ethernet II / IEEE 802.1Q, RFC 791 (IPv4),
 * RFC 8200 (IPv6), RFC 768 (UDP), RFC 9293 (TCP), RFC 1035 §4 (DNS), RFC 8446 §4.1.2 + RFC 6066 §3 (TLS).
 */

/** TCP flag bits (RFC 9293 §3.1). */
export const TCP_FLAGS = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
} as const;

/** pcap link-layer header types we write (https://www.tcpdump.org/linktypes.html). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
} as const;

/** Options for {@link PcapWriter}. */
export interface PcapWriterOptions {
  /** Byte order of all header fields; the reader must honour the magic number. Default 'le'. */
  byteOrder?: 'le' | 'be';
  /** Timestamp resolution; 'ns' writes the a1b23c4d magic. Default 'us'. */
  resolution?: 'us' | 'ns';
  /** Link type written in the file header. Default Ethernet (1). */
  linkType?: number;
  /** Snap length written in the file header. Default 262144. */
  snapLength?: number;
}

interface PendingFrame {
  seconds: number;
  fraction: number;
  data: Uint8Array;
  originalLength: number;
}

/** Accumulates frames in memory and serialises them as one classic pcap file. */
export class PcapWriter {
  private readonly littleEndian: boolean;
  private readonly nanoseconds: boolean;
  private readonly linkType: number;
  private readonly snapLength: number;
  private readonly frames: PendingFrame[] = [];

  constructor(options: PcapWriterOptions = {}) {
    this.littleEndian = (options.byteOrder ?? 'le') === 'le';
    this.nanoseconds = options.resolution === 'ns';
    this.linkType = options.linkType ?? LINKTYPE.ETHERNET;
    this.snapLength = options.snapLength ?? 262144;
  }

  /**
   * Adds one frame. `time` is seconds since the epoch; the fraction is rounded to the file's resolution.
   * `originalLength` lets tests write truncated (snapped) frames; it defaults to the data length.
   */
  addFrame(time: number, frame: Uint8Array, originalLength?: number): void {
    const scale = this.nanoseconds ? 1e9 : 1e6;
    let seconds = Math.floor(time);
    let fraction = Math.round((time - seconds) * scale);
    if (fraction >= scale) {
      seconds += 1;
      fraction -= scale;
    }
    this.frames.push({ seconds, fraction, data: frame, originalLength: originalLength ?? frame.length });
  }

  /** Number of frames added so far. */
  get frameCount(): number {
    return this.frames.length;
  }

  /** Serialises the global header and all records. */
  toBytes(): Uint8Array {
    const total = 24 + this.frames.reduce((n, f) => n + 16 + f.data.length, 0);
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    const le = this.littleEndian;
    // pcap §4: the magic is written in the writer's byte order, which is how readers detect it.
    view.setUint32(0, this.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, le);
    view.setUint16(4, 2, le);
    view.setUint16(6, 4, le);
    view.setInt32(8, 0, le);
    view.setUint32(12, 0, le);
    view.setUint32(16, this.snapLength, le);
    view.setUint32(20, this.linkType, le);
    let offset = 24;
    for (const f of this.frames) {
      // pcap §5: per-record header.
      view.setUint32(offset, f.seconds, le);
      view.setUint32(offset + 4, f.fraction, le);
      view.setUint32(offset + 8, f.data.length, le);
      view.setUint32(offset + 12, f.originalLength, le);
      out.set(f.data, offset + 16);
      offset += 16 + f.data.length;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Byte helpers

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Encodes a string as UTF-8 bytes. */
export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function u16(value: number): Uint8Array {
  return Uint8Array.of((value >>> 8) & 0xff, value & 0xff);
}

function u24(value: number): Uint8Array {
  return Uint8Array.of((value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

function u32(value: number): Uint8Array {
  return Uint8Array.of((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/** Parses dotted IPv4 text into 4 bytes. */
export function parseIpv4(text: string): Uint8Array {
  const parts = text.split('.').map((p) => Number(p));
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`bad IPv4 address ${text}`);
  }
  return Uint8Array.from(parts);
}

/** Parses IPv6 text (with optional `::`) into 16 bytes. */
export function parseIpv6(text: string): Uint8Array {
  const halves = text.split('::');
  if (halves.length > 2) throw new Error(`bad IPv6 address ${text}`);
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) throw new Error(`bad IPv6 address ${text}`);
  const groups = [...head, ...new Array<string>(missing).fill('0'), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw new Error(`bad IPv6 address ${text}`);
    out[i * 2] = v >>> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}

function parseMac(text: string): Uint8Array {
  const bytes = text.split(':').map((p) => parseInt(p, 16));
  if (bytes.length !== 6 || bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) {
    throw new Error(`bad MAC ${text}`);
  }
  return Uint8Array.from(bytes);
}

/** RFC 1071 one's-complement sum over the given byte arrays, folded and complemented. */
export function computeInternetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd: number | null = null;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const b = p[i] ?? 0;
      if (odd === null) {
        odd = b;
      } else {
        sum += (odd << 8) | b;
        odd = null;
      }
    }
  }
  if (odd !== null) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

// ---------------------------------------------------------------------------------------------
// Link and network layers

/** Options for {@link buildEthernetFrame}. */
export interface EthernetOptions {
  srcMac?: string;
  dstMac?: string;
  etherType: number;
  payload: Uint8Array;
  /** Adds an 802.1Q tag with this VLAN id. */
  vlan?: number;
}

/** Builds an Ethernet II frame (optionally 802.1Q tagged); no FCS, as capture tools strip it. */
export function buildEthernetFrame(options: EthernetOptions): Uint8Array {
  const dst = parseMac(options.dstMac ?? '02:00:00:00:00:02');
  const src = parseMac(options.srcMac ?? '02:00:00:00:00:01');
  const tag = options.vlan === undefined ? new Uint8Array(0) : concatBytes(u16(0x8100), u16(options.vlan & 0x0fff));
  return concatBytes(dst, src, tag, u16(options.etherType), options.payload);
}

/** Options for {@link buildIpv4Packet}. */
export interface Ipv4Options {
  src: string;
  dst: string;
  protocol: number;
  payload: Uint8Array;
  ttl?: number;
  identification?: number;
  /** Fragment offset in 8-byte units. */
  fragmentOffset?: number;
  moreFragments?: boolean;
  dontFragment?: boolean;
}

/** Builds an IPv4 header (no options) with a correct header checksum, followed by the payload. */
export function buildIpv4Packet(options: Ipv4Options): Uint8Array {
  const header = new Uint8Array(20);
  const view = new DataView(header.buffer);
  header[0] = 0x45;
  view.setUint16(2, 20 + options.payload.length);
  view.setUint16(4, options.identification ?? 0x1234);
  const flags = (options.dontFragment ? 0x4000 : 0) | (options.moreFragments ? 0x2000 : 0);
  view.setUint16(6, flags | ((options.fragmentOffset ?? 0) & 0x1fff));
  header[8] = options.ttl ?? 64;
  header[9] = options.protocol;
  header.set(parseIpv4(options.src), 12);
  header.set(parseIpv4(options.dst), 16);
  view.setUint16(10, computeInternetChecksum(header));
  return concatBytes(header, options.payload);
}

/** Options for {@link buildIpv6Packet}. */
export interface Ipv6Options {
  src: string;
  dst: string;
  nextHeader: number;
  payload: Uint8Array;
  hopLimit?: number;
  /**
   * Extension headers to insert before the payload, outermost first. Each is written in the generic
   * (next header, length in 8-octet units minus 1) form of RFC 8200 §4.3 and padded to 8 bytes.
   */
  extensionHeaders?: { type: number; data?: Uint8Array }[];
}

/** Builds an IPv6 header, optional extension headers and the payload. */
export function buildIpv6Packet(options: Ipv6Options): Uint8Array {
  const extensions = options.extensionHeaders ?? [];
  const extBytes: Uint8Array[] = [];
  extensions.forEach((ext, i) => {
    const next = extensions[i + 1]?.type ?? options.nextHeader;
    const data = ext.data ?? new Uint8Array(6);
    const bodyLength = Math.ceil((data.length + 2) / 8) * 8;
    const block = new Uint8Array(bodyLength);
    block[0] = next;
    block[1] = bodyLength / 8 - 1;
    block.set(data, 2);
    extBytes.push(block);
  });
  const rest = concatBytes(...extBytes, options.payload);
  const header = new Uint8Array(40);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x60000000);
  view.setUint16(4, rest.length);
  header[6] = extensions[0]?.type ?? options.nextHeader;
  header[7] = options.hopLimit ?? 64;
  header.set(parseIpv6(options.src), 8);
  header.set(parseIpv6(options.dst), 24);
  return concatBytes(header, rest);
}

/**
 * Splits an Ethernet frame carrying an IPv4 packet (no options) into Ethernet frames carrying its fragments
 * (RFC 791 §3.2), each with at most `chunk` payload bytes (rounded down to a multiple of 8), in order.
 */
export function fragmentIpv4Frame(frame: Uint8Array, chunk: number): Uint8Array[] {
  const ether = frame.subarray(0, 14);
  const packet = frame.subarray(14);
  const header = packet.subarray(0, 20);
  const payload = packet.subarray(20);
  const size = Math.max(8, Math.floor(chunk / 8) * 8);
  const out: Uint8Array[] = [];
  for (let at = 0; at < payload.length; at += size) {
    const part = payload.subarray(at, Math.min(payload.length, at + size));
    const fragmentHeader = header.slice();
    const view = new DataView(fragmentHeader.buffer);
    view.setUint16(2, 20 + part.length);
    view.setUint16(6, (at + size < payload.length ? 0x2000 : 0) | (at / 8));
    view.setUint16(10, 0);
    view.setUint16(10, computeInternetChecksum(fragmentHeader));
    out.push(concatBytes(ether, fragmentHeader, part));
  }
  return out;
}

/** How a transport segment is wrapped into a frame. */
export type LinkWrapping = 'ethernet' | 'raw';

/** Fields shared by {@link buildUdpFrame} and {@link buildTcpFrame}. */
export interface TransportFrameOptions {
  /** IPv4 or IPv6 text; the family is chosen from the presence of ':'. */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  payload?: Uint8Array;
  /** 'ethernet' (default) or 'raw' (bare IP packet, for LINKTYPE_RAW files). */
  link?: LinkWrapping;
  vlan?: number;
  ttl?: number;
  identification?: number;
}

function isIpv6(address: string): boolean {
  return address.includes(':');
}

function buildPseudoHeader(src: string, dst: string, protocol: number, length: number): Uint8Array {
  if (isIpv6(src)) {
    // RFC 8200 §8.1 pseudo-header.
    return concatBytes(parseIpv6(src), parseIpv6(dst), u32(length), Uint8Array.of(0, 0, 0, protocol));
  }
  return concatBytes(parseIpv4(src), parseIpv4(dst), Uint8Array.of(0, protocol), u16(length));
}

function wrapTransport(options: TransportFrameOptions, protocol: number, segment: Uint8Array): Uint8Array {
  const ip = isIpv6(options.src)
    ? buildIpv6Packet({ src: options.src, dst: options.dst, nextHeader: protocol, payload: segment, hopLimit: options.ttl })
    : buildIpv4Packet({
        src: options.src,
        dst: options.dst,
        protocol,
        payload: segment,
        ttl: options.ttl,
        identification: options.identification,
      });
  if (options.link === 'raw') return ip;
  return buildEthernetFrame({ etherType: isIpv6(options.src) ? 0x86dd : 0x0800, payload: ip, vlan: options.vlan });
}

/** Builds an Ethernet (or raw IP) frame carrying one UDP datagram with a correct checksum. */
export function buildUdpFrame(options: TransportFrameOptions): Uint8Array {
  const payload = options.payload ?? new Uint8Array(0);
  const segment = new Uint8Array(8 + payload.length);
  const view = new DataView(segment.buffer);
  view.setUint16(0, options.srcPort);
  view.setUint16(2, options.dstPort);
  view.setUint16(4, segment.length);
  segment.set(payload, 8);
  const checksum = computeInternetChecksum(buildPseudoHeader(options.src, options.dst, 17, segment.length), segment);
  view.setUint16(6, checksum === 0 ? 0xffff : checksum);
  return wrapTransport(options, 17, segment);
}

/** Options for {@link buildTcpFrame}. */
export interface TcpFrameOptions extends TransportFrameOptions {
  /** Bitwise OR of {@link TCP_FLAGS}. */
  flags: number;
  seq: number;
  ack?: number;
  window?: number;
}

/** Builds an Ethernet (or raw IP) frame carrying one TCP segment (20-byte header) with a correct checksum. */
export function buildTcpFrame(options: TcpFrameOptions): Uint8Array {
  const payload = options.payload ?? new Uint8Array(0);
  const segment = new Uint8Array(20 + payload.length);
  const view = new DataView(segment.buffer);
  view.setUint16(0, options.srcPort);
  view.setUint16(2, options.dstPort);
  view.setUint32(4, options.seq >>> 0);
  view.setUint32(8, (options.ack ?? 0) >>> 0);
  segment[12] = 5 << 4;
  segment[13] = options.flags & 0xff;
  view.setUint16(14, options.window ?? 65535);
  segment.set(payload, 20);
  view.setUint16(16, computeInternetChecksum(buildPseudoHeader(options.src, options.dst, 6, segment.length), segment));
  return wrapTransport(options, 6, segment);
}

// ---------------------------------------------------------------------------------------------
// Application payloads

/** One answer record for {@link buildDnsResponse}. */
export interface DnsAnswerSpec {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  value: string;
  ttl: number;
}

/** Options for {@link buildDnsResponse}. */
export interface DnsResponseOptions {
  id: number;
  question: string | { name: string; type?: 'A' | 'AAAA' | 'CNAME' };
  answers: DnsAnswerSpec[];
  /** Use RFC 1035 §4.1.4 name compression for names already written. Default true. */
  compress?: boolean;
}

const DNS_TYPE_CODES = { A: 1, CNAME: 5, AAAA: 28 } as const;

/** Builds a DNS response message (QR=1, RD=1, RA=1, NOERROR) with one question and the given answers. */
export function buildDnsResponse(options: DnsResponseOptions): Uint8Array {
  const compress = options.compress ?? true;
  const question = typeof options.question === 'string' ? { name: options.question } : options.question;
  const parts: Uint8Array[] = [];
  let length = 12;
  // Suffix (lower case, dotted) → offset where it was first written, for compression pointers.
  const written = new Map<string, number>();

  const writeName = (name: string): void => {
    const labels = name.replace(/\.$/, '').split('.').filter((l) => l.length > 0);
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.').toLowerCase();
      const at = written.get(suffix);
      if (compress && at !== undefined) {
        parts.push(u16(0xc000 | at));
        length += 2;
        return;
      }
      if (length < 0x3fff) written.set(suffix, length);
      const label = encodeText(labels[i] ?? '');
      parts.push(Uint8Array.of(label.length), label);
      length += 1 + label.length;
    }
    parts.push(Uint8Array.of(0));
    length += 1;
  };
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    length += bytes.length;
  };

  const header = new Uint8Array(12);
  const hv = new DataView(header.buffer);
  hv.setUint16(0, options.id);
  hv.setUint16(2, 0x8180);
  hv.setUint16(4, 1);
  hv.setUint16(6, options.answers.length);
  parts.push(header);

  writeName(question.name);
  push(u16(DNS_TYPE_CODES[question.type ?? 'A']));
  push(u16(1));

  for (const answer of options.answers) {
    writeName(answer.name);
    push(u16(DNS_TYPE_CODES[answer.type]));
    push(u16(1));
    push(u32(answer.ttl));
    if (answer.type === 'A') {
      push(u16(4));
      push(parseIpv4(answer.value));
    } else if (answer.type === 'AAAA') {
      push(u16(16));
      push(parseIpv6(answer.value));
    } else {
      // RDLENGTH is unknown until the (possibly compressed) name is written: patch it afterwards.
      const lengthField = new Uint8Array(2);
      push(lengthField);
      const before = length;
      writeName(answer.value);
      lengthField.set(u16(length - before));
    }
  }
  return concatBytes(...parts);
}

/** Options for {@link buildTlsClientHello}. */
export interface TlsClientHelloOptions {
  /** Extra bytes of padding extension (RFC 7685) to make the record large, e.g. to force a split. */
  paddingLength?: number;
}

/**
 * Builds one TLS record (content type 22) containing a ClientHello with a server_name extension.
 * Random and session id are fixed bytes so output is deterministic.
 */
export function buildTlsClientHello(sni: string, options: TlsClientHelloOptions = {}): Uint8Array {
  const name = encodeText(sni);
  // RFC 6066 §3: ServerNameList { NameType host_name(0), opaque HostName<1..2^16-1> }.
  const serverNameList = concatBytes(Uint8Array.of(0), u16(name.length), name);
  const sniExtension = concatBytes(u16(0x0000), u16(serverNameList.length + 2), u16(serverNameList.length), serverNameList);
  // supported_versions with TLS 1.3 and 1.2, so the hello looks modern.
  const versions = concatBytes(u16(0x002b), u16(5), Uint8Array.of(4), u16(0x0304), u16(0x0303));
  const padding =
    options.paddingLength !== undefined && options.paddingLength > 0
      ? concatBytes(u16(0x0015), u16(options.paddingLength), new Uint8Array(options.paddingLength))
      : new Uint8Array(0);
  const extensions = concatBytes(sniExtension, versions, padding);

  const random = new Uint8Array(32).map((_, i) => i);
  const sessionId = new Uint8Array(32).map((_, i) => 0xa0 + i);
  const cipherSuites = concatBytes(u16(0x1301), u16(0x1302), u16(0xc02f));
  const body = concatBytes(
    u16(0x0303),
    random,
    Uint8Array.of(sessionId.length),
    sessionId,
    u16(cipherSuites.length),
    cipherSuites,
    Uint8Array.of(1, 0),
    u16(extensions.length),
    extensions,
  );
  const handshake = concatBytes(Uint8Array.of(1), u24(body.length), body);
  return concatBytes(Uint8Array.of(22), u16(0x0301), u16(handshake.length), handshake);
}

/** Options for {@link buildHttpRequest}. */
export interface HttpRequestOptions {
  method?: string;
  host: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Builds an HTTP/1.1 request (request line, Host, extra headers, optional body with Content-Length). */
export function buildHttpRequest(options: HttpRequestOptions): Uint8Array {
  const lines = [`${options.method ?? 'GET'} ${options.path ?? '/'} HTTP/1.1`, `Host: ${options.host}`];
  for (const [key, value] of Object.entries(options.headers ?? {})) lines.push(`${key}: ${value}`);
  const body = options.body ?? '';
  if (body.length > 0) lines.push(`Content-Length: ${encodeText(body).length}`);
  return encodeText(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

// ---------------------------------------------------------------------------------------------
// pcapng (draft-ietf-opsawg-pcapng §4)

/** One interface of a {@link PcapngWriter}. */
export interface PcapngInterface {
  linkType: number;
  snapLength?: number;
  /** Raw if_tsresol byte (§4.2): 6 = microseconds (default), 9 = nanoseconds, 0x80|n = 2^-n. */
  tsresol?: number;
}

/** Options for {@link PcapngWriter}. */
export interface PcapngWriterOptions {
  byteOrder?: 'le' | 'be';
  interfaces?: PcapngInterface[];
}

/**
 * Writes pcapng sections block by block. Deterministic; enough variety (EPB, SPB, obsolete PB, unknown
 * blocks, several sections) to exercise a reader.
 */
export class PcapngWriter {
  private readonly blocks: Uint8Array[] = [];
  private littleEndian: boolean;
  private interfaces: PcapngInterface[] = [];

  constructor(options: PcapngWriterOptions = {}) {
    this.littleEndian = (options.byteOrder ?? 'le') === 'le';
    this.startSection(options.byteOrder ?? 'le', options.interfaces ?? [{ linkType: LINKTYPE.ETHERNET }]);
  }

  /** Starts a new section (§4.1) with its own byte order and interfaces. */
  startSection(byteOrder: 'le' | 'be', interfaces: PcapngInterface[]): void {
    this.littleEndian = byteOrder === 'le';
    const body = new Uint8Array(16);
    const view = new DataView(body.buffer);
    view.setUint32(0, 0x1a2b3c4d, this.littleEndian);
    view.setUint16(4, 1, this.littleEndian);
    view.setUint16(6, 0, this.littleEndian);
    view.setBigInt64(8, -1n, this.littleEndian);
    this.addBlock(0x0a0d0d0a, body);
    this.interfaces = [];
    for (const iface of interfaces) this.addInterface(iface);
  }

  /** Adds an Interface Description Block (§4.2). */
  addInterface(iface: PcapngInterface): void {
    const options: Uint8Array[] = [];
    if (iface.tsresol !== undefined) options.push(this.option(9, Uint8Array.of(iface.tsresol)));
    if (options.length > 0) options.push(new Uint8Array(4));
    const fixed = new Uint8Array(8);
    const view = new DataView(fixed.buffer);
    view.setUint16(0, iface.linkType, this.littleEndian);
    view.setUint32(4, iface.snapLength ?? 262144, this.littleEndian);
    this.addBlock(1, concatBytes(fixed, ...options));
    this.interfaces.push(iface);
  }

  /** Adds an Enhanced Packet Block (§4.3); `time` in seconds is scaled to the interface's resolution. */
  addEnhancedPacket(time: number, frame: Uint8Array, interfaceId = 0, originalLength?: number): void {
    const ticks = this.toTicks(time, interfaceId);
    const fixed = new Uint8Array(20);
    const view = new DataView(fixed.buffer);
    view.setUint32(0, interfaceId, this.littleEndian);
    view.setUint32(4, Number(ticks >> 32n), this.littleEndian);
    view.setUint32(8, Number(ticks & 0xffffffffn), this.littleEndian);
    view.setUint32(12, frame.length, this.littleEndian);
    view.setUint32(16, originalLength ?? frame.length, this.littleEndian);
    this.addBlock(6, concatBytes(fixed, frame, new Uint8Array((4 - (frame.length % 4)) % 4)));
  }

  /** Adds a Simple Packet Block (§4.4): interface 0, no timestamp. */
  addSimplePacket(frame: Uint8Array): void {
    const fixed = new Uint8Array(4);
    new DataView(fixed.buffer).setUint32(0, frame.length, this.littleEndian);
    this.addBlock(3, concatBytes(fixed, frame, new Uint8Array((4 - (frame.length % 4)) % 4)));
  }

  /** Adds an obsolete Packet Block (Appendix A). */
  addObsoletePacket(time: number, frame: Uint8Array, interfaceId = 0): void {
    const ticks = this.toTicks(time, interfaceId);
    const fixed = new Uint8Array(20);
    const view = new DataView(fixed.buffer);
    view.setUint16(0, interfaceId, this.littleEndian);
    view.setUint16(2, 0, this.littleEndian);
    view.setUint32(4, Number(ticks >> 32n), this.littleEndian);
    view.setUint32(8, Number(ticks & 0xffffffffn), this.littleEndian);
    view.setUint32(12, frame.length, this.littleEndian);
    view.setUint32(16, frame.length, this.littleEndian);
    this.addBlock(2, concatBytes(fixed, frame, new Uint8Array((4 - (frame.length % 4)) % 4)));
  }

  /**
   * Adds a Name Resolution Block (§4.5): per record an IPv4 or IPv6 address (by the presence of ':') and its
   * names, each zero-terminated, then nrb_record_end.
   */
  addNameResolution(records: { address: string; names: string[] }[]): void {
    const parts: Uint8Array[] = [];
    for (const record of records) {
      const v6 = record.address.includes(':');
      const value = concatBytes(v6 ? parseIpv6(record.address) : parseIpv4(record.address), ...record.names.map((n) => concatBytes(encodeText(n), Uint8Array.of(0))));
      const header = new Uint8Array(4);
      const view = new DataView(header.buffer);
      view.setUint16(0, v6 ? 2 : 1, this.littleEndian);
      view.setUint16(2, value.length, this.littleEndian);
      parts.push(header, value, new Uint8Array((4 - (value.length % 4)) % 4));
    }
    parts.push(new Uint8Array(4));
    this.addBlock(4, concatBytes(...parts));
  }

  /** Adds a block of any type with the given body (padded to 32 bits). */
  addBlock(type: number, body: Uint8Array): void {
    const padded = concatBytes(body, new Uint8Array((4 - (body.length % 4)) % 4));
    const block = new Uint8Array(12 + padded.length);
    const view = new DataView(block.buffer);
    view.setUint32(0, type, this.littleEndian);
    view.setUint32(4, block.length, this.littleEndian);
    block.set(padded, 8);
    view.setUint32(block.length - 4, block.length, this.littleEndian);
    this.blocks.push(block);
  }

  /** Serialises all blocks. */
  toBytes(): Uint8Array {
    return concatBytes(...this.blocks);
  }

  private option(code: number, value: Uint8Array): Uint8Array {
    const header = new Uint8Array(4);
    const view = new DataView(header.buffer);
    view.setUint16(0, code, this.littleEndian);
    view.setUint16(2, value.length, this.littleEndian);
    return concatBytes(header, value, new Uint8Array((4 - (value.length % 4)) % 4));
  }

  private toTicks(time: number, interfaceId: number): bigint {
    const resol = this.interfaces[interfaceId]?.tsresol ?? 6;
    const unitsPerSecond = resol & 0x80 ? 2 ** (resol & 0x7f) : 10 ** resol;
    const seconds = Math.floor(time);
    const fraction = Math.round((time - seconds) * unitsPerSecond);
    return BigInt(seconds) * BigInt(unitsPerSecond) + BigInt(fraction);
  }
}
