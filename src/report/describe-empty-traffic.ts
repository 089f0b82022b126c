/** What telling whether any traffic was attributed needs: an audit result or a report model both have it. */
export interface AttributedTrafficFacts {
  recipients: readonly unknown[];
  inputs: { captures: readonly { flows?: number }[] };
}

/**
 * What the traffic section (and the audit command's summary line) says instead of empty tables when no connection was attributed: that the captures held
 * no IP traffic at all (an ARP-only capture, a bare file header), or only network plumbing such as DNS. Null when
 * there is traffic to show.
 */
export function describeEmptyTraffic(report: AttributedTrafficFacts): string | null {
  // Every attributed flow belongs to a recipient row (the first party's too), so no rows means no traffic.
  if (report.recipients.length > 0) return null;
  const captures = report.inputs.captures;
  if (captures.length === 0) return 'No capture was imported for this app: there is no traffic to attribute.';
  const subject = captures.length === 1 ? 'The capture held' : 'The captures held';
  // `flows` is absent in audits stored before it was recorded; then only the plumbing-free reading is certain.
  if (captures.every((capture) => capture.flows === 0)) return `${subject} no IP traffic to attribute.`;
  return `${subject} no traffic to attribute beyond network plumbing such as DNS.`;
}
