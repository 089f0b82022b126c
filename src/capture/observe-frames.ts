/**
 * Turns link-layer frames into observations: one `packet` per IP packet, plus what the payload reveals —
 * DNS answers, TLS and QUIC SNI, plain-HTTP requests. Keeps a little per-flow state only while a
 * ClientHello is being reassembled, so memory is bounded by live flows, not packets.
 */
import type { Observation, TransportProtocol } from '../model/observation.js';
import { decodeDnsAnswers, isDnsResponse } from './decode-dns.js';
import { decodeIpv4, decodeIpv6, type IpHeader } from './decode-ip.js';
import { locateNetworkLayer } from './decode-link-layer.js';
import { decodeTcp, decodeUdp, type TransportHeader } from './decode-transport.js';
import { assembleCryptoMessage, isQuicLongHeader, readQuicInitialCrypto, type CryptoFragment } from './decrypt-quic-initial.js';
import type { LinkFrame } from './link-frame.js';
import { buildRequestUrl, parseHttpRequest } from './parse-http-request.js';
import { extractClientHelloSni, isClientHelloStart, MAX_CLIENT_HELLO_LENGTH, scanTlsClientHello } from './parse-tls-client-hello.js';

const IP_TCP = 6;
const IP_UDP = 17;
const IP_ICMP = 1;
const IP_ICMPV6 = 58;
const DNS_PORT = 53;
const MDNS_PORT = 5353;
/** A ClientHello spread over more segments than this is given up on. */
const MAX_HELLO_SEGMENTS = 8;
/** Flows with a half-read ClientHello kept at once; the oldest is dropped beyond this. */
const MAX_PENDING_FLOWS = 4096;
const MAX_DONE_QUIC_FLOWS = 65536;
/** Directions whose sequence position we track; cleared wholesale beyond this to stay bounded. */
const MAX_TRACKED_DIRECTIONS = 1_000_000;

interface PendingTlsHello {
  bytes: Uint8Array;
  length: number;
  nextSeq: number;
  segments: number;
}

interface PendingQuicHello {
  fragments: CryptoFragment[];
  datagrams: number;
}

/** Stateful frame decoder; one per capture file. */
export class FrameObserver {
  private readonly pendingTls = new Map<string, PendingTlsHello>();
  private readonly pendingQuic = new Map<string, PendingQuicHello>();
  private readonly doneQuic = new Set<string>();
  /** Per direction, the sequence number after the furthest payload byte seen: spots retransmissions. */
  private readonly tcpSeqEnd = new Map<string, number>();
  private laterFragments = 0;
  private readonly unsupportedLinks = new Map<number, number>();

  /** Decodes one frame, appending its observations to `out`. Never throws on malformed input. */
  observe(frame: LinkFrame, out: Observation[]): void {
    const network = locateNetworkLayer(frame.linkType, frame.data);
    if (network.kind !== 'ip') {
      if (network.kind === 'unsupported-link') {
        this.unsupportedLinks.set(frame.linkType, (this.unsupportedLinks.get(frame.linkType) ?? 0) + 1);
      } else if (network.kind === 'truncated') {
        this.warn(out, frame, 'link-layer header truncated');
      }
      return;
    }
    const ip = network.version === 4 ? decodeIpv4(frame.data, network.offset) : decodeIpv6(frame.data, network.offset);
    if (typeof ip === 'string') {
      this.warn(out, frame, ip);
      return;
    }
    if (ip.laterFragment) {
      this.laterFragments += 1;
      return;
    }
    let transport: TransportHeader | null = null;
    let protocol: TransportProtocol = 'other';
    if (ip.protocol === IP_TCP || ip.protocol === IP_UDP) {
      const decoded = ip.protocol === IP_TCP ? decodeTcp(frame.data, ip.payloadStart, ip.payloadEnd) : decodeUdp(frame.data, ip.payloadStart, ip.payloadEnd);
      if (typeof decoded === 'string') {
        this.warn(out, frame, decoded);
        return;
      }
      transport = decoded;
      protocol = ip.protocol === IP_TCP ? 'tcp' : 'udp';
    } else if (ip.protocol === IP_ICMP || ip.protocol === IP_ICMPV6) {
      protocol = 'icmp';
    }
    const payload = transport?.payload ?? frame.data.subarray(Math.min(ip.payloadStart, ip.payloadEnd), ip.payloadEnd);
    out.push({
      kind: 'packet',
      frame: frame.frame,
      time: frame.time,
      protocol,
      ipProtocol: ip.protocol,
      src: ip.src,
      dst: ip.dst,
      srcPort: transport?.srcPort ?? 0,
      dstPort: transport?.dstPort ?? 0,
      frameLength: frame.originalLength,
      payload,
      tcpFlags: transport?.flags ?? 0,
    });
    if (transport === null || transport.payload.length === 0) return;
    if (protocol === 'udp') this.observeUdp(frame, ip, transport, out);
    else this.observeTcp(frame, ip, transport, out);
  }

  /** Emits the counted, per-capture warnings. */
  finish(out: Observation[]): void {
    if (this.laterFragments > 0) {
      out.push({
        kind: 'warning',
        offset: 0,
        where: 'byte',
        message: `${this.laterFragments} non-first IP fragments were counted but not reassembled`,
      });
    }
    for (const [linkType, count] of this.unsupportedLinks) {
      out.push({ kind: 'warning', offset: 0, where: 'byte', message: `${count} frames with unsupported link type ${linkType} were skipped` });
    }
  }

