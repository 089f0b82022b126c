/**
 * An audit judges every capture against one policy version: the one in force when the earliest capture began
 * (decision 0010). When captures span a policy change, or began before any stored version was seen, some evidence
 * is judged against a version that was not in force when it was recorded; the report must say so.
 */
import type { CaptureVersionNote } from '../model/audit.js';
import { sightingDate, type PolicySighting } from '../store/policy-timeline.js';

/** What the check needs of a capture. */
export interface CaptureTimes {
  fileName: string;
  sha256: string;
  /** Unix seconds of the first record; null when the capture has no times. */
  firstTime: number | null;
}

/**
 * The captures for which the audited version (`auditedSnapshotId`) was not the one in force when they began:
 * another version was (`other-version`), or no stored version had been seen yet (`before-every-version`). Without
 * a history to compare with (one version read as current), the second is said only when the capture began more
 * than {@link UNSEEN_POLICY_MARGIN_DAYS} days before the policy was read: a policy read today for a capture made this
 * week is the usual case, but traffic of 2017 judged against a policy read in 2026 needs saying. With a history
 * (several versions, or a date the user declared for an archived copy) any capture before the first reading is
 * named. `sightings` are in timeline order, as listPolicySightings returns them.
 */
export const UNSEEN_POLICY_MARGIN_DAYS = 30;

export function checkCaptureVersions(captures: readonly CaptureTimes[], sightings: readonly PolicySighting[], auditedSnapshotId: number): CaptureVersionNote[] {
  const first = sightings[0];
  if (first === undefined) return [];
  const hasHistory = new Set(sightings.map((s) => s.snapshotId)).size > 1 || sightings.some((s) => s.declaredDate !== undefined);
  const notes: CaptureVersionNote[] = [];
  for (const capture of captures) {
    if (capture.firstTime === null || !Number.isFinite(capture.firstTime)) continue;
    const at = new Date(Math.round(capture.firstTime * 1000)).toISOString();
    const before = sightings.filter((s) => sightingDate(s) <= at);
    const inForce = before[before.length - 1];
    const base = { file: capture.fileName, sha256: capture.sha256, began: at };
    if (inForce === undefined) {
      const daysBefore = (Date.parse(sightingDate(first)) - capture.firstTime * 1000) / 86_400_000;
      if (hasHistory || daysBefore > UNSEEN_POLICY_MARGIN_DAYS) notes.push({ ...base, kind: 'before-every-version', earliestVersionDate: sightingDate(first) });
    } else if (inForce.snapshotId !== auditedSnapshotId) {
      notes.push({ ...base, kind: 'other-version', inForce: { sha256: inForce.sha256, source: inForce.source, date: sightingDate(inForce) } });
    }
  }
  return notes;
}
