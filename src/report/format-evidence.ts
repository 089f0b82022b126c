import { nameCaptureRecords } from '../model/capture-record-name.js';
import type { PacketEvidence } from '../model/finding.js';
import type { CaptureFormat } from '../model/observation.js';

/** ISO 8601 UTC with milliseconds, e.g. 2026-11-20T10:00:01.250Z; captures keep microseconds in JSON. */
export function formatTime(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/** "host:port", with IPv6 addresses bracketed. */
export function formatEndpoint(address: string, port: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port > 0 ? `${host}:${port}` : host;
}

/**
 * The format of the capture an evidence row comes from. Audits stored before rows recorded it are read by their
 * shape: only a HAR row has the placeholder client 0.0.0.0 with port 0 (a HAR does not record the client).
 */
export function evidenceCaptureFormat(evidence: PacketEvidence): CaptureFormat {
  if (evidence.captureFormat !== undefined) return evidence.captureFormat;
  return evidence.client === '0.0.0.0' && evidence.clientPort === 0 ? 'har' : 'pcap';
}

/** The evidence frames as the capture counts them: `140, 271`, or `HAR entries 140, 271`, `Zeek log line 8`. */
export function formatEvidenceFrames(evidence: PacketEvidence): string {
  if (evidence.frames.length === 0) return '';
  const format = evidenceCaptureFormat(evidence);
  const list = evidence.frames.join(', ');
  return format === 'har' || format === 'zeek' ? `${nameCaptureRecords(format, evidence.frames.length)} ${list}` : list;
}

/**
 * The protocol column of an evidence row. A HAR records requests and their URL scheme, not their transport (HTTP/3
 * runs over UDP), so its rows say HTTP or HTTPS (HTTP(S) in audits stored before the scheme was) rather than the TCP
 * its stand-in flows are filed under.
 */
export function formatEvidenceProtocol(evidence: PacketEvidence): string {
  if (evidenceCaptureFormat(evidence) !== 'har') return evidence.protocol.toUpperCase();
  return evidence.scheme === undefined ? 'HTTP(S)' : evidence.scheme.toUpperCase();
}

/**
 * A quote's snapshot hash in a table cell: the first 12 hex digits, enough to tell snapshots apart. A quote
 * standing alone (a finding's quote, a list entry, a country mention) shows the whole sha256 in both reports.
 */
export function abbreviateTableHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** The client end of an evidence row; null when the capture does not record it (HAR). */
export function formatEvidenceClient(evidence: PacketEvidence): string | null {
  return evidenceCaptureFormat(evidence) === 'har' ? null : formatEndpoint(evidence.client, evidence.clientPort);
}

/** A Wireshark display filter showing exactly the evidence frames, e.g. `frame.number in {12 14}`. */
export function buildFramesFilter(evidence: PacketEvidence): string | null {
  return evidence.frames.length > 0 ? `frame.number in {${evidence.frames.join(' ')}}` : null;
}

/** A Wireshark display filter showing the whole conversation the evidence belongs to. */
export function buildConversationFilter(evidence: PacketEvidence): string {
  const ip = (address: string): string => (address.includes(':') ? 'ipv6.addr' : 'ip.addr');
  const hosts = `${ip(evidence.client)} == ${evidence.client} && ${ip(evidence.server)} == ${evidence.server}`;
  if (evidence.protocol !== 'tcp' && evidence.protocol !== 'udp') return hosts;
  const p = evidence.protocol;
  return `${hosts} && ${p}.port == ${evidence.clientPort} && ${p}.port == ${evidence.serverPort}`;
}

/** Wireshark display filters for one capture file's share of a finding's evidence. */
export interface WiresharkFilter {
  captureFile: string;
  captureSha256: string;
  /** Shows exactly the frames listed in the evidence rows; null when the rows list none. */
  frames: string | null;
  /** Shows every packet of the conversations the evidence rows belong to. */
  conversations: string;
}

/**
 * Filters that show a finding's packets in Wireshark, one per capture file (frame numbers only mean
 * something within their own file). Conversations are deduplicated and kept in evidence order. HAR files and
 * Zeek logs get none: Wireshark does not open them, and a HAR names neither the client nor, often, the server's
 * address.
 */
export function buildFindingFilters(evidence: readonly PacketEvidence[]): WiresharkFilter[] {
  const byCapture = new Map<string, PacketEvidence[]>();
  for (const e of evidence) {
    const format = evidenceCaptureFormat(e);
    if (format === 'har' || format === 'zeek') continue;
    const key = `${e.captureSha256}\u0000${e.captureFile}`;
    const rows = byCapture.get(key) ?? [];
    rows.push(e);
    byCapture.set(key, rows);
  }
  return [...byCapture.values()].flatMap((rows) => {
    const first = rows[0];
    if (!first) return [];
    const frames = [...new Set(rows.flatMap((r) => r.frames))].sort((a, b) => a - b);
    const conversations = [...new Set(rows.map(buildConversationFilter))];
    return [
      {
        captureFile: first.captureFile,
        captureSha256: first.captureSha256,
        frames: frames.length > 0 ? `frame.number in {${frames.join(' ')}}` : null,
        conversations: conversations.length === 1 ? (conversations[0] ?? '') : conversations.map((c) => `(${c})`).join(' || '),
      },
    ];
  });
}
