import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { stringifyJsonSafely } from '../../report/escape-text.js';
import { checkDatabase, countRows } from '../../store/check-database.js';
import { openDatabase, type StoreDatabase } from '../../store/open-database.js';
import { translateStoreError } from '../../store/translate-store-error.js';
import { readGlobalOptions } from '../cli-context.js';
import { safeTerminalText } from '../terminal-text.js';
import { countNoun } from '../count-noun.js';

/** `db check` exits 1 when it finds problems, like `audit --fail-on` when it finds findings. */
const PROBLEMS_EXIT_CODE = 1;

/** Opens --db read-only (a check must not migrate or otherwise change what it checks). */
function withReadonlyDatabase<T>(command: Command, work: (db: StoreDatabase, path: string) => T): T {
  const path = readGlobalOptions(command).db;
  const db = openDatabase(path, { readonly: true });
  try {
    return work(db, path);
  } catch (error) {
    throw translateStoreError(error, path);
  } finally {
    db.close();
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('check and describe the database');
  db.command('check')
    .description('verify integrity, foreign keys (orphan rows), JSON columns and policy snapshot hashes; exit 1 on problems')
    .option('--json', 'print the full check as JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const check = withReadonlyDatabase(command, (handle) => checkDatabase(handle));
      if (options.json) {
        process.stdout.write(`${stringifyJsonSafely(check, 2)}\n`);
      } else {
        const total = Object.values(check.rowCounts).reduce((sum, n) => sum + n, 0);
        const lines = [
          check.problems.length === 0
            ? `ok: schema version ${check.schemaVersion}, integrity ok, foreign keys ok, no orphans, ${total} rows`
            : `${countNoun(check.problems.length, 'problem')}:`,
          ...check.problems.map((p) => `  ${p}`),
        ];
        if (check.emptyApps.length > 0) {
          lines.push(`note: ${countNoun(check.emptyApps.length, 'app has', 'apps have')} no policy, capture or audit: ${check.emptyApps.map((n) => JSON.stringify(n)).join(', ')}`);
        }
        process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
      }
      if (check.problems.length > 0) process.exitCode = PROBLEMS_EXIT_CODE;
    });
  db.command('stats')
    .description('print row counts per table, schema version and file sizes')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const stats = withReadonlyDatabase(command, (handle, path) => ({
        schemaVersion: Number(handle.pragma('user_version', { simple: true })),
        bytes: fileSize(path),
        walBytes: fileSize(`${path}-wal`),
        rowCounts: countRows(handle),
      }));
      if (options.json) {
        process.stdout.write(`${stringifyJsonSafely(stats, 2)}\n`);
        return;
      }
      const lines = [
        `schema version ${stats.schemaVersion}, ${stats.bytes} bytes (+ ${stats.walBytes} bytes write-ahead log)`,
        ...Object.entries(stats.rowCounts).map(([table, n]) => `  ${table.padEnd(18)} ${n}`),
      ];
      process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
    });
}
