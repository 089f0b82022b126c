/**
 * Folds observations into bidirectional flows keyed like tshark's `-z conv,tcp` / `-z conv,udp`:
 * protocol plus the unordered pair of endpoints. Holds one record per flow, never per packet.
 */
import type { DirectionTotals, FlowHostName, FlowSummary } from '../model/capture-summary.js';
import type { HostObservation, HttpRequestObservation, PacketObservation, TransportProtocol } from '../model/observation.js';
import { isQuicLongHeader } from './decrypt-quic-initial.js';
import { TCP_FLAG } from './decode-transport.js';
import { readContentType } from './parse-http-request.js';
import { isTlsRecordStart } from './parse-tls-client-hello.js';
import { RealtimeSignatureTracker } from './detect-realtime-protocol.js';
import type { StreamSearchState } from './search-tcp-streams.js';
import { DirectionIndex } from './direction-index.js';
import { findConnectingDevices, judgeDatagramRoles, readSenderRole, shouldSwapRoles } from './infer-flow-roles.js';

const MAX_SAMPLE_FRAMES = 5;
const MAX_HOST_NAMES = 32;
const MAX_HTTP_REQUESTS = 20;
const MAX_NAMES_PER_ADDRESS = 16;
const MAX_ALIAS_DEPTH = 8;

interface FlowState extends FlowSummary {
  /** Client and server were fixed by a SYN or SYN-ACK, or by a first payload that names its sender; later packets cannot swap them. */
  rolesFixed: boolean;
  /** The first payload of a TCP flow without a SYN was read for its sender's role (done once per flow). */
  payloadRoleRead: boolean;
  /** A UDP flow whose roles nothing decided (its first sender is the client): the capture's devices may decide at the end. */
  rolesGuessed: boolean;
  hostKeys: Set<string>;
  /** Recogniser of STUN/RTP/RTCP payloads (UDP flows with payload), so IP-only media flows say what they carry. */
  realtimeTracker: RealtimeSignatureTracker | null;
  /**
   * Host names written in undecoded payloads, with the end that wrote them (`address|port`). Only the client's count,
   * once roles are final: a name the server writes (a config listing partner URLs) is content, not the peer (review 9
   * item 18).
   */
  payloadNames: { name: FlowHostName; sender: string }[];
  /** What the current client sent, and the current server; swapped with the roles (setClient). */
  sentByClient: DirectionTotals;
  sentByServer: DirectionTotals;
  /** False once a stand-in without per-direction figures joined the flow: its split is then unknown. */
  directionsKnown: boolean;
}

function createFlowState(
  protocol: TransportProtocol,
  client: string,
  clientPort: number,
  server: string,
  serverPort: number,
  frame: number,
  time: number,
  rolesFixed: boolean,
): FlowState {
  return {
    protocol,
    client,
    clientPort,
    server,
    serverPort,
    packets: 0,
    bytes: 0,
    payloadBytes: 0,
    firstTime: time,
    lastTime: time,
    firstFrame: frame,
    lastFrame: frame,
    sampleFrames: [],
    hostNames: [],
    encryption: 'unknown',
    httpRequests: [],
    rolesFixed,
    payloadRoleRead: false,
    rolesGuessed: false,
    hostKeys: new Set(),
    realtimeTracker: null,
    payloadNames: [],
    sentByClient: { packets: 0, bytes: 0, payloadBytes: 0 },
    sentByServer: { packets: 0, bytes: 0, payloadBytes: 0 },
    directionsKnown: true,
  };
}

/**
 * One direction of a flow as its packets travel (source to destination). Packets find their flow through it with
 * one lookup on a key built once, and later stages keep per-direction state on it instead of in maps of their own.
 */
export interface FlowDirection {
  readonly flow: FlowSummary;
  /** Identifier search state of this direction's TCP stream; null until the summariser searches it. */
  streamSearch: StreamSearchState | null;
}

