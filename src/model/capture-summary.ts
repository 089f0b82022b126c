import type { CaptureFormat, HostEvidenceSource, TransportProtocol } from './observation.js';

/** Where an identifier value was found and how it was encoded there. */
export type IdentifierEncoding = 'raw' | 'case-insensitive' | 'url-encoded' | 'base64' | 'hex' | 'md5' | 'sha1' | 'sha256';

/** One user-supplied identifier to look for, e.g. `user_id=8f3a…`. */
export interface IdentifierNeedle {
  label: string;
  value: string;
}

/** One occurrence of an identifier in a payload, with packet provenance. */
export interface IdentifierHit {
  label: string;
  value: string;
  encoding: IdentifierEncoding;
  frame: number;
  time: number;
  /** Byte offset of the match inside what was searched of `frame` (transport payload, HTTP text, or decoded DNS name). */
  offset: number;
  /** Frame holding the match's last byte, when the match spans TCP segments (absent when it is `frame`). */
  endFrame?: number;
  /**
   * What was searched: a transport payload, an HTTP URL/headers/body, a TLS or DTLS handshake record sent before
   * encryption starts (`tls-client-hello`: the ClientHello, whose server name anyone on the path reads; `tls-handshake`:
   * another handshake record, such as a TLS 1.2 certificate), or a DNS question name decoded from its wire format.
   */
  context: 'payload' | 'http-url' | 'http-headers' | 'http-body' | 'tls-client-hello' | 'tls-handshake' | 'dns-name';
  /** True when the channel was encrypted (the value was only visible because e.g. a HAR recorded it). */
  encrypted: boolean;
  /** True for identifiers recognised by their shape (e-mail, phone, UUID, IMEI, coordinates), not supplied by the user. */
  heuristic?: boolean;
  protocol: TransportProtocol;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
}

/**
 * Where a record joined onto a flow from another file really is: a Zeek ssl, quic or http record joined to its
 * conn record by connection id sits in its own log, at its own line.
 */
export interface JoinedRecordOrigin {
  /** File name of the log the record was read from (no directory), as captures are named in reports. */
  file: string;
  /** 1-based line of the record in that log. */
  line: number;
  /** sha256 of that log: two logs of one name (day1/ssl.log, day2/ssl.log) are told apart (absent in flows stored before). */
  sha256?: string;
}

/** "ssl.log line 12, sha256 1a2b3c4d5e6f": where a joined record is, as evidence texts name it. */
export function describeRecordOrigin(origin: JoinedRecordOrigin): string {
  return `${origin.file} line ${origin.line}${origin.sha256 !== undefined ? `, sha256 ${origin.sha256.slice(0, 12)}` : ''}`;
}

/** A host name linked to a flow's server, with the frame that showed it. */
export interface FlowHostName {
  host: string;
  source: HostEvidenceSource;
  /** A record of the flow's own capture: for a name joined from another log, the conn record's line. */
  frame: number;
  /** Set when the name was read from another log than the flow's capture (absent in flows stored before). */
  origin?: JoinedRecordOrigin;
  /**
   * A DNS name that is an alias (CNAME) the client asked for: the name at the end of its chain, whose A/AAAA answer
   * gave the server's address (usually a cloud or CDN name). Absent when the name was answered directly.
   */
  viaCname?: string;
  /**
   * A DNS name that is a CNAME target, not a name the client asked for: the alias at the start of its chain. Such
   * names say where the service is hosted; the asked name says whose it is (absent in flows stored before).
   */
  cnameOf?: string;
}

/** A real-time media protocol recognised by its payload framing, with the first frame that showed it. */
export interface RealtimeSignature {
  /**
   * 'stun' (RFC 8489, also TURN), 'rtp' (RFC 3550 media), 'rtcp' (RFC 3550 reports), 'ice' (STUN Binding requests from
   * both ends: two full ICE agents checking a peer-to-peer path, RFC 8445; its frame is the second end's first request).
   */
  protocol: 'stun' | 'rtp' | 'rtcp' | 'ice';
  frame: number;
}

/** What one end of a flow sent: packets, bytes on the wire (frame lengths) and transport payload bytes. */
export interface DirectionTotals {
  packets: number;
  bytes: number;
  payloadBytes: number;
}

/**
 * A bidirectional conversation keyed like tshark's `-z conv`: protocol + the two endpoints.
 * `client` is the side that sent the first packet (or the SYN for TCP).
 */
