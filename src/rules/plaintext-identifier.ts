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
      'Flags each identifier (given with --identifier) found unencrypted in packet payloads or plain HTTP, per destination, quoting any encryption claim it contradicts.',
    maxSeverity: 'high',
  },
  check(view: AuditView): Finding[] {
    const plaintext = view.identifierHits.filter((h) => !h.encrypted);
    const groups = new Map<string, StoredIdentifierHit[]>();
    for (const hit of plaintext) {
      // Group by identifier and the server side of the conversation, whichever direction the packet went.
      const flow = findFlowOfHit(view, hit);
      const server = flow ? `${flow.flow.server}:${flow.flow.serverPort}` : `${hit.dst}:${hit.dstPort}`;
      const key = `${hit.label}\u0000${hit.protocol}\u0000${server}`;
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
      const encodings = [...new Set(hits.map((h) => h.encoding))];
      const frames = [...new Set(hits.map((h) => h.frame))];
      const wording = describePlaintextIdentifier({
        label: first.label,
        value: first.value,
        encodings,
        protocol: first.protocol,
        destination: flow?.attribution.organisation ?? flow?.attribution.host ?? first.dst,
        country: flow?.attribution.network.country ?? null,
        hitCount: hits.length,
        claimedEncryption: claims.length > 0,
      });
      const detail = `${first.label} found ${hits.length}× (${encodings.join(', ')}) in ${first.context}; first at frame ${first.frame}, byte ${first.offset} of the payload`;
      const evidence = flow
        ? { ...packetEvidenceOfFlow(flow, detail), frames: frames.slice(0, MAX_EVIDENCE_FRAMES), time: first.time }
        : packetEvidenceOfHit(view, first, frames, detail);
      findings.push({
        ruleId: 'plaintext-identifier',
        severity: 'high',
        label: claims.length > 0 ? 'incorrect' : null,
        confidence: claims.length === 0 || explicit ? 'high' : 'medium',
        subject: first.label,
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: snapshot ? claims.map((c) => policyEvidenceOf(c, snapshot)) : [],
        packetEvidence: [evidence],
      });
    }
    return findings;
  },
};
