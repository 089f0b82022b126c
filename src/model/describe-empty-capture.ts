import type { CaptureSummary } from './capture-summary.js';
import { describeCaptureUnits } from './describe-capture-units.js';

/**
 * The one-line warning for a capture that holds nothing to attribute, or null. An ARP-only capture or a bare
 * file header is valid input and imports, but "0 flows" alone reads like success. A Zeek log without connections
 * is not warned about: a dns.log holds none, and an ssl.log joined to its conn.log leaves its connections there.
 */
export function describeEmptyCapture(file: string, summary: CaptureSummary): string | null {
  if (summary.packetCount === 0) return `no ${describeCaptureUnits(summary.format, 0).replace(/^0 /, '')} in ${file}`;
  if (summary.flows.length > 0 || (summary.format !== 'pcap' && summary.format !== 'pcapng')) return null;
  return `no IP traffic in ${file}: ${describeCaptureUnits(summary.format, summary.packetCount)}, none IPv4/IPv6`;
}
