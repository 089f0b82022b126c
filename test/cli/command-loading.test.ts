/**
 * main.ts loads only the module of the command being run. These check that nothing is lost by
 * that: every command is still reachable by name (after root options), from `help <command>`, and
 * listed by `--help`; a mistyped command is one line with a suggestion.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const CLI = resolve('dist/src/cli/main.js');

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
    expect(result.stderr).toBe("claimcheck: unknown command 'audti' (did you mean audit?) (see claimcheck --help)\n");
  });
});

/**
 * Runs the CLI recording every module URL it resolves (module hooks run on their own thread in Node 20,
 * so the hook appends to a file named by an environment variable). Asynchronous, so the test worker
 * stays responsive while the child runs.
 */
function runCliRecordingModules(args: string[], cwd: string, record: string): Promise<{ status: number | null; stderr: string; modules: string[] }> {
  const hook = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.CLAIMCHECK_MODULE_RECORD, result.url + '\\n');
  return result;
}`;
  const registration = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(registration)}`, CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CLAIMCHECK_MODULE_RECORD: record },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stderr, modules: existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n') : [] }));
  });
}

describe('what each command loads', () => {
  const tempDir = useTempDir();
  const examplePolicy = resolve('policies', 'example-voice-app', 'murmur-privacy-policy.html');
  const exampleFile = (name: string): string => resolve('observations', 'example-voice-app', name);

  it('audit and report load neither the policy extractor, the HTML parser nor a capture parser', async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    expect((await runCliAsync(['--db', db, 'policy', 'add', examplePolicy, '--app', 'murmur'])).status).toBe(0);
    const imported = await runCliAsync(['--db', db, 'import', exampleFile('murmur-session.pcap'), '--app', 'murmur', '--identifiers', exampleFile('identifiers.json')]);
    expect(imported.status, imported.stderr).toBe(0);
    const heavy = [/\/src\/policy\/extract-/, /\/src\/capture\/read-pcap/, /\/src\/capture\/summarize-capture/, /\/node_modules\/cheerio\//, /\/node_modules\/natural\//];
    for (const command of [
      ['audit', '--app', 'murmur'],
      ['report', '--app', 'murmur', '--out', join(dir, 'reports')],
    ]) {
      const run = await runCliRecordingModules(['--db', db, ...command], dir, join(dir, `modules-${command[0]}.txt`));
      expect(run.status, run.stderr).toBe(0);
      // The recording works: the command's own module was seen.
      expect(run.modules.some((url) => url.endsWith(`/cli/commands/${command[0]}-command.js`))).toBe(true);
      expect(run.modules.filter((url) => heavy.some((pattern) => pattern.test(url)))).toEqual([]);
    }
    // The same recording does see the extractor when a policy is added.
    const add = await runCliRecordingModules(['--db', db, 'policy', 'add', examplePolicy, '--app', 'other'], dir, join(dir, 'modules-policy.txt'));
    expect(add.status, add.stderr).toBe(0);
    expect(add.modules.some((url) => url.endsWith('/src/policy/extract-claims.js'))).toBe(true);
  });
});
