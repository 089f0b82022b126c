import { describeRecordOrigin, type FlowSummary } from '../model/capture-summary.js';
import type { Finding } from '../model/finding.js';
import { describeUnencryptedTransport } from '../report/wording.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { MAX_EVIDENCE_FRAMES, isDeviceBackground, packetEvidenceOfFlow, policyEvidenceOfClaims } from './evidence.js';
import type { Rule } from './rule.js';
import { findCoveringClaims, findTransitEncryptionClaims, leadingEncryptionClaim } from './transit-encryption-claims.js';

/** Plain HTTP (or other cleartext application traffic) while the policy claims encryption in transit. */
export const unencryptedTransport: Rule = {
  meta: {
    id: 'unencrypted-transport',
    title: 'Unencrypted traffic despite an encryption claim',
    description:
      'Flags plaintext HTTP requests, per server host, when the policy claims encryption in transit (or unscoped "encryption"); claims about one kind of data ("passwords are encrypted") or at rest are not compared, and claims about the service\'s own servers ("between the app and our servers") only with first-party hosts.',
    maxSeverity: 'medium',
  },
  check(view: AuditView): Finding[] {
    const claims = findTransitEncryptionClaims(view);
    const snapshot = view.snapshot;
    if (!snapshot || claims.length === 0) return [];
    // Captive-portal probes are plain HTTP by design, and the operating system sends them, not the app.
    const plainFlows = view.flows.filter((f) => f.flow.encryption === 'none' && f.flow.httpRequests.length > 0 && !isDeviceBackground(f));
    const byHost = new Map<string, AttributedFlow[]>();
    for (const item of plainFlows) {
      const key = item.attribution.host ?? item.flow.server;
      byHost.set(key, [...(byHost.get(key) ?? []), item]);
    }
    const findings: Finding[] = [];
    for (const [host, flows] of byHost) {
      // A claim about "our servers" is not contradicted by plain HTTP to someone else's server.
      const coverage = findCoveringClaims(view, claims, { firstParty: flows.every((f) => f.attribution.relation === 'first-party'), flows });
      const covering = coverage.claims;
      const leading = leadingEncryptionClaim(covering, coverage.asRecipient);
      if (!leading) continue;
      const explicit = coverage.explicit;
      const requests = flows.flatMap((f) => f.flow.httpRequests);
      const wording = describeUnencryptedTransport({ host, requestCount: requests.length, firstRequest: requests[0] ?? null, encryptionClaim: leading });
      // Encryption named only among safeguards is a weak claim: quoted, at low severity, never said to be contradicted.
      const weak = leading.generalMention === true;
      findings.push({
        ruleId: 'unencrypted-transport',
        severity: weak ? 'low' : 'medium',
        label: weak ? null : 'incorrect',
        // Only a claim that surely covers the server makes it high: one naming recipients the catalog cannot confirm it is one of does not.
        confidence: explicit ? 'high' : 'medium',
        subject: host,
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: policyEvidenceOfClaims(covering, snapshot),
        packetEvidence: flows.map((f) => {
          const evidence = packetEvidenceOfFlow(f, f.flow.httpRequests.map(describeRequest).join('; '));
          const first = f.flow.httpRequests[0];
          // The listed time is the first listed frame's: the request's own time when recorded, else
          // the conversation's first frame is listed with it.
          if (first?.time === undefined) return evidence;
          // Requests joined from a Zeek http.log share their conn record's line.
          return { ...evidence, frames: [...new Set(f.flow.httpRequests.map((r) => r.frame))].slice(0, MAX_EVIDENCE_FRAMES), time: first.time };
        }),
      });
    }
    return findings;
  },
};

/** A request line; one joined from another log names that log and line, which the row's frames do not. */
function describeRequest(request: FlowSummary['httpRequests'][number]): string {
  const line = `${request.method} ${request.url}`;
  return request.origin !== undefined ? `${line} (${describeRecordOrigin(request.origin)})` : line;
}
