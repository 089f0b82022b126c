import type { ConsistencyLabel } from '../model/finding.js';
import type { ProcessorClaim } from '../model/claim.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { readDenialScope, type DenialScope } from './denial-scope.js';
import { isNetworkPlumbing, mayCarryClientData } from './evidence.js';
import { matchesUncataloguedName, namesOfParentEntities } from './match-uncatalogued-name.js';
import { readPassingMention } from './passing-mention.js';
import { rankCoverageClaims, UNIVERSAL_CATEGORIES } from './rank-coverage-claims.js';
import { sharesOnlyAggregateData } from './aggregate-sharing.js';
import { readSharingDirection } from './read-sharing-direction.js';
import { isUserChosenService } from './user-chosen-service.js';

/** One organisation (or unidentified domain) that received traffic, with its flows. */
export interface ObservedRecipient {
  /** Entity id, else registrable domain, else host. */
  key: string;
  organisation: string;
  entityId: string | null;
  flows: AttributedFlow[];
}

/** How the policy covers a recipient, with the claims that decide it. */
export interface RecipientDisclosure {
  label: ConsistencyLabel;
  claims: StoredClaim[];
  /**
   * Set when the policy names the recipient only in a denial the traffic cannot test ("we do not share
   * your messages with Facebook"): the label is then 'omitted' and `claims` are those denials.
   */
  scopedDenial?: DenialScope;
  /**
   * Set when the policy names the recipient only as a service the user chooses or connects ("if you use
   * a data backup service … (like iCloud or Google Account)", "log in with Google"): the label is then
   * 'vague' or 'omitted' as the rest of the policy decides, and these sentences are quoted after the first
   * claim (or are the claims, when nothing else covers the recipient).
   */
  userChosen?: StoredClaim[];
  /**
   * Set when the policy names the recipient only in passing ("search engines like Google", "Apple's TrueDepth
   * camera", "see Amazon's … Disclosure"; passing-mention.ts): these sentences disclose nothing, so the label is
   * 'vague' or 'omitted' as the rest of the policy decides, and they are quoted after the first claim (or are the
   * claims, when nothing else covers the recipient) so a reader sees why the name did not count.
   */
  passing?: StoredClaim[];
  /**
   * Set for a recipient the catalog does not know, covered by no catch-all, when the policy has a
   * category that could be what it is ("advertising partners"): claimcheck cannot tell whether it is,
   * so the label 'vague' is a possibility, not a reading, and `claims` are those categories.
   */
  unjudgedCategory?: true;
  /**
   * Set when the only sentences whose category covers the recipient share aggregated or de-identified data
   * ("We share aggregated or anonymized information with third parties"; aggregate-sharing.ts): the label is then
   * 'omitted' and `claims` are those sentences, quoted so a reader sees what the policy does say.
   */
  aggregateOnly?: true;
}

export type StoredProcessorClaim = ProcessorClaim & StoredClaim;

function isProcessorClaim(claim: StoredClaim): claim is StoredProcessorClaim {
  return claim.kind === 'processor';
}

/**
 * Groups flows by the organisation that receives them. First-party flows, cloud/CDN hosting
 * with no other evidence, private peers and network plumbing are not third-party recipients, and
 * neither are flows in which the client sent nothing (mayCarryClientData): an organisation seen only
 * in such flows was contacted, not shown to receive data.
 */
export function groupRecipients(view: AuditView): ObservedRecipient[] {
  const groups = new Map<string, ObservedRecipient>();
  for (const item of view.flows) {
    const a = item.attribution;
    if (a.relation !== 'recipient' || isNetworkPlumbing(item) || !mayCarryClientData(item)) continue;
    const key = a.entityId ?? a.domain ?? a.host;
    if (!key) continue;
    let group = groups.get(key);
    if (!group) {
      group = { key, organisation: a.organisation ?? key, entityId: a.entityId, flows: [] };
      groups.set(key, group);
    }
    group.flows.push(item);
  }
  return [...groups.values()].sort((x, y) => x.organisation.localeCompare(y.organisation));
}

/** True when a processor claim names the recipient (or an organisation that owns it). */
export function namesRecipient(view: AuditView, claim: StoredProcessorClaim, recipient: ObservedRecipient): boolean {
  if (claim.processorType !== 'named') return false;
  if (claim.entityId && recipient.entityId) {
    // A name covers what that organisation owns (Google → Google Analytics), never what owns it or a
    // sibling product (Crashlytics ↛ Google's ad servers): docs/rules/undisclosed-recipient.md.
    return view.lineage(recipient.entityId).some((e) => e.id === claim.entityId);
  }
  // Unknown organisations: compare the written name with the domain's first label ("Acme, Inc." ↔ acme.com).
  // A name the catalog resolves is compared by its own words, not by its parent's ("Google Analytics" ↛ google.de).
  const parents = claim.entityId ? namesOfParentEntities(view.lineage(claim.entityId)) : [];
  return matchesUncataloguedName(claim.name, recipient.organisation, recipient.key, parents);
}

/**
 * Categories that could describe a company claimcheck does not know (an ad network, an analytics
 * SDK, a host). Affiliates, authorities, advisers, buyers and researchers are not what an app's
 * traffic goes to, so they never stand in for an unknown recipient.
 */
