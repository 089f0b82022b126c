/**
 * Turns link-layer frames into observations: one `packet` per IP packet (fragmented datagrams reassembled), plus
 * what the payload reveals — DNS questions and answers (UDP and TCP), TLS and QUIC SNI, plain-HTTP requests, host
 * names written in undecoded payloads. Keeps per-direction state only while a message split over TCP segments is
 * being reassembled (bounded in size and count), so memory is bounded by live flows, not packets.
 */
import type { Observation, PacketObservation, TransportProtocol } from '../model/observation.js';
import { decodeDnsMessage, isDnsResponse } from './decode-dns.js';
import { createIpHeader, decodeIpv4, decodeIpv6, type IpHeader } from './decode-ip.js';
import { locateNetworkLayer } from './decode-link-layer.js';
import { IpFragmentReassembler } from './reassemble-ip-fragments.js';
import { createTransportHeader, decodeTcp, decodeUdp, TCP_FLAG, type TransportHeader } from './decode-transport.js';
import { assembleCryptoMessage, isQuicLongHeader, readQuicInitialCrypto, type CryptoFragment } from './decrypt-quic-initial.js';
import type { LinkFrame } from './link-frame.js';
import { buildRequestUrl, parseHttpRequest, startsWithHttpMethod } from './parse-http-request.js';
import { findPayloadHostNames } from './find-payload-host-names.js';
import { DirectionTable } from './direction-table.js';
import { extractClientHelloSni, isClientHelloStart, isTlsRecordStart, MAX_CLIENT_HELLO_LENGTH, scanTlsClientHello } from './parse-tls-client-hello.js';

const IP_TCP = 6;
const IP_UDP = 17;
const IP_ICMP = 1;
const IP_ICMPV6 = 58;
const DNS_PORT = 53;
const MDNS_PORT = 5353;
const LLMNR_PORT = 5355;
/** A ClientHello spread over more segments than this is given up on. */
const MAX_HELLO_SEGMENTS = 8;
/** A TLS, HTTP or DNS message spread over more TCP segments than this is read as far as it got. */
const MAX_STREAM_SEGMENTS = 16;
/** Bytes held per direction while a message is incomplete. */
const PENDING_LIMIT: Record<PendingKind, number> = { tls: MAX_CLIENT_HELLO_LENGTH + 1024, http: 16384, dns: 65537 };
const EMPTY = new Uint8Array(0);
/** Flows with a half-read ClientHello kept at once; the oldest is dropped beyond this. */
const MAX_PENDING_FLOWS = 4096;
const MAX_DONE_QUIC_FLOWS = 65536;
/**
 * TCP directions remembered; all are forgotten at once beyond this to stay bounded. Forgetting is harmless: a
 * retransmission just after may be read twice, and names found in a misjudged stream are dropped by the flow table.
 */
const MAX_TRACKED_DIRECTIONS = 262_144;

/** What a buffered client stream prefix is waiting to become. */
type PendingKind = 'tls' | 'http' | 'dns';

/** The start of one TCP direction's byte stream, held until a message split over segments is whole. */
interface PendingStream {
  kind: PendingKind;
  bytes: Uint8Array;
  length: number;
  nextSeq: number;
  segments: number;
}

/** What the observer remembers about one TCP direction (source to destination), found with one lookup per segment. */
interface TcpDirection {
  /** Sequence number after the furthest payload byte seen: spots retransmissions. */
  seqEnd: number;
  /** Whether the stream is one we decode (or is ciphertext) or an unknown protocol, judged by its first payload. */
  kind: 'decoded' | 'other' | null;
  /** A message split over segments, held until it is whole. */
  pending: PendingStream | null;
  /**
   * The bytes the last gap skipped, `[holeNext, holeEnd)`, while awaited: a late segment (a retransmission, or one
   * reordered) that brings them is read then, not dropped as a repeat. Both 0 when there is none.
   */
  holeNext: number;
  holeEnd: number;
}

/** Where observations go, in capture order: an array, or a consumer that takes each at once. */
export interface ObservationSink {
  push(observation: Observation): unknown;
}

/** Options for {@link FrameObserver}. */
export interface FrameObserverOptions {
  /**
   * Hand every packet to the sink in one observation object, refilled for each packet, instead of a new one per
   * packet. Only for a sink that is done with a packet observation when its `push` returns (the capture summariser).
   */
  reusePacketObservation?: boolean;
}

interface PendingQuicHello {
  fragments: CryptoFragment[];
  datagrams: number;
}