export interface FlowSummary {
  protocol: TransportProtocol;
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  packets: number;
  /** Sum of frame lengths in both directions. */
  bytes: number;
  /** Sum of transport payload bytes in both directions. */
  payloadBytes: number;
  firstTime: number;
  lastTime: number;
  firstFrame: number;
  lastFrame: number;
  /** A bounded sample of frame numbers (the first few), for evidence tables. */
  sampleFrames: number[];
  hostNames: FlowHostName[];
  /** Best guess of whether payloads were encrypted: TLS/QUIC/DTLS seen, or port-based. */
  encryption: 'tls' | 'quic' | 'dtls' | 'none' | 'unknown';
  /**
   * Plain HTTP request lines seen on this flow (method + URL), bounded. `time` is absent in flows stored before it
   * was recorded; `frame` is a record of the flow's own capture, and `origin` is set for a request joined from
   * another log (a Zeek http.log), as for host names. `contentType` is the media type of the request's body (lower
   * case, no parameters) when its head said one; it tells certificate-status requests (application/ocsp-request) apart.
   */
  httpRequests: { frame: number; method: string; url: string; time?: number; origin?: JoinedRecordOrigin; contentType?: string }[];
  /** Real-time media protocols recognised in UDP payloads (absent when none, and for HAR/Zeek input). */
  realtime?: RealtimeSignature[];
  /**
   * What the client sent to the server, and what the server sent back. Both absent when the direction split is not
   * known: flows stored before claimcheck counted directions, and Zeek records without byte counts. For a HAR the
   * client's side is the requests (headers and bodies), the server's the responses; for Zeek, conn.log's orig and
   * resp counts.
   */
  clientToServer?: DirectionTotals;
  serverToClient?: DirectionTotals;
}

/** Identifier hits stored per capture search; later hits are only counted (`identifierHitsNotStored`). */
export const MAX_STORED_IDENTIFIER_HITS = 10000;

/**
 * Past the cap, the first hits of each identifier on each connection are still stored (up to
 * MAX_HITS_KEPT_PAST_CAP in all), so that every destination an identifier reached keeps located evidence.
 */
export const HITS_KEPT_PER_CONNECTION_PAST_CAP = 3;
/** Bound on the hits stored past the cap for connections that had none, so memory stays bounded on any capture. */
export const MAX_HITS_KEPT_PAST_CAP = 100_000;

/** How many hits of one identifier were found but not stored, because the capture's stored hits had reached their cap. */
export interface IdentifierHitsNotStored {
  label: string;
  hits: number;
  /**
   * How many first hits per connection were still stored past the cap (HITS_KEPT_PER_CONNECTION_PAST_CAP); absent
   * for captures imported before claimcheck kept them, where a destination reached only past the cap has no hits.
   */
  keptPerConnection?: number;
}

export interface DnsAnswerSummary {
  frame: number;
  time: number;
  name: string;
  type: string;
  value: string;
  ttl: number;
}

/** A distinct DNS question name and type, with the first frame that asked it. */
export interface DnsQuerySummary {
  frame: number;
  time: number;
  name: string;
  type: string;
}

export interface CaptureWarning {
  offset: number;
  where: 'byte' | 'entry' | 'line';
  message: string;
}

/** Everything an import keeps from one capture file; memory is bounded by flows, not packets. */
export interface CaptureSummary {
  file: string;
  format: CaptureFormat;
  sha256: string;
  sizeBytes: number;
  packetCount: number;
  firstTime: number | null;
  lastTime: number | null;
  flows: FlowSummary[];
  dnsAnswers: DnsAnswerSummary[];
  /** Distinct DNS question names seen in queries and responses (absent in summaries from older versions). */
  dnsQueries?: DnsQuerySummary[];
  identifierHits: IdentifierHit[];
  /**
   * Hits found after `identifierHits` reached its cap (MAX_IDENTIFIER_HITS), per identifier label: counted, not
   * stored, so that no count is read as the whole. Absent when nothing was left out (and in older summaries).
   */
  identifierHitsNotStored?: IdentifierHitsNotStored[];
  /**
   * Identifiers found by shape in plaintext the client sent, each with `heuristic: true`. Kept apart from
   * `identifierHits` so that nothing treats a guess as a confirmed identifier (absent in older summaries).
   */
  heuristicHits?: IdentifierHit[];
  warnings: CaptureWarning[];
  /** Warnings beyond the stored ones are only counted. */
  warningCount: number;
}
