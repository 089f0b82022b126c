import type { Claim, ProcessorClaim } from '../model/claim.js';
import { createClaimBase, isOwnCompany, type SentenceContext } from './sentence-context.js';

/**
 * A catalogued company the sentence says keeps the service's data ("Apptimize retains experiment data for 12
 * months") has that data: the sentence names it as a recipient too, so an audit does not call it unnamed while
 * quoting its retention. Only affirmative retention, only when no processor claim of the sentence names it already.
 */
export function extractHolderProcessorClaims(context: SentenceContext, sentenceClaims: readonly Claim[]): ProcessorClaim[] {
  const named = new Set(sentenceClaims.flatMap((c) => (c.kind === 'processor' && c.entityId !== undefined ? [c.entityId] : [])));
  const claims: ProcessorClaim[] = [];
  for (const claim of sentenceClaims) {
    if (claim.kind !== 'retention' || claim.polarity !== 'affirmative' || claim.holder.kind !== 'named') continue;
    const entityId = claim.holder.entityId;
    if (entityId === undefined || named.has(entityId) || isOwnCompany(context, entityId)) continue;
    named.add(entityId);
    // The holder is the retention verb's subject or agent: its clause is the retention's.
    const at = context.sentence.text.indexOf(claim.holder.name);
    claims.push({ ...createClaimBase(context, 'affirmative', at < 0 ? undefined : at), kind: 'processor', processorType: 'named', name: claim.holder.name, entityId });
  }
  return claims;
}
