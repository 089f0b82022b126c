import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Result of one CLI run. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const CLI = resolve('dist/src/cli/main.js');

/** Runs the compiled CLI (built by `npm test` before vitest starts) in `cwd`. */
export function runCli(args: string[], cwd: string = process.cwd()): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like {@link runCli}, without blocking the test worker while the CLI runs: tests that run the CLI
 * many times stay responsive to vitest (a long synchronous stretch makes its worker RPC time out).
 */
export function runCliAsync(args: string[], cwd: string = process.cwd()): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}
