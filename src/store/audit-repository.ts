import type { AuditInputs, AuditResult, CountryMentionRecord, RecipientSummary } from '../model/audit.js';
import type { Finding } from '../model/finding.js';
import type { StoreDatabase } from './open-database.js';
import { ConfigError } from '../model/errors.js';

interface StoredAuditModel {
  inputs: AuditInputs;
  recipients: RecipientSummary[];
  /** Absent in audits stored before it was recorded. */
  countryMentions?: CountryMentionRecord[];
}

/** Stores an audit and its findings in one transaction; returns the audit id. */
export function saveAudit(
  db: StoreDatabase,
  appId: number,
  snapshotId: number | null,
  result: Omit<AuditResult, 'auditId' | 'appName' | 'appDomains'>,
): number {
  return db.transaction(() => {
    const model: StoredAuditModel = { inputs: result.inputs, recipients: result.recipients, ...(result.countryMentions ? { countryMentions: result.countryMentions } : {}) };
    const auditId = Number(
      db
        .prepare('INSERT INTO audits (app_id, created_at, tool_version, snapshot_id, model) VALUES (?, ?, ?, ?, ?)')
        .run(appId, result.createdAt, result.toolVersion, snapshotId, JSON.stringify(model)).lastInsertRowid,
    );
    const insert = db.prepare(
      'INSERT INTO findings (audit_id, ordinal, rule_id, severity, label, confidence, subject, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    result.findings.forEach((f, ordinal) => {
      insert.run(auditId, ordinal, f.ruleId, f.severity, f.label, f.confidence, f.subject, JSON.stringify(f));
    });
    return auditId;
  }).immediate();
}

/**
 * A JSON column as stored. claimcheck writes only valid JSON, so text that does not parse was damaged outside it (a
 * disk error, a hand edit): one line naming the row and pointing to `db check`, not a stack trace.
 */
function parseStoredJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`database damaged: ${where} is not valid JSON`, 'run: claimcheck db check');
  }
}

/** The latest audit of an app (or a given audit id), or null when it was never audited. */
export function loadAudit(db: StoreDatabase, app: { id: number; name: string; domains: string[] }, auditId?: number): AuditResult | null {
  const row = (
    auditId === undefined
      ? db.prepare('SELECT id, created_at, tool_version, model FROM audits WHERE app_id = ? ORDER BY id DESC LIMIT 1').get(app.id)
      : db.prepare('SELECT id, created_at, tool_version, model FROM audits WHERE app_id = ? AND id = ?').get(app.id, auditId)
  ) as { id: number; created_at: string; tool_version: string; model: string } | undefined;
  if (!row) return null;
  const model = parseStoredJson(row.model, `audits.model of audit #${row.id}`) as StoredAuditModel;
  const findings = (db.prepare('SELECT ordinal, data FROM findings WHERE audit_id = ? ORDER BY ordinal').all(row.id) as { ordinal: number; data: string }[]).map(
    (r) => parseStoredJson(r.data, `findings.data of audit #${row.id}, finding ${r.ordinal + 1}`) as Finding,
  );
  return {
    auditId: row.id,
    appName: app.name,
    // The list the audit ran with; an audit stored before it was recorded shows the app's list as it is now.
    appDomains: model.inputs.appDomains ?? app.domains,
    createdAt: row.created_at,
    toolVersion: row.tool_version,
    inputs: model.inputs,
    recipients: model.recipients,
    findings,
    ...(model.countryMentions ? { countryMentions: model.countryMentions } : {}),
  };
}

/** Ids and times of an app's audits, oldest first (for "which audits can I compare" hints). */
export function listAudits(db: StoreDatabase, appId: number): { id: number; createdAt: string }[] {
  return (db.prepare('SELECT id, created_at FROM audits WHERE app_id = ? ORDER BY id').all(appId) as { id: number; created_at: string }[]).map((r) => ({
    id: r.id,
    createdAt: r.created_at,
  }));
}
