import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { ensureApp } from '../../src/store/app-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { findSnapshotInForce, insertPolicySnapshot, listSnapshots } from '../../src/store/policy-repository.js';
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
});
