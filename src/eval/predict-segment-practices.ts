import type { Claim, RetentionVagueness } from '../model/claim.js';
import { compileOrganisationMatcher } from '../policy/match-organisations.js';
import { detectFirstPartyNames } from '../policy/detect-first-party-names.js';
import { extractClaims, firstPartyHints, type OrganisationName } from '../policy/extract-claims.js';
import { extractHtmlText } from '../policy/extract-html-text.js';
import { findAudienceStatements } from '../policy/find-audience-statements.js';
import { findCookieLifetimes, type CookieLifetime } from '../policy/find-cookie-lifetimes.js';
import { followListLeadIns } from '../policy/find-list-lead-ins.js';
import { findSharingStatements } from '../policy/find-sharing-statements.js';
import { findSecurityMeasures, type SecurityMeasureKind } from '../policy/find-security-measures.js';
import categories from '../policy/lexicons/processor-categories.json' with { type: 'json' };

/** The buyer's names as policies write them ("acquirer", "successor"); a claim named otherwise stands for an implied buyer. */
const BUYER_NAMES = new Set([...categories.categories.acquirers].map((n) => n.toLowerCase()));

/** The OPP-115 categories our claims correspond to. */
export const OPP115_CATEGORIES = [
  'Data Retention',
  'Data Security',
  'Third Party Sharing/Collection',
  'International and Specific Audiences',
] as const;
/** One of {@link OPP115_CATEGORIES}. */
export type Opp115Category = (typeof OPP115_CATEGORIES)[number];

/** OPP-115 Third Party Entity values the extractor can answer: named, unnamed, or part of the same company. */
export type ThirdPartyEntityValue = 'named' | 'unnamed' | 'affiliate';

/**
 * OPP-115's manual: "Unnamed third party" is one "generically referred to as 'third-party,' 'partner,' or
 * similar"; "Named" is "explicitly named (e.g. Facebook) or at least characterized (e.g., 'advertising
 * partner' or 'data broker')"; affiliates are their own value, "Other part of company/affiliate".
 */
const ENTITY_BY_CATEGORY: Readonly<Record<string, ThirdPartyEntityValue>> = {
  'third-parties': 'unnamed',
  partners: 'unnamed',
  affiliates: 'affiliate',
};

/** What the extractor says about one segment, in OPP-115's terms. */
export interface SegmentPrediction {
  categories: Set<Opp115Category>;
  /** Vagueness classes of the segment's retention claims, in the order they were found. */
  retention: RetentionVagueness[];
  security: Set<SecurityMeasureKind>;
  thirdPartyEntities: Set<ThirdPartyEntityValue>;
  claims: Claim[];
  /** How long cookies live on the reader's device: OPP-115's Data Retention, not a retention claim. */
  cookieLifetimes: CookieLifetime[];
}

/**
 * Runs the production extractor over one OPP-115 segment (an HTML fragment) and maps its output to
 * OPP-115 labels: a retention claim of the service's own or a cookie lifetime → Data Retention; an encryption claim or a security measure →
 * Data Security; a processor claim → Third Party Sharing/Collection (a company or a specific kind of
 * recipient → "Named third party", bare "third parties" or "partners" → "Unnamed third party", affiliates →
 * "Other part of company/affiliate"); a transfer claim or an audience statement (children, Californians, Europeans, other
 * countries) → International and Specific Audiences. `firstPartyNames` are the policy's own names,
 * detected on the whole policy as production extraction does (one segment alone rarely reveals them).
 */
