#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserFacingError } from '../model/errors.js';
import { readToolVersion } from '../package-root.js';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerBatchCommand } from './commands/batch-command.js';
import { registerDbCommand } from './commands/db-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerEntitiesCommand } from './commands/entities-command.js';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerExportCommand } from './commands/export-command.js';
import { registerExtractCommand } from './commands/extract-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerInspectCommand } from './commands/inspect-command.js';
import { registerPolicyCommand } from './commands/policy-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { safeTerminalLine, safeTerminalText } from './terminal-text.js';

/** Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error. */
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 3;

function buildProgram(): Command {
  const program = new Command('claimcheck')
    .description("audit what an app's privacy policy says against what its network traffic does")
    .version(readToolVersion())
    .option('--db <path>', 'SQLite database file', 'claimcheck.db')
    // Usage errors are one line, like every other input error (sub-commands inherit this).
    .configureOutput({ outputError: (text, write) => write(`claimcheck: ${safeTerminalLine(text.replace(/^error: /, '').trim())} (see claimcheck --help)\n`) })
    .exitOverride();
  registerExtractCommand(program);
  registerPolicyCommand(program);
  registerImportCommand(program);
  registerInspectCommand(program);
  registerAuditCommand(program);
  registerReportCommand(program);
  registerDemoCommand(program);
  registerEntitiesCommand(program);
  registerBatchCommand(program);
  registerDbCommand(program);
  registerExportCommand(program);
  registerEvalCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander but successes to the user.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UserFacingError) {
      process.stderr.write(`claimcheck: ${safeTerminalLine(error.message)}${error.hint ? ` (${safeTerminalLine(error.hint)})` : ''}\n`);
      return EXIT_USAGE;
    }
    // The message of an unexpected error can still quote input (a file name, a host), so it is stripped too.
    process.stderr.write(`claimcheck: internal error, please report it with this trace:\n${safeTerminalText(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return EXIT_INTERNAL;
  }
}

// A reader that stops early (`claimcheck eval ... | head`) closes the pipe: that ends the output, it is not a bug.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv);
