/**
 * An app's policy timeline: every time `policy add` read a version (a sighting), in the order the versions were in
 * force. Pure functions over sightings already loaded; the store reads and writes them (policy-repository.ts).
 */

/** One reading of a stored policy version: where and when it was read, and the date the user gave it, if any. */
export interface PolicySighting {
  id: number;
  snapshotId: number;
  sha256: string;
  /** Where the bytes were read this time (a file or URL; the same bytes may come from several). */
  source: string;
  /** When claimcheck read them (ISO 8601, UTC). */
  readAt: string;
  /** The date the user declared for an archived copy (`--as-of`); absent for a copy read as current. */
  declaredDate?: string;
}

/** When a sighting shows its version in force from: the declared date of an archived copy, else the read time. */
export function sightingDate(sighting: PolicySighting): string {
  return sighting.declaredDate ?? sighting.readAt;
}

/**
 * The sighting that decides the version in force at `at` (ISO 8601, UTC): the latest one dated at or before it.
 * ISO text compares in time order, and a bare declared date ('2024-03-01') sorts before every time of its own day,
 * so it counts from that day's first moment. When every sighting is dated later (a policy added after the capture),
 * the dates say nothing, so the latest sighting is used, as it is without a time. `sightings` must be in timeline
 * order (by {@link sightingDate}, then in the order they were recorded). Undefined when there are none.
 */
export function pickSightingInForce(sightings: readonly PolicySighting[], at: string | null): PolicySighting | undefined {
  const latest = sightings[sightings.length - 1];
  if (at === null) return latest;
  const before = sightings.filter((s) => sightingDate(s) <= at);
  return before[before.length - 1] ?? latest;
}

/** What one sighting is in the timeline. */
export type SightingChange =
  /** The first sighting of its version (nothing before it in the timeline was this version). */
  | { kind: 'first' }
  /** The same version as the sighting just before it: the policy had not changed. */
  | { kind: 'same'; previous: PolicySighting }
  /** The version came back: an earlier sighting was of it, and the one just before was another version. */
  | { kind: 'return'; first: PolicySighting; after: PolicySighting };

/** Each sighting of a timeline (in timeline order) with what it is: a first sighting, the same version, or a return. */
export function classifySightings(sightings: readonly PolicySighting[]): { sighting: PolicySighting; change: SightingChange }[] {
  const firstOf = new Map<number, PolicySighting>();
  return sightings.map((sighting, i) => {
    const previous = sightings[i - 1];
    const first = firstOf.get(sighting.snapshotId);
    if (first === undefined) firstOf.set(sighting.snapshotId, sighting);
    const change: SightingChange =
      first === undefined
        ? { kind: 'first' }
        : previous !== undefined && previous.snapshotId === sighting.snapshotId
          ? { kind: 'same', previous }
          : { kind: 'return', first, after: previous ?? first };
    return { sighting, change };
  });
}

/**
 * The latest change of version up to the last sighting of `snapshotId`: `to` is the first sighting of that
 * version's last stretch in the timeline, `from` the sighting just before it (another version). For a policy that
 * went v1, v2, v1 and `snapshotId` v1, that is v2 → v1 (the return). Null when nothing else came before.
 */
export function findChangeTo(sightings: readonly PolicySighting[], snapshotId: number): { from: PolicySighting; to: PolicySighting } | null {
  let end = -1;
  sightings.forEach((s, i) => {
    if (s.snapshotId === snapshotId) end = i;
  });
  if (end < 0) return null;
  let start = end;
  while (start > 0 && sightings[start - 1]?.snapshotId === snapshotId) start -= 1;
  const from = sightings[start - 1];
  const to = sightings[start];
  return from !== undefined && to !== undefined ? { from, to } : null;
}