export function predictSegmentPractices(
  segmentHtml: string,
  organisations: readonly OrganisationName[],
  firstPartyNames?: readonly string[],
  leadIns: readonly string[] = [],
): SegmentPrediction {
  const policy = extractHtmlText(segmentHtml);
  const claims = extractClaims(policy, { organisations: [...organisations], ...(firstPartyNames ? { firstPartyNames } : {}), leadIns });
  const prediction: SegmentPrediction = {
    categories: new Set(),
    retention: [],
    security: new Set(),
    thirdPartyEntities: new Set(),
    claims,
    cookieLifetimes: findCookieLifetimes(policy.text, leadIns),
  };
  for (const claim of claims) {
    switch (claim.kind) {
      case 'retention':
        // Another organisation's retention ("our fulfillment partners may keep your information") is what OPP-115
        // annotators label Third Party Sharing/Collection, not Data Retention (docs/decisions/opp115-evaluation.md, round 6).
        if (claim.holder.kind !== 'service') break;
        prediction.categories.add('Data Retention');
        prediction.retention.push(claim.vagueness);
        break;
      case 'encryption':
        prediction.categories.add('Data Security');
        if (claim.scope === 'at-rest') prediction.security.add('secure-storage');
        else if (claim.scope === 'in-transit' || claim.scope === 'end-to-end') prediction.security.add('secure-transfer');
        else prediction.security.add('generic');
        break;
      case 'processor':
        prediction.categories.add('Third Party Sharing/Collection');
        // A company or a kind of recipient ("advertisers", "Google Analytics") is named; see ENTITY_BY_CATEGORY.
        // A buyer the sentence never writes ("In the event of a merger, we may transfer …") is neither named nor characterized.
        prediction.thirdPartyEntities.add(
          claim.processorType === 'named'
            ? 'named'
            : claim.category === 'acquirers' && !BUYER_NAMES.has(claim.name.toLowerCase())
              ? 'unnamed'
              : (ENTITY_BY_CATEGORY[claim.category ?? ''] ?? 'named'),
        );
        break;
      case 'transfer':
        prediction.categories.add('International and Specific Audiences');
        break;
    }
  }
  // The manual's Data Retention covers "identifiers locally stored on user's device … including cookies".
  if (prediction.cookieLifetimes.length > 0) prediction.categories.add('Data Retention');
  // Transfers alone miss most of the category, which is about children, Californians and Europeans.
  if (findAudienceStatements(policy.text).length > 0) prediction.categories.add('International and Specific Audiences');
  // Processor claims need a recipient; OPP-115 also counts unnamed ones, outside collectors and public posting.
  const sharing = findSharingStatements(policy.text);
  if (sharing.length > 0 || isUnderSharingLeadIn(leadIns, organisations, firstPartyNames)) prediction.categories.add('Third Party Sharing/Collection');
  // A disclosure that names no recipient at all is OPP-115's "Unnamed third party".
  if (prediction.thirdPartyEntities.size === 0 && sharing.some((s) => s.kind === 'disclosure')) {
    prediction.thirdPartyEntities.add('unnamed');
  }
  for (const measure of findSecurityMeasures(policy.text)) {
    prediction.categories.add('Data Security');
    prediction.security.add(measure.kind);
  }
  return prediction;
}

/**
 * A list item under a lead-in that shares data ("We may also disclose information:", "Meredith or
 * third-party contractors we engage may collect certain information automatically, including:") is part
 * of that sharing statement, as production extraction of the whole policy reads it.
 */
function isUnderSharingLeadIn(leadIns: readonly string[], organisations: readonly OrganisationName[], firstPartyNames?: readonly string[]): boolean {
  return leadIns.some((leadIn) => {
    if (findSharingStatements(leadIn).length > 0) return true;
    const policy = extractHtmlText(`<p>${escapeHtml(leadIn)}</p>`);
    return extractClaims(policy, { organisations: [...organisations], ...(firstPartyNames ? { firstPartyNames } : {}) }).some((c) => c.kind === 'processor');
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * OPP-115 segments are consecutive parts of one policy, often one list item each: every segment is given
 * the lead-ins of the list it belongs to, as production extraction gives each block of a whole policy.
 */
export function detectSegmentLeadIns(segmentsHtml: readonly string[]): string[][] {
  return followListLeadIns(segmentsHtml.map((html) => extractHtmlText(html).text.replace(/\s+/g, ' ').trim()));
}

/**
 * Production extraction sees the whole policy and so knows the company's own names; so does the evaluator.
 * `appDomains` play the policy URL's host, which production also knows: an OPP-115 policy's domain ("msn.com"
 * of `1582_msn.com`).
 */
export function detectPolicyFirstPartyNames(segmentsHtml: readonly string[], organisations: readonly OrganisationName[] = [], appDomains: readonly string[] = []): string[] {
  return detectFirstPartyNames(extractHtmlText(segmentsHtml.join(' ')), firstPartyHints(compileOrganisationMatcher(organisations), appDomains));
}

/** The domain an OPP-115 policy id carries (`1582_msn.com` → msn.com), as a policy URL's host. */
export function domainOfPolicyId(policyId: string): string[] {
  const domain = /^\d+_(.+\.[a-z]{2,})$/i.exec(policyId)?.[1];
  return domain === undefined ? [] : [domain.toLowerCase()];
}
