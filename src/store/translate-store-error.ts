import { ConfigError } from '../model/errors.js';

/**
 * SQLite result codes that describe the database file or its surroundings rather than a bug in
 * claimcheck; each becomes a one-line {@link ConfigError} naming the database. Constraint and
 * syntax errors are deliberately absent: they mean claimcheck itself is wrong.
 */
const ENVIRONMENT_ERRORS: readonly { prefix: string; problem: string; hint: string }[] = [
  { prefix: 'SQLITE_BUSY', problem: 'database is busy: another claimcheck process kept it locked for too long', hint: 'wait for the other command to finish and run this one again' },
  { prefix: 'SQLITE_LOCKED', problem: 'database is locked by another connection', hint: 'wait for the other command to finish and run this one again' },
  { prefix: 'SQLITE_CORRUPT', problem: 'database file is corrupt', hint: 'run: claimcheck db check, and restore from a backup' },
  { prefix: 'SQLITE_NOTADB', problem: 'not a claimcheck database (not an SQLite file)', hint: 'pass another --db path' },
  { prefix: 'SQLITE_FULL', problem: 'disk is full', hint: 'free some space; nothing of this command was written' },
  { prefix: 'SQLITE_READONLY', problem: 'database is read-only here', hint: 'check the permissions of the file and its directory' },
  { prefix: 'SQLITE_CANTOPEN', problem: 'cannot open the database file', hint: 'check that the directory exists and is writable' },
  { prefix: 'SQLITE_IOERR', problem: 'input/output error on the database file', hint: 'check the disk; nothing of this command was written' },
  { prefix: 'SQLITE_PERM', problem: 'permission denied on the database file', hint: 'check the permissions of the file and its directory' },
];

/**
 * Turns an SQLite error caused by the environment (busy, corrupt, full, read-only…) into a
 * ConfigError naming `path`; returns any other error unchanged, so callers can `throw` the result.
 */
export function translateStoreError(error: unknown, path: string): unknown {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
  if (code === null) return error;
  const known = ENVIRONMENT_ERRORS.find((e) => code === e.prefix || code.startsWith(`${e.prefix}_`));
  return known ? new ConfigError(`${path}: ${known.problem}`, known.hint) : error;
}
