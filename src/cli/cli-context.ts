import { existsSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import type { AuditDependencies } from '../audit/run-audit.js';
import { EntityCatalog } from '../enrich/entity-catalog.js';
import { findSharedPlatformDomain } from '../enrich/tenant-namespace.js';
import { mergeUserEntities } from '../enrich/merge-user-entities.js';
import { listUserEntities } from '../store/entity-repository.js';
import { describeDataSources as describeShippedDataSources } from '../enrich/describe-data-sources.js';
import { lookupIpNetwork } from '../enrich/ip-network-database.js';
import { readToolVersion } from '../package-root.js';
import type { AuditDataSource } from '../model/audit.js';
import { openDatabase, type StoreDatabase } from '../store/open-database.js';
import { translateStoreError } from '../store/translate-store-error.js';
import { findAppId, findSimilarAppNames } from '../store/app-repository.js';
import { safeTerminalLine } from './terminal-text.js';

/**
 * Warns on stderr when a command is about to create an app whose name differs from an existing app's only in letter
 * case or spacing: the user has probably mistyped it, and the evidence would be split between two apps.
 */
export function warnAboutSimilarAppName(db: StoreDatabase, name: string): void {
  if (findAppId(db, name) !== null) return;
  const similar = findSimilarAppNames(db, name);
  if (similar.length === 0) return;
  process.stderr.write(
    `claimcheck: warning: creating a new app ${safeTerminalLine(JSON.stringify(name))}; this database already has ${similar.map((n) => safeTerminalLine(JSON.stringify(n))).join(', ')} (app names are exact: letter case and spaces count)\n`,
  );
}

/** Options every command shares (declared on the root program). */
export interface GlobalOptions {
  db: string;
}

/** Reads the root program's global options from any sub-command. */
export function readGlobalOptions(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<GlobalOptions>();
}

/** Whether a command may create the database (import, policy add) or needs one that exists (audit, report). */
export type DatabaseUse = 'create-if-missing' | 'must-exist';

/**
 * Opens the database named by --db and runs `work` with it, closing it afterwards. Commands that
 * read what earlier commands stored pass 'must-exist', so a mistyped --db is an error rather than
 * a new empty file left behind.
 */
export async function withDatabase<T>(
  command: Command,
  work: (db: StoreDatabase) => Promise<T> | T,
  use: DatabaseUse = 'create-if-missing',
): Promise<T> {
  const path = readGlobalOptions(command).db;
  const creating = use === 'create-if-missing' && path !== ':memory:' && !existsSync(path);
  const db = openDatabase(path, { mustExist: use === 'must-exist' });
  let failed = false;
  try {
    return await work(db);
  } catch (error) {
    failed = true;
    // A busy, full or corrupt database is the user's situation to fix, not a claimcheck bug.
    throw translateStoreError(error, path);
  } finally {
    // A refused first import into a new --db leaves no schema-only file behind (trial 9), unless another process
    // stored something in it meanwhile.
    const leaveNoFile = failed && creating && holdsNoData(db);
    db.close();
    if (leaveNoFile) for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
  }
}

/** True when every table of the database is empty: it holds the schema and nothing a command stored. */
function holdsNoData(db: StoreDatabase): boolean {
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    return tables.every((table) => db.prepare(`SELECT 1 FROM "${table.replaceAll('"', '""')}" LIMIT 1`).get() === undefined);
  } catch {
    return false;
  }
}

let catalog: EntityCatalog | null = null;

/** The built-in entity catalog, loaded once. */
export function loadCatalog(): EntityCatalog {
  catalog ??= EntityCatalog.loadDefault();
  return catalog;
}

/** The built-in catalog with the lists imported into this database (`entities import`) merged in. */
export function loadCatalogWithUserEntities(db: StoreDatabase): EntityCatalog {
  return mergeUserEntities(loadCatalog(), listUserEntities(db)).catalog;
}

/** Production dependencies of an audit: real clock, shipped data, recorded with the audit. */
export function createAuditDependencies(): AuditDependencies {
  const toolVersion = readToolVersion();
  return { catalog: loadCatalog(), network: lookupIpNetwork, now: () => new Date(), toolVersion, dataSources: describeDataSources() };
}

/** Data sets named in a report's methodology when its audit did not record them (audits of older versions). */
export function describeDataSources(): AuditDataSource[] {
  return describeShippedDataSources(loadCatalog(), readToolVersion());
}

/** Warns about `--app-domain` values that a hosting platform shares among its customers; audits leave them out. */
export function warnAboutSharedAppDomains(domains: readonly string[]): void {
  for (const domain of domains) {
    const platform = findSharedPlatformDomain(domain);
    if (platform === null) continue;
    process.stderr.write(
      `claimcheck: warning: --app-domain ${safeTerminalLine(domain)} is shared by every customer of ${safeTerminalLine(platform.service)}, so audits do not count it as the app's own; give the app's own host under it (e.g. myapp.${safeTerminalLine(platform.suffix)})\n`,
    );
  }
}
