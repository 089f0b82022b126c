import type { AuditResult } from '../model/audit.js';
import { ConfigError } from '../model/errors.js';
import type { PolicyText } from '../report/quote-context.js';
import { buildReportModel, type ReportContext, type ReportModel } from '../report/report-model.js';
import type { StoredApp } from '../store/app-repository.js';
import { listAudits, loadAudit } from '../store/audit-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import { findSnapshotBySha, loadSections } from '../store/policy-repository.js';

/**
 * The stored texts of every policy snapshot an audit quotes, so the report can show each quote in
 * its section. A snapshot deleted since the audit is skipped: its quotes are then shown alone.
 */
export function loadPolicyTexts(db: StoreDatabase, appId: number, audit: AuditResult): PolicyText[] {
  const hashes = new Set(audit.findings.flatMap((f) => f.policyEvidence.map((p) => p.snapshotSha256)));
  return [...hashes].sort().flatMap((sha256) => {
    const snapshot = findSnapshotBySha(db, appId, sha256);
    return snapshot ? [{ sha256, text: snapshot.text, sections: loadSections(db, snapshot.id) }] : [];
  });
}

/**
 * Loads one audit of an app (the latest when `auditId` is undefined); a missing audit is a usage
 * error that lists the audits there are.
 */
export function requireAudit(db: StoreDatabase, app: StoredApp, auditId?: number): AuditResult {
  const audit = loadAudit(db, app, auditId);
  if (audit) return audit;
  const known = listAudits(db, app.id);
  if (known.length === 0) {
    throw new ConfigError(`app ${JSON.stringify(app.name)} has not been audited yet`, `run: claimcheck audit --app ${JSON.stringify(app.name)}`);
  }
  throw new ConfigError(
    `app ${JSON.stringify(app.name)} has no audit #${String(auditId)}`,
    `its audits: ${known.map((a) => `#${a.id} (${a.createdAt})`).join(', ')}`,
  );
}

/** Builds the report model of a stored audit, with each policy quote in its section context. */
export function buildStoredReport(db: StoreDatabase, app: StoredApp, audit: AuditResult, context: Omit<ReportContext, 'policyTexts'>): ReportModel {
  return buildReportModel(audit, { ...context, policyTexts: loadPolicyTexts(db, app.id, audit) });
}
