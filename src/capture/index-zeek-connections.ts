/**
 * Zeek writes one connection into several logs (conn, ssl, quic, http, dns) and ties the records together with the
 * connection id (`uid`). This index reads the logs of one import and keeps, per uid, what conn.log counted and what
 * the other logs said about the server, so that join-zeek-connections.ts can make each connection one flow.
 */
import { createHash } from 'node:crypto';
import type { FlowHostName } from '../model/capture-summary.js';
import type { HostObservation, HttpRequestObservation, Observation, TransportProtocol } from '../model/observation.js';
import { buildFlowKey } from './aggregate-flows.js';
import { normalizeIpAddress } from './format-ip-address.js';
import { readFileChunks } from './read-file-chunks.js';
import { observeZeekRecord, readZeekTime, toZeekProtocol } from './read-zeek-log.js';
import { isZeekRecord, readZeekRecords, type ZeekFields, type ZeekRecord } from './read-zeek-records.js';

/** What one conn.log record says about its connection. */
export interface ZeekConnection {
  uid: string;
  file: string;
  /** Line of the conn record: the frame number of the connection's flow in that log's capture. */
  line: number;
  /** Direction-independent key of the connection's endpoints, as the flow table keys flows. */
  flowKey: string;
  /** orig_pkts + resp_pkts; null when the log lacks either column. */
  packets: number | null;
  /** orig_ip_bytes + resp_ip_bytes: bytes in IP packets, both directions. */
  ipBytes: number;
  /** orig_bytes + resp_bytes: transport payload bytes, both directions. */
  payloadBytes: number;
  /** ts + duration: the connection's last packet. */
  endTime: number;
  /** The application protocols Zeek recognised (`service`, e.g. "ssl", "http,dns"). */
  services: string[];
}

/** Host names and requests the other logs recorded for a connection id, with the file and line they came from. */
export interface ZeekConnectionEvidence {
  file: string;
  hostNames: (Omit<FlowHostName, 'frame' | 'origin'> & { line: number })[];
  httpRequests: { method: string; url: string; time: number; line: number }[];
}

/** The connections and evidence of the Zeek logs given to one import. */
export interface ZeekConnectionIndex {
  /** conn.log records by uid. */
  connections: Map<string, ZeekConnection>;
  /** conn.log records by flow key (a key may be reused by a later connection, with another uid). */
  connectionsByFlowKey: Map<string, ZeekConnection[]>;
  /** Evidence from ssl, quic and http records, by uid. */
  evidence: Map<string, ZeekConnectionEvidence[]>;
  /** For each file: flow key → uids of its records other than conn records. */
  uidsByFile: Map<string, Map<string, Set<string>>>;
  /** sha256 of each indexed file, so evidence joined from it names the very log. */
  sha256ByFile: Map<string, string>;
}

/**
 * Reads Zeek logs once each and indexes their records by connection id. `include` sees each file's sha256 once it
 * is read and can leave the file out (a log imported before, whose flows are already stored, is not joined again).
 * @throws ImportError naming the file when one is not a Zeek log.
 */
export async function indexZeekConnections(
  files: readonly string[],
  include: (file: string, sha256: string) => boolean = () => true,
): Promise<ZeekConnectionIndex> {
  const index = createIndex();
  // The same content twice (the file named twice, or a copy) is imported once, so it is indexed once.
  const indexedContents = new Set<string>();
  for (const file of new Set(files)) {
    const hash = createHash('sha256');
    // Indexed apart first: whether the file joins the set is known only once it has been read and hashed.
    const fileIndex = createIndex();
    const uidsByKey = new Map<string, Set<string>>();
    for await (const items of readZeekRecords(hashChunks(readFileChunks(file), hash), file)) {
      for (const item of items) {
        if (!isZeekRecord(item)) continue;
        const uid = item.fields.get('uid');
        if (uid === undefined || uid === '') continue;
        if (item.kind === 'conn') addConnection(fileIndex, readConnection(item, uid, file));
        else if (item.kind !== 'other') addEvidence(fileIndex, item, uid, file, uidsByKey);
      }
    }
    const sha256 = hash.digest('hex');
    if (indexedContents.has(sha256) || !include(file, sha256)) continue;
    indexedContents.add(sha256);
    for (const connection of fileIndex.connections.values()) addConnection(index, connection);
    for (const [uid, evidence] of fileIndex.evidence) index.evidence.set(uid, [...(index.evidence.get(uid) ?? []), ...evidence]);
    index.uidsByFile.set(file, uidsByKey);
    index.sha256ByFile.set(file, sha256);
  }
  return index;
}

