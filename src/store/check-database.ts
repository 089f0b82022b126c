import { createHash } from 'node:crypto';
import type { StoreDatabase } from './open-database.js';
import { currentSchemaVersion } from './open-database.js';

/** Rows whose foreign key points at a row that does not exist, per child table and parent table. */
export interface ForeignKeyViolation {
  table: string;
  parent: string;
  rows: number;
}

/** Rows whose JSON column does not hold valid JSON. */
export interface InvalidJsonColumn {
  table: string;
  column: string;
  rows: number;
}

/** Everything `claimcheck db check` verifies; `problems` is empty when the database is sound. */
export interface DatabaseCheck {
  schemaVersion: number;
  expectedSchemaVersion: number;
  /** Messages of `PRAGMA integrity_check` other than "ok". */
  integrityErrors: string[];
  foreignKeyViolations: ForeignKeyViolation[];
  invalidJson: InvalidJsonColumn[];
  /** Policy snapshots whose stored bytes no longer hash to their recorded sha256. */
  snapshotHashMismatches: { snapshotId: number; sha256: string }[];
  /** Apps with no policy, no capture and no audit: harmless leftovers, reported but not a problem. */
  emptyApps: string[];
  rowCounts: Record<string, number>;
  /** One line per problem found; empty when the database is sound. */
  problems: string[];
}

/** Columns that hold JSON; a row that does not parse would break reports or audits later. */
const JSON_COLUMNS: readonly { table: string; columns: readonly string[] }[] = [
  { table: 'policy_sections', columns: ['heading_path'] },
  { table: 'claims', columns: ['section_path', 'details'] },
  { table: 'flows', columns: ['sample_frames', 'host_names', 'http_requests'] },
  { table: 'entities', columns: ['data'] },
  { table: 'audits', columns: ['model'] },
  { table: 'findings', columns: ['data'] },
];

/** Integrity errors beyond this many are not listed one by one (a wrecked file can have millions). */
const MAX_INTEGRITY_MESSAGES = 50;

/** Quotes an SQL identifier; names come from sqlite_master or the constant list above, never from input. */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Row count of every claimcheck table (internal SQLite tables excluded), by table name. */
export function countRows(db: StoreDatabase): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = (db.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(name)}`).get() as { n: number }).n;
  }
  return counts;
}

/**
 * Verifies a database: SQLite's own integrity check, foreign keys (rows whose parent is gone,
 * i.e. orphans), JSON columns, snapshot bytes against their sha256 (so every finding stays
 * reproducible from stored inputs), and the schema version. Reads only.
 */
export function checkDatabase(db: StoreDatabase): DatabaseCheck {
  try {
    return runChecks(db);
  } catch (error) {
    // A badly damaged file makes the checking queries themselves fail; that is the finding.
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') throw error;
    return {
      schemaVersion: Number(db.pragma('user_version', { simple: true })),
      expectedSchemaVersion: currentSchemaVersion(),
      integrityErrors: [(error as Error).message],
      foreignKeyViolations: [],
      invalidJson: [],
      snapshotHashMismatches: [],
      emptyApps: [],
      rowCounts: {},
      problems: [`integrity: the file is corrupt and could not be read through (${(error as Error).message})`],
    };
  }
}

function runChecks(db: StoreDatabase): DatabaseCheck {
  const problems: string[] = [];
  const schemaVersion = Number(db.pragma('user_version', { simple: true }));
  const expectedSchemaVersion = currentSchemaVersion();
  if (schemaVersion !== expectedSchemaVersion) {
    problems.push(`schema version ${schemaVersion}, expected ${expectedSchemaVersion}`);
  }

  const integrity = (db.pragma(`integrity_check(${MAX_INTEGRITY_MESSAGES})`) as { integrity_check: string }[])
    .map((row) => row.integrity_check)
    .filter((message) => message !== 'ok');
  for (const message of integrity) problems.push(`integrity: ${message}`);

  const violations = new Map<string, ForeignKeyViolation>();
  for (const row of db.pragma('foreign_key_check') as { table: string; parent: string }[]) {
    const key = `${row.table}\u0000${row.parent}`;
    const entry = violations.get(key) ?? { table: row.table, parent: row.parent, rows: 0 };
    entry.rows += 1;
    violations.set(key, entry);
  }
  const foreignKeyViolations = [...violations.values()];
  for (const v of foreignKeyViolations) problems.push(`orphans: ${v.rows} ${v.rows === 1 ? 'row' : 'rows'} of ${v.table} ${v.rows === 1 ? 'refers' : 'refer'} to missing ${v.parent} rows`);

  const invalidJson: InvalidJsonColumn[] = [];
  for (const { table, columns } of JSON_COLUMNS) {
    for (const column of columns) {
      const rows = (
        db.prepare(`SELECT count(*) AS n FROM ${quoteIdentifier(table)} WHERE NOT json_valid(${quoteIdentifier(column)})`).get() as { n: number }
      ).n;
      if (rows > 0) {
        invalidJson.push({ table, column, rows });
        problems.push(`invalid JSON: ${rows} ${rows === 1 ? 'row' : 'rows'} of ${table}.${column}`);
      }
    }
  }

  const snapshotHashMismatches: DatabaseCheck['snapshotHashMismatches'] = [];
  for (const row of db.prepare('SELECT id, sha256, bytes FROM policy_snapshots ORDER BY id').iterate() as IterableIterator<{
    id: number;
    sha256: string;
    bytes: Buffer;
  }>) {
    if (createHash('sha256').update(row.bytes).digest('hex') !== row.sha256) {
      snapshotHashMismatches.push({ snapshotId: row.id, sha256: row.sha256 });
      problems.push(`policy snapshot #${row.id}: stored bytes do not match sha256 ${row.sha256}`);
    }
  }

  const emptyApps = (
    db
      .prepare(
        `SELECT name FROM apps a
         WHERE NOT EXISTS (SELECT 1 FROM policy_snapshots s WHERE s.app_id = a.id)
           AND NOT EXISTS (SELECT 1 FROM captures c WHERE c.app_id = a.id)
           AND NOT EXISTS (SELECT 1 FROM audits u WHERE u.app_id = a.id)
         ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);

  return {
    schemaVersion,
    expectedSchemaVersion,
    integrityErrors: integrity,
    foreignKeyViolations,
    invalidJson,
    snapshotHashMismatches,
    emptyApps,
    rowCounts: countRows(db),
    problems,
  };
}
