import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtml } from '../report/render-html.js';
import { renderJson } from '../report/render-json.js';
import { renderMarkdown } from '../report/render-markdown.js';
import type { ReportModel } from '../report/report-model.js';

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Record<ReportFormat, (report: ReportModel) => string> = {
  md: renderMarkdown,
  html: renderHtml,
  json: renderJson,
};

/**
 * Writes report.<format> files into `outDir`. File names are fixed (never derived from input
 * text), and each file is written to a temporary name then renamed, so a reader never sees half a report.
 */
export function writeReports(report: ReportModel, outDir: string, formats: readonly ReportFormat[]): string[] {
  mkdirSync(outDir, { recursive: true });
  return formats.map((format) => {
    const path = join(outDir, `report.${format}`);
    const temporary = `${path}.tmp-${process.pid}`;
    writeFileSync(temporary, RENDERERS[format](report), 'utf8');
    renameSync(temporary, path);
    return path;
  });
}
