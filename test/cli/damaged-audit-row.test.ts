/** A stored audit whose JSON was damaged outside claimcheck is one line pointing to `db check`, not a stack trace. */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { copyBaseDatabase, createBaseDatabase } from '../robustness/base-database.js';

const tempDir = useTempDir();
let baseDb = '';

beforeAll(async () => {
  baseDb = join(mkdtempSync(join(tmpdir(), 'claimcheck-damaged-')), 'base.db');
  await createBaseDatabase(baseDb);
});

function damagedCopy(sql: string): string {
  const dir = tempDir();
  const path = copyBaseDatabase(baseDb, dir);
  const raw = new Database(path);
  raw.exec(sql);
  raw.close();
  return path;
}

describe('report on a damaged audit row', () => {
  it.each([
    ["UPDATE findings SET data = '{bad' WHERE ordinal = 0", 'findings.data of audit #1, finding 1 is not valid JSON'],
    ["UPDATE audits SET model = 'not json'", 'audits.model of audit #1 is not valid JSON'],
  ])('%s: one line naming the row and db check, exit 2', (sql, where) => {
    const db = damagedCopy(sql);
    const run = runCli(['--db', db, 'report', '--app', 'Base', '--format', 'md', '--out', join(tempDir(), 'out')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`claimcheck: database damaged: ${where} (run: claimcheck db check)\n`);
  });
});
