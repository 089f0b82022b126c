import { nameCaptureRecords } from '../model/capture-record-name.js';
import type { Confidence, Finding } from '../model/finding.js';
import { describePlaintextIdentifier } from '../report/wording.js';
import type { StoredIdentifierHit } from '../store/capture-repository.js';
import type { AuditView } from './audit-view.js';
import { MAX_EVIDENCE_FRAMES, findFlowOfHit, isDeviceBackground, packetEvidenceOfFlow, packetEvidenceOfHit, policyEvidenceOfClaims } from './evidence.js';
import type { Rule } from './rule.js';
import { findTransitEncryptionClaims, hasExplicitTransitClaim, leadingEncryptionClaim } from './transit-encryption-claims.js';

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
      'Flags identifiers (given with --identifier) found unencrypted in packet payloads or plain HTTP, one finding per destination server, quoting any encryption claim they contradict.',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    // One finding per server a reader would name ("sent to Agora in China"), listing every identifier seen there.
    const groups = new Map<string, StoredIdentifierHit[]>();
    for (const hit of view.identifierHits) {
      if (hit.encrypted) continue;
      const flow = findFlowOfHit(view, hit);
      const key = flow ? `flow:${flow.flow.id}` : `${hit.captureId}\u0000${hit.protocol}\u0000${hit.dst}:${hit.dstPort}`;
      const list = groups.get(key) ?? [];
      list.push(hit);
      groups.set(key, list);
    }
    const claims = findTransitEncryptionClaims(view);
    const explicit = hasExplicitTransitClaim(claims);
    const snapshot = view.snapshot;
    const findings: Finding[] = [];
    for (const hits of groups.values()) {
      const first = hits[0];
      if (!first) continue;
      const flow = findFlowOfHit(view, first);
      const capture = view.captures.find((c) => c.id === first.captureId);
      const identifiers = [...new Set(hits.map((h) => h.label))].map((label) => {
        const ofLabel = hits.filter((h) => h.label === label);
        // Hits past the capture's stored-hit cap were only counted, not located: this flow may have had some of them.
        const capped = capture?.identifierHitsNotStored?.some((c) => c.label === label) === true;
        // A hit the server sent (its source is the flow's server end) travelled to the device, not to the server.
        const fromServer = flow ? ofLabel.filter((h) => h.src === flow.flow.server && h.srcPort === flow.flow.serverPort).length : 0;
        return { label, value: ofLabel[0]?.value ?? '', count: ofLabel.length, capped, fromServer };
      });
      const encodings = [...new Set(hits.map((h) => h.encoding))];
      const frames = [...new Set(hits.map((h) => h.frame))].sort((a, b) => a - b);
      const wording = describePlaintextIdentifier({
        identifiers,
        encodings,
        // A HAR's plaintext values come from http:// requests; it does not record the transport under them.
        protocol: capture?.format === 'har' ? 'http' : first.protocol,
        destination: flow?.attribution.organisation ?? flow?.attribution.host ?? first.dst,
        destinationIsHosting: flow?.attribution.relation === 'hosting' && flow.attribution.organisation !== null,
        country: flow?.attribution.network.country ?? null,
        encryptionClaim: leadingEncryptionClaim(claims),
        deviceBackgroundHost: flow && isDeviceBackground(flow) ? (flow.attribution.host ?? flow.flow.server) : null,
      });
      const captureFormat = capture?.format;
      const detail = identifiers
        .map((i) => {
          const at = hits.find((h) => h.label === i.label);
          return `${i.label} ${i.capped ? 'at least ' : ''}${i.count}× in ${at?.context ?? 'payload'}, first at ${nameCaptureRecords(captureFormat, 1)} ${at?.frame ?? '?'} byte ${at?.offset ?? '?'}`;
        })
        .join('; ');
      const evidence = flow
        ? { ...packetEvidenceOfFlow(flow, detail), frames: frames.slice(0, MAX_EVIDENCE_FRAMES), time: first.time }
        : packetEvidenceOfHit(view, first, frames, detail);
      findings.push({
        ruleId: 'plaintext-identifier',
        severity: 'high',
        label: claims.length > 0 ? 'incorrect' : null,
        confidence: rateConfidence(hits, claims.length > 0, explicit),
        subject: identifiers.map((i) => i.label).join(', '),
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: snapshot ? policyEvidenceOfClaims(claims, snapshot) : [],
        packetEvidence: [evidence],
      });
    }
    return findings;
  },
};
