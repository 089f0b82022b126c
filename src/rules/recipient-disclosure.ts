import type { ConsistencyLabel } from '../model/finding.js';
import type { ProcessorClaim } from '../model/claim.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { readDenialScope, type DenialScope } from './denial-scope.js';
import { isNetworkPlumbing } from './evidence.js';
import { matchesUncataloguedName } from './match-uncatalogued-name.js';

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
}

export type StoredProcessorClaim = ProcessorClaim & StoredClaim;

function isProcessorClaim(claim: StoredClaim): claim is StoredProcessorClaim {
  return claim.kind === 'processor';
}

/**
 * Groups flows by the organisation that receives them. First-party flows, cloud/CDN hosting
 * with no other evidence, private peers and network plumbing are not third-party recipients.
 */
export function groupRecipients(view: AuditView): ObservedRecipient[] {
  const groups = new Map<string, ObservedRecipient>();
  for (const item of view.flows) {
    const a = item.attribution;
    if (a.relation !== 'recipient' || isNetworkPlumbing(item)) continue;
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
  return matchesUncataloguedName(claim.name, recipient.organisation, recipient.key);
}

/** Generic categories that cover any recipient ("third parties", "service providers"). */
const UNIVERSAL_CATEGORIES = new Set(['third-parties', 'service-providers', 'partners', 'vendors']);

function coversByCategory(view: AuditView, claim: StoredProcessorClaim, recipient: ObservedRecipient): boolean {
  if (claim.processorType !== 'category' || !claim.category) return false;
  if (UNIVERSAL_CATEGORIES.has(claim.category)) return true;
  if (!recipient.entityId) return false;
  const categories = new Set(view.lineage(recipient.entityId).flatMap((e) => e.categories));
  return categories.has(claim.category);
}

/**
 * Labels a recipient the way flow-to-policy research does: named → consistent, a denial of any sharing
 * with it → incorrect, only a generic category → vague, nothing → omitted. A denial limited to one kind
 * of data, a sale or a condition cannot be contradicted by contact alone: the recipient is then
 * undisclosed (omitted), with the denial kept as evidence (docs/rules/undisclosed-recipient.md).
 */
export function classifyRecipient(view: AuditView, recipient: ObservedRecipient): RecipientDisclosure {
  const processorClaims = view.claims.filter(isProcessorClaim);
  const named = processorClaims.filter((c) => namesRecipient(view, c, recipient));
  const denials = named.filter((c) => c.polarity === 'negative');
  const unscoped = denials.filter((c) => !readDenialScope(c.quote, c.conditions).scoped);
  if (unscoped.length > 0) return { label: 'incorrect', claims: unscoped };
  const affirmed = named.filter((c) => c.polarity === 'affirmative');
  if (affirmed.length > 0) return { label: 'consistent', claims: affirmed };
  // Specific categories ("analytics providers") before catch-alls ("third parties"): they say more about this recipient.
  const categories = processorClaims
    .filter((c) => c.polarity === 'affirmative' && coversByCategory(view, c, recipient))
    .sort((a, b) => Number(UNIVERSAL_CATEGORIES.has(a.category ?? '')) - Number(UNIVERSAL_CATEGORIES.has(b.category ?? '')));
  if (categories.length > 0) return { label: 'vague', claims: categories };
  const first = denials[0];
  if (first) return { label: 'omitted', claims: denials, scopedDenial: readDenialScope(first.quote, first.conditions) };
  return { label: 'omitted', claims: [] };
}
