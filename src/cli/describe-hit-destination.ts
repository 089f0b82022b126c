import type { FlowSummary } from '../model/capture-summary.js';
import { formatEndpoint } from '../report/format-evidence.js';

/** The endpoints of a hit, as identifier and heuristic hits record them. */
export interface HitEndpoints {
  protocol: string;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
}

/**
 * Where a hit travelled, as `inspect` prints it: "TCP 10.0.0.2:49572 → 52.94.232.134:80 alexa.amazon.com", the host
 * names taken from the flow with the same endpoints (either direction), so the line says who could read the value.
 * A HAR records neither transport nor client: then only "→ server host", as inspect's HAR flow lines say it.
 */
export function describeHitDestination(hit: HitEndpoints, flows: readonly FlowSummary[], har: boolean): string {
  const flow = flows.find(
    (f) =>
      (f.client === hit.src && f.clientPort === hit.srcPort && f.server === hit.dst && f.serverPort === hit.dstPort) ||
      (f.client === hit.dst && f.clientPort === hit.dstPort && f.server === hit.src && f.serverPort === hit.srcPort),
  );
  const hosts = [...new Set((flow?.hostNames ?? []).map((h) => h.host))].join(', ');
  const route = har ? `→ ${formatEndpoint(hit.dst, hit.dstPort)}` : `${hit.protocol.toUpperCase()} ${formatEndpoint(hit.src, hit.srcPort)} → ${formatEndpoint(hit.dst, hit.dstPort)}`;
  return `${route}${hosts ? ` ${hosts}` : ''}`;
}
