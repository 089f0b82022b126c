import type { StoreDatabase } from './open-database.js';
import type { Claim } from '../model/claim.js';
import { PolicyError } from '../model/errors.js';
import type { ExtractedPolicy, PolicyFormat, PolicySection, PolicySnapshot } from '../model/policy.js';
import { pickSightingInForce, type PolicySighting } from './policy-timeline.js';

/** What a stored snapshot is: a version of the app's policy, or a page a policy links to. */
export type SnapshotRole = 'policy' | 'subprocessor-list';

/** The page a claim was read from when it is not the audited policy itself. */
export interface ClaimPage {
  kind: 'subprocessor-list';
  source: string;
  sha256: string;
}

/**
 * A claim as stored, with its row id for provenance in findings; `page` is set on claims loaded
 * from a page the policy links to ({@link loadLinkedClaims}).
 */
export type StoredClaim = Claim & { id: number; snapshotId: number; page?: ClaimPage };

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
  /** The date the user declared for an archived copy (`policy add --as-of`); absent for a copy read as current. */
  declaredDate?: string;
}

const SNAPSHOT_COLUMNS = 'id, app_id, source, sha256, fetched_at, format, title, text, extractor_version, declared_date';

const ROLE_NAMES: Record<SnapshotRole, string> = { policy: 'a policy version', 'subprocessor-list': 'a linked sub-processor list' };

/** What storing a snapshot did: the row, whether it is new, and for a policy version the sighting recorded. */
export interface InsertedSnapshot {
  snapshotId: number;
  created: boolean;
  /**
   * This reading of a policy version (null for a linked page): a new sighting, or, when the same bytes were already
   * recorded with the same declared date, that sighting again with `sightingRecorded: false`.
   */
  sighting: PolicySighting | null;
  sightingRecorded: boolean;
}

/**
 * Stores a snapshot, its sections and claims (call it inside a transaction). The same bytes for the
 * same app are stored once: a second call returns the existing snapshot and `created: false`, whose own
 * dates never change. Every call for a policy version also records a sighting (when and where it was read,
 * its declared date), so a version that comes back after another (v1, v2, v1) is in force again from its new
 * date; an archived copy given the same declared date again is not recorded twice. Bytes already stored in the
 * other role (a sub-processor page added as a policy, or the reverse) are refused, since one row cannot be
 * both a policy version and a page of one.
 */
