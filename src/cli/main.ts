#!/usr/bin/env node
import { CommanderError, type Command } from 'commander';
import { UserFacingError } from '../model/errors.js';
import { readToolVersion } from '../package-root.js';
import { StrictCommand } from './strict-command.js';
import { safeTerminalLine, safeTerminalText } from './terminal-text.js';

/** Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error. */
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 3;

type RegisterCommand = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: a command pulls in just its own
 * dependencies (an audit loads no policy extractor or capture parser), which keeps start-up short. Order is the
 * order of `--help`.
 */
const COMMAND_LOADERS: Record<string, () => Promise<RegisterCommand>> = {
  extract: async () => (await import('./commands/extract-command.js')).registerExtractCommand,
  policy: async () => (await import('./commands/policy-command.js')).registerPolicyCommand,
  import: async () => (await import('./commands/import-command.js')).registerImportCommand,
  inspect: async () => (await import('./commands/inspect-command.js')).registerInspectCommand,
  audit: async () => (await import('./commands/audit-command.js')).registerAuditCommand,
  report: async () => (await import('./commands/report-command.js')).registerReportCommand,
  demo: async () => (await import('./commands/demo-command.js')).registerDemoCommand,
  entities: async () => (await import('./commands/entities-command.js')).registerEntitiesCommand,
  batch: async () => (await import('./commands/batch-command.js')).registerBatchCommand,
  db: async () => (await import('./commands/db-command.js')).registerDbCommand,
  export: async () => (await import('./commands/export-command.js')).registerExportCommand,
  eval: async () => (await import('./commands/eval-command.js')).registerEvalCommand,
};

/** Root options that take a value, so the value is not mistaken for the command name. */
const ROOT_OPTIONS_WITH_VALUE = new Set(['--db']);

/** The sub-command named on the command line, or null (help, version, a typo: every command is then loaded). */
function findRequestedCommand(argv: readonly string[]): string | null {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (ROOT_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return Object.hasOwn(COMMAND_LOADERS, arg) ? arg : null;
  }
  return null;
}

async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new StrictCommand('claimcheck')
    .description("audit what an app's privacy policy says against what its network traffic does")
    .version(readToolVersion())
    .option('--db <path>', 'SQLite database file', 'claimcheck.db')
    // Usage errors are one line, like every other input error (sub-commands inherit this).
    // Commander's own suggestion says "(Did you mean …?)"; claimcheck's say "did you mean", so one case is used.
    .configureOutput({
      outputError: (text, write) =>
        write(`claimcheck: ${safeTerminalLine(text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ').replace(/\(Did you mean /g, '(did you mean '))} (see claimcheck --help)\n`),
    })
    .exitOverride();
  const requested = findRequestedCommand(argv);
  const names = requested === null ? Object.keys(COMMAND_LOADERS) : [requested];
  const registers = await Promise.all(names.map((name) => (COMMAND_LOADERS[name] as () => Promise<RegisterCommand>)()));
  for (const register of registers) register(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
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
