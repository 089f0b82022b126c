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
  if (!processors.some((c) => c.polarity === 'affirmative')) return [];
  const named = new Set(processors.flatMap((c) => (c.entityId === undefined ? [] : [c.entityId])));
  const claims: ProcessorClaim[] = [];
  for (const link of context.links) {
    const host = hostOf(link.href);
    // A control ("opt out", "your ad settings") or a bare pointer ("here") is where to act, not whom data goes to;
    // a link inside a negated clause ("we never share it with [social networks](…)") is a denial.
    if (host === null || NAVIGATION_TEXT.test(link.text) || isNegatedAt(context.sentence.text, link.start)) continue;
    for (const entityId of context.organisations.operatorsOf([host])) {
      const name = context.organisations.nameOf(entityId);
      if (name === undefined || named.has(entityId) || isOwnCompany(context, entityId)) continue;
      named.add(entityId);
      claims.push({ ...createClaimBase(context, 'affirmative'), kind: 'processor', processorType: 'named', name, entityId, link: { text: link.text, href: link.href } });
    }
  }
  return claims;
}

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