  private observeUdp(frame: LinkFrame, ip: IpHeader, udp: TransportHeader, out: Observation[]): void {
    const payload = udp.payload;
    if ((udp.srcPort === DNS_PORT || udp.srcPort === MDNS_PORT || udp.dstPort === MDNS_PORT) && isDnsResponse(payload)) {
      this.emitDnsAnswers(frame, payload, out);
      return;
    }
    if (isQuicLongHeader(payload)) this.observeQuic(frame, ip, udp, out);
  }

  private observeTcp(frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, out: Observation[]): void {
    const payload = tcp.payload;
    const key = `${ip.src}|${tcp.srcPort}|${ip.dst}|${tcp.dstPort}`;
    // A retransmitted request or ClientHello must not count twice.
    const end = (tcp.seq + payload.length) >>> 0;
    const seenEnd = this.tcpSeqEnd.get(key);
    if (seenEnd !== undefined && ((end - seenEnd) | 0) <= 0) return;
    if (this.tcpSeqEnd.size >= MAX_TRACKED_DIRECTIONS) this.tcpSeqEnd.clear();
    this.tcpSeqEnd.set(key, end);
    const pending = this.pendingTls.get(key);
    if (pending !== undefined) {
      this.continueTlsHello(frame, ip, tcp, key, pending, out);
      return;
    }
    if (isClientHelloStart(payload)) {
      const scan = scanTlsClientHello(payload);
      if (scan.status === 'complete') {
        if (scan.sni !== null) this.emitHost(frame, ip, tcp, scan.sni, 'tls-sni', out);
      } else if (scan.status === 'incomplete') {
        const bytes = new Uint8Array(Math.min(MAX_CLIENT_HELLO_LENGTH + 1024, Math.max(scan.needed, payload.length * 2)));
        bytes.set(payload);
        if (this.pendingTls.size >= MAX_PENDING_FLOWS) this.dropOldest(this.pendingTls);
        this.pendingTls.set(key, { bytes, length: payload.length, nextSeq: (tcp.seq + payload.length) >>> 0, segments: 1 });
      }
      return;
    }
    if (tcp.srcPort === DNS_PORT && payload.length > 2) {
      // DNS over TCP: a 2-byte length prefix, then the message; only whole messages in one segment.
      const length = ((payload[0] ?? 0) << 8) | (payload[1] ?? 0);
      if (length === payload.length - 2 && isDnsResponse(payload.subarray(2))) this.emitDnsAnswers(frame, payload.subarray(2), out);
      return;
    }
    const head = parseHttpRequest(payload);
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
      body: payload.subarray(head.bodyOffset),
    });
    if (host !== '') this.emitHost(frame, ip, tcp, host, 'http-host', out);
  }

  private continueTlsHello(frame: LinkFrame, ip: IpHeader, tcp: TransportHeader, key: string, pending: PendingTlsHello, out: Observation[]): void {
    const payload = tcp.payload;
    const delta = (tcp.seq - pending.nextSeq) | 0;
    // Retransmissions of earlier bytes carry nothing new; a gap means we missed a segment.
    if (delta < 0 && delta + payload.length <= 0) return;
    if (delta > 0) {
      this.pendingTls.delete(key);
      return;
    }
    const fresh = payload.subarray(-delta);
    if (pending.length + fresh.length > pending.bytes.length) {
      const limit = MAX_CLIENT_HELLO_LENGTH + 1024;
      if (pending.length + fresh.length > limit) {
        this.pendingTls.delete(key);
        return;
      }
      const grown = new Uint8Array(Math.min(limit, Math.max(pending.bytes.length * 2, pending.length + fresh.length)));
      grown.set(pending.bytes.subarray(0, pending.length));
      pending.bytes = grown;
    }
    pending.bytes.set(fresh, pending.length);
    pending.length += fresh.length;
    pending.nextSeq = (pending.nextSeq + fresh.length) >>> 0;
    pending.segments += 1;
    const scan = scanTlsClientHello(pending.bytes.subarray(0, pending.length));
    if (scan.status === 'incomplete' && pending.segments < MAX_HELLO_SEGMENTS) return;
    this.pendingTls.delete(key);
    if (scan.status === 'complete' && scan.sni !== null) this.emitHost(frame, ip, tcp, scan.sni, 'tls-sni', out);
  }

  private observeQuic(frame: LinkFrame, ip: IpHeader, udp: TransportHeader, out: Observation[]): void {
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

  private emitDnsAnswers(frame: LinkFrame, message: Uint8Array, out: Observation[]): void {
    const answers = decodeDnsAnswers(message);
    if (typeof answers === 'string') {
      this.warn(out, frame, answers);
      return;
    }
    for (const answer of answers) {
      out.push({ kind: 'dns-answer', frame: frame.frame, time: frame.time, name: answer.name, type: answer.type, value: answer.value, ttl: answer.ttl });
    }
  }

  private emitHost(
    frame: LinkFrame,
    ip: IpHeader,
    transport: TransportHeader,
    host: string,
    source: 'tls-sni' | 'quic-sni' | 'http-host',
    out: Observation[],
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

  private warn(out: Observation[], frame: LinkFrame, message: string): void {
    out.push({ kind: 'warning', offset: frame.offset, where: 'byte', message: `frame ${frame.frame}: ${message}` });
  }

  private dropOldest(map: Map<string, unknown>): void {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
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
