import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { lookupIpNetwork } from '../../enrich/ip-network-database.js';
import { readToolVersion } from '../../package-root.js';
import { EXPORT_FORMATS, exportTables, type ExportFormat } from '../../workflow/export-tables.js';
import { withDatabase } from '../cli-context.js';
import { safeTerminalText } from '../terminal-text.js';
import { parseAppName } from '../parse-options.js';

function parseExportFormat(text: string): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f === text.toLowerCase());
  if (!format) throw new InvalidArgumentError(`unknown export format ${JSON.stringify(text)}; expected csv or parquet`);
  return format;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write apps, captures, policy snapshots and their readings, flows, claims and findings as CSV or Parquet files for DuckDB, Spark or BigQuery (schema: docs/export-schema.md)')
    .option('--format <format>', 'csv or parquet', parseExportFormat, 'csv' as ExportFormat)
    .option('--out <dir>', 'output directory', 'export')
    .option('--app <name>', 'only this app (default: every app)', parseAppName)
    .action(async (options: { format: ExportFormat; out: string; app?: string }, command: Command) => {
      const files = await withDatabase(command, (db) =>
        exportTables(db, {
          format: options.format,
          outDir: options.out,
          appName: options.app,
          network: lookupIpNetwork,
          toolVersion: readToolVersion(),
          now: () => new Date(),
        }),
        'must-exist',
      );
      const lines = files.map((f) => (f.table === 'manifest' ? `wrote ${f.path}` : `wrote ${f.path} (${f.rows} rows)`));
      process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
    });
}
