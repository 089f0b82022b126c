import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/errors.js';
import { currentSchemaVersion, openDatabase } from '../../src/store/open-database.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('openDatabase', () => {
  it('creates the schema in WAL mode with foreign keys on, and reopens without re-migrating', () => {
    const path = join(tempDir(), 'a.db');
    const db = openDatabase(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(currentSchemaVersion());
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['apps', 'policy_snapshots', 'policy_sections', 'claims', 'captures', 'flows', 'dns_answers', 'identifier_hits', 'entities', 'audits', 'findings']),
    );
    db.close();
    openDatabase(path).close();
  });

  it('refuses a database written by a newer claimcheck, with a clear message', () => {
    const path = join(tempDir(), 'new.db');
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(path)).toThrow(ConfigError);
    expect(() => openDatabase(path)).toThrow(/newer than this claimcheck supports/);
  });

  it("refuses a foreign SQLite database and a file that is not SQLite", () => {
    const dir = tempDir();
    const foreign = join(dir, 'foreign.db');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(() => openDatabase(foreign)).toThrow(/not claimcheck's/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, this is not a database at all, just some text that is long enough');
    expect(() => openDatabase(text)).toThrow(ConfigError);
  });
});