/** Running flow table for one capture. */
export class FlowTable {
  private readonly flows = new Map<string, FlowState>();
  /** The directions of the flows in `flows` that packets went, two per flow at most, by the packets' direction id. */
  private readonly directionsById: (FlowDirection & { readonly flow: FlowState })[] = [];
  /** The same for packets without a direction id (HAR and Zeek stand-ins), by protocol, addresses and ports. */
  private readonly directions = new DirectionIndex<FlowDirection & { readonly flow: FlowState }>();
  /** Address → names whose A/AAAA answer gave it, with the answer's frame. */
  private readonly namesByAddress = new Map<string, { name: string; frame: number }[]>();
  /** CNAME target → names that pointed at it, to credit the name the client asked for. */
  private readonly aliasesByTarget = new Map<string, { name: string; frame: number }[]>();
  /** Address → names the capture file itself recorded (pcapng Name Resolution Blocks). */
  private readonly recordedNames = new Map<string, { name: string; frame: number }[]>();

  /** Adds one packet; returns its flow direction so callers can read the flow's encryption state. */
  addPacket(packet: PacketObservation): FlowDirection {
    const direction = this.findDirection(packet);
    const flow = direction.flow;
    if (packet.protocol === 'tcp' && !flow.rolesFixed) {
      const syn = (packet.tcpFlags & TCP_FLAG.SYN) !== 0;
      const ack = (packet.tcpFlags & TCP_FLAG.ACK) !== 0;
      // The SYN sender is the client even when the capture started mid-handshake.
      if (syn) {
        const clientIsSource = !ack;
        setClient(flow, clientIsSource ? packet.src : packet.dst, clientIsSource ? packet.srcPort : packet.dstPort);
        flow.rolesFixed = true;
      } else if (!flow.payloadRoleRead && packet.payload.length > 0) {
        // No SYN so far: the first payload (ClientHello or ServerHello, request or response) names its sender.
        flow.payloadRoleRead = true;
        const role = readSenderRole(packet.payload);
        if (role !== null) {
          setClient(flow, role === 'client' ? packet.src : packet.dst, role === 'client' ? packet.srcPort : packet.dstPort);
          flow.rolesFixed = true;
        }
      }
    }
    flow.packets += 1;
    flow.bytes += packet.frameLength;
    flow.payloadBytes += packet.payload.length;
    countDirection(flow, packet);
    if (packet.time < flow.firstTime) flow.firstTime = packet.time;
    if (packet.time > flow.lastTime) flow.lastTime = packet.time;
    flow.lastFrame = packet.frame;
    if (flow.sampleFrames.length < MAX_SAMPLE_FRAMES) flow.sampleFrames.push(packet.frame);
    if (packet.payload.length > 0) classifyEncryption(flow, packet);
    if (packet.protocol === 'udp' && packet.payload.length > 0) (flow.realtimeTracker ??= new RealtimeSignatureTracker()).observe(packet.payload, packet.frame, `${packet.src}|${packet.srcPort}`);
    return direction;
  }

  private findDirection(packet: PacketObservation): FlowDirection & { readonly flow: FlowState } {
    const id = packet.direction;
    let direction = id === undefined ? this.directions.get(packet.protocol, packet.src, packet.srcPort, packet.dst, packet.dstPort) : this.directionsById[id];
    if (direction === undefined) {
      direction = { flow: this.findOrCreateForPacket(packet), streamSearch: null };
      if (id === undefined) this.directions.set(packet.protocol, packet.src, packet.srcPort, packet.dst, packet.dstPort, direction);
      else this.directionsById[id] = direction;
    }
    return direction;
  }

