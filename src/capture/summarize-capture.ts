/**
 * One streaming pass over a capture file that produces everything the store keeps from it: content hash,
 * flows with host names and encryption, DNS answers, identifier hits and warnings. Memory is bounded by
 * the number of flows (plus fixed caps on samples), never by the number of packets.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { HITS_KEPT_PER_CONNECTION_PAST_CAP, MAX_HITS_KEPT_PAST_CAP, MAX_STORED_IDENTIFIER_HITS, type CaptureSummary, type CaptureWarning, type FlowSummary, type DnsAnswerSummary, type DnsQuerySummary, type IdentifierHit, type IdentifierHitsNotStored, type IdentifierNeedle } from '../model/capture-summary.js';
import type { CaptureFormat, DnsQueryObservation, Observation, PacketObservation, TransportProtocol } from '../model/observation.js';
import { buildFlowKey, FlowTable } from './aggregate-flows.js';
import { TCP_FLAG } from './decode-transport.js';
import { detectCaptureFormat } from './detect-capture-format.js';
import { createReadStats } from './link-frame.js';
import { readObservationsInto } from './read-capture.js';
import { DEFAULT_CHUNK_SIZE, readFileChunks, toImportError } from './read-file-chunks.js';
import { compileIdentifierPatterns, searchIdentifiers, type IdentifierMatch, type IdentifierPatterns } from './search-identifiers.js';
import { TcpStreamSearch, type StreamMatch } from './search-tcp-streams.js';
import { findHeuristicIdentifiers } from './find-heuristic-identifiers.js';

/** Options for {@link summarizeCapture}. */
export interface SummarizeCaptureOptions {
  /** Skip detection and read the file as this format. */
  format?: CaptureFormat;
  /** Identifier values to look for in payloads and HTTP requests. */
  identifiers?: IdentifierNeedle[];
  /** Called after each chunk read; for a progress bar. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Read size; tests vary it to prove results do not depend on chunk boundaries. */
  chunkSize?: number;
  /**
   * The file's sha256 when the caller has just computed it (the importer hashes first to skip files already
   * imported); hashing a gigabyte again costs about a fifth of the import.
   */
  knownSha256?: string;
}

/** Stored warnings; the rest are only counted. */
export const MAX_STORED_WARNINGS = 100;
/** Distinct DNS answers kept. */
export const MAX_DNS_ANSWERS = 10000;
/** Distinct DNS questions kept. */
export const MAX_DNS_QUERIES = 10000;
/** Identifier hits kept; later hits are counted per identifier (`identifierHitsNotStored`), not stored. */
export const MAX_IDENTIFIER_HITS = MAX_STORED_IDENTIFIER_HITS;
/** Distinct heuristic hits kept (per value and destination). */
export const MAX_HEURISTIC_HITS = 1000;

/**
 * Reads a capture file once and summarises it.
 * @throws ImportError when the file cannot be read or is not the stated (or detected) format.
 */
