import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { ensureApp } from '../../src/store/app-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { findLatestSnapshot, findSnapshotInForce, insertPolicySnapshot, listPolicySightings, listSnapshots } from '../../src/store/policy-repository.js';
import { classifySightings, findChangeTo } from '../../src/store/policy-timeline.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { makeSnapshot } from './policy-test-helpers.js';

const tempDir = useTempDir();

/** Stores one version of a policy fetched at `fetchedAt`, declared by the user as of `declaredDate` when given. */
function storeVersion(db: ReturnType<typeof openDatabase>, appId: number, text: string, fetchedAt: string, declaredDate?: string): number {
  const sha256 = `${fetchedAt}${declaredDate ?? ''}`.replace(/\D/g, '').slice(0, 64).padEnd(64, '0');
  const snapshot = { ...makeSnapshot(text, 'text'), sha256, fetchedAt, ...(declaredDate !== undefined ? { declaredDate } : {}) };
  const extracted = extractPolicyText(snapshot);
  return insertPolicySnapshot(db, appId, snapshot, extracted, extractClaims(extracted), 'test').snapshotId;
}

/** Reads `text` (the same bytes give the same sha256) at `fetchedAt`, as of `declaredDate` when given. */
function readVersion(db: ReturnType<typeof openDatabase>, appId: number, text: string, fetchedAt: string, declaredDate?: string): ReturnType<typeof insertPolicySnapshot> {
  const sha256 = Buffer.from(text).toString('hex').slice(0, 64).padEnd(64, '0');
  const snapshot = { ...makeSnapshot(text, 'text'), source: `${fetchedAt}.txt`, sha256, fetchedAt, ...(declaredDate !== undefined ? { declaredDate } : {}) };
  const extracted = extractPolicyText(snapshot);
  return insertPolicySnapshot(db, appId, snapshot, extracted, extractClaims(extracted), 'test');
}

const at = (iso: string): number => Date.parse(iso) / 1000;

