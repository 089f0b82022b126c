/**
 * Makes each Zeek connection one flow. The reader turns a conn record into one stand-in packet and an ssl or http
 * record into a flow of its own when it sits in another file, so a conn.log imported with its ssl.log would count
 * one connection twice: once with the bytes and no name, once with the name and no bytes. Joined by uid, the conn
 * record's flow takes conn.log's packet and byte counts and the names and requests the other logs recorded, and the
 * other logs keep only the connections conn.log does not describe.
 */
import { basename } from 'node:path';
import type { CaptureSummary, FlowHostName, FlowSummary, JoinedRecordOrigin } from '../model/capture-summary.js';
import { buildFlowKey } from './aggregate-flows.js';
import type { ZeekConnection, ZeekConnectionIndex } from './index-zeek-connections.js';

/** Caps as in the flow table, so a joined flow holds no more than a flow read from packets. */
const MAX_HOST_NAMES = 32;
const MAX_HTTP_REQUESTS = 20;

/** The summary of one Zeek log of the indexed set, with its connections joined across the set. */
export function joinZeekConnections(summary: CaptureSummary, index: ZeekConnectionIndex): CaptureSummary {
  if (summary.format !== 'zeek') return summary;
  const flows: FlowSummary[] = [];
  for (const flow of summary.flows) {
    const key = buildFlowKey(flow.protocol, flow.client, flow.clientPort, flow.server, flow.serverPort);
    const connections = (index.connectionsByFlowKey.get(key) ?? []).filter((connection) => connection.file === summary.file);
    if (connections.length > 0) flows.push(joinFlow(flow, connections, index));
    else if (!isDescribedByConnLog(index.uidsByFile.get(summary.file)?.get(key), index)) flows.push(flow);
  }
  return { ...summary, flows };
}

/** Whether every record behind a flow belongs to a connection that a conn record in the set describes. */
function isDescribedByConnLog(uids: Set<string> | undefined, index: ZeekConnectionIndex): boolean {
  if (uids === undefined || uids.size === 0) return false;
  for (const uid of uids) if (!index.connections.has(uid)) return false;
  return true;
}

/** A conn record's flow with conn.log's counts and the other logs' evidence for its uids. */
function joinFlow(flow: FlowSummary, connections: ZeekConnection[], index: ZeekConnectionIndex): FlowSummary {
  const packetCounts = connections.map((connection) => connection.packets);
  const hostNames: FlowHostName[] = [...flow.hostNames];
  const httpRequests = [...flow.httpRequests];
  let encryption = flow.encryption;
  for (const connection of connections) {
    if (connection.services.includes('ssl')) encryption = 'tls';
    else if (connection.services.includes('quic')) encryption = 'quic';
    for (const evidence of index.evidence.get(connection.uid) ?? []) {
      // Evidence from the conn record's own file is on the flow already: the flow table joined it by endpoints.
      if (evidence.file === connection.file) continue;
      const sha256 = index.sha256ByFile.get(evidence.file);
      const origin = (line: number): JoinedRecordOrigin => ({ file: basename(evidence.file), line, ...(sha256 !== undefined ? { sha256 } : {}) });
      for (const { line, ...name } of evidence.hostNames) {
        if (hostNames.length >= MAX_HOST_NAMES || hostNames.some((known) => known.host === name.host && known.source === name.source)) continue;
        // The frame numbers of this capture are lines of its conn log, so the name is credited to the conn record
        // and keeps the log and line it was read from.
        hostNames.push({ ...name, frame: connection.line, origin: origin(line) });
        if (name.source === 'tls-sni' && encryption !== 'quic') encryption = 'tls';
        else if (name.source === 'quic-sni') encryption = 'quic';
      }
      for (const { line, ...request } of evidence.httpRequests) {
        if (httpRequests.length < MAX_HTTP_REQUESTS) httpRequests.push({ frame: connection.line, ...request, origin: origin(line) });
      }
      if (evidence.httpRequests.length > 0 && encryption === 'unknown') encryption = 'none';
    }
  }
  return {
    ...flow,
    packets: packetCounts.every((count): count is number => count !== null) ? packetCounts.reduce((sum, count) => sum + count, 0) : flow.packets,
    bytes: connections.reduce((sum, connection) => sum + connection.ipBytes, 0),
    payloadBytes: connections.reduce((sum, connection) => sum + connection.payloadBytes, 0),
    lastTime: Math.max(flow.lastTime, ...connections.map((connection) => connection.endTime)),
    hostNames,
    httpRequests,
    encryption,
  };
}