/** Stateful frame decoder; one per capture file. */
export class FrameObserver {
  /** Names the direction of every packet (the `direction` of its observation). */
  private readonly directions = new DirectionTable();
  /** TCP state by direction id; null for directions that are not TCP, or not seen since state was last forgotten. */
  private readonly tcpDirections: (TcpDirection | null)[] = [];
  private tcpDirectionCount = 0;
  /** The headers of the frame being observed, decoded into the same two objects for every frame. */
  private readonly ip = createIpHeader();
  private readonly transport = createTransportHeader();
  /** Directions holding a pending stream, oldest first, so the oldest can be dropped beyond the limit. */
  private readonly pendingStreams = new Set<TcpDirection>();
  private readonly pendingQuic = new Map<string, PendingQuicHello>();
  private readonly doneQuic = new Set<string>();
  private readonly fragments = new IpFragmentReassembler();
  private fragmentsSeen = 0;
  private readonly unsupportedLinks = new Map<number, number>();
  /** Frames seen, and those the capture cut short (snap length): bytes past the cut cannot be searched or decoded. */
  private framesSeen = 0;
  private cutFrames = 0;
  private shortestCut = Number.POSITIVE_INFINITY;
  /** The one packet observation refilled for every packet, when the sink allows it. */
  private readonly reusedPacket: PacketObservation | null;

  constructor(options: FrameObserverOptions = {}) {
    this.reusedPacket = options.reusePacketObservation === true ? createPacketObservation() : null;
  }

  /** Decodes one frame, appending its observations to `out`. Never throws on malformed input. */
  observe(frame: LinkFrame, out: ObservationSink): void {
    this.framesSeen += 1;
    if (frame.data.length < frame.originalLength) {
      this.cutFrames += 1;
      if (frame.data.length < this.shortestCut) this.shortestCut = frame.data.length;
    }
    const network = locateNetworkLayer(frame.linkType, frame.data);
    if (network.kind !== 'ip') {
      if (network.kind === 'unsupported-link') {
        this.unsupportedLinks.set(frame.linkType, (this.unsupportedLinks.get(frame.linkType) ?? 0) + 1);
      } else if (network.kind === 'truncated') {
        this.warn(out, frame, 'link-layer header truncated');
      }
      return;
    }
    const ip = network.version === 4 ? decodeIpv4(frame.data, network.offset, this.ip) : decodeIpv6(frame.data, network.offset, this.ip);
    if (typeof ip === 'string') {
      this.warn(out, frame, ip);
      return;
    }
    // A fragment waits for the rest of its datagram; the datagram is then observed once, at the frame completing it.
    let data = frame.data;
    let dataStart = ip.payloadStart;
    let dataEnd = ip.payloadEnd;
    let frameLength = frame.originalLength;
    if (ip.laterFragment || ip.firstFragment) {
      this.fragmentsSeen += 1;
      const key = `${ip.version}|${ip.src}|${ip.dst}|${ip.protocol}|${ip.fragmentId}`;
      const fragment = frame.data.subarray(Math.min(ip.payloadStart, ip.payloadEnd), ip.payloadEnd);
      const datagram = this.fragments.add(key, ip.fragmentOffset, ip.moreFragments, fragment, frame.frame, frame.originalLength);
      if (datagram === null) return;
      data = datagram.payload;
      dataStart = 0;
      dataEnd = datagram.payload.length;
      frameLength = datagram.frameLength;
    }
    let transport: TransportHeader | null = null;
    let protocol: TransportProtocol = 'other';
    if (ip.protocol === IP_TCP || ip.protocol === IP_UDP) {
      const decoded = ip.protocol === IP_TCP ? decodeTcp(data, dataStart, dataEnd, this.transport) : decodeUdp(data, dataStart, dataEnd, this.transport);
      if (typeof decoded === 'string') {
        this.warn(out, frame, decoded);
        return;
      }
      transport = decoded;
      protocol = ip.protocol === IP_TCP ? 'tcp' : 'udp';
    } else if (ip.protocol === IP_ICMP || ip.protocol === IP_ICMPV6) {
      protocol = 'icmp';
    }
    const payload = transport?.payload ?? data.subarray(Math.min(dataStart, dataEnd), dataEnd);
    const srcPort = transport?.srcPort ?? 0;
    const dstPort = transport?.dstPort ?? 0;
    const direction = this.directions.idOf(frame.data, ip.sourceAt, ip.version === 4 ? 4 : 16, protocol, srcPort, dstPort);
    if (direction === this.tcpDirections.length) this.tcpDirections.push(null);
    const packet = this.reusedPacket ?? createPacketObservation();
    packet.frame = frame.frame;
    packet.time = frame.time;
    packet.protocol = protocol;
    packet.ipProtocol = ip.protocol;
    packet.src = ip.src;
    packet.dst = ip.dst;
    packet.srcPort = srcPort;
    packet.dstPort = dstPort;
    packet.frameLength = frameLength;
    packet.payload = payload;
    packet.tcpFlags = transport?.flags ?? 0;
    packet.tcpSeq = transport === null ? 0 : firstPayloadSeq(transport);
    packet.direction = direction;
    out.push(packet);
    // A SYN starts a new connection in this direction (ports are reused, with a new random ISN): what was known of
    // the old byte stream would make the new one's bytes look like retransmissions and drop them.
    if (protocol === 'tcp' && transport !== null && (transport.flags & TCP_FLAG.SYN) !== 0) this.restartTcpDirection(direction);
    if (transport === null || transport.payload.length === 0) return;
    if (protocol === 'udp') this.observeUdp(frame, ip, transport, out);
    else this.observeTcp(frame, ip, transport, direction, out);
  }

