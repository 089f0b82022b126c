import type { PacketEvidence } from '../model/finding.js';

/** ISO 8601 UTC with milliseconds, e.g. 2026-11-20T10:00:01.250Z; captures keep microseconds in JSON. */
export function formatTime(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString();
}

/** "host:port", with IPv6 addresses bracketed. */
export function formatEndpoint(address: string, port: number): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port > 0 ? `${host}:${port}` : host;
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
 * something within their own file). Conversations are deduplicated and kept in evidence order.
 */
export function buildFindingFilters(evidence: readonly PacketEvidence[]): WiresharkFilter[] {
  const byCapture = new Map<string, PacketEvidence[]>();
  for (const e of evidence) {
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