  /** The flow of a packet whose direction is not known yet: created, with the packet's source as client, if new. */
  private findOrCreateForPacket(packet: PacketObservation): FlowState {
    const key = buildFlowKey(packet.protocol, packet.src, packet.srcPort, packet.dst, packet.dstPort);
    let flow = this.flows.get(key);
    if (flow === undefined) {
      flow = createFlowState(packet.protocol, packet.src, packet.srcPort, packet.dst, packet.dstPort, packet.frame, packet.time, false);
      // A TCP connection first seen without a SYN began before the capture: its first sender may be the server.
      // Ports and addresses give a first answer, once per flow, so per-packet work (which side sends to whom) uses it;
      // a SYN or a telling first payload still overrides it. HAR and Zeek stand-ins (no direction id) keep their roles.
      const midStream = packet.protocol === 'tcp' && packet.direction !== undefined && (packet.tcpFlags & TCP_FLAG.SYN) === 0;
      if (midStream && shouldSwapRoles(packet.src, packet.srcPort, packet.dst, packet.dstPort)) setClient(flow, packet.dst, packet.dstPort);
      // UDP has no SYN at all: its first datagram may be the server's, so ports and addresses judge it the same way.
      if (packet.protocol === 'udp' && packet.direction !== undefined) {
        const swap = judgeDatagramRoles(packet.src, packet.srcPort, packet.dst, packet.dstPort);
        if (swap === true) setClient(flow, packet.dst, packet.dstPort);
        flow.rolesGuessed = swap === null;
      }
      this.flows.set(key, flow);
    }
    return flow;
  }

  /** Credits a host name to the flow it was seen on. */
  addHost(host: HostObservation): void {
    const flow = this.getOrCreate(host.protocol, host.client, host.clientPort, host.server, host.serverPort, host.frame, host.time);
    // Name-shaped strings in ciphertext (or in certificates) say nothing about the peer; only plain streams count.
    if (host.source === 'payload-string' && isEncrypted(flow)) return;
    if (host.source === 'payload-string') {
      // Which end is the client may still change (a UDP flow's roles are settled at the end): keep the writer.
      if (flow.payloadNames.length < MAX_HOST_NAMES) flow.payloadNames.push({ name: { host: host.host, source: host.source, frame: host.frame }, sender: `${host.client}|${host.clientPort}` });
      return;
    }
    addHostName(flow, { host: host.host, source: host.source, frame: host.frame });
    if (host.source === 'tls-sni') flow.encryption = 'tls';
    else if (host.source === 'quic-sni') flow.encryption = 'quic';
  }

  /** Records an HTTP request on its flow (plain HTTP, or any HAR entry). */
  addHttpRequest(request: HttpRequestObservation, protocol: TransportProtocol): void {
    const flow = this.getOrCreate(protocol, request.client, request.clientPort, request.server, request.serverPort, request.frame, request.time);
    if (flow.httpRequests.length < MAX_HTTP_REQUESTS) {
      const contentType = readContentType(request.headersText);
      flow.httpRequests.push({ frame: request.frame, method: request.method, url: request.url, time: request.time, ...(contentType !== null ? { contentType } : {}) });
    }
    if (request.encrypted) {
      if (flow.encryption === 'unknown' || flow.encryption === 'none') flow.encryption = protocol === 'udp' ? 'quic' : 'tls';
    } else if (flow.encryption === 'unknown') {
      flow.encryption = 'none';
    }
  }

  /** Remembers a DNS answer; names are credited to flows by server address in {@link listFlows}. */
  addDnsAnswer(name: string, type: string, value: string, frame: number): void {
    if (type === 'A' || type === 'AAAA') appendBounded(this.namesByAddress, value, { name, frame });
    else if (type === 'CNAME') appendBounded(this.aliasesByTarget, value, { name, frame });
  }

  /** Remembers a name the capture file recorded for an address; credited like a DNS answer, but marked as such. */
  addRecordedName(address: string, name: string, frame: number): void {
    appendBounded(this.recordedNames, address, { name, frame });
  }

  /** Finds the flow a packet belongs to without creating one. */
  findFlow(protocol: TransportProtocol, a: string, aPort: number, b: string, bPort: number): FlowSummary | undefined {
    return this.flows.get(buildFlowKey(protocol, a, aPort, b, bPort));
  }