describe('policy versions', () => {
  it('picks the version fetched last before the capture began, else the newest', () => {
    const db = openDatabase(join(tempDir(), 'claimcheck.db'));
    try {
      const appId = ensureApp(db, 'voice', new Date('2024-01-01T00:00:00Z'));
      const v2021 = storeVersion(db, appId, 'We keep recordings temporarily.', '2021-03-01T00:00:00.000Z');
      const v2023 = storeVersion(db, appId, 'We keep recordings for 30 days.', '2023-06-01T00:00:00.000Z');
      expect(listSnapshots(db, appId).map((s) => s.id)).toEqual([v2021, v2023]);
      const at = (iso: string): number => Date.parse(iso) / 1000;
      expect(findSnapshotInForce(db, appId, at('2022-05-05T12:00:00Z'))?.id).toBe(v2021);
      expect(findSnapshotInForce(db, appId, at('2024-01-01T00:00:00Z'))?.id).toBe(v2023);
      // A capture older than every stored version: fetch dates cannot tell, so the newest is used.
      expect(findSnapshotInForce(db, appId, at('2020-01-01T00:00:00Z'))?.id).toBe(v2023);
      expect(findSnapshotInForce(db, appId, null)?.id).toBe(v2023);
    } finally {
      db.close();
    }
  });

  it('dates an archived copy by its declared date, whenever it was fetched', () => {
    const db = openDatabase(join(tempDir(), 'claimcheck.db'));
    try {
      const appId = ensureApp(db, 'voice', new Date('2026-11-01T00:00:00Z'));
      // All three read in November 2026: the current policy, then two archived copies found later.
      const current = storeVersion(db, appId, 'We keep recordings for 7 days.', '2026-11-01T00:00:00.000Z');
      const archived2024 = storeVersion(db, appId, 'We keep recordings temporarily.', '2026-11-02T00:00:00.000Z', '2024-03-01');
      const archived2025 = storeVersion(db, appId, 'We keep recordings for 30 days.', '2026-11-03T00:00:00.000Z', '2025-06-01T12:00:00.000Z');
      expect(listSnapshots(db, appId).map((s) => s.id)).toEqual([archived2024, archived2025, current]);
      expect(listSnapshots(db, appId).map((s) => s.declaredDate)).toEqual(['2024-03-01', '2025-06-01T12:00:00.000Z', undefined]);
      const at = (iso: string): number => Date.parse(iso) / 1000;
      // A bare date counts from that day's first moment (UTC).
      expect(findSnapshotInForce(db, appId, at('2024-03-01T00:00:00Z'))?.id).toBe(archived2024);
      expect(findSnapshotInForce(db, appId, at('2025-06-01T11:59:59Z'))?.id).toBe(archived2024);
      expect(findSnapshotInForce(db, appId, at('2025-06-01T12:00:00Z'))?.id).toBe(archived2025);
      expect(findSnapshotInForce(db, appId, at('2026-11-05T00:00:00Z'))?.id).toBe(current);
      expect(findSnapshotInForce(db, appId, null)?.id).toBe(current);
    } finally {
      db.close();
    }
  });

  it('a version that changes back (v1, v2, v1) is in force again from its return', () => {
    const db = openDatabase(join(tempDir(), 'claimcheck.db'));
    try {
      const appId = ensureApp(db, 'voice', new Date('2024-01-01T00:00:00Z'));
      const V1 = 'We keep recordings temporarily.';
      const V2 = 'We keep recordings for 30 days.';
      // Read as current in January, March and June.
      const jan = readVersion(db, appId, V1, '2024-01-10T00:00:00.000Z');
      const mar = readVersion(db, appId, V2, '2024-03-10T00:00:00.000Z');
      const jun = readVersion(db, appId, V1, '2024-06-10T00:00:00.000Z');
      expect([jan.created, mar.created, jun.created]).toEqual([true, true, false]);
      expect(jun.snapshotId).toBe(jan.snapshotId);
      expect(jun.sightingRecorded).toBe(true);
      const v1 = jan.snapshotId;
      const v2 = mar.snapshotId;
      // One row per version, oldest first, each with its own first dates.
      expect(listSnapshots(db, appId).map((s) => [s.id, s.fetchedAt])).toEqual([
        [v1, '2024-01-10T00:00:00.000Z'],
        [v2, '2024-03-10T00:00:00.000Z'],
      ]);
      expect(findSnapshotInForce(db, appId, at('2024-02-01T00:00:00Z'))?.id).toBe(v1);
      expect(findSnapshotInForce(db, appId, at('2024-04-01T00:00:00Z'))?.id).toBe(v2);
      expect(findSnapshotInForce(db, appId, at('2024-06-09T23:59:59Z'))?.id).toBe(v2);
      expect(findSnapshotInForce(db, appId, at('2024-06-10T00:00:00Z'))?.id).toBe(v1);
      expect(findSnapshotInForce(db, appId, at('2025-01-01T00:00:00Z'))?.id).toBe(v1);
      // Every sighting later than the capture: the version seen last, as before sightings.
      expect(findSnapshotInForce(db, appId, at('2023-01-01T00:00:00Z'))?.id).toBe(v1);
      expect(findSnapshotInForce(db, appId, null)?.id).toBe(v1);
      expect(findLatestSnapshot(db, appId)?.id).toBe(v1);
      // The snapshot keeps its own first source and dates.
      expect(findSnapshotInForce(db, appId, at('2024-07-01T00:00:00Z'))?.fetchedAt).toBe('2024-01-10T00:00:00.000Z');

      const timeline = classifySightings(listPolicySightings(db, appId));
      expect(timeline.map(({ sighting, change }) => [sighting.snapshotId, change.kind])).toEqual([
        [v1, 'first'],
        [v2, 'first'],
        [v1, 'return'],
      ]);
      // The default diff pair is the return: v2 -> v1, shown with the sightings at the change.
      const change = findChangeTo(listPolicySightings(db, appId), v1);
      expect([change?.from.snapshotId, change?.from.readAt, change?.to.snapshotId, change?.to.readAt]).toEqual([v2, '2024-03-10T00:00:00.000Z', v1, '2024-06-10T00:00:00.000Z']);
      expect(findChangeTo(listPolicySightings(db, appId), v2)?.from.snapshotId).toBe(v1);
    } finally {
      db.close();
    }
  });

  it('keeps every --as-of date of the same archived bytes (Wayback copies), in whatever order they are added', () => {
    const db = openDatabase(join(tempDir(), 'claimcheck.db'));
    try {
      const appId = ensureApp(db, 'voice', new Date('2026-11-01T00:00:00Z'));
      const V1 = 'We keep recordings temporarily.';
      const V2 = 'We keep recordings for 30 days.';
      // All read in November 2026 from saved copies, found out of order: v1 saved in 2023-01 and 2024-09, v2 in 2024-02.
      const first = readVersion(db, appId, V1, '2026-11-01T00:00:00.000Z', '2024-09-01');
      const v2 = readVersion(db, appId, V2, '2026-11-02T00:00:00.000Z', '2024-02-01').snapshotId;
      const earlier = readVersion(db, appId, V1, '2026-11-03T00:00:00.000Z', '2023-01-01');
      const v1 = first.snapshotId;
      expect(earlier).toMatchObject({ snapshotId: v1, created: false, sightingRecorded: true });
      // The same copy with the same date again records nothing new.
      const again = readVersion(db, appId, V1, '2026-11-04T00:00:00.000Z', '2024-09-01');
      expect(again.sightingRecorded).toBe(false);
      expect(again.sighting?.id).toBe(first.sighting?.id);
      expect(listPolicySightings(db, appId).map((g) => [g.snapshotId, g.declaredDate])).toEqual([
        [v1, '2023-01-01'],
        [v2, '2024-02-01'],
        [v1, '2024-09-01'],
      ]);
      // Versions are ordered by their earliest sighting: v1 first, by the 2023 date it was given later.
      expect(listSnapshots(db, appId).map((s) => s.id)).toEqual([v1, v2]);
      // The snapshot row keeps the first date it was stored with.
      expect(listSnapshots(db, appId)[0]?.declaredDate).toBe('2024-09-01');
      expect(findSnapshotInForce(db, appId, at('2023-06-01T00:00:00Z'))?.id).toBe(v1);
      expect(findSnapshotInForce(db, appId, at('2024-05-01T00:00:00Z'))?.id).toBe(v2);
      expect(findSnapshotInForce(db, appId, at('2024-09-01T00:00:00Z'))?.id).toBe(v1);
      expect(findSnapshotInForce(db, appId, at('2022-01-01T00:00:00Z'))?.id).toBe(v1);
      // A copy read as current now is seen last; before it the archived dates still decide.
      readVersion(db, appId, V2, '2026-11-05T00:00:00.000Z');
      expect(findSnapshotInForce(db, appId, at('2026-11-06T00:00:00Z'))?.id).toBe(v2);
      expect(findSnapshotInForce(db, appId, at('2025-01-01T00:00:00Z'))?.id).toBe(v1);
      expect(classifySightings(listPolicySightings(db, appId)).map(({ change }) => change.kind)).toEqual(['first', 'first', 'return', 'return']);
    } finally {
      db.close();
    }
  });

  it('a version read again unchanged is the same version, not a return', () => {
    const db = openDatabase(join(tempDir(), 'claimcheck.db'));
    try {
      const appId = ensureApp(db, 'voice', new Date('2024-01-01T00:00:00Z'));
      const v1 = readVersion(db, appId, 'We keep recordings temporarily.', '2024-01-10T00:00:00.000Z').snapshotId;
      readVersion(db, appId, 'We keep recordings temporarily.', '2024-02-10T00:00:00.000Z');
      const v2 = readVersion(db, appId, 'We keep recordings for 30 days.', '2024-03-10T00:00:00.000Z').snapshotId;
      readVersion(db, appId, 'We keep recordings for 30 days.', '2024-04-10T00:00:00.000Z');
      const timeline = classifySightings(listPolicySightings(db, appId));
      expect(timeline.map(({ change }) => change.kind)).toEqual(['first', 'same', 'first', 'same']);
      // The change that brought v2 in: v1's last sighting (February) -> v2's first (March).
      const change = findChangeTo(listPolicySightings(db, appId), v2);
      expect([change?.from.readAt, change?.to.readAt]).toEqual(['2024-02-10T00:00:00.000Z', '2024-03-10T00:00:00.000Z']);
      expect(findChangeTo(listPolicySightings(db, appId), v1)).toBeNull();
      expect(findSnapshotInForce(db, appId, at('2024-03-01T00:00:00Z'))?.id).toBe(v1);
    } finally {
      db.close();
    }
  });
});
