import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonModel } from '../report/compare-reports.js';
import { renderComparisonHtml } from '../report/render-comparison-html.js';
import { renderComparisonMarkdown } from '../report/render-comparison-markdown.js';
import { renderHtml } from '../report/render-html.js';
import { renderComparisonJson, renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-markdown.js';
import type { ReportModel } from '../report/report-model.js';
import { ensureOutputDirectory, writeOutputFile } from './ensure-output-directory.js';

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats a comparison of two audits is written in. */
export const COMPARISON_FORMATS = REPORT_FORMATS;
export type ComparisonFormat = ReportFormat;

const RENDERERS: Record<ReportFormat, (report: ReportModel) => string> = {
  md: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};

const COMPARISON_RENDERERS: Record<ComparisonFormat, (comparison: ComparisonModel) => string> = {
  md: renderComparisonMarkdown,
  html: renderComparisonHtml,
  json: renderComparisonJson,
};

/** Writes one file via a temporary name and a rename, so a reader never sees half a report. */
export function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeOutputFile(path, () => {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, path);
  });
}

/**
 * Writes report.<format> files into `outDir`. File names are fixed (never derived from input
 * text), and each file is written to a temporary name then renamed, so a reader never sees half a report.
 */
export function writeReports(report: ReportModel, outDir: string, formats: readonly ReportFormat[]): string[] {
  ensureOutputDirectory(outDir);
  return formats.map((format) => {
    const path = join(outDir, `report.${format}`);
    writeAtomically(path, RENDERERS[format](report));
    return path;
  });
}

/** Writes compare-<before>-to-<after>.<format> files into `outDir` (names from audit ids only). */
export function writeComparison(comparison: ComparisonModel, outDir: string, formats: readonly ComparisonFormat[]): string[] {
  ensureOutputDirectory(outDir);
  return formats.map((format) => {
    const path = join(outDir, `compare-${comparison.before.id}-to-${comparison.after.id}.${format}`);
    writeAtomically(path, COMPARISON_RENDERERS[format](comparison));
    return path;
  });
}
