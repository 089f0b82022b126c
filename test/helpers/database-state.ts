/**
 * Reads a claimcheck database the way an outside observer would (raw SQLite, reading only), so
 * robustness tests judge the store without trusting the store's own code.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';

/** What a test compares before and after a command: row counts and SQLite's own verdicts. */
export interface DatabaseState {
  /** Row count per table; empty when the file does not exist. */
  counts: Record<string, number>;
  /** `PRAGMA integrity_check` messages joined ('ok' when sound). */
  integrity: string;
  /** Number of rows `PRAGMA foreign_key_check` reports. */
  foreignKeyViolations: number;
  /** `PRAGMA user_version`. */
  schemaVersion: number;
}

/** Reads counts, integrity and foreign keys of the database at `path`. */
export function readDatabaseState(path: string): DatabaseState {
  if (!existsSync(path)) return { counts: {}, integrity: 'ok', foreignKeyViolations: 0, schemaVersion: 0 };
  // Opened for writing, as the next claimcheck command would: after a kill, SQLite must be able to
  // roll back a hot journal or recover the write-ahead log before anything can be read.
  const db = new Database(path, { fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    return { counts, integrity, foreignKeyViolations, schemaVersion: Number(db.pragma('user_version', { simple: true })) };
  } finally {
    db.close();
  }
}
