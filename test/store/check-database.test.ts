/**
 * `claimcheck db check`: a sound database passes; orphan rows, broken JSON, tampered snapshot
 * bytes and a damaged file are each reported, and the command exits non-zero.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase } from '../../src/store/check-database.js';
import { openDatabase } from '../../src/store/open-database.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { createBaseDatabase } from '../robustness/base-database.js';

const tempDir = useTempDir();
let baseDb = '';

beforeAll(async () => {
  baseDb = join(mkdtempSync(join(tmpdir(), 'claimcheck-check-')), 'base.db');
  await createBaseDatabase(baseDb);
});

/** A copy of the base database changed with foreign keys off, as a buggy tool or a hand edit would. */
function tamperedCopy(sql: string): string {
  const path = join(tempDir(), 'tampered.db');
  copyFileSync(baseDb, path);
  const raw = new Database(path);
  raw.pragma('foreign_keys = OFF');
  raw.exec(sql);
  raw.close();
  return path;
}

function check(path: string): ReturnType<typeof checkDatabase> {
  const db = openDatabase(path, { readonly: true });
  try {
    return checkDatabase(db);
  } finally {
    db.close();
  }
}

describe('checkDatabase', () => {
  it('finds nothing wrong with a sound database and counts its rows', () => {
    const result = check(baseDb);
    expect(result.problems).toEqual([]);
    expect(result.rowCounts).toMatchObject({ apps: 1, policy_snapshots: 1, captures: 1, audits: 1 });
    expect(result.emptyApps).toEqual([]);
  });

  it('reports orphan rows whose parent is gone', () => {
    const result = check(tamperedCopy('DELETE FROM captures'));
    expect(result.foreignKeyViolations).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'flows', parent: 'captures' })]));
    expect(result.problems.join('\n')).toMatch(/orphans: \d+ rows? of flows refers? to missing captures rows/);
  });

  it('reports JSON columns that no longer parse and snapshots whose bytes do not match their sha256', () => {
    const result = check(tamperedCopy("UPDATE claims SET details = '{broken' WHERE id = (SELECT min(id) FROM claims); UPDATE policy_snapshots SET bytes = X'00'"));
    expect(result.invalidJson).toEqual([{ table: 'claims', column: 'details', rows: 1 }]);
    expect(result.snapshotHashMismatches).toHaveLength(1);
    expect(result.problems).toHaveLength(2);
  });

  it('notes apps with nothing stored without calling them a problem', () => {
    const result = check(tamperedCopy("INSERT INTO apps (name, created_at) VALUES ('Empty', '2026-01-01')"));
    expect(result.emptyApps).toEqual(['Empty']);
    expect(result.problems).toEqual([]);
  });
});

describe('claimcheck db check', () => {
  it('exits 0 on a sound database and 1 listing the problems otherwise', () => {
    const sound = runCli(['--db', baseDb, 'db', 'check']);
    expect(sound.status).toBe(0);
    expect(sound.stdout).toMatch(/^ok: schema version \d+, integrity ok, foreign keys ok, no orphans/);
    const broken = runCli(['--db', tamperedCopy('DELETE FROM audits'), 'db', 'check']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^1 problem:\n  orphans: \d+ rows? of findings refers? to missing audits rows\n$/);
  });

  it('reports a file damaged in the middle as an integrity problem, never a crash', () => {
    const path = join(tempDir(), 'damaged.db');
    copyFileSync(baseDb, path);
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    // Overwrite a page past the header (page 1) so SQLite still recognises the file.
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.min(size - 4096, 8192));
    closeSync(fd);
    const result = runCli(['--db', path, 'db', 'check']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^\d+ problems?:\n  integrity: /);
  });

  it('refuses a missing database file in one line instead of creating it', () => {
    const path = join(tempDir(), 'missing.db');
    const result = runCli(['--db', path, 'db', 'check']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toContain(path);
  });
});
