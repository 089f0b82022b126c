/**
 * The fixed report fixture: a frozen audit of the bundled example (plus a second capture, a
 * hosting-only recipient, and the sub-processor list of test/fixtures/policies/subprocessors as linked
 * from the policy: a grouped claimed-not-observed finding, and list rows quoted by undisclosed-country),
 * its policy and list texts, rules and data sources, with clock and version fixed.
 * Built from files, not from the live rules or registry, so the golden files change only when the
 * renderers do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditResult } from '../../src/model/audit.js';
import type { PolicyText } from '../../src/report/quote-context.js';
import { buildReportModel, type DataSource, type ReportModel } from '../../src/report/report-model.js';
import type { RuleMeta } from '../../src/rules/rule.js';

export const FIXTURE_DIR = join('test', 'fixtures', 'report');

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as T;
}

/** The frozen audit (a fresh copy each call, so tests may change it). */
export function loadFixtureAudit(): AuditResult {
  return readJson<AuditResult>('audit.json');
}

/** The report model of an audit with the fixture's fixed clock, version, rules, data sources and policy text. */
export function buildFixtureReport(audit: AuditResult = loadFixtureAudit()): ReportModel {
  return buildReportModel(audit, {
    generatedAt: new Date('2026-11-20T10:30:00.000Z'),
    toolVersion: '0.0.0-golden',
    rules: readJson<RuleMeta[]>('rules.json'),
    dataSources: readJson<DataSource[]>('data-sources.json'),
    policyTexts: readJson<PolicyText[]>('policy-texts.json'),
    workingDirectory: '/home/researcher/audits',
  });
}
