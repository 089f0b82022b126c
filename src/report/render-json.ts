import type { ComparisonModel } from './compare-reports.js';
import { stringifyJsonSafely } from './escape-text.js';
import type { ReportModel } from './report-model.js';

/** Canonical JSON view of the report (schema: docs/report.schema.json, described in docs/report-schema.md). */
export function renderJson(report: ReportModel): string {
  return `${stringifyJsonSafely(report, 2)}\n`;
}

/** JSON view of a comparison of two audits (described in docs/report-schema.md). */
export function renderComparisonJson(comparison: ComparisonModel): string {
  return `${stringifyJsonSafely(comparison, 2)}\n`;
}