export function insertPolicySnapshot(
  db: StoreDatabase,
  appId: number,
  snapshot: PolicySnapshot,
  extracted: ExtractedPolicy,
  claims: readonly Claim[],
  extractorVersion: string,
  role: SnapshotRole = 'policy',
): InsertedSnapshot {
  const existing = db.prepare('SELECT id, role FROM policy_snapshots WHERE app_id = ? AND sha256 = ?').get(appId, snapshot.sha256) as
    | { id: number; role: SnapshotRole }
    | undefined;
  if (existing && existing.role !== role) {
    throw new PolicyError(snapshot.source, `the same bytes are already stored for this app as ${ROLE_NAMES[existing.role]} (snapshot #${existing.id})`);
  }
  if (existing) {
    if (role !== 'policy') return { snapshotId: existing.id, created: false, sighting: null, sightingRecorded: false };
    return { snapshotId: existing.id, created: false, ...recordSighting(db, existing.id, snapshot) };
  }
  const declaredDate = role === 'policy' ? (snapshot.declaredDate ?? null) : null;

  const snapshotId = Number(
    db
      .prepare(
        `INSERT INTO policy_snapshots (app_id, source, sha256, fetched_at, format, bytes, text, title, extractor_version, role, declared_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(appId, snapshot.source, snapshot.sha256, snapshot.fetchedAt, snapshot.format, Buffer.from(snapshot.bytes), extracted.text, extracted.title, extractorVersion, role, declaredDate)
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
  if (role !== 'policy') return { snapshotId, created: true, sighting: null, sightingRecorded: false };
  return { snapshotId, created: true, ...recordSighting(db, snapshotId, snapshot) };
}

/**
 * Records that a policy version was read now from `snapshot.source` (dated `snapshot.declaredDate` if an archived
 * copy). The same archived date for the same version twice says nothing new, so the sighting already recorded is
 * returned instead; a copy read as current is always recorded (its read time is new evidence).
 */
function recordSighting(db: StoreDatabase, snapshotId: number, snapshot: PolicySnapshot): { sighting: PolicySighting; sightingRecorded: boolean } {
  if (snapshot.declaredDate !== undefined) {
    const same = db
      .prepare(`SELECT ${SIGHTING_COLUMNS} FROM policy_sightings g JOIN policy_snapshots s ON s.id = g.snapshot_id WHERE g.snapshot_id = ? AND g.declared_date = ? ORDER BY g.id LIMIT 1`)
      .get(snapshotId, snapshot.declaredDate) as SightingRow | undefined;
    if (same) return { sighting: toSighting(same), sightingRecorded: false };
  }
  const id = Number(
    db
      .prepare('INSERT INTO policy_sightings (snapshot_id, source, read_at, declared_date) VALUES (?, ?, ?, ?)')
      .run(snapshotId, snapshot.source, snapshot.fetchedAt, snapshot.declaredDate ?? null).lastInsertRowid,
  );
  const sighting: PolicySighting = {
    id,
    snapshotId,
    sha256: snapshot.sha256,
    source: snapshot.source,
    readAt: snapshot.fetchedAt,
    ...(snapshot.declaredDate !== undefined ? { declaredDate: snapshot.declaredDate } : {}),
  };
  return { sighting, sightingRecorded: true };
}

const SIGHTING_COLUMNS = 'g.id, g.snapshot_id, s.sha256, g.source, g.read_at, g.declared_date';

interface SightingRow {
  id: number;
  snapshot_id: number;
  sha256: string;
  source: string;
  read_at: string;
  declared_date: string | null;
}

function toSighting(row: SightingRow): PolicySighting {
  return {
    id: row.id,
    snapshotId: row.snapshot_id,
    sha256: row.sha256,
    source: row.source,
    readAt: row.read_at,
    ...(row.declared_date !== null ? { declaredDate: row.declared_date } : {}),
  };
}

/**
 * Every sighting of an app's policy versions (linked pages have none), in timeline order: by declared date, else
 * read time, then in the order they were recorded (ISO text sorts in time order; a bare date before every time of its day).
 */
export function listPolicySightings(db: StoreDatabase, appId: number): PolicySighting[] {
  const rows = db
    .prepare(
      `SELECT ${SIGHTING_COLUMNS}
       FROM policy_sightings g JOIN policy_snapshots s ON s.id = g.snapshot_id
       WHERE s.app_id = ? AND s.role = 'policy' ORDER BY COALESCE(g.declared_date, g.read_at), g.id`,
    )
    .all(appId) as SightingRow[];
  return rows.map(toSighting);
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
  declared_date: string | null;
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
    ...(row.declared_date !== null ? { declaredDate: row.declared_date } : {}),
  };
}

/** The version of an app's policy seen last (its latest sighting, by declared date, else read time), or null when it has none. */
export function findLatestSnapshot(db: StoreDatabase, appId: number): StoredSnapshot | null {
  return findSnapshotInForce(db, appId, null);
}

/** A snapshot by row id, or null. */
function findSnapshotById(db: StoreDatabase, snapshotId: number): StoredSnapshot | null {
  const row = db.prepare(`SELECT ${SNAPSHOT_COLUMNS} FROM policy_snapshots WHERE id = ?`).get(snapshotId) as SnapshotRow | undefined;
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
      `SELECT ${SNAPSHOT_COLUMNS}
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

/**
 * Every version of an app's policy (linked pages excluded), each once with its own (first) source and dates, oldest
 * first: by its earliest sighting (declared date, else read time), then insertion order.
 */
export function listSnapshots(db: StoreDatabase, appId: number): StoredSnapshot[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.app_id, s.source, s.sha256, s.fetched_at, s.format, s.title, s.text, s.extractor_version, s.declared_date
       FROM policy_snapshots s
       LEFT JOIN (SELECT snapshot_id, MIN(COALESCE(declared_date, read_at)) AS since FROM policy_sightings GROUP BY snapshot_id) g ON g.snapshot_id = s.id
       WHERE s.app_id = ? AND s.role = 'policy' ORDER BY COALESCE(g.since, s.declared_date, s.fetched_at), s.id`,
    )
    .all(appId) as SnapshotRow[];
  return rows.map(toSnapshot);
}

/**
 * The version in force at `atSeconds` (Unix time, e.g. a capture's first packet): the snapshot of the latest
 * sighting dated (declared date of an archived copy, else read time) at or before that moment, so a version that
 * changed back (v1, v2, v1) is in force again after its return. A declared date alone ('2024-03-01') counts from
 * that day's first moment in UTC. When every sighting is dated later (the usual case of a policy added after the
 * capture), the dates say nothing about which was in force, so the version seen last is used, as without a time.
 * The snapshot keeps its own (first) source and dates. Null when the app has no policy.
 */
export function findSnapshotInForce(db: StoreDatabase, appId: number, atSeconds: number | null): StoredSnapshot | null {
  return findVersionInForce(db, appId, atSeconds)?.snapshot ?? null;
}

/**
 * {@link findSnapshotInForce} with the sighting that chose the version (its source and dates may be a later
 * reading's) and the whole timeline it was chosen from, so that callers need not read it again.
 */
export function findVersionInForce(
  db: StoreDatabase,
  appId: number,
  atSeconds: number | null,
): { snapshot: StoredSnapshot; sighting: PolicySighting; sightings: PolicySighting[] } | null {
  const at = atSeconds === null || !Number.isFinite(atSeconds) ? null : new Date(Math.round(atSeconds * 1000)).toISOString();
  const sightings = listPolicySightings(db, appId);
  const sighting = pickSightingInForce(sightings, at);
  const snapshot = sighting ? findSnapshotById(db, sighting.snapshotId) : null;
  return sighting && snapshot ? { snapshot, sighting, sightings } : null;
}

/** How a policy snapshot links to a page stored as a snapshot of its own. */
export interface PolicyLinkRow {
  /** The link resolved against the policy's source: a URL or a file path. */
  url: string;
  /** The link as written in the policy. */
  href: string;
  linkText: string;
  /** When the page was fetched for this link (ISO 8601). */
  fetchedAt: string;
}

/**
 * Ties a stored page to the policy snapshot that links to it, and returns whether the tie is new.
 * Fetching again the version the link already reads changes nothing; fetching an earlier version
 * again (the list changed back) moves that tie's fetch time forward, so audits read it again.
 */
export function insertPolicyLink(db: StoreDatabase, policySnapshotId: number, linkedSnapshotId: number, link: PolicyLinkRow): boolean {
  const result = db
    .prepare('INSERT OR IGNORE INTO policy_links (policy_snapshot_id, linked_snapshot_id, url, href, link_text, fetched_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(policySnapshotId, linkedSnapshotId, link.url, link.href, link.linkText, link.fetchedAt);
  if (result.changes > 0) return true;
  const current = newestLinkedRows(db, policySnapshotId).find((row) => row.url === link.url);
  if (current !== undefined && current.id !== linkedSnapshotId) {
    db.prepare('UPDATE policy_links SET fetched_at = ? WHERE policy_snapshot_id = ? AND linked_snapshot_id = ?').run(link.fetchedAt, policySnapshotId, linkedSnapshotId);
  }
  return false;
}

/**
 * The pages a policy snapshot links to, as audits read them: for each link, the most recently
 * fetched version of the page (a list re-fetched when the same policy is added again may have changed).
 */
export function findLinkedSnapshots(db: StoreDatabase, policySnapshotId: number): StoredSnapshot[] {
  return newestLinkedRows(db, policySnapshotId).map(toSnapshot);
}

/** For each link of a policy snapshot, the page version fetched last for it (by the link's fetch time). */
function newestLinkedRows(db: StoreDatabase, policySnapshotId: number): (SnapshotRow & { url: string })[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.app_id, s.source, s.sha256, s.fetched_at, s.format, s.title, s.text, s.extractor_version, s.declared_date, l.url
       FROM policy_links l JOIN policy_snapshots s ON s.id = l.linked_snapshot_id
       WHERE l.policy_snapshot_id = ? ORDER BY l.url, COALESCE(l.fetched_at, s.fetched_at) DESC, s.id DESC`,
    )
    .all(policySnapshotId) as (SnapshotRow & { url: string })[];
  const newest = new Map<string, SnapshotRow & { url: string }>();
  for (const row of rows) if (!newest.has(row.url)) newest.set(row.url, row);
  return [...newest.values()];
}

/** Claims of the pages a policy snapshot links to, each marked with the page it was read from. */
export function loadLinkedClaims(db: StoreDatabase, policySnapshotId: number): StoredClaim[] {
  return findLinkedSnapshots(db, policySnapshotId).flatMap((page) => {
    const origin: ClaimPage = { kind: 'subprocessor-list', source: page.source, sha256: page.sha256 };
    return loadClaims(db, page.id).map((claim) => ({ ...claim, page: origin }));
  });
}
