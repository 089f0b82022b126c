import type { Command } from 'commander';
import { join } from 'node:path';
import { ConfigError } from '../../model/errors.js';
import { readToolVersion } from '../../package-root.js';
import { buildReportModel } from '../../report/report-model.js';
import { RULES } from '../../rules/registry.js';
import { requireApp } from '../../store/app-repository.js';
import { loadAudit } from '../../store/audit-repository.js';
import { REPORT_FORMATS, writeReports, type ReportFormat } from '../../workflow/write-reports.js';
import { describeDataSources, withDatabase } from '../cli-context.js';
import { parseReportFormats, slugifyAppName } from '../parse-options.js';
import { safeTerminalText } from '../terminal-text.js';

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("write the latest audit of an app as Markdown, self-contained HTML and JSON")
    .requiredOption('--app <name>', 'app whose audit to report')
    .option('--format <list>', 'comma-separated formats: md, html, json', parseReportFormats, [...REPORT_FORMATS])
    .option('--out <dir>', 'output directory (default: reports/<app>)')
    .action(async (options: { app: string; format: ReportFormat[]; out?: string }, command: Command) => {
      await withDatabase(command, (db) => {
        const app = requireApp(db, options.app);
        const audit = loadAudit(db, app);
        if (!audit) throw new ConfigError(`app ${JSON.stringify(options.app)} has not been audited yet`, `run: claimcheck audit --app ${JSON.stringify(options.app)}`);
        const model = buildReportModel(audit, {
          generatedAt: new Date(),
          toolVersion: readToolVersion(),
          rules: RULES.map((r) => r.meta),
          dataSources: describeDataSources(),
        });
        const outDir = options.out ?? join('reports', slugifyAppName(app.name));
        for (const path of writeReports(model, outDir, options.format)) process.stdout.write(`wrote ${safeTerminalText(path)}\n`);
      });
    });
}