export async function summarizeCapture(file: string, options: SummarizeCaptureOptions = {}): Promise<CaptureSummary> {
  const format = await detectCaptureFormat(file, options.format);
  let totalBytes: number;
  try {
    totalBytes = (await stat(file)).size;
  } catch (error) {
    throw toImportError(file, error);
  }
  // Hashed here, on the one read of the file: a second read, or a worker fed copies of the chunks, costs more.
  const hash = options.knownSha256 === undefined ? createHash('sha256') : null;
  let bytesRead = 0;
  // A packet capture's chunk is parsed, searched and hashed before the next is asked for, and nothing keeps a view
  // into it (record tails, held stream prefixes, search tails and IP fragments are copies), so its read buffers
  // can be reused. The HAR and Zeek readers hold on to chunks while they parse, so they get fresh ones.
  const reuseBuffers = format === 'pcap' || format === 'pcapng';
  const chunks = readFileChunks(file, options.chunkSize ?? DEFAULT_CHUNK_SIZE, { reuseBuffers });
  const iterator = chunks[Symbol.asyncIterator]();
  // Pulls from a shared iterator so that, if a reader stops early, the rest can still be hashed.
  const hashed: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const result = await iterator.next();
        if (result.done !== true) {
          if (hash !== null) hash.update(result.value);
          bytesRead += result.value.length;
          options.onProgress?.(bytesRead, totalBytes);
        }
        return result;
      },
    }),
  };

  let sha256 = options.knownSha256 ?? '';
  const stats = createReadStats();
  const aggregator = new CaptureAggregator(format, options.identifiers ?? []);
  try {
    await readObservationsInto(hashed, file, format, stats, aggregator);
    for (let rest = await iterator.next(); rest.done !== true; rest = await iterator.next()) {
      if (hash !== null) hash.update(rest.value);
      bytesRead += rest.value.length;
      options.onProgress?.(bytesRead, totalBytes);
    }
    if (hash !== null) sha256 = hash.digest('hex');
  } finally {
    await iterator.return?.(undefined);
  }

  return {
    file,
    format,
    sha256,
    sizeBytes: bytesRead,
    packetCount: stats.frames,
    firstTime: stats.firstTime,
    lastTime: stats.lastTime,
    flows: aggregator.flows.listFlows(),
    dnsAnswers: aggregator.dnsAnswers,
    dnsQueries: aggregator.dnsQueries,
    identifierHits: aggregator.identifierHits,
    ...(aggregator.hitsNotStored.size > 0 ? { identifierHitsNotStored: listHitsNotStored(aggregator.hitsNotStored) } : {}),
    heuristicHits: aggregator.heuristicHits,
    warnings: aggregator.warnings,
    warningCount: aggregator.warningCount,
  };
}

/** Folds the observation stream of one file into the parts of a summary. */
class CaptureAggregator {
  readonly flows = new FlowTable();
  readonly dnsAnswers: DnsAnswerSummary[] = [];
  readonly dnsQueries: DnsQuerySummary[] = [];
  readonly identifierHits: IdentifierHit[] = [];
  /** Hits past MAX_IDENTIFIER_HITS by identifier label: one number per identifier, so memory stays bounded. */
  readonly hitsNotStored = new Map<string, number>();
  /** Once the cap is reached: stored hits per identifier and connection, up to HITS_KEPT_PER_CONNECTION_PAST_CAP each. */
  private storedPerConnection: Map<string, number> | null = null;
  private hitsKeptPastCap = 0;
  readonly heuristicHits: IdentifierHit[] = [];
  private readonly heuristicSeen = new Set<string>();
  readonly warnings: CaptureWarning[] = [];
  warningCount = 0;
  private readonly dnsSeen = new Set<string>();
  private readonly queriesSeen = new Set<string>();
  private readonly patterns: IdentifierPatterns;
  /**
   * The identifiers that contain a dot, for DNS question names: the wire format writes a name as length-prefixed
   * labels, so "firstname.lastname" is never in the raw bytes; values without a dot are found there already.
   */
  private readonly dottedPatterns: IdentifierPatterns;
  /** The packet observation last taken: a DNS question is emitted right after the packet that carried it. */
  private lastPacket: PacketObservation | null = null;
  private readonly streams: TcpStreamSearch | null;
  /** Matches of the TCP segment being searched; reused, since most segments have none. */
  private readonly streamMatches: StreamMatch[] = [];
  /** Packet captures are searched per payload; text formats per HTTP field (their packets are stand-ins). */
  private readonly searchPackets: boolean;

  constructor(format: CaptureFormat, identifiers: IdentifierNeedle[]) {
    this.patterns = compileIdentifierPatterns(identifiers);
    this.dottedPatterns = compileIdentifierPatterns(identifiers.filter((needle) => needle.value.includes('.')));
    this.streams = this.patterns.empty ? null : new TcpStreamSearch(this.patterns);
    this.searchPackets = format === 'pcap' || format === 'pcapng';
  }

