/**
 * The order in which a finding quotes the sentences that cover a recipient: the report shows the first
 * three, and the first is "the sentence the finding rests on", so it must be the one a reader would
 * point to. A long policy names "partners" in a summary of changes, in sections about data it receives,
 * and in its sharing section; only the last supports the label.
 */
import type { Entity } from '../model/entity.js';
import type { ProcessorClaim } from '../model/claim.js';
import type { StoredClaim } from '../store/policy-repository.js';
import { readSharingDirection } from './read-sharing-direction.js';

type RankedClaim = ProcessorClaim & StoredClaim;

/** Catch-all categories that cover any recipient; the ranking prefers the one that fits its kind. */
export const UNIVERSAL_CATEGORIES: ReadonlySet<string> = new Set(['third-parties', 'service-providers', 'partners', 'vendors']);

/** Roles whose companies are usually disclosed as partners rather than as service providers. */
const PARTNER_ROLES = new Set(['advertising', 'attribution', 'social']);

/** Headings of a summary of changes: a sentence there restates, in a hurry, what the policy says elsewhere. */
const SUMMARY_HEADING = /\b(?:summary\s+of\s+(?:the\s+)?(?:key\s+)?changes|changes\s+to\s+(?:this|our|the)\b|what['’]?s\s+new|updates?\s+to\s+(?:this|our|the)\b|recent\s+changes)\b/i;
/** Headings about data coming in: "Information We Collect", "Information Third Parties Provide About You". */
const COLLECTION_HEADING =
  /^\W*(?:\d+[.)]?\s*)?(?:(?:the\s+|what\s+|which\s+)?(?:personal\s+)?(?:information|info|data)\s+)?(?:we\s+)?(?:collect|collected|receive|received|obtain|obtained)\b|\bprovides?\s+(?:(?:to\s+)?us\s+)?about\s+you\b|\bsources?\s+of\b|\b(?:information|data)\s+(?:we\s+)?(?:get|receive|obtain)\s+from\b/i;
/** A collection heading that is also about use or sharing ("How we use the information we collect") is not only about data coming in. */
const USE_OR_SHARING_WORD = /\b(?:use|uses|using|shar\w*|disclos\w*)\b/i;
/** "Provision of Personal Data" (LY Corporation/LINE, as Japanese policies title their sharing section) too. */
const SHARING_HEADING = /\b(?:shar\w*|disclos\w*|third[\s-]part\w*|recipients?|service\s+providers?|(?:sub-?)?processors?|vendors?|partners?|with\s+whom|who\s+we|provision\s+of\s+(?:personal\s+)?(?:data|information))\b/i;

/** 0: a section about sharing; 1: another section; 2: a summary of changes or a section about data the company receives. */
function rankSection(sectionPath: readonly string[]): number {
  if (sectionPath.some((h) => SUMMARY_HEADING.test(h) || (COLLECTION_HEADING.test(h) && !USE_OR_SHARING_WORD.test(h)))) return 2;
  return sectionPath.some((h) => SHARING_HEADING.test(h)) ? 0 : 1;
}

/** Catch-all categories in the order that fits the recipient: its own catalog categories first, then by its kind. */
function universalOrder(lineage: readonly Entity[]): string[] {
  const listed = lineage.flatMap((e) => e.categories).filter((c) => UNIVERSAL_CATEGORIES.has(c));
  const partnerLike = lineage[0]?.roles.some((r) => PARTNER_ROLES.has(r)) ?? false;
  const byKind = partnerLike ? ['partners', 'third-parties', 'service-providers', 'vendors'] : ['service-providers', 'vendors', 'third-parties', 'partners'];
  return [...new Set([...listed, ...byKind])];
}

/**
 * The claims that cover a recipient, most telling first: a category that fits the recipient's catalog
 * entry ("analytics providers" for Google Analytics) before catch-alls; then a sentence that sends
 * data to the mention ("With vendors that we employ to process information on our behalf") before one
 * that only names it; then a sharing section before other sections, and both before a summary of
 * changes or a section about data received; then the catch-all that fits the recipient's kind
 * (service providers for infrastructure and monitoring, partners for ad tech); then sentences with no
 * condition ("If you are outside the EEA, …"); then document order.
 */
export function rankCoverageClaims<T extends RankedClaim>(claims: readonly T[], lineage: readonly Entity[]): T[] {
  const specific = new Set(lineage.flatMap((e) => e.categories).filter((c) => !UNIVERSAL_CATEGORIES.has(c)));
  const order = universalOrder(lineage);
  const keyOf = (claim: T, index: number): number[] => {
    const category = claim.processorType === 'category' ? (claim.category ?? '') : '';
    const universalRank = order.indexOf(category);
    return [
      category !== '' && specific.has(category) ? 0 : 1,
      readSharingDirection(claim.quote, claim.name) === 'outbound' ? 0 : 1,
      rankSection(claim.sectionPath),
      universalRank < 0 ? order.length : universalRank,
      // Only a condition limits whom the sentence is about; a purpose ("to process information on our behalf") does not.
      claim.conditions?.some((c) => c.kind === 'condition') ? 1 : 0,
      index,
    ];
  };
  return claims
    .map((claim, index) => ({ claim, key: keyOf(claim, index) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const d = (a.key[i] ?? 0) - (b.key[i] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    })
    .map((ranked) => ranked.claim);
}
