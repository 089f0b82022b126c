import { spawnSync } from 'node:child_process';
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