  /** Takes one observation; keeps nothing of it (a packet observation is refilled for the next packet). */
  push(observation: Observation): void {
    switch (observation.kind) {
      case 'packet': {
        this.lastPacket = observation;
        const direction = this.flows.addPacket(observation);
        const flow = direction.flow;
        // A SYN opens a new connection in this direction, with its own sequence numbers (a port pair can be reused).
        if (direction.streamSearch !== null && (observation.tcpFlags & TCP_FLAG.SYN) !== 0 && observation.protocol === 'tcp') {
          this.streams?.forget(direction.streamSearch);
          direction.streamSearch = null;
        }
        if (!this.searchPackets || observation.payload.length === 0) return;
        const plaintext = flow.encryption === 'none' || flow.encryption === 'unknown';
        if (plaintext && observation.src === flow.client && observation.srcPort === flow.clientPort) {
          this.recordHeuristicHits(observation.payload, 'payload', false, observation.protocol, observation);
        }
        if (this.patterns.empty || !isSearchable(flow, observation.payload)) return;
        // On a TLS/DTLS flow only handshake records are searched, and those travel before encryption starts: what they
        // hold (a ClientHello's server name) is plaintext on the wire, whatever the flow carries later.
        const handshake = plaintext ? null : describeHandshakeRecord(observation.payload, observation.protocol);
        const context: IdentifierHit['context'] = handshake ?? 'payload';
        const encrypted = !plaintext && handshake === null;
        if (observation.protocol === 'tcp' && observation.tcpSeq !== undefined && this.streams !== null) {
          const found = this.streamMatches;
          found.length = 0;
          // No limit: past the cap, hits are still counted (pushHit), so a report never reads the cap as the total.
          direction.streamSearch = this.streams.search(direction.streamSearch, observation.tcpSeq, observation.payload, observation.frame, observation.time, UNLIMITED, found);
          for (const located of found) {
            this.pushHit(located.match, { ...observation, frame: located.frame, time: located.time }, located.offset, located.endFrame, context, encrypted, 'tcp');
          }
        } else {
          this.recordHits(observation.payload, context, encrypted, observation.protocol, observation);
        }
        return;
      }
      case 'host':
        this.flows.addHost(observation);
        return;
      case 'http-request': {
        // A HAR entry says its transport (HTTP/3 is UDP); a request parsed from packets goes on the flow it came on.
        const flow = this.flows.findFlow('tcp', observation.client, observation.clientPort, observation.server, observation.serverPort);
        const protocol: TransportProtocol =
          observation.protocol ?? flow?.protocol ?? (this.flows.findFlow('udp', observation.client, observation.clientPort, observation.server, observation.serverPort) ? 'udp' : 'tcp');
        this.flows.addHttpRequest(observation, protocol);
        if (!this.searchPackets && !this.patterns.empty) {
          const endpoints = { src: observation.client, srcPort: observation.clientPort, dst: observation.server, dstPort: observation.serverPort, frame: observation.frame, time: observation.time };
          this.recordHits(Buffer.from(observation.url, 'utf8'), 'http-url', observation.encrypted, protocol, endpoints);
          this.recordHits(Buffer.from(observation.headersText, 'utf8'), 'http-headers', observation.encrypted, protocol, endpoints);
          if (observation.body.length > 0) this.recordHits(observation.body, 'http-body', observation.encrypted, protocol, endpoints);
        }
        if (!this.searchPackets) {
          const endpoints = { src: observation.client, srcPort: observation.clientPort, dst: observation.server, dstPort: observation.serverPort, frame: observation.frame, time: observation.time };
          this.recordHeuristicHits(Buffer.from(observation.url, 'utf8'), 'http-url', observation.encrypted, protocol, endpoints);
          this.recordHeuristicHits(Buffer.from(observation.headersText, 'utf8'), 'http-headers', observation.encrypted, protocol, endpoints);
          if (observation.body.length > 0) this.recordHeuristicHits(observation.body, 'http-body', observation.encrypted, protocol, endpoints);
        }
        return;
      }
      case 'dns-answer': {
        this.flows.addDnsAnswer(observation.name, observation.type, observation.value, observation.frame);
        const key = `${observation.name}|${observation.type}|${observation.value}`;
        if (this.dnsAnswers.length < MAX_DNS_ANSWERS && !this.dnsSeen.has(key)) {
          this.dnsSeen.add(key);
          this.dnsAnswers.push({ frame: observation.frame, time: observation.time, name: observation.name, type: observation.type, value: observation.value, ttl: observation.ttl });
        }
        return;
      }
      case 'address-name':
        this.flows.addRecordedName(observation.address, observation.name, observation.frame);
        return;
      case 'dns-query': {
        this.searchDnsName(observation);
        const key = `${observation.name}|${observation.type}`;
        if (this.dnsQueries.length < MAX_DNS_QUERIES && !this.queriesSeen.has(key)) {
          this.queriesSeen.add(key);
          this.dnsQueries.push({ frame: observation.frame, time: observation.time, name: observation.name, type: observation.type });
        }
        return;
      }
      case 'warning':
        this.warningCount += 1;
        if (this.warnings.length < MAX_STORED_WARNINGS) this.warnings.push({ offset: observation.offset, where: observation.where, message: observation.message });
        return;
    }
  }

