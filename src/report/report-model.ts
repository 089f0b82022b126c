import type { AuditInputs, AuditResult, RecipientSummary } from '../model/audit.js';
import type { Finding, Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import type { RuleMeta } from '../rules/rule.js';

/** Version of the JSON report schema (docs/report-schema.md); bump on any incompatible change. */
export const REPORT_SCHEMA_VERSION = '1.0.0';

/** A data set the audit relied on, named with version and licence for the methodology section. */
export interface DataSource {
  name: string;
  version: string;
  licence: string;
  attribution: string;
}

/** The deterministic report model; Markdown, HTML and JSON are views of it. */
export interface ReportModel {
  schemaVersion: string;
  generator: { name: 'claimcheck'; version: string };
  generatedAt: string;
  app: { name: string; domains: string[] };
  audit: { id: number; createdAt: string };
  inputs: AuditInputs;
  summary: {
    findings: number;
    bySeverity: Record<Severity, number>;
    byRule: Record<string, number>;
  };
  recipients: RecipientSummary[];
  findings: Finding[];
  rules: RuleMeta[];
  dataSources: DataSource[];
}

/** Builds the report model from a stored audit; clock and version are injected for reproducible output. */
export function buildReportModel(
  audit: AuditResult,
  context: { generatedAt: Date; toolVersion: string; rules: readonly RuleMeta[]; dataSources: readonly DataSource[] },
): ReportModel {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = Object.fromEntries(context.rules.map((r) => [r.id, 0]));
  for (const finding of audit.findings) {
    bySeverity[finding.severity] += 1;
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'claimcheck', version: context.toolVersion },
    generatedAt: context.generatedAt.toISOString(),
    app: { name: audit.appName, domains: audit.appDomains },
    audit: { id: audit.auditId, createdAt: audit.createdAt },
    inputs: audit.inputs,
    summary: { findings: audit.findings.length, bySeverity, byRule },
    recipients: audit.recipients,
    findings: audit.findings,
    rules: [...context.rules],
    dataSources: [...context.dataSources],
  };
}
