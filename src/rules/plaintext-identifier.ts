import { nameCaptureRecords } from '../model/capture-record-name.js';
import type { Confidence, Finding, PacketEvidence } from '../model/finding.js';
import { describePlaintextIdentifier, describeHitContext } from '../report/wording.js';
import type { StoredIdentifierHit } from '../store/capture-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { MAX_EVIDENCE_FRAMES, findFlowOfHit, isDeviceBackground, packetEvidenceOfFlow, packetEvidenceOfHit, policyEvidenceOfClaims } from './evidence.js';
import { readDataRecipients, readRecipientEnds } from './encrypted-endpoint.js';
import { describeDnsExposure } from './plaintext-identifier-dns.js';
import type { Rule } from './rule.js';
import { findCoveringClaims, findFirmClaims, findTransitEncryptionClaims, leadingEncryptionClaim } from './transit-encryption-claims.js';

/** Values shorter than this can turn up in unrelated bytes by chance, above all in binary UDP payloads. */
const DISTINCTIVE_LENGTH = 8;

/**
 * Confidence from the evidence: an exact (or exactly encoded) match of a distinctive value is
 * certain; a case-insensitive match or a short value is medium. When the finding says the policy is
 * contradicted, an unscoped encryption claim ("industry-standard encryption") lowers it to medium
 * too, because a reader may not take it to cover the network.
 */
function rateConfidence(hits: readonly StoredIdentifierHit[], claimed: boolean, explicitClaim: boolean): Confidence {
  const exact = hits.some((h) => h.encoding !== 'case-insensitive' && h.value.length >= DISTINCTIVE_LENGTH);
  if (!exact) return 'medium';
  return !claimed || explicitClaim ? 'high' : 'medium';
}

/** A user identifier travels unencrypted; worst when the policy promises encryption. */
export const plaintextIdentifier: Rule = {
  meta: {
    id: 'plaintext-identifier',
    title: 'User identifier sent in plaintext',
    description:
      'Flags identifiers (given with --identifier) found unencrypted in packet payloads or plain HTTP, one finding per destination (the company, host or address the title names, in its country) listing each connection, quoting any encryption claim that covers it. In DNS, the name looked up and its domain are named, not the resolver that relays it (medium; low when the value is the service\'s own domain name).',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    const groups = groupByDestination(view);
    const claims = findTransitEncryptionClaims(view);
    const snapshot = view.snapshot;
    const findings: Finding[] = [];
    for (const group of groups.values()) {
      const hits = group.flatMap((c) => c.hits);
      const first = hits[0];
      if (!first) continue;
      const firstFlow = group.find((c) => c.flow)?.flow;
      // A claim about "our servers" covers only the app's own servers (docs/rules/unencrypted-transport.md).
      const coverage = findCoveringClaims(view, claims, {
        firstParty: group.every((c) => c.flow?.attribution.relation === 'first-party'),
        flows: group.flatMap((c) => (c.flow ? [c.flow] : [])),
      });
      const covering = coverage.claims;
      const ownServersLeading = covering.length === 0 ? leadingEncryptionClaim(claims) : null;
      const alsoNames = claims[0] ? readRecipientEnds(claims[0].quote)?.written : undefined;
      const onlyNames = claims[0] ? readDataRecipients(claims[0].quote)?.written : undefined;
      const ownServersOnly =
        ownServersLeading && onlyNames ? { ...ownServersLeading, onlyNames } : ownServersLeading && alsoNames ? { ...ownServersLeading, alsoNames } : ownServersLeading;
      const explicit = coverage.explicit;
      const identifiers = [...new Set(hits.map((h) => h.label))].map((label) => {
        const ofLabel = group.flatMap((c) => c.hits.filter((h) => h.label === label).map((h) => ({ hit: h, flow: c.flow })));
        // Hits past a capture's stored-hit cap were only counted, not located: this destination may have had some of them.
        const capped = group.some((c) => view.captures.find((k) => k.id === c.captureId)?.identifierHitsNotStored?.some((n) => n.label === label) === true);
        // A hit the server sent (its source is the flow's server end) travelled to the device, not to the server.
        const fromServer = ofLabel.filter(({ hit, flow }) => flow !== undefined && hit.src === flow.flow.server && hit.srcPort === flow.flow.serverPort).length;
        return { label, value: ofLabel[0]?.hit.value ?? '', count: ofLabel.length, capped, fromServer };
      });
      const encodings = [...new Set(hits.map((h) => h.encoding))];
      // A HAR's plaintext values come from http:// requests; it does not record the transport under them.
      const protocols = [...new Set(group.map((c) => (view.captures.find((k) => k.id === c.captureId)?.format === 'har' ? 'http' : c.protocol)))];
      const background = group.find((c) => c.flow !== undefined && isDeviceBackground(c.flow))?.flow;
      // Only the device's own traffic (a connectivity check) carried it: the app did not send it, so its policy is not judged.
      const deviceOnly = background !== undefined && group.every((c) => c.flow !== undefined && isDeviceBackground(c.flow));
      // In DNS the resolver only relays the name (docs/rules/plaintext-identifier.md): medium, and low for a value
      // that is the looked-up service's own name, which every lookup of it carries, so no claim is contradicted.
      const dns = describeDnsExposure(view, group);
      // Encryption named only among safeguards is quoted, but the policy is not said to be contradicted on it.
      const contradicts = !deviceOnly && findFirmClaims(covering).length > 0 && dns?.serviceName !== true;
      const quoted = !deviceOnly && covering.length > 0 && dns?.serviceName !== true;
      const wording = describePlaintextIdentifier({
        identifiers,
        encodings,
        protocol: protocols.join('/'),
        destination: firstFlow?.attribution.organisation ?? firstFlow?.attribution.host ?? first.dst,
        destinationIsHosting: group.every((c) => c.flow?.attribution.relation === 'hosting' && c.flow.attribution.organisation !== null),
        country: firstFlow?.attribution.network.country ?? null,
        encryptionClaim: deviceOnly ? null : leadingEncryptionClaim(covering, coverage.asRecipient),
        ownServersClaim: deviceOnly ? null : ownServersOnly,
        deviceBackgroundHost: background ? (background.attribution.host ?? background.flow.server) : null,
        deviceBackgroundOnly: deviceOnly,
        dns,
        inHandshake: hits.every((h) => h.context === 'tls-client-hello' || h.context === 'tls-handshake'),
      });
      findings.push({
        ruleId: 'plaintext-identifier',
        severity: dns !== null && dns.serviceName ? 'low' : dns !== null || deviceOnly ? 'medium' : 'high',
        label: contradicts ? 'incorrect' : null,
        confidence: rateConfidence(hits, contradicts, explicit),
        subject: identifiers.map((i) => i.label).join(', '),
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: snapshot && quoted ? policyEvidenceOfClaims(covering, snapshot) : [],
        packetEvidence: group.map((c) => describeConnection(view, c)),
      });
    }
    return findings;
  },
};

