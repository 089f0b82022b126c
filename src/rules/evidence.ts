import { isPrivateAddress } from '../enrich/private-address.js';
import type { PacketEvidence, PolicyEvidence } from '../model/finding.js';
import type { StoredIdentifierHit } from '../store/capture-repository.js';
import type { StoredClaim, StoredSnapshot } from '../store/policy-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';

/** How many frame numbers one evidence row lists; the Wireshark filter finds the rest. */
export const MAX_EVIDENCE_FRAMES = 8;

/**
 * Policy evidence for a claim, carrying the hash and source of the document quoted and the character
 * span: the audited policy snapshot, or for a claim read from a page the policy links to, that page.
 */
export function policyEvidenceOf(claim: StoredClaim, snapshot: StoredSnapshot): PolicyEvidence {
  const evidence: PolicyEvidence = {
    claimId: claim.id,
    claimKind: claim.kind,
    snapshotSha256: claim.page?.sha256 ?? snapshot.sha256,
    source: claim.page?.source ?? snapshot.source,
    sectionPath: claim.sectionPath,
    span: claim.span,
    quote: claim.quote,
  };
  if (claim.kind === 'retention' && claim.holder.kind !== 'service') evidence.retentionHolder = { ...claim.holder };
  if (claim.kind === 'processor' && claim.link !== undefined) evidence.link = { ...claim.link };
  if (claim.page) evidence.document = { kind: claim.page.kind, linkedFrom: { source: snapshot.source, sha256: snapshot.sha256 } };
  return evidence;
}

/**
 * Policy evidence for several claims, each sentence once: claims read from one sentence share its span
 * ("partners and third parties"), and policies repeat sentences word for word in other sections.
 */
export function policyEvidenceOfClaims(claims: readonly StoredClaim[], snapshot: StoredSnapshot): PolicyEvidence[] {
  const seen = new Set<string>();
  const evidence: PolicyEvidence[] = [];
  for (const claim of claims) {
    const item = policyEvidenceOf(claim, snapshot);
    const spanKey = `${item.snapshotSha256}:${item.span.start}-${item.span.end}`;
    const quoteKey = `${item.snapshotSha256}:${item.quote.toLowerCase().replace(/\s+/g, ' ').trim()}`;
    if (seen.has(spanKey) || seen.has(quoteKey)) continue;
    seen.add(spanKey);
    seen.add(quoteKey);
    evidence.push(item);
  }
  return evidence;
}

/** Packet evidence for a whole flow. */
export function packetEvidenceOfFlow(item: AttributedFlow, detail: string): PacketEvidence {
  const { flow, capture, attribution } = item;
  return {
    captureFile: capture.fileName,
    captureSha256: capture.sha256,
    captureFormat: capture.format,
    ...(capture.format === 'har' ? describeHarScheme(flow) : {}),
    frames: flow.sampleFrames.slice(0, MAX_EVIDENCE_FRAMES),
    time: flow.firstTime,
    protocol: flow.protocol,
    client: flow.client,
    clientPort: flow.clientPort,
    server: flow.server,
    serverPort: flow.serverPort,
    host: attribution.host,
    organisation: attribution.organisation,
    asn: attribution.network.asn,
    asnOwner: attribution.network.asnOwner,
    country: attribution.network.country,
    detail,
    ...(flow.clientToServer !== undefined && flow.serverToClient !== undefined ? { clientToServer: { ...flow.clientToServer }, serverToClient: { ...flow.serverToClient } } : {}),
  };
}

/**
 * A HAR flow's URL scheme: from its requests' URLs when they agree, else from the encryption their scheme gave the
 * flow. HTTP/3 (the only HAR traffic filed under UDP) runs over QUIC, so it is HTTPS. Nothing when it cannot be told.
 */
function describeHarScheme(flow: AttributedFlow['flow']): { scheme?: 'http' | 'https' } {
  const schemes = new Set(flow.httpRequests.map((r) => (/^(https|wss):/i.test(r.url) ? 'https' : /^(http|ws):/i.test(r.url) ? 'http' : 'other')));
  if (schemes.size === 1 && !schemes.has('other')) return { scheme: schemes.has('https') ? 'https' : 'http' };
  if (schemes.size > 1) return {};
  if (flow.protocol === 'udp' || flow.encryption === 'tls' || flow.encryption === 'quic') return { scheme: 'https' };
  return flow.encryption === 'none' ? { scheme: 'http' } : {};
}

