/**
 * The one shape every capture importer yields, whatever the file format.
 * Importers know nothing of SQLite; the capture summariser and the store consume these.
 *
 * Times are seconds since the Unix epoch as a double (microsecond precision is exact for
 * current dates; nanosecond captures are rounded to the nearest microsecond).
 * Addresses are canonical text: dotted IPv4, RFC 5952 compressed IPv6.
 */

import type { DirectionTotals } from './capture-summary.js';

/** Transport protocol of a packet or flow as we classify it. */
export type TransportProtocol = 'tcp' | 'udp' | 'icmp' | 'other';

/** Where an observation came from inside its capture file. */
export interface FrameRef {
  /** 1-based frame number, as Wireshark numbers frames (HAR: 1-based entry index). */
  frame: number;
  /** Seconds since the epoch. */
  time: number;
}

/** One IP packet (or one HAR request standing in for its connection). */
export interface PacketObservation extends FrameRef {
  kind: 'packet';
  protocol: TransportProtocol;
  /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6 ...). */
  ipProtocol: number;
  src: string;
  dst: string;
  /** 0 when the protocol has no ports. */
  srcPort: number;
  dstPort: number;
  /** Bytes on the wire for this frame (original length, as tshark's frame.len). */
  frameLength: number;
  /** Transport payload bytes carried (captured part only). A view: copy it if you keep it. */
  payload: Uint8Array;
  /** TCP flags byte, 0 for other protocols. */
  tcpFlags: number;
  /** TCP sequence number (0 for other protocols; absent for HAR/Zeek stand-ins), to search payloads as a stream. */
  tcpSeq?: number;
  /**
   * Which way the packet went, as a small integer: packets with the same protocol, source address and port, and
   * destination address and port share it, and ids count up from 0 within a capture, so per-direction state can
   * live in an array. Absent for HAR/Zeek stand-ins.
   */
  direction?: number;
  /**
   * For a stand-in of a whole exchange (a HAR entry, a Zeek conn record): what each end sent, when the file records
   * it. Real packets need none (each is counted for its sender); a stand-in without it leaves its flow's direction
   * split unknown.
   */
  exchange?: { clientToServer: DirectionTotals; serverToClient: DirectionTotals };
}

/** A DNS resource record seen in a response (name ↔ address). */
export interface DnsAnswerObservation extends FrameRef {
  kind: 'dns-answer';
  /** Owner name of the record, lower case, no trailing dot. */
  name: string;
  /** 'A' | 'AAAA' | 'CNAME' | other type mnemonic. */
  type: string;
  /** Address for A/AAAA, target name for CNAME. */
  value: string;
  ttl: number;
}

/** A DNS question (from a query or a response): which name a client asked about. */
export interface DnsQueryObservation extends FrameRef {
  kind: 'dns-query';
  /** Queried name, lower case, no trailing dot. */
  name: string;
  /** Query type mnemonic ('A', 'AAAA', 'HTTPS', ... or 'TYPE<n>'). */
  type: string;
}

/** How a host name for a flow's server was learned; ordered roughly by strength. */
export type HostEvidenceSource =
  | 'tls-sni'
  | 'quic-sni'
  | 'http-host'
  | 'har-url'
  | 'dns-answer'
  | 'name-resolution-block'
  | 'payload-string';

/** A host name seen for the server side of a connection. */
export interface HostObservation extends FrameRef {
  kind: 'host';
  host: string;
  source: HostEvidenceSource;
  /** Client and server endpoints of the connection the name belongs to. */
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  protocol: TransportProtocol;
}

/** An HTTP request line (plain HTTP from a capture, or any HAR entry). */
export interface HttpRequestObservation extends FrameRef {
  kind: 'http-request';
  method: string;
  /** Absolute URL when the host is known, else the request target as sent. */
  url: string;
  host: string;
  /** False for plain HTTP seen on the wire; true for HTTPS entries in a HAR. */
  encrypted: boolean;
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  /** Request headers and body as text, for identifier search (HAR; plain HTTP). */
  headersText: string;
  body: Uint8Array;
  /**
   * The transport, when the reader knows it: a HAR entry made over HTTP/3 is 'udp' (QUIC), so it joins its own
   * flow even when HTTP/1 or HTTP/2 requests reach the same server and port over TCP. Unset: the flow it arrived on.
   */
  protocol?: TransportProtocol;
}

/**
 * A name for an address recorded by the capture file itself (a pcapng Name Resolution Block, written by the
 * capturing tool from the DNS traffic it saw), not carried by a packet.
 */
export interface AddressNameObservation extends FrameRef {
  kind: 'address-name';
  address: string;
  /** Host name, lower case, no trailing dot. */
  name: string;
  source: 'name-resolution-block';
  /** Byte offset of the block in the file; `frame` is the number of frames before it (0: before any). */
  offset: number;
}

/** A recoverable problem in a capture: counted, reported, and parsing goes on. */
export interface CaptureWarningObservation {
  kind: 'warning';
  /** Byte offset in the file (or line / entry index for text formats, see `where`). */
  offset: number;
  where: 'byte' | 'entry' | 'line';
  message: string;
}

export type Observation =
  | PacketObservation
  | DnsAnswerObservation
  | DnsQueryObservation
  | AddressNameObservation
  | HostObservation
  | HttpRequestObservation
  | CaptureWarningObservation;

/** Capture file formats claimcheck reads. */
export type CaptureFormat = 'pcap' | 'pcapng' | 'har' | 'zeek';
