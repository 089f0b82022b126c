/** The dates of a stored policy version, as reports and the CLI show them. */
export interface PolicyDates {
  /** When claimcheck really read or fetched the bytes. */
  fetchedAt: string;
  /** The date the user declared for an archived copy (`policy add --as-of`); absent for a copy read as current. */
  declaredDate?: string;
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
