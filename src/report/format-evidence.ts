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
