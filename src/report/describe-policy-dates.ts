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

/** The audited version as a version note names it: file or URL, sha256 prefix, and the date it is in force from. */
export interface AuditedVersion extends PolicyVersionDates {
  source: string;
  sha256: string;
}

/** "chatterbox-v1.html, sha256 c9bd0f53aab3, in force from 2020-01-01": the version itself, not a pointer to it. */
function nameAuditedVersion(policy: AuditedVersion, showText: (text: string) => string): string {
  const reading = policy.inForceBy ?? policy;
  return `${showText(policy.source)}, sha256 ${policy.sha256.slice(0, 12)}, seen as of ${reading.declaredDate ?? reading.fetchedAt}`;
}

/**
 * Why a capture's evidence may be judged against the wrong version: it began when another version was in force, or
 * before any stored version was seen. Shown beside the policy version in reports and by `audit`, whose output has no
 * policy line above it: so the note names the audited version itself.
 */
export function describeCaptureVersionNote(note: CaptureVersionNote, audited: AuditedVersion, showText: (text: string) => string): string {
  const capture = `${showText(note.file)} began ${note.began}`;
  const version = nameAuditedVersion(audited, showText);
  if (note.kind === 'other-version') {
    return `${capture}, when another version of the policy was in force (sha256 ${note.inForce.sha256.slice(0, 12)}, ${showText(note.inForce.source)}, seen as of ${note.inForce.date}); its evidence is judged against the version audited (${version}).`;
  }
  return `${capture}, before the earliest stored version of the policy (seen as of ${note.earliestVersionDate}): the version audited (${version}) may not be the one in force then.`;
}
