/**
 * Runs a command to completion under GNU time and reports what the whole process cost: wall time, CPU time (user +
 * system, all threads) and peak RSS. Both sides of the capture benchmark are measured this way, start-up included,
 * so neither is favoured by where its clock starts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface ProcessCost {
  wallSeconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  /** What the command printed on stdout (empty when stdout was discarded). */
  stdout: string;
}

/** Whether processes can be measured here (GNU time is installed). */
export function canMeasureProcesses(): boolean {
  return existsSync(GNU_TIME);
}

/** Runs `command args…`; stdout is kept or discarded (`/dev/null`, as tshark's field output is). */
export async function measureProcess(command: string, args: readonly string[], keepStdout: boolean): Promise<ProcessCost> {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-time-'));
  const report = join(dir, 'time.txt');
  try {
    const stdout = await new Promise<string>((resolve, reject) => {
      const child = spawn(GNU_TIME, ['-o', report, '-f', '%e %U %S %M', command, ...args], { stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'inherit'] });
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`${command} exited with ${String(code)}`))));
    });
    // GNU time's last line; earlier lines would be its notes about the command.
    const [wall, user, system, maxRssKb] = (readFileSync(report, 'utf8').trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    if (wall === undefined || user === undefined || system === undefined || maxRssKb === undefined || [wall, user, system, maxRssKb].some(Number.isNaN)) {
      throw new Error(`cannot read GNU time's report for ${command}`);
    }
    return { wallSeconds: wall, cpuSeconds: user + system, maxRssBytes: maxRssKb * 1024, stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a measurement `runs` times and keeps the least wall time and the least CPU time (each of its own run) and
 * the largest peak RSS: the usual way to discount other load on the machine without flattering memory.
 */
export async function bestOf(runs: number, measure: () => Promise<ProcessCost>): Promise<ProcessCost & { runs: ProcessCost[] }> {
  const [best] = await bestOfAlternating(runs, [measure]);
  if (best === undefined) throw new Error('bestOf needs a measurement');
  return best;
}

/**
 * Like {@link bestOf} for several measurements, run in turn (A, B, A, B, …) rather than all of A then all of B, so
 * that a quiet or a busy spell on a shared machine falls on both instead of favouring whichever ran then.
 */
export async function bestOfAlternating(runs: number, measures: readonly (() => Promise<ProcessCost>)[]): Promise<(ProcessCost & { runs: ProcessCost[] })[]> {
  const all: ProcessCost[][] = measures.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, measure] of measures.entries()) all[index]?.push(await measure());
  }
  return all.map((costs) => {
    const first = costs[0];
    if (first === undefined) throw new Error('bestOf needs at least one run');
    return {
      wallSeconds: Math.min(...costs.map((r) => r.wallSeconds)),
      cpuSeconds: Math.min(...costs.map((r) => r.cpuSeconds)),
      maxRssBytes: Math.max(...costs.map((r) => r.maxRssBytes)),
      stdout: first.stdout,
      runs: costs,
    };
  });
}
