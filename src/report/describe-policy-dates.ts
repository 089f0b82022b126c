import type { CaptureVersionNote } from '../model/audit.js';

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

/**
 * Why a capture's evidence may be judged against the wrong version: it began when another version was in force, or
 * before any stored version was seen. Shown beside the policy version in reports and by `audit`.
 */
export function describeCaptureVersionNote(note: CaptureVersionNote, showText: (text: string) => string): string {
  const capture = `${showText(note.file)} began ${note.began}`;
  if (note.kind === 'other-version') {
    return `${capture}, when another version of the policy was in force (sha256 ${note.inForce.sha256.slice(0, 12)}, ${showText(note.inForce.source)}, seen as of ${note.inForce.date}); its evidence is judged against the version in force when the earliest capture began, above.`;
  }
  return `${capture}, before the earliest stored version of the policy (seen as of ${note.earliestVersionDate}): the version audited may not be the one in force then.`;
}
