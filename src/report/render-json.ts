import type { ReportModel } from './report-model.js';

/** Canonical JSON view of the report (schema: docs/report-schema.md). */
export function renderJson(report: ReportModel): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