const SERVICE_CATEGORIES = new Set(['advertising', 'analytics', 'cloud-hosting', 'communications', 'customer-support', 'security', 'payment', 'social-networks', 'ai-providers']);

function coversByCategory(view: AuditView, claim: StoredProcessorClaim, recipient: ObservedRecipient): boolean {
  if (claim.processorType !== 'category' || !claim.category) return false;
  if (UNIVERSAL_CATEGORIES.has(claim.category)) return true;
  if (!recipient.entityId) return false;
  const categories = new Set(view.lineage(recipient.entityId).flatMap((e) => e.categories));
  return categories.has(claim.category);
}

/**
 * True when the sentence can stand as a disclosure of sending data to the company it mentions: not a
 * sentence about data the company receives from it, nor a pointer to another section
 * (docs/rules/undisclosed-recipient.md, "Which sentences count").
 */
function discloses(claim: StoredProcessorClaim): boolean {
  const direction = readSharingDirection(claim.quote, claim.name);
  return direction !== 'inbound' && direction !== 'reference';
}

/**
 * True when a named claim can stand as the policy naming the company as a recipient: it discloses (not a
 * source or a cross-reference), and the name is neither a service the user chooses nor mentioned in passing.
 * claimed-not-observed lists only such names ("The policy names Google …" must not rest on "search engines like Google").
 */
export function namesAsRecipient(claim: StoredProcessorClaim): boolean {
  return discloses(claim) && !isUserChosenService(claim.quote, writtenName(claim)) && readPassingMention(claim.quote, writtenName(claim)) === null;
}

/**
 * Labels a recipient the way flow-to-policy research does: named → consistent, a denial of any sharing
 * with it → incorrect, only a generic category → vague, nothing → omitted. A denial limited to one kind
 * of data, a sale or a condition cannot be contradicted by contact alone: the recipient is then
 * undisclosed (omitted), with the denial kept as evidence (docs/rules/undisclosed-recipient.md). A name
 * or category in a sentence about data coming in, a name given only as a service the user chooses, or a
 * name mentioned only in passing (an example, another company's document, device technology) discloses nothing. The claims come most telling first (rank-coverage-claims.ts).
 */
export function classifyRecipient(view: AuditView, recipient: ObservedRecipient): RecipientDisclosure {
  const lineage = recipient.entityId ? view.lineage(recipient.entityId) : [];
  const rank = (claims: StoredProcessorClaim[]): StoredProcessorClaim[] => rankCoverageClaims(claims, lineage);
  const processorClaims = view.claims.filter(isProcessorClaim);
  const named = processorClaims.filter((c) => namesRecipient(view, c, recipient));
  const denials = named.filter((c) => c.polarity === 'negative');
  const unscoped = denials.filter((c) => !readDenialScope(c.quote, c.conditions, writtenName(c)).scoped);
  if (unscoped.length > 0) return { label: 'incorrect', claims: rank(unscoped) };
  const affirmed = named.filter((c) => c.polarity === 'affirmative' && discloses(c));
  const userChosen = rank(affirmed.filter((c) => isUserChosenService(c.quote, writtenName(c))));
  const others = affirmed.filter((c) => !isUserChosenService(c.quote, writtenName(c)));
  const passing = rank(others.filter((c) => readPassingMention(c.quote, writtenName(c)) !== null));
  const disclosing = others.filter((c) => readPassingMention(c.quote, writtenName(c)) === null);
  if (disclosing.length > 0) return { label: 'consistent', claims: rank(disclosing) };
  const chosen = { ...(userChosen.length > 0 ? { userChosen } : {}), ...(passing.length > 0 ? { passing } : {}) };
  // "We share aggregated or anonymized information with third parties": no cover for the app's own traffic.
  const covering = processorClaims.filter((c) => c.polarity === 'affirmative' && discloses(c) && coversByCategory(view, c, recipient));
  const aggregate = covering.filter((c) => sharesOnlyAggregateData(c.quote));
  const categories = covering.filter((c) => !sharesOnlyAggregateData(c.quote));
  if (categories.length > 0) return { label: 'vague', claims: rank(categories), ...chosen };
  const first = denials[0];
  if (first) return { label: 'omitted', claims: rank(denials), scopedDenial: readDenialScope(first.quote, first.conditions, writtenName(first)), ...chosen };
  if (!recipient.entityId) {
    const possible = processorClaims.filter(
      (c) => c.polarity === 'affirmative' && c.processorType === 'category' && SERVICE_CATEGORIES.has(c.category ?? '') && discloses(c) && !sharesOnlyAggregateData(c.quote),
    );
    if (possible.length > 0) return { label: 'vague', claims: rank(possible), unjudgedCategory: true, ...chosen };
  }
  if (aggregate.length > 0) return { label: 'omitted', claims: rank(aggregate), aggregateOnly: true, ...chosen };
  // The sentences that name it as the user's choice are all the policy says about it: they are the evidence.
  if (userChosen.length > 0) return { label: 'omitted', claims: [...userChosen, ...passing], ...chosen };
  return passing.length > 0 ? { label: 'omitted', claims: passing, passing } : { label: 'omitted', claims: [] };
}

/** How the sentence writes the organisation: its name, or the text of the link that names it ("user analytics"). */
export function writtenName(claim: { name: string; link?: { text: string } }): string {
  return claim.link?.text ?? claim.name;
}
