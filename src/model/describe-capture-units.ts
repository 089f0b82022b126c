import type { CaptureFormat } from './observation.js';

/**
 * Counts what a capture holds in its own terms: a packet capture has packets, a HAR file requests (its entries),
 * a Zeek log records (one a connection, DNS transaction, HTTP request or TLS session). Stored audits keep the
 * format as plain text, hence `string`.
 */
export function describeCaptureUnits(format: CaptureFormat | string, count: number): string {
  const unit = format === 'har' ? 'request' : format === 'zeek' ? 'log record' : 'packet';
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
