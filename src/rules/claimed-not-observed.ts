import { normaliseOrganisationName } from '../enrich/normalise-organisation-name.js';
import type { ProcessorClaim } from '../model/claim.js';
import type { Confidence, Finding } from '../model/finding.js';
import { describeClaimedNotObserved } from '../report/wording.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { isNetworkPlumbing, policyEvidenceOf } from './evidence.js';
import { matchesUncataloguedName } from './match-uncatalogued-name.js';
import type { Rule } from './rule.js';

type StoredProcessorClaim = ProcessorClaim & StoredClaim;

/** Roles whose services usually receive data from the company's servers, not from the app. */
const SERVER_SIDE_ROLES = new Set(['cloud', 'cdn', 'transit', 'payments', 'customer-support', 'other']);

/**
 * True when a flow goes to the named processor: the flow's entity or any of its parents is the
 * processor, or the processor is a parent of the flow's entity (naming Google covers Firebase, and a
 * flow to google.com shows Google even when the policy named Firebase). Names the catalog does not
 * know are compared with the flow's organisation and the first label of its domain.
 */
function showsProcessor(view: AuditView, claim: StoredProcessorClaim, item: AttributedFlow): boolean {
  const a = item.attribution;
  if (claim.entityId && a.entityId) {
    return view.lineage(a.entityId).some((e) => e.id === claim.entityId) || view.lineage(claim.entityId).some((e) => e.id === a.entityId);
  }
  return matchesUncataloguedName(claim.name, a.organisation, a.domain);
}

/**
 * Confidence that the processor really is absent from the captured traffic. Never high: one capture
 * shows some sessions of one app, not every code path. Medium when the processor is a catalog entity
 * (its domains and networks would have been recognised), every flow was tied to some organisation,
 * and it is the kind of service an app talks to directly; low otherwise.
 */
function rateConfidence(view: AuditView, claim: StoredProcessorClaim, flows: readonly AttributedFlow[]): Confidence {
  if (!claim.entityId) return 'low';
  const lineage = view.lineage(claim.entityId);
  if (lineage.length === 0 || lineage[0]?.roles.every((r) => SERVER_SIDE_ROLES.has(r))) return 'low';
  const unattributed = flows.some((f) => f.attribution.relation === 'unknown' || f.attribution.relation === 'hosting');
  return unattributed ? 'low' : 'medium';
}

/** Processors the policy names that the captured traffic never shows (informational). */
export const claimedNotObserved: Rule = {
  meta: {
    id: 'claimed-not-observed',
    title: 'Named processor not seen in the traffic',
    description:
      'Lists each organisation the policy names as receiving data that no captured flow goes to; informational, because a capture covers only the sessions recorded and many processors are reached from servers.',
    maxSeverity: 'info',
  },
  check(view: AuditView): Finding[] {
    const snapshot = view.snapshot;
    if (!snapshot || view.captures.length === 0) return [];
    const flows = view.flows.filter((f) => !isNetworkPlumbing(f));
    const named = view.claims.filter(
      (c): c is StoredProcessorClaim => c.kind === 'processor' && c.processorType === 'named' && c.polarity === 'affirmative',
    );
    // One finding per organisation, however many sentences name it.
    const byProcessor = new Map<string, StoredProcessorClaim[]>();
    for (const claim of named) {
      const key = claim.entityId ?? `name:${normaliseOrganisationName(claim.name)}`;
      byProcessor.set(key, [...(byProcessor.get(key) ?? []), claim]);
    }
    const findings: Finding[] = [];
    for (const claims of byProcessor.values()) {
      const first = claims[0];
      if (!first || flows.some((f) => showsProcessor(view, first, f))) continue;
      const entity = first.entityId ? view.lineage(first.entityId)[0] : undefined;
      const organisation = entity?.name ?? first.name;
      // A name found only on the linked sub-processor list is attributed to that list, as its quote is.
      const listedOnly = claims.every((c) => c.page !== undefined);
      const wording = describeClaimedNotObserved({ organisation, nameInPolicy: first.name, flowCount: flows.length, listedOnly });
      findings.push({
        ruleId: 'claimed-not-observed',
        severity: 'info',
        label: null,
        confidence: rateConfidence(view, first, flows),
        subject: organisation,
        title: wording.title,
        explanation: wording.explanation,
        policyEvidence: claims.map((c) => policyEvidenceOf(c, snapshot)),
        packetEvidence: [],
      });
    }
    return findings;
  },
};
