import type { StoredPolicy } from '../../workflow/add-policy.js';
import { sightingDate, type PolicySighting, type SightingChange } from '../../store/policy-timeline.js';

/** When a sighting dates its version: "as of <declared date>" for an archived copy, else "on <read time>". */
export function describeSightingWhen(sighting: PolicySighting): string {
  return sighting.declaredDate !== undefined ? `as of ${sighting.declaredDate}` : `on ${sightingDate(sighting)}`;
}

/**
 * The `policy add` line for bytes already stored for the app (`label` and `app` already made safe for a terminal):
 * what the new reading is in the timeline. A return names both dates, the version's first and the return's, so the
 * user sees why audits of captures after the return now use it.
 */
export function describeRepeatedPolicy(stored: StoredPolicy, label: string, app: string): string {
  const head = `policy ${label} is already stored for ${app} (snapshot #${stored.snapshotId}, same sha256)`;
  const when = describeSightingWhen(stored.sighting);
  const change: SightingChange | { kind: 'already-recorded' } = stored.change;
  switch (change.kind) {
    case 'already-recorded':
      return `${head}, already seen ${when}; nothing changed`;
    case 'same':
      return `${head}: seen again ${when}; nothing changed in content`;
    case 'return':
      return `${head}: recorded as a return to that version ${when}, after snapshot #${change.after.snapshotId} (seen ${describeSightingWhen(change.after)}); first seen ${describeSightingWhen(change.first)}`;
    case 'first':
      return `${head}: recorded as seen ${when}, earlier than any date it had`;
  }
}