  /** Searches a decoded DNS question name for identifiers with a dot, on the packet that carried it (context `dns-name`). */
  private searchDnsName(question: DnsQueryObservation): void {
    const packet = this.lastPacket;
    if (this.dottedPatterns.empty || !this.searchPackets || packet === null || packet.frame !== question.frame) return;
    for (const match of searchIdentifiers(this.dottedPatterns, Buffer.from(question.name, 'utf8'), UNLIMITED)) {
      // Encoded forms of a dotted value (base64, hex, hashes) have no dot: the raw payload search finds those.
      if (match.encoding !== 'raw' && match.encoding !== 'case-insensitive' && match.encoding !== 'url-encoded') continue;
      this.pushHit(match, packet, match.offset, question.frame, 'dns-name', false, packet.protocol);
    }
  }

  private recordHits(
    bytes: Uint8Array,
    context: IdentifierHit['context'],
    encrypted: boolean,
    protocol: TransportProtocol,
    where: HitEndpoints,
  ): void {
    for (const match of searchIdentifiers(this.patterns, bytes, UNLIMITED)) {
      this.pushHit(match, where, match.offset, where.frame, context, encrypted, protocol);
    }
  }

  /** Records identifiers found by shape, once per kind, value and destination. */
  private recordHeuristicHits(bytes: Uint8Array, context: IdentifierHit['context'], encrypted: boolean, protocol: TransportProtocol, where: HitEndpoints): void {
    if (this.heuristicHits.length >= MAX_HEURISTIC_HITS) return;
    for (const match of findHeuristicIdentifiers(bytes)) {
      const key = `${match.kind}|${match.value}|${where.dst}|${where.dstPort}`;
      if (this.heuristicSeen.has(key) || this.heuristicHits.length >= MAX_HEURISTIC_HITS) continue;
      this.heuristicSeen.add(key);
      this.heuristicHits.push({
        label: match.kind,
        value: match.value,
        encoding: match.encoding,
        frame: where.frame,
        time: where.time,
        offset: match.offset,
        context,
        encrypted,
        heuristic: true,
        protocol,
        src: where.src,
        srcPort: where.srcPort,
        dst: where.dst,
        dstPort: where.dstPort,
      });
    }
  }

  /**
   * Past the cap, whether a hit is still stored: one of the first few of its identifier on its connection, so a
   * destination reached only after the cap (a second tracker late in a long capture) is not missing from the report.
   */
  private keepPastCap(label: string, protocol: TransportProtocol, where: HitEndpoints): boolean {
    if (this.hitsKeptPastCap >= MAX_HITS_KEPT_PAST_CAP) return false;
    // Built once, when the cap is first reached, from the hits stored so far: no cost per hit below the cap.
    let counts = this.storedPerConnection;
    if (counts === null) {
      counts = new Map();
      for (const hit of this.identifierHits) {
        const key = connectionKey(hit.label, hit.protocol, hit);
        counts.set(key, Math.min(HITS_KEPT_PER_CONNECTION_PAST_CAP, (counts.get(key) ?? 0) + 1));
      }
      this.storedPerConnection = counts;
    }
    const key = connectionKey(label, protocol, where);
    const stored = counts.get(key) ?? 0;
    if (stored >= HITS_KEPT_PER_CONNECTION_PAST_CAP) return false;
    counts.set(key, stored + 1);
    this.hitsKeptPastCap += 1;
    if (this.hitsKeptPastCap === MAX_HITS_KEPT_PAST_CAP) {
      this.push({
        kind: 'warning',
        offset: 0,
        where: 'byte',
        message: `identifier hits past the cap were kept for the first ${MAX_HITS_KEPT_PAST_CAP.toLocaleString('en-US')} only; connections reached after that have their hits counted, not located`,
      });
    }
    return true;
  }