  /** Emits the counted, per-capture warnings. */
  finish(out: ObservationSink): void {
    const unfinished = this.fragments.pending + this.fragments.abandoned;
    if (unfinished > 0) {
      out.push({
        kind: 'warning',
        offset: 0,
        where: 'byte',
        message: `${unfinished} fragmented IP datagrams never completed (of ${this.fragmentsSeen} fragments seen); their fragments are not in any flow`,
      });
    }
    if (this.cutFrames > 0) {
      const of = `${this.cutFrames.toLocaleString('en-US')} of ${this.framesSeen.toLocaleString('en-US')} packets`;
      out.push({
        kind: 'warning',
        offset: 0,
        where: 'byte',
        message: `${of} were cut short by the capture's snap length (to as little as ${this.shortestCut} bytes); identifiers, host names and requests past the cut cannot be found`,
      });
    }
    for (const [linkType, count] of this.unsupportedLinks) {
      out.push({ kind: 'warning', offset: 0, where: 'byte', message: `${count} frames with unsupported link type ${linkType} were skipped` });
    }
  }

  private observeUdp(frame: LinkFrame, ip: IpHeader, udp: TransportHeader, out: ObservationSink): void {
    const payload = udp.payload;
    if (isDnsPort(udp.srcPort) || isDnsPort(udp.dstPort)) {
      this.emitDns(frame, payload, out);
      return;
    }
    if (isQuicLongHeader(payload)) {
      this.observeQuic(frame, ip, udp, out);
      return;
    }
    // Short-header QUIC and DTLS are ciphertext; anything else is a protocol we do not decode.
    if (udp.srcPort === 443 || udp.dstPort === 443 || looksLikeDtls(payload)) return;
    this.emitPayloadNames(frame, ip, udp, 'udp', payload, out);
  }

  /** Records host names written in an undecoded payload, as weak 'payload-string' evidence. */
  private emitPayloadNames(frame: LinkFrame, ip: IpHeader, transport: TransportHeader, protocol: 'tcp' | 'udp', payload: Uint8Array, out: ObservationSink): void {
    for (const host of findPayloadHostNames(payload)) {
      out.push({
        kind: 'host',
        frame: frame.frame,
        time: frame.time,
        host,
        source: 'payload-string',
        client: ip.src,
        clientPort: transport.srcPort,
        server: ip.dst,
        serverPort: transport.dstPort,
        protocol,
      });
    }
  }

