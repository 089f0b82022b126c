import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../model/errors.js';

/** The store's handle type; only `src/store/` imports better-sqlite3. */
export type StoreDatabase = Database.Database;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN-name.sql` files in order; the number is the schema version it brings the database to. */
function readMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number.parseInt(file.slice(0, 3), 10),
      name: file,
      sql: readFileSync(MIGRATIONS_DIR + file, 'utf8'),
    }));
}

/** Schema version this build of claimcheck writes. */
export function currentSchemaVersion(): number {
  const migrations = readMigrations();
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Opens (creating if needed) a claimcheck database and brings its schema up to date.
 * WAL lets a report read while an import writes; the busy timeout makes a second writer wait
 * instead of failing at once. Each migration runs in its own transaction together with the
 * version bump, so a killed migration leaves the previous version intact.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): StoreDatabase {
  let db: StoreDatabase;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${path}: cannot open database (${detail})`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    migrate(db, path, options.readonly ?? false);
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB') {
      throw new ConfigError(`${path}: not a claimcheck database (not an SQLite file)`);
    }
    throw error;
  }
  return db;
}

function migrate(db: StoreDatabase, path: string, readonly: boolean): void {
  const migrations = readMigrations();
  const latest = migrations.at(-1)?.version ?? 0;
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > latest) {
    throw new ConfigError(
      `${path}: database schema version ${version} is newer than this claimcheck supports (${latest})`,
      'upgrade claimcheck, or use another --db',
    );
  }
  if (version === 0 && !readonly) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) {
      throw new ConfigError(`${path}: an SQLite database that is not claimcheck's`, 'pass another --db path');
    }
  }
  const pending = migrations.filter((m) => m.version > version);
  if (pending.length === 0) return;
  if (readonly) {
    throw new ConfigError(`${path}: database schema is out of date`, 'run any writing command once to migrate it');
  }
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
