/**
 * main.ts loads only the module of the command being run. These check that nothing is lost by
 * that: every command is still reachable by name (after root options), from `help <command>`, and
 * listed by `--help`; a mistyped command is one line with a suggestion.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const COMMANDS = ['extract', 'policy', 'import', 'inspect', 'audit', 'report', 'demo', 'entities', 'batch', 'db', 'export', 'eval'];

describe('command loading', () => {
  it('--help lists every command', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    for (const name of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('each command is found after a root option with a value and shows its own help', () => {
    for (const name of COMMANDS) {
      const result = runCli(['--db', 'audit', name, '--help']);
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stdout).toContain(`Usage: claimcheck ${name}`);
    }
  });

  it('help <command> shows that command', () => {
    const result = runCli(['help', 'report']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: claimcheck report');
  });

  it('a mistyped command is one line naming it, with a suggestion', () => {
    const result = runCli(['audti', '--app', 'x']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("claimcheck: unknown command 'audti' (Did you mean audit?) (see claimcheck --help)\n");
  });
});
