import type { StoredPolicy } from './add-policy.js';

/**
 * The warning for a policy added again with a declared date (`--as-of`, a manifest's `as_of`) other than the one its
 * stored version has: a stored version keeps its first dates, so audits already made and the provenance shown in
 * their reports stay true. Null when nothing was ignored.
 */
export function describeIgnoredDeclaredDate(stored: StoredPolicy, declaredDate: string | undefined, option: '--as-of' | 'as_of'): string | null {
  if (stored.created || declaredDate === undefined || stored.storedDeclaredDate === declaredDate) return null;
  const was =
    stored.storedDeclaredDate === null
      ? `as read on ${stored.storedFetchedAt}, without a declared date`
      : `dated ${stored.storedDeclaredDate} by the user`;
  return `snapshot #${stored.snapshotId} is already stored ${was}; ${option} ${declaredDate} is not recorded (a stored version keeps its first dates)`;
}
