import type { ReportModel } from './report-model.js';

/**
 * What the traffic section says instead of empty tables when no connection was attributed: that the captures held
 * no IP traffic at all (an ARP-only capture, a bare file header), or only network plumbing such as DNS. Null when
 * there is traffic to show.
 */
export function describeEmptyTraffic(report: ReportModel): string | null {
  if (report.recipients.length > 0 || report.traffic.flows > 0) return null;
  const captures = report.inputs.captures;
  if (captures.length === 0) return 'No capture was imported for this app: there is no traffic to attribute.';
  const subject = captures.length === 1 ? 'The capture held' : 'The captures held';
  // `flows` is absent in audits stored before it was recorded; then only the plumbing-free reading is certain.
  if (captures.every((capture) => capture.flows === 0)) return `${subject} no IP traffic to attribute.`;
  return `${subject} no traffic to attribute beyond network plumbing such as DNS.`;
}
