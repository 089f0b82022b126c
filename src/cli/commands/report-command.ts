import { InvalidArgumentError, type Command } from 'commander';
import { join } from 'node:path';
import { ConfigError } from '../../model/errors.js';
import { readToolVersion } from '../../package-root.js';
import { compareReports } from '../../report/compare-reports.js';
import { describeInputCause } from '../../report/report-wording.js';
import type { ReportContext } from '../../report/report-model.js';
import { RULES } from '../../rules/registry.js';
import { requireApp } from '../../store/app-repository.js';
import { buildStoredReport, requireAudit } from '../../workflow/load-report-model.js';
import { COMPARISON_FORMATS, REPORT_FORMATS, writeComparison, writeReports, type ReportFormat } from '../../workflow/write-reports.js';
import { describeDataSources, withDatabase } from '../cli-context.js';
import { parseAppName, parseReportFormats, slugifyAppName } from '../parse-options.js';
import { safeTerminalLine, safeTerminalText } from '../terminal-text.js';
import { chooseDefaultReportDirectory, markReportDirectory, readReportDirectoryOwner, removeOtherAppReports } from '../../workflow/report-directory-owner.js';

/** Parses an audit id (a positive integer, as `claimcheck audit` prints it). */
function parseAuditId(text: string): number {
  const id = /^#?\d+$/.test(text.trim()) ? Number.parseInt(text.trim().replace('#', ''), 10) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new InvalidArgumentError(`expected an audit id such as 3, got ${JSON.stringify(text)}`);
  return id;
}

interface ReportOptions {
  app: string;
  format?: ReportFormat[];
  out?: string;
  audit?: number;
  compare?: number;
}

/**
 * Where an app's reports go: --out as given, else reports/<slug>, moved to reports/<slug>-2 (one line says so) when
 * another app whose name slugs alike already has its reports there. An --out holding another app's reports is
 * the user's choice: `otherOwner` names that app, whose reports {@link claimReportDirectory} replaces.
 */
function chooseReportDirectory(out: string | undefined, app: string): { dir: string; otherOwner: string | null } {
  if (out !== undefined) {
    const owner = readReportDirectoryOwner(out);
    return { dir: out, otherOwner: owner !== null && owner !== app ? owner : null };
  }
  const chosen = chooseDefaultReportDirectory('reports', slugifyAppName(app), app);
  if (chosen.displaced !== null) {
    process.stderr.write(
      `claimcheck: warning: ${safeTerminalLine(join('reports', slugifyAppName(app)))} holds the reports of app ${safeTerminalLine(JSON.stringify(chosen.displaced))}, whose name makes the same directory name; writing to ${safeTerminalLine(chosen.dir)} instead\n`,
    );
  }
  return { dir: chosen.dir, otherOwner: null };
}

/**
 * Marks `dir` as the app's once its files are written; when it held another app's reports, that app's other report
 * files are removed too (a directory that says it is this app's must not ship another app's report.html) and one
 * warning names them.
 */
function claimReportDirectory(dir: string, app: string, otherOwner: string | null, written: readonly string[]): void {
  markReportDirectory(dir, app);
  if (otherOwner === null) return;
  const removed = removeOtherAppReports(dir, written);
  const what = removed.length === 0 ? 'its files of the same names were replaced' : `its files of the same names were replaced and its other reports removed (${removed.join(', ')})`;
  process.stderr.write(`claimcheck: warning: ${safeTerminalLine(dir)} held the reports of app ${safeTerminalLine(JSON.stringify(otherOwner))}; ${safeTerminalLine(what)}\n`);
}

/** `claimcheck report`: write one audit as reports, or (with --compare) what changed between two audits. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write an audit of an app as Markdown, self-contained HTML and JSON, or compare two audits of it')
    .requiredOption('--app <name>', 'app whose audit to report', parseAppName)
    .option('--format <list>', 'comma-separated formats: md, html, json (default: all three)', parseReportFormats)
    .option('--out <dir>', 'output directory (default: reports/<app>)')
    .option('--audit <id>', 'audit to report (default: the latest)', parseAuditId)
    .option('--compare <id>', 'compare with this audit and write compare-<earlier>-to-<later>.md/.html/.json; the audit with the lower id is "before" whichever option names it', parseAuditId)
    .action(async (options: ReportOptions, command: Command) => {
      await withDatabase(command, (db) => {
        const app = requireApp(db, options.app);
        const context: Omit<ReportContext, 'policyTexts'> = {
          generatedAt: new Date(),
          toolVersion: readToolVersion(),
          rules: RULES.map((r) => r.meta),
          dataSources: describeDataSources(),
          workingDirectory: process.cwd(),
        };
        const { dir: outDir, otherOwner } = chooseReportDirectory(options.out, app.name);
        const reported = requireAudit(db, app, options.audit);
        if (options.compare === undefined) {
          const report = buildStoredReport(db, app, reported, context);
          const written = writeReports(report, outDir, options.format ?? REPORT_FORMATS);
          for (const path of written) process.stdout.write(`wrote ${safeTerminalText(path)}\n`);
          claimReportDirectory(outDir, app.name, otherOwner, written);
          return;
        }
        if (options.compare === reported.auditId) throw new ConfigError(`--compare ${options.compare} is the audit being reported`, 'pass an earlier audit id, or --audit to pick the later one');
        const compared = requireAudit(db, app, options.compare);
        // Audit ids grow with each run, so the lower id is the earlier audit whichever option names it.
        const [earlier, later] = compared.auditId < reported.auditId ? [compared, reported] : [reported, compared];
        const comparison = compareReports(buildStoredReport(db, app, earlier, context), buildStoredReport(db, app, later, context), context);
        const s = comparison.summary;
        process.stdout.write(
          `audit #${comparison.before.id} → #${comparison.after.id}: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged\n`,
        );
        // The cause first: which recorded inputs differ (the files below give the full comparison).
        process.stdout.write(`${safeTerminalText(describeInputCause(comparison.inputs))}\n`);
        const written = writeComparison(comparison, outDir, options.format ?? COMPARISON_FORMATS);
        for (const path of written) process.stdout.write(`wrote ${safeTerminalText(path)}\n`);
        claimReportDirectory(outDir, app.name, otherOwner, written);
      }, 'must-exist');
    });
}