  /** Final flows in order of first frame, with DNS names credited to every flow whose server they resolve to. */
  listFlows(): FlowSummary[] {
    const out: FlowSummary[] = [];
    const devices = findConnectingDevices(this.flows.values());
    for (const flow of this.flows.values()) {
      // Both ends public on high ports: the end that is one of the capture's devices is the client.
      if (flow.rolesGuessed && devices.has(flow.server) && !devices.has(flow.client)) setClient(flow, flow.server, flow.serverPort);
      for (const { host, frame, ...chain } of this.resolveNames(flow.server)) addHostName(flow, { host, source: 'dns-answer', frame, ...chain });
      for (const recorded of this.recordedNames.get(flow.server) ?? []) {
        addHostName(flow, { host: recorded.name, source: 'name-resolution-block', frame: recorded.frame });
      }
      const clientEnd = `${flow.client}|${flow.clientPort}`;
      if (!isEncrypted(flow)) for (const written of flow.payloadNames) if (written.sender === clientEnd) addHostName(flow, written.name);
      const { rolesFixed: _fixed, payloadRoleRead: _read, rolesGuessed: _guessed, hostKeys: _keys, realtimeTracker, payloadNames: _names, sentByClient, sentByServer, directionsKnown, ...summary } =
        flow;
      const realtime = realtimeTracker?.list() ?? [];
      out.push({
        ...summary,
        ...(realtime.length > 0 ? { realtime } : {}),
        // A flow known only from a name or request record (a Zeek ssl.log without its conn.log) counted no packets: unknown, not "nothing sent".
        ...(directionsKnown && summary.packets > 0 ? { clientToServer: sentByClient, serverToClient: sentByServer } : {}),
      });
    }
    return out.sort((a, b) => a.firstFrame - b.firstFrame || a.lastFrame - b.lastFrame);
  }

  /**
   * Names that resolved to `address`, following CNAME chains back to the names clients asked for. The asked names
   * (the starts of chains) come first, each with the name whose answer gave the address (`viaCname`); the chains'
   * other names follow, each with the asked name it serves (`cnameOf`).
   */
  private resolveNames(address: string): { host: string; frame: number; viaCname?: string; cnameOf?: string }[] {
    const direct = this.namesByAddress.get(address);
    if (direct === undefined) return [];
    const asked: { host: string; frame: number; viaCname?: string }[] = [];
    const targets: { host: string; frame: number; cnameOf?: string }[] = [];
    const seen = new Set<string>();
    let frontier = direct.map((entry) => ({ ...entry, answered: entry.name }));
    for (let depth = 0; depth <= MAX_ALIAS_DEPTH && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const entry of frontier) {
        if (seen.has(entry.name)) continue;
        seen.add(entry.name);
        const aliases = this.aliasesByTarget.get(entry.name) ?? [];
        if (aliases.length === 0) asked.push({ host: entry.name, frame: entry.frame, ...(entry.answered !== entry.name ? { viaCname: entry.answered } : {}) });
        else targets.push({ host: entry.name, frame: entry.frame, cnameOf: this.findChainStart(entry.name) });
        for (const alias of aliases) next.push({ ...alias, answered: entry.answered });
      }
      frontier = next;
    }
    return [...asked, ...targets];
  }

  /** The name a CNAME chain through `name` started from (its first alias at each step), as far as the depth limit. */
  private findChainStart(name: string): string {
    let at = name;
    for (let depth = 0; depth <= MAX_ALIAS_DEPTH; depth++) {
      const alias = this.aliasesByTarget.get(at)?.[0];
      if (alias === undefined || alias.name === name) break;
      at = alias.name;
    }
    return at;
  }

  private getOrCreate(protocol: TransportProtocol, client: string, clientPort: number, server: string, serverPort: number, frame: number, time: number): FlowState {
    const key = buildFlowKey(protocol, client, clientPort, server, serverPort);
    const existing = this.flows.get(key);
    if (existing !== undefined) return existing;
    const flow = createFlowState(protocol, client, clientPort, server, serverPort, frame, time, true);
    this.flows.set(key, flow);
    return flow;
  }
}

/** Direction-independent flow key. */
export function buildFlowKey(protocol: TransportProtocol, a: string, aPort: number, b: string, bPort: number): string {
  const first = `${a}|${aPort}`;
  const second = `${b}|${bPort}`;
  return first <= second ? `${protocol}|${first}|${second}` : `${protocol}|${second}|${first}`;
}