  private observeTcp(frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, directionId: number, out: ObservationSink): void {
    const payload = tcp.payload;
    // A retransmitted request or ClientHello must not count twice.
    const start = firstPayloadSeq(tcp);
    const end = (start + payload.length) >>> 0;
    const direction = this.findTcpDirection(directionId, start, end);
    if (direction === null) {
      this.readLateSegment(frame, ip, tcp, this.tcpDirections[directionId] ?? null, start, end, out);
      return;
    }
    if (direction.pending !== null) {
      this.continueStream(frame, ip, tcp, direction, direction.pending, out);
      return;
    }
    const isDns = tcp.srcPort === DNS_PORT || tcp.dstPort === DNS_PORT;
    const kind: PendingKind | null = isClientHelloStart(payload) ? 'tls' : isDns ? 'dns' : startsWithHttpMethod(payload) ? 'http' : null;
    direction.kind ??= isDns || isTlsRecordStart(payload) || startsWithHttpMethod(payload) || startsWithHttpResponse(payload) ? 'decoded' : 'other';
    if (kind === null) {
      if (direction.kind === 'other') this.emitPayloadNames(frame, ip, tcp, 'tcp', payload, out);
      return;
    }
    const rest = this.readStream(kind, frame, ip, tcp, payload, false, out);
    if (rest !== null && rest.length === 0) return;
    // Incomplete: keep the unread bytes and wait for the next segments of this direction.
    const held = rest ?? payload;
    const bytes = new Uint8Array(Math.min(PENDING_LIMIT[kind], Math.max(1024, held.length * 2)));
    bytes.set(held.subarray(0, bytes.length));
    if (this.pendingStreams.size >= MAX_PENDING_FLOWS) {
      const oldest = this.pendingStreams.values().next();
      if (oldest.done !== true) this.endStream(oldest.value);
    }
    direction.pending = { kind, bytes, length: Math.min(held.length, bytes.length), nextSeq: end, segments: 1 };
    this.pendingStreams.add(direction);
  }

  /**
   * The state of a TCP direction after a segment whose payload ends at sequence number `end`, or null when the
   * segment only repeats bytes already seen.
   */
  private findTcpDirection(directionId: number, start: number, end: number): TcpDirection | null {
    let direction = this.tcpDirections[directionId] ?? null;
    if (direction === null) {
      if (this.tcpDirectionCount >= MAX_TRACKED_DIRECTIONS) {
        this.tcpDirections.fill(null);
        this.tcpDirectionCount = 0;
        this.pendingStreams.clear();
      }
      direction = { seqEnd: end, kind: null, pending: null, holeNext: 0, holeEnd: 0 };
      this.tcpDirections[directionId] = direction;
      this.tcpDirectionCount += 1;
      return direction;
    }
    if (((end - direction.seqEnd) | 0) <= 0) return null;
    if (((start - direction.seqEnd) | 0) > 0) {
      direction.holeNext = direction.seqEnd;
      direction.holeEnd = start;
    }
    direction.seqEnd = end;
    return direction;
  }

  /**
   * Reads a segment behind the stream's furthest byte when it brings bytes a gap skipped: a message starting there
   * (a request, a ClientHello, DNS) is read as far as the segment goes, since the bytes after it were seen before
   * it and are not held. Bytes must come in order; anything before the point the hole is filled to was read.
   */
  private readLateSegment(frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, direction: TcpDirection | null, start: number, end: number, out: ObservationSink): void {
    if (direction === null || direction.holeNext === direction.holeEnd) return;
    if (((start - direction.holeNext) | 0) < 0 || ((direction.holeEnd - start) | 0) <= 0) return;
    direction.holeNext = ((end - direction.holeEnd) | 0) >= 0 ? direction.holeEnd : end;
    const payload = tcp.payload;
    const isDns = tcp.srcPort === DNS_PORT || tcp.dstPort === DNS_PORT;
    const kind: PendingKind | null = isClientHelloStart(payload) ? 'tls' : isDns ? 'dns' : startsWithHttpMethod(payload) ? 'http' : null;
    if (kind !== null) this.readStream(kind, frame, ip, tcp, payload, true, out);
    else if (direction.kind === 'other') this.emitPayloadNames(frame, ip, tcp, 'tcp', payload, out);
  }

  /** Forgets one TCP direction's stream, so the next segment starts it afresh. */
  private restartTcpDirection(directionId: number): void {
    const direction = this.tcpDirections[directionId] ?? null;
    if (direction === null) return;
    if (direction.pending !== null) this.endStream(direction);
    this.tcpDirections[directionId] = null;
    this.tcpDirectionCount -= 1;
  }

  private endStream(direction: TcpDirection): void {
    direction.pending = null;
    this.pendingStreams.delete(direction);
  }