  /** Stores one hit; `where` gives the frame and time where the match starts. */
  private pushHit(
    match: IdentifierMatch,
    where: HitEndpoints,
    offset: number,
    endFrame: number,
    context: IdentifierHit['context'],
    encrypted: boolean,
    protocol: TransportProtocol,
  ): void {
    if (this.identifierHits.length >= MAX_IDENTIFIER_HITS && !this.keepPastCap(match.label, protocol, where)) {
      this.hitsNotStored.set(match.label, (this.hitsNotStored.get(match.label) ?? 0) + 1);
      return;
    }
    this.identifierHits.push({
      label: match.label,
      value: match.value,
      encoding: match.encoding,
      frame: where.frame,
      time: where.time,
      offset,
      ...(endFrame !== where.frame ? { endFrame } : {}),
      context,
      encrypted,
      protocol,
      src: where.src,
      srcPort: where.srcPort,
      dst: where.dst,
      dstPort: where.dstPort,
    });
  }
}

/** Search limit that never stops a search: every hit is either stored or counted. */
const UNLIMITED = Number.POSITIVE_INFINITY;

function listHitsNotStored(counts: ReadonlyMap<string, number>): IdentifierHitsNotStored[] {
  return [...counts]
    .map(([label, hits]) => ({ label, hits, keptPerConnection: HITS_KEPT_PER_CONNECTION_PAST_CAP }))
    .sort((a, b) => b.hits - a.hits || a.label.localeCompare(b.label));
}

/** One identifier on one connection (either direction), for the hits kept past the cap. */
function connectionKey(label: string, protocol: TransportProtocol, where: { src: string; srcPort: number; dst: string; dstPort: number }): string {
  return `${label}\u0000${buildFlowKey(protocol, where.src, where.srcPort, where.dst, where.dstPort)}`;
}

/** Endpoints and time of the packet or request a hit was found in. */
interface HitEndpoints {
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  frame: number;
  time: number;
}

/** TLS/DTLS record content type 22: handshake messages, sent in the clear before keys are agreed. */
const RECORD_HANDSHAKE = 22;
/** Handshake message type 1 (RFC 8446 §4, RFC 6347 §4.2.2). */
const HANDSHAKE_CLIENT_HELLO = 1;

/**
 * The context of a handshake record's plaintext: `tls-client-hello` for a ClientHello, `tls-handshake` for another
 * handshake record; null for any other record. The message type follows the 5-byte TLS record header, or DTLS's
 * 13-byte one.
 */
function describeHandshakeRecord(payload: Uint8Array, protocol: TransportProtocol): 'tls-client-hello' | 'tls-handshake' | null {
  if (payload[0] !== RECORD_HANDSHAKE) return null;
  return payload[protocol === 'udp' ? 13 : 5] === HANDSHAKE_CLIENT_HELLO ? 'tls-client-hello' : 'tls-handshake';
}

/**
 * Whether a payload can hold a readable identifier. Ciphertext cannot: searching TLS application data or QUIC
 * packets only finds chance matches (a short value turns up in a gigabyte of random bytes), and it is most of
 * the bytes of a modern capture. On TLS/DTLS flows the handshake records are still searched, since a
 * ClientHello or a TLS 1.2 certificate is plaintext and may carry an identifier inside a host name.
 */
function isSearchable(flow: FlowSummary, payload: Uint8Array): boolean {
  switch (flow.encryption) {
    case 'none':
    case 'unknown':
      return true;
    case 'tls':
    case 'dtls':
      return payload[0] === RECORD_HANDSHAKE;
    case 'quic':
      return false;
  }
}
