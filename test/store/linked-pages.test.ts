import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { PolicyError } from '../../src/model/errors.js';
import { requireApp } from '../../src/store/app-repository.js';
import { openDatabase, type StoreDatabase } from '../../src/store/open-database.js';
import { findLinkedSnapshots, listSnapshots, loadLinkedClaims } from '../../src/store/policy-repository.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { followSubprocessorLinks } from '../../src/workflow/follow-subprocessor-links.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const organisations = EntityCatalog.loadDefault().organisationNames();
const FIXTURES = join('test', 'fixtures', 'policies', 'subprocessors');
const LIST = readFileSync(join(FIXTURES, 'subprocessors.html'), 'utf8');

/** Reads the policy in `dir` and follows its list, as `policy add --follow-subprocessors` does. */
async function analyse(dir: string, at: string) {
  const now = (): Date => new Date(at);
  const policy = await analysePolicy(join(dir, 'privacy.html'), { organisations, now });
  const { pages } = await followSubprocessorLinks(policy, { organisations, now });
  return { policy, pages, now };
}

/** A folder with the fixture policy and its list beside it, and a fresh database there. */
function openCase(): { dir: string; db: StoreDatabase } {
  const dir = tempDir();
  writeFileSync(join(dir, 'privacy.html'), readFileSync(join(FIXTURES, 'privacy.html')));
  writeFileSync(join(dir, 'subprocessors.html'), LIST);
  return { dir, db: openDatabase(join(dir, 'store.db')) };
}

describe('linked sub-processor pages in the store', () => {
  it('keeps each fetched version of a list; audits read the newest, and the list is never a policy version', async () => {
    const { dir, db } = openCase();
    try {
      const first = await analyse(dir, '2026-09-01T00:00:00Z');
      const stored = storePolicy(db, 'Murmur', first.policy, first.now, [], first.pages);
      // The list changes: Zendesk is replaced by a new support vendor.
      writeFileSync(join(dir, 'subprocessors.html'), LIST.replace('<td>Zendesk, Inc.</td>', '<td>Freshworks Inc.</td>'));
      const second = await analyse(dir, '2026-10-01T00:00:00Z');
      const again = storePolicy(db, 'Murmur', second.policy, second.now, [], second.pages);

      expect(again).toMatchObject({ snapshotId: stored.snapshotId, created: false, linkedPages: [{ created: true, linked: true }] });
      const app = requireApp(db, 'Murmur');
      expect(listSnapshots(db, app.id).map((s) => s.id)).toEqual([stored.snapshotId]);
      expect(findLinkedSnapshots(db, stored.snapshotId).map((s) => s.fetchedAt)).toEqual(['2026-10-01T00:00:00.000Z']);
      const names = loadLinkedClaims(db, stored.snapshotId).flatMap((c) => (c.kind === 'processor' ? [c.name] : []));
      expect(names).toContain('Freshworks Inc.');
      expect(names).not.toContain('Zendesk, Inc.');
      expect(loadLinkedClaims(db, stored.snapshotId).every((c) => c.page?.kind === 'subprocessor-list' && c.page.source.endsWith('subprocessors.html'))).toBe(true);
    } finally {
      db.close();
    }
  });

  it('reads the list fetched last when it changed back to an earlier version (v1, v2, v1 again)', async () => {
    const { dir, db } = openCase();
    try {
      const changed = LIST.replace('<td>Zendesk, Inc.</td>', '<td>Freshworks Inc.</td>');
      const snapshotIds: number[] = [];
      for (const [list, at] of [[LIST, '2026-09-01T00:00:00Z'], [changed, '2026-10-01T00:00:00Z'], [LIST, '2026-11-01T00:00:00Z']] as const) {
        writeFileSync(join(dir, 'subprocessors.html'), list);
        const run = await analyse(dir, at);
        snapshotIds.push(storePolicy(db, 'Murmur', run.policy, run.now, [], run.pages).snapshotId);
      }
      expect(new Set(snapshotIds).size).toBe(1);
      const policyId = snapshotIds[0] ?? 0;
      const names = loadLinkedClaims(db, policyId).flatMap((c) => (c.kind === 'processor' ? [c.name] : []));
      expect(names).toContain('Zendesk, Inc.');
      expect(names).not.toContain('Freshworks Inc.');
      // The page's bytes are stored once: its snapshot keeps its first fetch time.
      expect(findLinkedSnapshots(db, policyId).map((s) => s.fetchedAt)).toEqual(['2026-09-01T00:00:00.000Z']);
    } finally {
      db.close();
    }
  });

  it('refuses to store a stored list as a policy version, and stores nothing of that command', async () => {
    const { dir, db } = openCase();
    try {
      const { policy, pages, now } = await analyse(dir, '2026-09-01T00:00:00Z');
      storePolicy(db, 'Murmur', policy, now, [], pages);
      const list = await analysePolicy(join(dir, 'subprocessors.html'), { organisations, now });
      expect(() => storePolicy(db, 'Murmur', list, now, ['murmur.example'])).toThrow(PolicyError);
      expect(() => storePolicy(db, 'Murmur', list, now)).toThrow(/already stored for this app as a linked sub-processor list/);
      expect(requireApp(db, 'Murmur').domains).toEqual([]);
    } finally {
      db.close();
    }
  });
});