  /** Adds a segment to a held stream prefix and reads it once it is whole (or the limits are reached). */
  private continueStream(frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, direction: TcpDirection, pending: PendingStream, out: ObservationSink): void {
    const payload = tcp.payload;
    const delta = (firstPayloadSeq(tcp) - pending.nextSeq) | 0;
    // Retransmissions of earlier bytes carry nothing new; a gap means we missed a segment.
    if (delta < 0 && delta + payload.length <= 0) return;
    if (delta > 0) {
      this.endStream(direction);
      return;
    }
    const fresh = payload.subarray(-delta);
    const limit = PENDING_LIMIT[pending.kind];
    const take = Math.min(fresh.length, limit - pending.length);
    if (pending.length + take > pending.bytes.length) {
      const grown = new Uint8Array(Math.min(limit, Math.max(pending.bytes.length * 2, pending.length + take)));
      grown.set(pending.bytes.subarray(0, pending.length));
      pending.bytes = grown;
    }
    pending.bytes.set(fresh.subarray(0, take), pending.length);
    pending.length += take;
    pending.nextSeq = (pending.nextSeq + fresh.length) >>> 0;
    pending.segments += 1;
    const final = pending.segments >= MAX_STREAM_SEGMENTS || pending.length >= limit;
    const rest = this.readStream(pending.kind, frame, ip, tcp, pending.bytes.subarray(0, pending.length), final, out);
    if (rest === null) return;
    if (final || rest.length === 0) {
      this.endStream(direction);
      return;
    }
    // Some messages were read (DNS over TCP); the start of the next one stays held.
    pending.bytes = new Uint8Array(rest);
    pending.length = rest.length;
    pending.segments = 1;
  }

