import type { Claim } from '../model/claim.js';

/** One claim present in both versions with a different statement about the same subject. */
export interface ChangedClaim {
  before: Claim;
  after: Claim;
}

/** What changed between two versions of a policy, claim by claim. */
export interface PolicyClaimDiff {
  added: Claim[];
  removed: Claim[];
  changed: ChangedClaim[];
  /** Claims that say the same thing in both versions (their quotes or positions may differ). */
  unchanged: number;
}

/**
 * Compares the claims of two versions of a policy by what they state, not where: a claim is unchanged
 * when a claim of the same kind, content and polarity exists in the other version, even if its sentence
 * moved or was reworded. Claims left over on both sides that concern the same subject (the same
 * recipient, the same retained data kind, the same encryption scope, the same transfer type) are
 * reported as changed ("kept 30 days" → "kept 90 days", "we share with X" → "we do not share with X");
 * the rest are added or removed. Order follows the documents.
 */
export function diffPolicyClaims(before: readonly Claim[], after: readonly Claim[]): PolicyClaimDiff {
  const remainingAfter = [...after];
  const removed: Claim[] = [];
  let unchanged = 0;
  for (const claim of before) {
    const key = describeContent(claim);
    const match = remainingAfter.findIndex((other) => describeContent(other) === key);
    if (match >= 0) {
      remainingAfter.splice(match, 1);
      unchanged++;
    } else {
      removed.push(claim);
    }
  }
  const changed: ChangedClaim[] = [];
  const stillRemoved: Claim[] = [];
  for (const claim of removed) {
    const subject = describeSubject(claim);
    const match = remainingAfter.findIndex((other) => describeSubject(other) === subject);
    if (match >= 0) {
      changed.push({ before: claim, after: remainingAfter[match] as Claim });
      remainingAfter.splice(match, 1);
    } else {
      stillRemoved.push(claim);
    }
  }
  return { added: remainingAfter, removed: stillRemoved, changed, unchanged };
}

/** Everything a claim states, without its provenance. */
function describeContent(claim: Claim): string {
  switch (claim.kind) {
    case 'processor':
      return `${describeSubject(claim)}|${claim.processorType}|${claim.polarity}`;
    case 'retention':
      // Who keeps the data is part of what is said: "we keep it 90 days" → "our vendor keeps it 90 days" is a change.
      return `${describeSubject(claim)}|${claim.vagueness}|${claim.periodDays ?? ''}|${normalise(claim.trigger)}|${claim.polarity}|${claim.holder.kind === 'service' ? '' : normalise(claim.holder.name)}`;
    case 'encryption':
      return `${describeSubject(claim)}|${[...claim.technologies].map(normalise).sort().join(',')}|${[...claim.hedges].map(normalise).sort().join(',')}|${claim.polarity}`;
    case 'transfer':
      return `${describeSubject(claim)}|${[...claim.countries].sort().join(',')}|${[...claim.regions].sort().join(',')}|${claim.unspecified}|${claim.polarity}`;
  }
}

/** What a claim is about: two claims about the same subject with different content are a change. */
function describeSubject(claim: Claim): string {
  switch (claim.kind) {
    case 'processor':
      return `processor|${claim.entityId ?? claim.category ?? normalise(claim.name)}`;
    case 'retention':
      return `retention|${normalise(claim.dataKind ?? '')}`;
    case 'encryption':
      return `encryption|${claim.scope}`;
    case 'transfer':
      return `transfer|${claim.transferType}`;
  }
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
