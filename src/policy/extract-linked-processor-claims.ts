import type { Claim, ProcessorClaim } from '../model/claim.js';
import { isNegatedAt } from './detect-negation.js';
import { createClaimBase, isOwnCompany, type SentenceContext } from './sentence-context.js';

/**
 * Companies a sentence names only by linking to their site: BeReal's "partners who help with … [user
 * analytics](https://amplitude.com/privacy)" points the reader to Amplitude without writing its name. Read only in
 * a sentence that already states sharing with, or use of, a recipient (an affirmative processor claim), so a link
 * elsewhere (a regulator) names no one; not a link to act ("opt out", "settings", "here") nor one in a negated
 * clause; the company must be in the catalog (its domains), must not be the policy's own company, and must not be
 * named in words in the same sentence. Whether the sentence names it in passing (an example, another company's
 * document) is the rules' reading, on the link's text (recipient-disclosure.ts `writtenName`).
 */
export function extractLinkedProcessorClaims(context: SentenceContext, sentenceClaims: readonly Claim[]): ProcessorClaim[] {
  if (context.links === undefined || context.links.length === 0) return [];
  const processors = sentenceClaims.filter((c): c is ProcessorClaim => c.kind === 'processor');
  // A recipient the extractor recognised, or the service using or sharing with something the link describes ("we
  // use a [messaging provider](https://braze.com)"): then only a link whose text describes a service counts.
  const recipientStated = processors.some((c) => c.polarity === 'affirmative');
  if (!recipientStated && !SERVICE_USES.test(context.sentence.text)) return [];
  const named = new Set(processors.flatMap((c) => (c.entityId === undefined ? [] : [c.entityId])));
  const claims: ProcessorClaim[] = [];
  for (const link of context.links) {
    const host = hostOf(link.href);
    // A control ("opt out", "your ad settings") or a bare pointer ("here") is where to act, not whom data goes to;
    // a link inside a negated clause ("we never share it with [social networks](…)") is a denial.
    if (host === null || NAVIGATION_TEXT.test(link.text) || isNegatedAt(context.sentence.text, link.start)) continue;
    if (!recipientStated && DOCUMENT_TEXT.test(link.text)) continue;
    // The most specific operator only: aws.amazon.com is Amazon Web Services, not also Amazon.com, Inc.
    const [entityId] = context.organisations.operatorsOf([host]);
    const name = entityId === undefined ? undefined : context.organisations.nameOf(entityId);
    if (entityId === undefined || name === undefined || named.has(entityId) || isOwnCompany(context, entityId)) continue;
    named.add(entityId);
    claims.push({ ...createClaimBase(context, 'affirmative', link.start), kind: 'processor', processorType: 'named', name, entityId, link: { text: link.text, href: link.href } });
  }
  return claims;
}

/** The service using, sharing with or relying on something: "we use", "we work with", "our app relies on". */
const SERVICE_USES =
  /\b(?:we|us|our\s+(?:app|apps|service|services|platform|website|site))\b[^.;]{0,60}?\b(?:use|uses|used|using|share|shares|shared|disclose|discloses|disclosed|send|sends|sent|transfer|transfers|transferred|work\s+with|works\s+with|partner\s+with|rely\s+on|relies\s+on|engage|engages|employ|employs|hire|hires)\b/i;
/** Link texts that name a document or a page rather than a service ("Google's privacy policy", "help centre"). */
const DOCUMENT_TEXT = /\b(?:polic(?:y|ies)|terms|notice|statement|help|support|faq|blog|article|documentation|docs|guide|page|site|website)\b/i;
/** Link texts that point to a place to act or read more, not to a recipient. */
const NAVIGATION_TEXT =
  /^(?:click\s+)?(?:here|this\s+(?:page|link|site|form)|link|website|more|(?:learn|read|find\s+out|see)\s+more|more\s+(?:information|info|details))$|\b(?:opt(?:[-\s]?out|[-\s]?in)?|unsubscribe|settings|preferences|choices|controls?|manage|disable|turn\s+off|deactivate|delete|request|contact)\b/i;

/** The host of an absolute http(s) link; null for relative links, anchors, mailto: and the like. */
function hostOf(href: string): string | null {
  if (!/^https?:\/\//i.test(href)) return null;
  try {
    return new URL(href).hostname.toLowerCase();
  } catch {
    return null;
  }
}

