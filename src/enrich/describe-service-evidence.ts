/**
 * Evidence about *what kind* of traffic a flow is, from its server port and payload signatures, for
 * the attribution chain. It corroborates or questions an attribution; it never makes one, because any
 * server may listen on any port and real-time protocols are open standards.
 */
import type { FlowSummary, RealtimeSignature } from '../model/capture-summary.js';
import type { EntityCatalog } from './entity-catalog.js';
import servicePorts from './data/service-ports.json' with { type: 'json' };

interface ServicePort {
  protocol: string;
  from: number;
  to: number;
  service: string;
  entityId: string | null;
  source: string;
}

const PORTS: readonly ServicePort[] = servicePorts.ports;

/** How each payload signature is described; the capture recognises them by their RFC framing. */
const SIGNATURE_LABEL: Record<RealtimeSignature['protocol'], string> = {
  stun: 'STUN/TURN message in the payload (RFC 8489 magic cookie)',
  rtp: 'RTP media stream in the payload (RFC 3550 header, one SSRC, advancing sequence numbers)',
  rtcp: 'RTCP report in the payload (RFC 3550 compound packet starting with a sender or receiver report)',
  ice: 'STUN Binding requests from both ends (ICE connectivity checks of two full agents, RFC 8445: a peer-to-peer path)',
};

/** Documented real-time services on a flow's server port. */
export function findServicePorts(flow: Pick<FlowSummary, 'protocol' | 'serverPort'>): ServicePort[] {
  return PORTS.filter((p) => p.protocol === flow.protocol && flow.serverPort >= p.from && flow.serverPort <= p.to);
}

/**
 * Evidence lines such as `UDP port 4700 is in Agora, Inc.'s documented SD-RTN media ports (source);
 * consistent with the attribution`, or `DTLS records on this flow (frames 3–40)`. `entityId` is the
 * attributed organisation, so a vendor port can be called consistent or not with it. Payload
 * signatures (STUN, RTP, RTCP) name the frame that showed them.
 */
export function describeServiceEvidence(flow: FlowSummary, entityId: string | null, catalog: EntityCatalog): string[] {
  const lines: string[] = [];
  const transport = flow.protocol.toUpperCase();
  for (const port of findServicePorts(flow)) {
    if (port.entityId === null) {
      lines.push(`${transport} port ${flow.serverPort} is the registered ${port.service} port (${port.source}): real-time communication, not who runs it`);
      continue;
    }
    const vendor = catalog.get(port.entityId);
    const name = vendor?.name ?? port.entityId;
    const relation =
      entityId === null
        ? 'a hint only: a port does not identify a company'
        : entityId === port.entityId || catalog.ancestors(entityId).some((e) => e.id === port.entityId)
          ? 'consistent with the attribution'
          : 'another company uses the same ports; the attribution above stands';
    lines.push(`${transport} port ${flow.serverPort} is in ${name}'s documented ${port.service} (${port.source}); ${relation}`);
  }
  for (const signature of flow.realtime ?? []) lines.push(`${SIGNATURE_LABEL[signature.protocol]} (frame ${signature.frame}): real-time media`);
  if (flow.encryption === 'dtls') {
    // The capture classifies DTLS by its record header (RFC 6347 §4.1 / RFC 9147): WebRTC media keys and data channels use it.
    lines.push(`DTLS records on this flow (frames ${flow.firstFrame}–${flow.lastFrame}): encrypted real-time media or data channel`);
  }
  return lines;
}
