import type { StoreDatabase } from './open-database.js';

/** A row value as exported: SQLite gives numbers, text and nulls for these tables. */
export type ExportValue = string | number | null;

/** Tables that `claimcheck export` writes, each one query over the store. */
export const EXPORT_SOURCES = ['apps', 'captures', 'policy_snapshots', 'policy_sightings', 'flows', 'claims', 'findings'] as const;
export type ExportSource = (typeof EXPORT_SOURCES)[number];

/**
 * One query per exported table, denormalised with the app name and input hashes so that each
 * file is usable on its own. `:app` is null for every app. Findings come from each app's latest
 * audit only: older audits are history, and mixing them would count findings twice.
 */
const QUERIES: Record<ExportSource, string> = {
  apps: `SELECT a.id AS app_id, a.name AS app_name, a.created_at,
           (SELECT group_concat(domain, ' ') FROM (SELECT domain FROM app_domains d WHERE d.app_id = a.id ORDER BY domain)) AS app_domains
         FROM apps a WHERE :app IS NULL OR a.id = :app ORDER BY a.id`,
  captures: `SELECT c.id AS capture_id, c.app_id, a.name AS app_name, c.file_name, c.sha256, c.format, c.size_bytes, c.packet_count,
               c.first_time, c.last_time, c.imported_at, c.warning_count
             FROM captures c JOIN apps a ON a.id = c.app_id WHERE :app IS NULL OR c.app_id = :app ORDER BY c.id`,
  policy_snapshots: `SELECT s.id AS snapshot_id, s.app_id, a.name AS app_name, s.source, s.sha256, s.fetched_at, s.format, s.title,
                       s.extractor_version, length(s.bytes) AS size_bytes, s.role,
                       (SELECT group_concat(policy_snapshot_id, ' ') FROM (SELECT policy_snapshot_id FROM policy_links l
                          WHERE l.linked_snapshot_id = s.id ORDER BY policy_snapshot_id)) AS linked_from_snapshot_ids,
                       s.declared_date
                     FROM policy_snapshots s JOIN apps a ON a.id = s.app_id WHERE :app IS NULL OR s.app_id = :app ORDER BY s.id`,
  // Timeline order, as audits read it (policy-repository.ts listPolicySightings): declared date, else read time, then insertion.
  policy_sightings: `SELECT g.id AS sighting_id, s.app_id, a.name AS app_name, g.snapshot_id, s.sha256 AS snapshot_sha256, g.source, g.read_at,
                       g.declared_date
                     FROM policy_sightings g JOIN policy_snapshots s ON s.id = g.snapshot_id JOIN apps a ON a.id = s.app_id
                     WHERE :app IS NULL OR s.app_id = :app ORDER BY s.app_id, COALESCE(g.declared_date, g.read_at), g.id`,
  flows: `SELECT f.id AS flow_id, c.app_id, a.name AS app_name, f.capture_id, c.sha256 AS capture_sha256, f.protocol, f.client, f.client_port,
            f.server, f.server_port, f.packets, f.bytes, f.payload_bytes, f.client_packets, f.client_bytes, f.client_payload_bytes,
            f.server_packets, f.server_bytes, f.server_payload_bytes, f.first_time, f.last_time, f.first_frame, f.last_frame,
            f.encryption, f.host_names, f.http_requests
          FROM flows f JOIN captures c ON c.id = f.capture_id JOIN apps a ON a.id = c.app_id
          WHERE :app IS NULL OR c.app_id = :app ORDER BY f.id`,
  claims: `SELECT k.id AS claim_id, s.app_id, a.name AS app_name, k.snapshot_id, s.sha256 AS snapshot_sha256, k.kind, k.polarity,
             k.section_path, k.span_start, k.span_end, k.quote, k.details
           FROM claims k JOIN policy_snapshots s ON s.id = k.snapshot_id JOIN apps a ON a.id = s.app_id
           WHERE :app IS NULL OR s.app_id = :app ORDER BY k.id`,
  findings: `SELECT f.id AS finding_id, u.app_id, a.name AS app_name, f.audit_id, u.created_at AS audited_at, u.tool_version,
               f.ordinal, f.rule_id, f.severity, f.label, f.confidence, f.subject, json_extract(f.data, '$.title') AS title, f.data
             FROM findings f JOIN audits u ON u.id = f.audit_id JOIN apps a ON a.id = u.app_id
             WHERE u.id = (SELECT max(id) FROM audits latest WHERE latest.app_id = u.app_id)
               AND (:app IS NULL OR u.app_id = :app)
             ORDER BY u.app_id, f.ordinal`,
};

/**
 * Streams the rows of one exported table (all apps, or one app by id) without loading them all:
 * a flows table can hold millions of rows.
 */
export function iterateExportRows(db: StoreDatabase, source: ExportSource, appId: number | null): IterableIterator<Record<string, ExportValue>> {
  return db.prepare(QUERIES[source]).iterate({ app: appId }) as IterableIterator<Record<string, ExportValue>>;
}
