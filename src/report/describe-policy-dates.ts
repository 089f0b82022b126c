/** The dates of a stored policy version, as reports and the CLI show them. */
export interface PolicyDates {
  /** When claimcheck really read or fetched the bytes. */
  fetchedAt: string;
  /** The date the user declared for an archived copy (`policy add --as-of`); absent for a copy read as current. */
  declaredDate?: string;
}

/** A version audited, with the later reading that made it the one in force when that was not its first. */
export interface PolicyVersionDates extends PolicyDates {
  inForceBy?: PolicyDates & { source: string };
}

/**
 * "retrieved <time>" for a copy read as current; for an archived copy, the user's date first and then the
 * real retrieval time, so a reader never takes the declared date for one claimcheck observed.
 */
export function describePolicyDates(policy: PolicyDates): string {
  return policy.declaredDate === undefined
    ? `retrieved ${policy.fetchedAt}`
    : `dated ${policy.declaredDate} by the user (archived copy); fetched ${policy.fetchedAt}`;
}

/** The policy's dates of one side of a comparison (its fetch time may be unknown in a hand-made audit). */
export function describeComparedPolicyDates(side: { policyFetchedAt: string | null; policyDeclaredDate?: string }): string {
  const fetchedAt = side.policyFetchedAt ?? '?';
  return describePolicyDates(side.policyDeclaredDate !== undefined ? { fetchedAt, declaredDate: side.policyDeclaredDate } : { fetchedAt });
}

/**
 * The version's own dates and, when a later reading chose it (the policy changed and came back), that reading: a
 * reader who sees a January version audited against a July capture needs to know it was read again in June.
 * `showSource` renders the reading's source as the caller renders sources (escaped, shortened).
 */
export function describeVersionDates(policy: PolicyVersionDates, showSource: (source: string) => string): string {
  const own = describePolicyDates(policy);
  const later = policy.inForceBy;
  if (later === undefined) return own;
  return `${own}; in force at the captures' start by a later reading: ${showSource(later.source)}, ${describePolicyDates(later)}`;
}