function createIndex(): ZeekConnectionIndex {
  return { connections: new Map(), connectionsByFlowKey: new Map(), evidence: new Map(), uidsByFile: new Map(), sha256ByFile: new Map() };
}

async function* hashChunks(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

function addConnection(index: ZeekConnectionIndex, connection: ZeekConnection | null): void {
  if (connection === null) return;
  index.connections.set(connection.uid, connection);
  const sameKey = index.connectionsByFlowKey.get(connection.flowKey);
  if (sameKey === undefined) index.connectionsByFlowKey.set(connection.flowKey, [connection]);
  else sameKey.push(connection);
}

/** A conn record as a connection; null when its endpoints or time cannot be read (the reader warns about those). */
function readConnection(record: ZeekRecord, uid: string, file: string): ZeekConnection | null {
  const fields = record.fields;
  const flowKey = readFlowKey(fields);
  const start = readZeekTime(fields.get('ts'));
  if (flowKey === null || start === null) return null;
  const origPackets = readCount(fields, 'orig_pkts');
  const respPackets = readCount(fields, 'resp_pkts');
  return {
    uid,
    file,
    line: record.line,
    flowKey,
    packets: origPackets === null || respPackets === null ? null : origPackets + respPackets,
    ipBytes: (readCount(fields, 'orig_ip_bytes') ?? 0) + (readCount(fields, 'resp_ip_bytes') ?? 0),
    payloadBytes: (readCount(fields, 'orig_bytes') ?? 0) + (readCount(fields, 'resp_bytes') ?? 0),
    endTime: start + (Number(fields.get('duration') ?? 0) || 0),
    services: (fields.get('service') ?? '').split(',').filter((service) => service !== ''),
  };
}

/** Keeps the host names and requests an ssl, quic or http record gives, under its uid. */
function addEvidence(index: ZeekConnectionIndex, record: ZeekRecord, uid: string, file: string, uidsByKey: Map<string, Set<string>>): void {
  const observations: Observation[] = [];
  observeZeekRecord(record, undefined, observations);
  for (const observation of observations) {
    if (observation.kind !== 'host' && observation.kind !== 'http-request') continue;
    const key = flowKeyOf(observation);
    const uids = uidsByKey.get(key);
    if (uids === undefined) uidsByKey.set(key, new Set([uid]));
    else uids.add(uid);
    const evidence = evidenceOf(index, uid, file);
    if (observation.kind === 'host') {
      if (!evidence.hostNames.some((name) => name.host === observation.host && name.source === observation.source)) {
        evidence.hostNames.push({ host: observation.host, source: observation.source, line: record.line });
      }
    } else {
      evidence.httpRequests.push({ method: observation.method, url: observation.url, time: observation.time, line: record.line });
    }
  }
}

function evidenceOf(index: ZeekConnectionIndex, uid: string, file: string): ZeekConnectionEvidence {
  let list = index.evidence.get(uid);
  if (list === undefined) {
    list = [];
    index.evidence.set(uid, list);
  }
  let evidence = list.find((entry) => entry.file === file);
  if (evidence === undefined) {
    evidence = { file, hostNames: [], httpRequests: [] };
    list.push(evidence);
  }
  return evidence;
}

/** The flow key the reader's observation is credited under (HTTP requests go on TCP flows). */
function flowKeyOf(observation: HostObservation | HttpRequestObservation): string {
  const protocol: TransportProtocol = observation.kind === 'host' ? observation.protocol : 'tcp';
  return buildFlowKey(protocol, observation.client, observation.clientPort, observation.server, observation.serverPort);
}

/** The key of a conn record's flow, built as the reader builds the flow; null without both addresses. */
function readFlowKey(fields: ZeekFields): string | null {
  const client = normalizeIpAddress(fields.get('id.orig_h') ?? '');
  const server = normalizeIpAddress(fields.get('id.resp_h') ?? '');
  if (client === null || server === null) return null;
  const clientPort = Number(fields.get('id.orig_p') ?? 0) || 0;
  const serverPort = Number(fields.get('id.resp_p') ?? 0) || 0;
  return buildFlowKey(toZeekProtocol(fields.get('proto'), 'conn'), client, clientPort, server, serverPort);
}

/** A non-negative integer column; null when unset or not a count. */
function readCount(fields: ZeekFields, column: string): number | null {
  const value = Number(fields.get(column) ?? NaN);
  return Number.isInteger(value) && value >= 0 ? value : null;
}