  /**
   * Reads what a stream prefix holds. Returns null when more bytes are needed (and `final` is false), else the
   * bytes left over after the messages read (DNS over TCP can carry several).
   */
  private readStream(kind: PendingKind, frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, bytes: Uint8Array, final: boolean, out: ObservationSink): Uint8Array | null {
    switch (kind) {
      case 'tls': {
        const scan = scanTlsClientHello(bytes);
        if (scan.status === 'incomplete' && !final) return null;
        if (scan.status === 'complete' && scan.sni !== null) this.emitHost(frame, ip, tcp, scan.sni, 'tls-sni', out);
        return EMPTY;
      }
      case 'http': {
        // Wait for the blank line that ends the head, so a Host header in a later segment is not missed.
        if (!final && indexOfHeadEnd(bytes) < 0) return null;
        this.emitHttpRequest(frame, ip, tcp, bytes, out);
        return EMPTY;
      }
      case 'dns': {
        // RFC 1035 §4.2.2 / RFC 7766: each message is preceded by its two-byte length.
        let pos = 0;
        while (pos + 2 <= bytes.length) {
          const length = ((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0);
          if (length < 12) return EMPTY;
          if (pos + 2 + length > bytes.length) break;
          this.emitDns(frame, bytes.subarray(pos + 2, pos + 2 + length), out);
          pos += 2 + length;
        }
        if (pos === bytes.length) return EMPTY;
        return final ? EMPTY : pos === 0 ? null : bytes.subarray(pos);
      }
    }
  }

  private emitHttpRequest(frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, bytes: Uint8Array, out: ObservationSink): void {
    const head = parseHttpRequest(bytes);
    if (head === null) return;
    const host = stripPort(head.host);
    out.push({
      kind: 'http-request',
      frame: frame.frame,
      time: frame.time,
      method: head.method,
      url: buildRequestUrl(head, 'http'),
      host,
      encrypted: false,
      client: ip.src,
      clientPort: tcp.srcPort,
      server: ip.dst,
      serverPort: tcp.dstPort,
      headersText: head.headersText,
      body: bytes.subarray(head.bodyOffset),
    });
    if (host !== '') this.emitHost(frame, ip, tcp, host, 'http-host', out);
  }

  private observeQuic(frame: LinkFrame, ip: IpHeader, udp: TransportHeader, out: ObservationSink): void {
    const key = `${ip.src}|${udp.srcPort}|${ip.dst}|${udp.dstPort}`;
    if (this.doneQuic.has(key)) return;
    const fragments = readQuicInitialCrypto(udp.payload);
    if (fragments.length === 0) return;
    let pending = this.pendingQuic.get(key);
    if (pending === undefined) {
      if (this.pendingQuic.size >= MAX_PENDING_FLOWS) this.dropOldest(this.pendingQuic);
      pending = { fragments: [], datagrams: 0 };
      this.pendingQuic.set(key, pending);
    }
    // Fragments are views of the read buffer, which is never overwritten, so keeping them is safe.
    pending.fragments.push(...fragments);
    pending.datagrams += 1;
    const message = assembleCryptoMessage(pending.fragments, MAX_CLIENT_HELLO_LENGTH);
    if (message === null && pending.datagrams < MAX_HELLO_SEGMENTS) return;
    this.pendingQuic.delete(key);
    if (this.doneQuic.size >= MAX_DONE_QUIC_FLOWS) this.doneQuic.clear();
    this.doneQuic.add(key);
    if (message === null || message[0] !== 1) return;
    const sni = extractClientHelloSni(message.subarray(4));
    if (sni !== null) this.emitHost(frame, ip, udp, sni, 'quic-sni', out);
  }

  /**
   * Emits the questions and answers of a DNS message. A malformed response is a warning; a malformed
   * "query" is more likely some other protocol on a DNS port, so it is passed over quietly.
   */
  private emitDns(frame: LinkFrame, message: Uint8Array, out: ObservationSink): void {
    const decoded = decodeDnsMessage(message);
    if (typeof decoded === 'string') {
      if (isDnsResponse(message)) this.warn(out, frame, decoded);
      return;
    }
    for (const question of decoded.questions) {
      out.push({ kind: 'dns-query', frame: frame.frame, time: frame.time, name: question.name, type: question.type });
    }
    for (const answer of decoded.answers) {
      out.push({ kind: 'dns-answer', frame: frame.frame, time: frame.time, name: answer.name, type: answer.type, value: answer.value, ttl: answer.ttl });
    }
  }

  private emitHost(
    frame: LinkFrame,
    ip: IpHeader,
    transport: TransportHeader,
    host: string,
    source: 'tls-sni' | 'quic-sni' | 'http-host',
    out: ObservationSink,
  ): void {
    out.push({
      kind: 'host',
      frame: frame.frame,
      time: frame.time,
      host,
      source,
      client: ip.src,
      clientPort: transport.srcPort,
      server: ip.dst,
      serverPort: transport.dstPort,
      protocol: source === 'quic-sni' ? 'udp' : 'tcp',
    });
  }

  private warn(out: ObservationSink, frame: LinkFrame, message: string): void {
    out.push({ kind: 'warning', offset: frame.offset, where: 'byte', message: `frame ${frame.frame}: ${message}` });
  }

  private dropOldest(map: Map<string, unknown>): void {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}

/** A packet observation with every field present (so all have one shape), to be filled in. */
function createPacketObservation(): PacketObservation {
  return {
    kind: 'packet',
    frame: 0,
    time: 0,
    protocol: 'other',
    ipProtocol: 0,
    src: '',
    dst: '',
    srcPort: 0,
    dstPort: 0,
    frameLength: 0,
    payload: EMPTY,
    tcpFlags: 0,
    tcpSeq: 0,
    direction: 0,
  };
}

/** Sequence number of a segment's first payload byte: a SYN itself takes one number (RFC 9293 §3.4), so data sent with it (TCP Fast Open) starts at ISN + 1. */
function firstPayloadSeq(tcp: TransportHeader): number {
  return (tcp.flags & TCP_FLAG.SYN) !== 0 ? (tcp.seq + 1) >>> 0 : tcp.seq;
}

/** `HTTP/1.` at the start of a segment: a server's response. */
function startsWithHttpResponse(payload: Uint8Array): boolean {
  return payload.length >= 7 && payload[0] === 0x48 && payload[1] === 0x54 && payload[2] === 0x54 && payload[3] === 0x50 && payload[4] === 0x2f && payload[5] === 0x31 && payload[6] === 0x2e;
}

/** RFC 6347 §4.1 / RFC 9147: DTLS record content type 20–25 and a 0xfe major version. */
function looksLikeDtls(payload: Uint8Array): boolean {
  const type = payload[0] ?? 0;
  return payload.length >= 13 && type >= 20 && type <= 25 && payload[1] === 0xfe;
}

function indexOfHeadEnd(data: Uint8Array): number {
  for (let i = 0; i + 3 < data.length; i++) {
    if (data[i] === 0x0d && data[i + 1] === 0x0a && data[i + 2] === 0x0d && data[i + 3] === 0x0a) return i;
  }
  return -1;
}

/** DNS, mDNS and LLMNR all carry RFC 1035 messages. */
function isDnsPort(port: number): boolean {
  return port === DNS_PORT || port === MDNS_PORT || port === LLMNR_PORT;
}

/** Drops a `:port` suffix from a Host header value, keeping IPv6 literals intact. */
function stripPort(host: string): string {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return close > 0 ? host.slice(1, close) : host;
  }
  const colon = host.indexOf(':');
  return colon >= 0 && host.indexOf(':', colon + 1) < 0 ? host.slice(0, colon) : host;
}