/** The attributed flow an identifier hit travelled on, matched by capture and endpoints. */
export function findFlowOfHit(view: AuditView, hit: StoredIdentifierHit): AttributedFlow | undefined {
  return view.flows.find(
    ({ flow }) =>
      flow.captureId === hit.captureId &&
      flow.protocol === hit.protocol &&
      ((flow.client === hit.src && flow.clientPort === hit.srcPort && flow.server === hit.dst && flow.serverPort === hit.dstPort) ||
        (flow.client === hit.dst && flow.clientPort === hit.dstPort && flow.server === hit.src && flow.serverPort === hit.srcPort)),
  );
}

/** Packet evidence straight from an identifier hit, for a hit whose flow is not stored. */
export function packetEvidenceOfHit(view: AuditView, hit: StoredIdentifierHit, frames: number[], detail: string): PacketEvidence {
  const capture = view.captures.find((c) => c.id === hit.captureId);
  return {
    captureFile: capture?.fileName ?? `capture #${hit.captureId}`,
    captureSha256: capture?.sha256 ?? '',
    ...(capture !== undefined ? { captureFormat: capture.format } : {}),
    frames: frames.slice(0, MAX_EVIDENCE_FRAMES),
    time: hit.time,
    protocol: hit.protocol,
    client: hit.src,
    clientPort: hit.srcPort,
    server: hit.dst,
    serverPort: hit.dstPort,
    host: null,
    organisation: null,
    asn: null,
    asnOwner: null,
    country: null,
    detail,
  };
}

/** True when the flow is the device's own background traffic (connectivity checks, network time), not the app's. */
export function isDeviceBackground(item: AttributedFlow): boolean {
  return item.attribution.relation === 'device-background';
}

/** True when the flow is call media sent directly to another participant's connection (relation 'peer'), not to a server. */
export function isPeerMedia(item: AttributedFlow): boolean {
  return item.attribution.relation === 'peer';
}

/** True when an identifier given with --identifier travels unencrypted on the flow. */
export function carriesPlaintextIdentifier(view: AuditView, item: AttributedFlow): boolean {
  const { flow } = item;
  return view.identifierHits.some(
    (h) =>
      !h.encrypted &&
      h.captureId === flow.captureId &&
      ((h.src === flow.client && h.srcPort === flow.clientPort && h.dst === flow.server && h.dstPort === flow.serverPort) ||
        (h.dst === flow.client && h.dstPort === flow.clientPort && h.src === flow.server && h.srcPort === flow.serverPort)),
  );
}

/**
 * False when the flow's direction split shows that its client sent no payload: only handshakes and ACKs, or no
 * packet at all (a server re-sending the FINs of a connection opened before the capture to a device that has gone).
 * Such a flow shows that the server was there, not that it received anything. True when the client sent data, and
 * when the split is unknown (flows stored before claimcheck counted directions), so those keep their old reading.
 */
export function mayCarryClientData(item: AttributedFlow): boolean {
  const sent = item.flow.clientToServer;
  return sent === undefined || sent.payloadBytes > 0;
}

/** `bytesSent`: bytes on the wire the device sent on these flows, for a finding's wording; absent when one flow's split is unknown. */
export function readBytesSent(items: readonly AttributedFlow[]): { bytesSent?: number } {
  let bytesSent = 0;
  for (const { flow } of items) {
    if (flow.clientToServer === undefined) return {};
    bytesSent += flow.clientToServer.bytes;
  }
  return { bytesSent };
}

/**
 * Ports of network plumbing (DNS, NTP, DHCP, mDNS, SSDP, LLMNR, NetBIOS) whose peers the app does not choose. 853 is DNS
 * over TLS and over QUIC (RFC 7858, RFC 9250): Android's Private DNS uses it by default, and an encrypted resolver is
 * as much plumbing as one on port 53 (review 9 item 19).
 */
const PLUMBING_PORTS = new Set([53, 67, 68, 123, 137, 138, 853, 5353, 1900, 5355]);

/** True when the flow is network plumbing rather than the app sending data to someone. */
export function isNetworkPlumbing(item: AttributedFlow): boolean {
  return PLUMBING_PORTS.has(item.flow.serverPort) || PLUMBING_PORTS.has(item.flow.clientPort);
}

/**
 * True for a connection the report counts as the app's traffic: not network plumbing, and not an unnamed peer on the
 * local network (the router, ff02::2), which receives nothing from the app's operator. One definition, so that the
 * summary's count and a finding's "none of the N connections" agree.
 */
export function isCountedConnection(item: AttributedFlow): boolean {
  return !isNetworkPlumbing(item) && !(item.attribution.relation === 'unknown' && isPrivateAddress(item.flow.server));
}
