/**
 * Drives `dist/test/helpers/interruptible-writer.js` from a test: start it, wait until it pauses
 * inside its transaction, then kill or resume it.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CHILD = resolve('dist/test/helpers/interruptible-writer.js');

/** How a writer child ended: its last report (`paused <n>` or `done <n>`), exit code and signal. */
export interface WriterOutcome {
  report: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** A running writer child. */
export interface WriterChild {
  /** Resolves with the pause report once the child blocks mid-write (never, if it finishes first). */
  paused: Promise<string>;
  finished: Promise<WriterOutcome>;
  resume(): void;
  kill(): void;
}

/** Starts the writer: `mode db pauseAt input app` (see the helper's usage). */
export function startWriter(args: string[]): WriterChild {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onPause: (line: string) => void = () => undefined;
  const paused = new Promise<string>((resolvePromise) => {
    onPause = resolvePromise;
  });
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
    const line = /^paused \d+$/m.exec(stdout)?.[0];
    if (line) onPause(line);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const finished = new Promise<WriterOutcome>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ report: stdout.trim().split('\n').at(-1) ?? '', code, signal, stderr }));
  });
  return {
    paused,
    finished,
    resume: () => child.stdin.end('\n'),
    kill: () => child.kill('SIGKILL'),
  };
}

/** Runs the writer and kills it with SIGKILL as soon as it pauses. */
export async function runWriterUntilKilled(args: string[]): Promise<WriterOutcome> {
  const writer = startWriter(args);
  void writer.paused.then(() => writer.kill());
  const outcome = await writer.finished;
  if (outcome.code !== 0 && outcome.signal === null) throw new Error(`writer failed (${outcome.code}): ${outcome.stderr}`);
  return outcome;
}
