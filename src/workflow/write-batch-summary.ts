import { renameSync, writeFileSync } from 'node:fs';
import { ensureOutputDirectory } from './ensure-output-directory.js';
import { join } from 'node:path';
import { escapeHtml, stripControlCharacters } from '../report/escape-text.js';
import type { BatchOutcome } from './run-batch.js';

/** One line of the summary table, as text. */
interface SummaryRow {
  app: string;
  status: string;
  audit: string;
  findings: string;
  high: string;
  omitted: string;
  vague: string;
  incorrect: string;
  consistent: string;
  recipients: string;
  countries: string;
  message: string;
}

const HEADERS: Record<keyof SummaryRow, string> = {
  app: 'app',
  status: 'status',
  audit: 'audit',
  findings: 'findings',
  high: 'high',
  omitted: 'omitted',
  vague: 'vague',
  incorrect: 'incorrect',
  // Findings are never 'consistent' (a finding is a discrepancy), so this counts the recipients the policy names.
  consistent: 'consistent recipients',
  recipients: 'third-party recipients (label)',
  countries: 'countries',
  message: 'error',
};

function summarise(outcome: BatchOutcome): SummaryRow {
  const audit = outcome.audit;
  const findings = audit?.findings ?? [];
  const countLabel = (label: string): string => (audit ? String(findings.filter((f) => f.label === label).length) : '');
  const thirdParty = (audit?.recipients ?? []).filter((r) => r.relation === 'recipient');
  const countries = [...new Set((audit?.recipients ?? []).flatMap((r) => r.countries))].sort();
  return {
    app: outcome.app,
    status: outcome.status,
    audit: audit ? String(audit.auditId) : '',
    findings: audit ? String(findings.length) : '',
    high: audit ? String(findings.filter((f) => f.severity === 'high').length) : '',
    omitted: countLabel('omitted'),
    vague: countLabel('vague'),
    incorrect: countLabel('incorrect'),
    consistent: audit ? String(thirdParty.filter((r) => r.label === 'consistent').length) : '',
    recipients: thirdParty.map((r) => `${r.organisation}${r.label ? ` (${r.label})` : ''}`).join('; '),
    countries: countries.join(' '),
    message: outcome.message ?? '',
  };
}

/**
 * A CSV cell for people: RFC 4180 quoting, and a leading quote mark before `=`, `+`, `-`, `@`
 * (or tab/CR) so a spreadsheet never evaluates a policy's or capture's text as a formula.
 */
function encodeCell(text: string): string {
  const clean = stripControlCharacters(text);
  const safe = /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function renderCsv(rows: readonly SummaryRow[]): string {
  const keys = Object.keys(HEADERS) as (keyof SummaryRow)[];
  return [keys.map((k) => encodeCell(HEADERS[k])), ...rows.map((row) => keys.map((k) => encodeCell(row[k])))].map((cells) => `${cells.join(',')}\r\n`).join('');
}

function renderHtml(rows: readonly SummaryRow[], generatedAt: string): string {
  const keys = Object.keys(HEADERS) as (keyof SummaryRow)[];
  const head = keys.map((k) => `<th>${escapeHtml(HEADERS[k])}</th>`).join('');
  const body = rows.map((row) => `<tr class="${escapeHtml(row.status)}">${keys.map((k) => `<td>${escapeHtml(row[k])}</td>`).join('')}</tr>`).join('\n');
  const counts = ['audited', 'skipped', 'failed', 'internal-error'].map((s) => `${rows.filter((r) => r.status === s).length} ${s}`).join(', ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimcheck batch summary</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}tr.failed td,tr.internal-error td{background:#fff0f0}</style>
</head><body>
<h1>claimcheck batch summary</h1>
<p>${escapeHtml(`${rows.length} apps: ${counts}. Generated ${generatedAt}. Each app's full report: claimcheck report --app <name>.`)}</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`;
}

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, content, 'utf8');
  renameSync(temporary, path);
}

/** Writes `summary.csv` and `summary.html` (fixed names) into `outDir`; returns their paths. */
export function writeBatchSummary(outcomes: readonly BatchOutcome[], outDir: string, generatedAt: Date): string[] {
  ensureOutputDirectory(outDir);
  const rows = outcomes.map(summarise);
  const csv = join(outDir, 'summary.csv');
  const html = join(outDir, 'summary.html');
  writeAtomically(csv, renderCsv(rows));
  writeAtomically(html, renderHtml(rows, generatedAt.toISOString()));
  return [csv, html];
}