/**
 * Counts a packet for the end that sent it. A real packet counts for its source; a stand-in of a whole exchange
 * (HAR entry, Zeek conn record) brings both ends' figures, or leaves the split unknown when its file had none.
 */
function countDirection(flow: FlowState, packet: PacketObservation): void {
  if (packet.direction === undefined) {
    if (packet.exchange === undefined) {
      flow.directionsKnown = false;
      return;
    }
    // Stand-ins are recorded with the source format's client as `src`.
    const clientIsSource = packet.src === flow.client && packet.srcPort === flow.clientPort;
    addTotals(clientIsSource ? flow.sentByClient : flow.sentByServer, packet.exchange.clientToServer);
    addTotals(clientIsSource ? flow.sentByServer : flow.sentByClient, packet.exchange.serverToClient);
    return;
  }
  const totals = packet.src === flow.client && packet.srcPort === flow.clientPort ? flow.sentByClient : flow.sentByServer;
  totals.packets += 1;
  totals.bytes += packet.frameLength;
  totals.payloadBytes += packet.payload.length;
}

function addTotals(into: DirectionTotals, add: DirectionTotals): void {
  into.packets += add.packets;
  into.bytes += add.bytes;
  into.payloadBytes += add.payloadBytes;
}

function setClient(flow: FlowState, client: string, clientPort: number): void {
  if (flow.client === client && flow.clientPort === clientPort) return;
  const sentByClient = flow.sentByClient;
  flow.sentByClient = flow.sentByServer;
  flow.sentByServer = sentByClient;
  const server = flow.client;
  const serverPort = flow.clientPort;
  flow.server = server;
  flow.serverPort = serverPort;
  flow.client = client;
  flow.clientPort = clientPort;
}

function addHostName(flow: FlowState, name: FlowHostName): void {
  const key = `${name.source}|${name.host}`;
  if (flow.hostKeys.has(key) || flow.hostNames.length >= MAX_HOST_NAMES) return;
  flow.hostKeys.add(key);
  flow.hostNames.push(name);
}

/** Once a flow is known to be TLS/QUIC/DTLS it stays so; plain protocols only settle an unknown flow. */
function classifyEncryption(flow: FlowState, packet: PacketObservation): void {
  if (flow.encryption === 'tls' || flow.encryption === 'quic' || flow.encryption === 'dtls') return;
  const payload = packet.payload;
  if (packet.protocol === 'tcp') {
    if (isTlsRecordStart(payload)) flow.encryption = 'tls';
    return;
  }
  if (packet.protocol !== 'udp') return;
  if ((packet.srcPort === 443 || packet.dstPort === 443) && isQuicLongHeader(payload)) {
    flow.encryption = 'quic';
  } else if (isDtlsRecordStart(payload)) {
    flow.encryption = 'dtls';
  } else if (flow.encryption === 'unknown' && (isPlainDnsPort(packet.srcPort) || isPlainDnsPort(packet.dstPort))) {
    flow.encryption = 'none';
  }
}

function isEncrypted(flow: FlowSummary): boolean {
  return flow.encryption === 'tls' || flow.encryption === 'quic' || flow.encryption === 'dtls';
}

function isPlainDnsPort(port: number): boolean {
  return port === 53 || port === 5353 || port === 5355;
}

/** RFC 6347 §4.1 / RFC 9147: content type 20–25, version 0xfeff (1.0) or 0xfefd (1.2). */
function isDtlsRecordStart(payload: Uint8Array): boolean {
  const type = payload[0] ?? 0;
  return payload.length >= 13 && type >= 20 && type <= 25 && payload[1] === 0xfe && (payload[2] === 0xff || payload[2] === 0xfd);
}

function appendBounded(map: Map<string, { name: string; frame: number }[]>, key: string, value: { name: string; frame: number }): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list.length < MAX_NAMES_PER_ADDRESS && !list.some((entry) => entry.name === value.name)) list.push(value);
}
