import { normaliseOrganisationName } from '../enrich/normalise-organisation-name.js';
import type { ProcessorClaim } from '../model/claim.js';
import { basename } from 'node:path';
import type { Confidence, Finding, FindingEntry } from '../model/finding.js';
import { describeClaimedNotObserved, describeListedNotObserved } from '../report/wording.js';
import type { ClaimPage, StoredClaim, StoredSnapshot } from '../store/policy-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { isCountedConnection, policyEvidenceOf } from './evidence.js';
import { matchesUncataloguedName, namesOfParentEntities } from './match-uncatalogued-name.js';
import { namesAsRecipient } from './recipient-disclosure.js';
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
  const parents = claim.entityId ? namesOfParentEntities(view.lineage(claim.entityId)) : [];
  return matchesUncataloguedName(claim.name, a.organisation, a.domain, parents);
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

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** A named processor no flow goes to, with the claims that name it. */
interface Unseen {
  organisation: string;
  claims: StoredProcessorClaim[];
  confidence: Confidence;
}

/**
 * How a list is named in a finding: its URL, or a local file by its name alone (a published report
 * should not carry the researcher's home directory; the snapshot's sha256 identifies the file).
 */
function nameList(source: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : basename(source);
}

/** One finding for one organisation the policy text names. */
function describeOne(snapshot: StoredSnapshot, unseen: Unseen, flowCount: number): Finding {
  const first = unseen.claims[0];
  const wording = describeClaimedNotObserved({ organisation: unseen.organisation, nameInPolicy: first?.name ?? unseen.organisation, flowCount });
  return {
    ruleId: 'claimed-not-observed',
    severity: 'info',
    label: null,
    confidence: unseen.confidence,
    subject: unseen.organisation,
    title: wording.title,
    explanation: wording.explanation,
    policyEvidence: unseen.claims.map((c) => policyEvidenceOf(c, snapshot)),
    packetEvidence: [],
  };
}

/**
 * One finding for every organisation a linked sub-processor list names that the traffic never
 * reached: a 60-row list is one readable finding, each entry keeping its quotes and confidence.
 */
function describeList(snapshot: StoredSnapshot, page: ClaimPage, listed: number, unseen: readonly Unseen[], flowCount: number, unseenElsewhere: number): Finding {
  const entries: FindingEntry[] = unseen.map((u) => ({
    subject: u.organisation,
    nameInPolicy: u.claims[0]?.name ?? u.organisation,
    confidence: u.confidence,
    claimIds: u.claims.map((c) => c.id),
  }));
  const list = nameList(page.source);
  const wording = describeListedNotObserved({ list, listed, entries, unseenElsewhere, flowCount });
  return {
    ruleId: 'claimed-not-observed',
    severity: 'info',
    label: null,
    confidence: entries.reduce<Confidence>((best, e) => (CONFIDENCE_RANK[e.confidence] > CONFIDENCE_RANK[best] ? e.confidence : best), 'low'),
    subject: list,
    title: wording.title,
    explanation: wording.explanation,
    policyEvidence: unseen.flatMap((u) => u.claims.map((c) => policyEvidenceOf(c, snapshot))),
    packetEvidence: [],
    group: { kind: page.kind, source: page.source, sha256: page.sha256, listed, entries },
  };
}

/**
 * Processors the policy names that the captured traffic never shows (informational). Those named
 * only on a linked sub-processor list are one finding per list (docs/rules/claimed-not-observed.md).
 */
export const claimedNotObserved: Rule = {
  meta: {
    id: 'claimed-not-observed',
    title: 'Named processor not seen in the traffic',
    description:
      'Lists each organisation the policy names as receiving data that no captured flow goes to, and in one finding per linked sub-processor list those only the list names; informational, because a capture covers only the sessions recorded and many processors are reached from servers.',
    maxSeverity: 'info',
  },
  check(view: AuditView): Finding[] {
    const snapshot = view.snapshot;
    if (!snapshot || view.captures.length === 0) return [];
    // The same connections as the report's summary counts.
    const flows = view.flows.filter(isCountedConnection);
    const named = view.claims.filter(
      (c): c is StoredProcessorClaim => c.kind === 'processor' && c.processorType === 'named' && c.polarity === 'affirmative',
    ).filter(namesAsRecipient); // "search engines like Google", "log in with Google", "we receive … from X" name no processor

    // One entry per organisation, however many sentences or rows name it.
    const byProcessor = new Map<string, StoredProcessorClaim[]>();
    for (const claim of named) {
      const key = claim.entityId ?? `name:${normaliseOrganisationName(claim.name)}`;
      byProcessor.set(key, [...(byProcessor.get(key) ?? []), claim]);
    }
    const findings: Finding[] = [];
    const lists = new Map<string, { page: ClaimPage; listed: number; unseen: Unseen[]; unseenTotal: number }>();
    const listOf = (page: ClaimPage): { page: ClaimPage; listed: number; unseen: Unseen[]; unseenTotal: number } => {
      let list = lists.get(page.sha256);
      if (!list) {
        list = { page, listed: 0, unseen: [], unseenTotal: 0 };
        lists.set(page.sha256, list);
      }
      return list;
    };
    for (const claims of byProcessor.values()) {
      // Every organisation a list names counts towards "the list names N companies", seen or not.
      const pages = new Map(claims.flatMap((c) => (c.page ? [[c.page.sha256, c.page] as const] : [])));
      for (const page of pages.values()) listOf(page).listed += 1;
      const first = claims[0];
      if (!first || flows.some((f) => showsProcessor(view, first, f))) continue;
      // Every list naming an unseen company counts it as unseen, wherever its finding is reported.
      for (const sha256 of new Set(claims.flatMap((c) => (c.page ? [c.page.sha256] : [])))) {
        const page = claims.find((c) => c.page?.sha256 === sha256)?.page;
        if (page) listOf(page).unseenTotal += 1;
      }
      const entity = first.entityId ? view.lineage(first.entityId)[0] : undefined;
      const unseen: Unseen = { organisation: entity?.name ?? first.name, claims, confidence: rateConfidence(view, first, flows) };
      // The policy's own words keep their own finding; a name only lists give joins the group of the first.
      if (claims.every((c) => c.page !== undefined) && first.page) listOf(first.page).unseen.push(unseen);
      else findings.push(describeOne(snapshot, unseen, flows.length));
    }
    for (const list of lists.values()) {
      if (list.unseen.length > 0) findings.push(describeList(snapshot, list.page, list.listed, list.unseen, flows.length, list.unseenTotal - list.unseen.length));
    }
    return findings;
  },
};
