import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { readBatchManifest } from '../../workflow/read-batch-manifest.js';
import { runBatch } from '../../workflow/run-batch.js';
import { writeBatchSummary } from '../../workflow/write-batch-summary.js';
import { readGlobalOptions } from '../cli-context.js';
import { createProgressBar } from '../progress-bar.js';
import { safeTerminalLine, safeTerminalText } from '../terminal-text.js';

/** A row failed on its input (exit 2, as for a single command); a bug in a row is exit 3. */
const EXIT_ROW_FAILED = 2;
const EXIT_INTERNAL = 3;

function parseWorkers(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError(`expected a number of workers from 1 to 256, got ${JSON.stringify(text)}`);
  return n;
}

export function registerBatchCommand(program: Command): void {
  program
    .command('batch')
    .description('audit many apps from a CSV manifest (columns app, policy, captures, identifiers, app_domains) in worker threads; resumable; writes summary.csv and summary.html')
    .argument('<manifest>', 'CSV manifest; list cells (captures, identifiers, app_domains) separate items with ;')
    .option('--out <dir>', 'directory for summary.csv and summary.html', 'batch')
    .option('--workers <n>', 'worker threads (default: available cores)', parseWorkers)
    .option('--redo', 'audit again apps that already have an audit (default: skip those audited with the same files, so a rerun resumes)')
    .action(async (manifest: string, options: { out: string; workers?: number; redo?: boolean }, command: Command) => {
      const rows = readBatchManifest(manifest);
      const progress = createProgressBar(`auditing ${rows.length} apps`);
      const outcomes = await runBatch(readGlobalOptions(command).db, rows, {
        workers: options.workers ?? availableParallelism(),
        redo: options.redo ?? false,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.finish();
      for (const o of outcomes) {
        for (const warning of o.warnings) {
          process.stderr.write(`claimcheck: warning: ${safeTerminalLine(manifest)}: line ${o.line}: app ${safeTerminalLine(JSON.stringify(o.app))}: ${safeTerminalLine(warning)}\n`);
        }
      }
      for (const o of outcomes.filter((x) => x.status === 'failed' || x.status === 'internal-error')) {
        process.stderr.write(
          o.status === 'failed'
            ? `claimcheck: ${safeTerminalLine(manifest)}: line ${o.line}: app ${safeTerminalLine(JSON.stringify(o.app))}: ${safeTerminalLine(o.message ?? '')}\n`
            : `claimcheck: ${safeTerminalLine(manifest)}: line ${o.line}: internal error, please report it with this trace:\n${safeTerminalText(o.message ?? '')}\n`,
        );
      }
      const count = (status: string): number => outcomes.filter((o) => o.status === status).length;
      const paths = writeBatchSummary(outcomes, options.out, new Date());
      const lines = [
        `${outcomes.length} apps: ${count('audited')} audited, ${count('skipped')} skipped (already audited), ${count('failed') + count('internal-error')} failed`,
        ...paths.map((p) => `wrote ${p}`),
      ];
      process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
      if (count('internal-error') > 0) process.exitCode = EXIT_INTERNAL;
      else if (count('failed') > 0) process.exitCode = EXIT_ROW_FAILED;
    });
}