/** The hits of one connection (a stored flow), or of one capture's packets to an address whose flow is not stored. */
interface Connection {
  captureId: number;
  protocol: string;
  flow: AttributedFlow | undefined;
  hits: StoredIdentifierHit[];
}

/**
 * One group per destination as a finding names it: the organisation running the server, else its
 * host name, else its address, with its country. Several connections to one server (five TCP
 * connections from five source ports) are one disclosure, and so are two servers a reader would name
 * alike ("Google LLC in United States"): split, they would be findings with the same title and match
 * key. Each connection stays a row of packet evidence.
 */
function groupByDestination(view: AuditView): Map<string, Connection[]> {
  const connections = new Map<string, Connection>();
  for (const hit of view.identifierHits) {
    if (hit.encrypted) continue;
    const flow = findFlowOfHit(view, hit);
    const key = flow ? `flow:${flow.flow.id}` : `${hit.captureId}\u0000${hit.protocol}\u0000${hit.dst}:${hit.dstPort}`;
    const connection = connections.get(key) ?? { captureId: hit.captureId, protocol: hit.protocol, flow, hits: [] };
    connection.hits.push(hit);
    connections.set(key, connection);
  }
  const groups = new Map<string, Connection[]>();
  for (const connection of connections.values()) {
    const key = destinationKey(connection);
    groups.set(key, [...(groups.get(key) ?? []), connection]);
  }
  return groups;
}

/** The destination as the report's match key names it (report-model.ts), so that each finding's key is its own. */
function destinationKey({ flow, hits }: Connection): string {
  if (!flow) return `${hits[0]?.dst ?? '?'}@?`;
  const { attribution } = flow;
  return `${attribution.organisation ?? attribution.host ?? flow.flow.server}@${attribution.network.country ?? '?'}`;
}

/** What a hit's byte offset counts from, by where it was found. */
const OFFSET_BASE: Readonly<Record<StoredIdentifierHit['context'], string>> = {
  payload: 'its transport payload',
  'http-url': 'the request URL',
  'http-headers': 'the request headers',
  'http-body': 'the request body',
  'tls-client-hello': 'its transport payload',
  'tls-handshake': 'its transport payload',
  'dns-name': 'the decoded DNS name',
};

/** A row of packet evidence for one connection: where it went, its frames, and what was found in it. */
function describeConnection(view: AuditView, connection: Connection): PacketEvidence {
  const { hits, flow } = connection;
  const format = view.captures.find((c) => c.id === connection.captureId)?.format;
  const detail = [...new Set(hits.map((h) => h.label))]
    .map((label) => {
      const ofLabel = hits.filter((h) => h.label === label);
      const at = ofLabel[0];
      // The offset counts in what was searched, not in the frame: Wireshark's byte of the frame is larger (trial 9).
      return `${label} ${ofLabel.length}× in ${describeHitContext(at?.context ?? 'payload')}, first at ${nameCaptureRecords(format, 1)} ${at?.frame ?? '?'}, byte ${at?.offset ?? '?'} of ${OFFSET_BASE[at?.context ?? 'payload']}`;
    })
    .join('; ');
  const frames = [...new Set(hits.map((h) => h.frame))].sort((a, b) => a - b);
  const first = hits[0] as StoredIdentifierHit;
  return flow
    ? { ...packetEvidenceOfFlow(flow, detail), frames: frames.slice(0, MAX_EVIDENCE_FRAMES), time: first.time }
    : packetEvidenceOfHit(view, first, frames, detail);
}
