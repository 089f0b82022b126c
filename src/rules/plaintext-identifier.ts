import type { Finding } from '../model/finding.js';
import { describePlaintextIdentifier } from '../report/wording.js';
import type { StoredIdentifierHit } from '../store/capture-repository.js';
import type { AuditView } from './audit-view.js';
import { MAX_EVIDENCE_FRAMES, findFlowOfHit, packetEvidenceOfFlow, packetEvidenceOfHit, policyEvidenceOf } from './evidence.js';
import type { Rule } from './rule.js';
import { findTransitEncryptionClaims, hasExplicitTransitClaim } from './transit-encryption-claims.js';

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
      const identifiers = [...new Set(hits.map((h) => h.label))].map((label) => {
        const ofLabel = hits.filter((h) => h.label === label);
        return { label, value: ofLabel[0]?.value ?? '', count: ofLabel.length };
      });
      const encodings = [...new Set(hits.map((h) => h.encoding))];
      const frames = [...new Set(hits.map((h) => h.frame))].sort((a, b) => a - b);
      const wording = describePlaintextIdentifier({
        identifiers,
        encodings,
        protocol: first.protocol,
        destination: flow?.attribution.organisation ?? flow?.attribution.host ?? first.dst,
        country: flow?.attribution.network.country ?? null,
        claimedEncryption: claims.length > 0,
      });
      const detail = identifiers
        .map((i) => {
          const at = hits.find((h) => h.label === i.label);
          return `${i.label} ${i.count}× in ${at?.context ?? 'payload'}, first at frame ${at?.frame ?? '?'} byte ${at?.offset ?? '?'}`;
        })
        .join('; ');
      const evidence = flow
        ? { ...packetEvidenceOfFlow(flow, detail), frames: frames.slice(0, MAX_EVIDENCE_FRAMES), time: first.time }
        : packetEvidenceOfHit(view, first, frames, detail);
      findings.push({
        ruleId: 'plaintext-identifier',
        severity: 'high',
        label: claims.length > 0 ? 'incorrect' : null,
        confidence: claims.length === 0 || explicit ? 'high' : 'medium',
        subject: identifiers.map((i) => i.label).join(', '),
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: snapshot ? claims.map((c) => policyEvidenceOf(c, snapshot)) : [],
        packetEvidence: [evidence],
      });
    }
    return findings;
  },
};
