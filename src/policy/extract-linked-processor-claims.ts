import type { Claim, ProcessorClaim } from '../model/claim.js';
import { createClaimBase, type SentenceContext } from './sentence-context.js';

/**
 * Companies a sentence names only by linking to their site: BeReal's "partners who help with … [user
 * analytics](https://amplitude.com/privacy)" points the reader to Amplitude without writing its name. Read only in
 * a sentence that already states sharing with, or use of, a recipient (an affirmative processor claim), so a link
 * elsewhere (an opt-out page, a regulator) names no one; the company must be in the catalog (its domains), must not
 * be the policy's own company, and must not be named in words in the same sentence.
 */
export function extractLinkedProcessorClaims(context: SentenceContext, sentenceClaims: readonly Claim[]): ProcessorClaim[] {
  if (context.links === undefined || context.links.length === 0) return [];
  const processors = sentenceClaims.filter((c): c is ProcessorClaim => c.kind === 'processor');
  if (!processors.some((c) => c.polarity === 'affirmative')) return [];
  const named = new Set(processors.flatMap((c) => (c.entityId === undefined ? [] : [c.entityId])));
  const claims: ProcessorClaim[] = [];
  for (const link of context.links) {
    const host = hostOf(link.href);
    if (host === null) continue;
    for (const entityId of context.organisations.operatorsOf([host])) {
      const name = context.organisations.nameOf(entityId);
      if (name === undefined || named.has(entityId) || isOwnCompany(context, entityId)) continue;
      named.add(entityId);
      claims.push({ ...createClaimBase(context, 'affirmative'), kind: 'processor', processorType: 'named', name, entityId, link: { ...link } });
    }
  }
  return claims;
}

/** The policy's own company: one of its names is this catalogued organisation (Pinterest linking to its help pages). */
function isOwnCompany(context: SentenceContext, entityId: string): boolean {
  return context.firstPartyNames.some((name) => context.organisations.resolve(name) === entityId);
}

/** The host of an absolute http(s) link; null for relative links, anchors, mailto: and the like. */
function hostOf(href: string): string | null {
  if (!/^https?:\/\//i.test(href)) return null;
  try {
    return new URL(href).hostname.toLowerCase();
  } catch {
    return null;
  }
}
