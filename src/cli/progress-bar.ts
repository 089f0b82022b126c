/**
 * A progress bar on stderr, drawn only when stderr is a terminal (results stay on stdout, and logs and pipes get
 * no control characters). Redraws at most ten times a second. General over units: bytes of a capture, rows of a
 * batch manifest; the caller says what `done` and `total` count and labels the bar.
 */

/** What a progress bar draws on: stderr by default; tests pass their own. */
export interface ProgressOutput {
  isTTY?: boolean;
  /** Terminal width in columns, when known: the bar never wraps onto a second line. */
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  output?: ProgressOutput;
  /** Milliseconds clock; injectable so tests control redraw throttling. */
  now?: () => number;
  /** Formats `done` and `total` after the percentage, e.g. `12/40 apps`; nothing by default. */
  describeCount?: (done: number, total: number) => string;
}

export interface ProgressBar {
  /** Reports progress: `done` of `total` units (total 0 when unknown). */
  update(done: number, total: number): void;
  /** Erases the bar, leaving the cursor at the start of a clean line; safe to call more than once. */
  finish(): void;
}

const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 30;
const ERASE_LINE = '\r\u001b[2K';

export function createProgressBar(label: string, options: ProgressBarOptions = {}): ProgressBar {
  const output = options.output ?? process.stderr;
  if (output.isTTY !== true) return { update: () => undefined, finish: () => undefined };
  const now = options.now ?? Date.now;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let finished = false;
  return {
    update(done: number, total: number): void {
      if (finished) return;
      const time = now();
      if (time - lastDraw < REDRAW_INTERVAL_MS && done < total) return;
      lastDraw = time;
      drawn = true;
      const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      const filled = Math.round(fraction * BAR_WIDTH);
      const count = options.describeCount?.(done, total);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%${count ? ` ${count}` : ''}`;
      // Cut to the terminal width: a wrapped line cannot be redrawn in place with '\r'.
      const columns = output.columns ?? 0;
      output.write(`\r${columns > 1 && line.length >= columns ? line.slice(0, columns - 1) : line}`);
    },
    finish(): void {
      if (finished) return;
      finished = true;
      if (drawn) output.write(ERASE_LINE);
    },
  };
}
