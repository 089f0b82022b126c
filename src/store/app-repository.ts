import type { StoreDatabase } from './open-database.js';
import { ConfigError } from '../model/errors.js';

/** An audited app as stored. */
export interface StoredApp {
  id: number;
  name: string;
  domains: string[];
}

/** Returns the app's id, creating the app on first use. Call inside the caller's transaction. */
export function ensureApp(db: StoreDatabase, name: string, now: Date): number {
  const existing = db.prepare('SELECT id FROM apps WHERE name = ?').get(name) as { id: number } | undefined;
  if (existing) return existing.id;
  const result = db.prepare('INSERT INTO apps (name, created_at) VALUES (?, ?)').run(name, now.toISOString());
  return Number(result.lastInsertRowid);
}

/** Records first-party domains of the app (its own servers are not third-party recipients). */
export function addAppDomains(db: StoreDatabase, appId: number, domains: readonly string[]): string[] {
  const insert = db.prepare('INSERT OR IGNORE INTO app_domains (app_id, domain) VALUES (?, ?)');
  // The domains this call recorded (those already known change nothing).
  return domains.map((d) => d.toLowerCase()).filter((domain) => insert.run(appId, domain).changes > 0);
}

/** Looks an app up by name; a missing app is a usage error naming the known apps. */
export function requireApp(db: StoreDatabase, name: string): StoredApp {
  const row = db.prepare('SELECT id, name FROM apps WHERE name = ?').get(name) as { id: number; name: string } | undefined;
  if (!row) {
    const known = (db.prepare('SELECT name FROM apps ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    throw new ConfigError(
      `no app named ${JSON.stringify(name)} in this database`,
      known.length > 0 ? `known apps: ${known.map((n) => JSON.stringify(n)).join(', ')}` : 'add a policy or import a capture with --app first',
    );
  }
  const domains = (db.prepare('SELECT domain FROM app_domains WHERE app_id = ? ORDER BY domain').all(row.id) as { domain: string }[]).map(
    (r) => r.domain,
  );
  return { id: row.id, name: row.name, domains };
}

/** The app's id, or null when no app has that name. */
export function findAppId(db: StoreDatabase, name: string): number | null {
  const row = db.prepare('SELECT id FROM apps WHERE name = ?').get(name) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * Other apps whose names differ from `name` only in letter case, spacing or Unicode form: when `name` is new, the user
 * has probably mistyped one of them ("m" or "M " for "M"), and a new app would silently split the evidence.
 */
export function findSimilarAppNames(db: StoreDatabase, name: string): string[] {
  const key = appNameKey(name);
  const names = (db.prepare('SELECT name FROM apps ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  return names.filter((other) => other !== name && appNameKey(other) === key);
}

function appNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Names of apps that have at least one stored audit (a batch run skips them when resuming). */
export function listAuditedAppNames(db: StoreDatabase): Set<string> {
  const rows = db.prepare('SELECT name FROM apps a WHERE EXISTS (SELECT 1 FROM audits u WHERE u.app_id = a.id)').all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}
