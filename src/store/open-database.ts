import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../model/errors.js';
import { translateStoreError } from './translate-store-error.js';

/** The store's handle type; only `src/store/` imports better-sqlite3. */
export type StoreDatabase = BetterSqlite3.Database;

/**
 * better-sqlite3, loaded with `require` (it is CommonJS: an ES import would first scan it for export
 * names), and its compiled addon where its install puts it (`build/Release`), so that the `bindings`
 * package does not search a dozen directories for it on every command. Anywhere else, better-sqlite3
 * finds its addon itself.
 */
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as typeof BetterSqlite3;
const ADDON = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const nativeBinding = existsSync(ADDON) ? ADDON : undefined;

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** One schema step: `NNN-name.sql` brings the database to version NNN. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN-name.sql` files in order; the number is the schema version it brings the database to. */
export function readMigrations(): Migration[] {
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

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Open without writing (no migration, no journal-mode change); the file must exist. */
  readonly?: boolean;
  /** Refuse to create the file: for commands that only make sense on a database that has data. */
  mustExist?: boolean;
  /** How long a writer waits for another process's write lock before failing (default 15 s). */
  busyTimeoutMs?: number;
}

/**
 * Writers hold the lock only while writing rows already parsed in memory (seconds at most for a
 * huge capture), so waiting this long serialises concurrent commands instead of failing them.
 */
const DEFAULT_BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens (creating if needed) a claimcheck database and brings its schema up to date.
 * WAL lets a report read while an import writes; the busy timeout makes a second writer wait
 * instead of failing at once. Each migration runs in its own transaction together with the
 * version bump, so a killed migration leaves the previous version intact.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): StoreDatabase {
  let db: StoreDatabase;
  try {
    const readonly = options.readonly ?? false;
    db = new Database(path, { readonly, fileMustExist: readonly || (options.mustExist ?? false), ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    if ((options.mustExist || options.readonly) && !existsSync(path)) throw new ConfigError(`${path}: no such database (import a capture or add a policy to create it)`);
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${path}: cannot open database (${detail})`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
    db.pragma('foreign_keys = ON');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    migrateDatabase(db, path, options.readonly ?? false);
  } catch (error) {
    db.close();
    throw translateStoreError(error, path);
  }
  return db;
}

/**
 * Brings a database's schema to the latest of `migrations`. Each migration runs in its own
 * immediate transaction together with its `user_version` bump, and the version is read again
 * inside that transaction: two processes opening a fresh database at once serialise on the write
 * lock and the second finds the work done, and a kill mid-migration leaves the previous version.
 * @throws ConfigError for a database from a newer claimcheck, a foreign SQLite file, or an
 *   out-of-date schema opened read-only.
 */
export function migrateDatabase(db: StoreDatabase, path: string, readonly: boolean, migrations: readonly Migration[] = readMigrations()): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const readVersion = (): number => Number(db.pragma('user_version', { simple: true }));
  const refuseNewer = (version: number): void => {
    if (version > latest) {
      throw new ConfigError(
        `${path}: database schema version ${version} is newer than this claimcheck supports (${latest})`,
        'upgrade claimcheck, or use another --db',
      );
    }
  };
  const initial = readVersion();
  refuseNewer(initial);
  const pending = migrations.filter((m) => m.version > initial);
  if (pending.length === 0) return;
  if (readonly) {
    throw new ConfigError(`${path}: database schema is out of date`, 'run any writing command once to migrate it');
  }
  for (const migration of pending) {
    db.transaction(() => {
      const version = readVersion();
      refuseNewer(version);
      if (version >= migration.version) return;
      if (version === 0) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (tables.n > 0) throw new ConfigError(`${path}: an SQLite database that is not claimcheck's`, 'pass another --db path');
      }
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is an integer parsed from a file name.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    }).immediate();
  }
}
