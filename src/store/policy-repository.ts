import type { StoreDatabase } from './open-database.js';
import type { Claim } from '../model/claim.js';
import type { ExtractedPolicy, PolicyFormat, PolicySection, PolicySnapshot } from '../model/policy.js';

/** A claim as stored, with its row id for provenance in findings. */
export type StoredClaim = Claim & { id: number; snapshotId: number };

/** A stored policy snapshot without its raw bytes. */
export interface StoredSnapshot {
  id: number;
  appId: number;
  source: string;
  sha256: string;
  fetchedAt: string;
  format: PolicyFormat;
  title: string | null;
  text: string;
  extractorVersion: string;
}

/**
 * Stores a snapshot, its sections and claims in one transaction. The same bytes for the same app
 * are stored once: a second call returns the existing snapshot and `created: false`.
 */
export function insertPolicySnapshot(
  db: StoreDatabase,
  appId: number,
  snapshot: PolicySnapshot,
  extracted: ExtractedPolicy,
  claims: readonly Claim[],
  extractorVersion: string,
): { snapshotId: number; created: boolean } {
  const existing = db.prepare('SELECT id FROM policy_snapshots WHERE app_id = ? AND sha256 = ?').get(appId, snapshot.sha256) as
    | { id: number }
    | undefined;
  if (existing) return { snapshotId: existing.id, created: false };

  const snapshotId = Number(
    db
      .prepare(
        `INSERT INTO policy_snapshots (app_id, source, sha256, fetched_at, format, bytes, text, title, extractor_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(appId, snapshot.source, snapshot.sha256, snapshot.fetchedAt, snapshot.format, Buffer.from(snapshot.bytes), extracted.text, extracted.title, extractorVersion)
      .lastInsertRowid,
  );
  const insertSection = db.prepare(
    'INSERT INTO policy_sections (snapshot_id, ordinal, heading_path, span_start, span_end) VALUES (?, ?, ?, ?, ?)',
  );
  extracted.sections.forEach((section, ordinal) => {
    insertSection.run(snapshotId, ordinal, JSON.stringify(section.headingPath), section.span.start, section.span.end);
  });
  const insertClaim = db.prepare(
    `INSERT INTO claims (snapshot_id, kind, section_path, span_start, span_end, quote, polarity, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const claim of claims) {
    insertClaim.run(
      snapshotId,
      claim.kind,
      JSON.stringify(claim.sectionPath),
      claim.span.start,
      claim.span.end,
      claim.quote,
      claim.polarity,
      JSON.stringify(claim),
    );
  }
  return { snapshotId, created: true };
}

interface SnapshotRow {
  id: number;
  app_id: number;
  source: string;
  sha256: string;
  fetched_at: string;
  format: PolicyFormat;
  title: string | null;
  text: string;
  extractor_version: string;
}

function toSnapshot(row: SnapshotRow): StoredSnapshot {
  return {
    id: row.id,
    appId: row.app_id,
    source: row.source,
    sha256: row.sha256,
    fetchedAt: row.fetched_at,
    format: row.format,
    title: row.title,
    text: row.text,
    extractorVersion: row.extractor_version,
  };
}

/** The most recently fetched snapshot of an app's policy, or null when it has none. */
export function findLatestSnapshot(db: StoreDatabase, appId: number): StoredSnapshot | null {
  const row = db
    .prepare(
      `SELECT id, app_id, source, sha256, fetched_at, format, title, text, extractor_version
       FROM policy_snapshots WHERE app_id = ? ORDER BY fetched_at DESC, id DESC LIMIT 1`,
    )
    .get(appId) as SnapshotRow | undefined;
  return row ? toSnapshot(row) : null;
}

/** Claims of one snapshot in document order. */
export function loadClaims(db: StoreDatabase, snapshotId: number): StoredClaim[] {
  const rows = db.prepare('SELECT id, details FROM claims WHERE snapshot_id = ? ORDER BY span_start, id').all(snapshotId) as {
    id: number;
    details: string;
  }[];
  return rows.map((row) => ({ ...(JSON.parse(row.details) as Claim), id: row.id, snapshotId }));
}

/** A snapshot of an app by content hash (reports use it to show a quote in its section), or null. */
export function findSnapshotBySha(db: StoreDatabase, appId: number, sha256: string): StoredSnapshot | null {
  const row = db
    .prepare(
      `SELECT id, app_id, source, sha256, fetched_at, format, title, text, extractor_version
       FROM policy_snapshots WHERE app_id = ? AND sha256 = ?`,
    )
    .get(appId, sha256) as SnapshotRow | undefined;
  return row ? toSnapshot(row) : null;
}

/** Sections of one snapshot in document order. */
export function loadSections(db: StoreDatabase, snapshotId: number): PolicySection[] {
  const rows = db
    .prepare('SELECT heading_path, span_start, span_end FROM policy_sections WHERE snapshot_id = ? ORDER BY ordinal')
    .all(snapshotId) as { heading_path: string; span_start: number; span_end: number }[];
  return rows.map((row) => ({ headingPath: JSON.parse(row.heading_path) as string[], span: { start: row.span_start, end: row.span_end } }));
}

/** Every snapshot of an app's policy, oldest first (by fetch time, then insertion order). */
export function listSnapshots(db: StoreDatabase, appId: number): StoredSnapshot[] {
  const rows = db
    .prepare(
      `SELECT id, app_id, source, sha256, fetched_at, format, title, text, extractor_version
       FROM policy_snapshots WHERE app_id = ? ORDER BY fetched_at, id`,
    )
    .all(appId) as SnapshotRow[];
  return rows.map(toSnapshot);
}

/**
 * The snapshot in force at `atSeconds` (Unix time, e.g. a capture's first packet): the newest one
 * fetched at or before that moment. When every stored version was fetched later (the usual case of a
 * policy added after the capture), the fetch dates say nothing about which was in force, so the newest
 * is used, as without a time. Null when the app has no policy.
 */
export function findSnapshotInForce(db: StoreDatabase, appId: number, atSeconds: number | null): StoredSnapshot | null {
  if (atSeconds === null || !Number.isFinite(atSeconds)) return findLatestSnapshot(db, appId);
  const snapshots = listSnapshots(db, appId);
  const at = new Date(Math.round(atSeconds * 1000)).toISOString();
  const before = snapshots.filter((s) => s.fetchedAt <= at);
  return before[before.length - 1] ?? snapshots[snapshots.length - 1] ?? null;
}
