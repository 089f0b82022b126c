/**
 * A progress bar on stderr, drawn only when stderr is a terminal (results stay on stdout, and
 * logs and pipes get no control characters). Redraws at most ten times a second.
 */
export function createProgressBar(label: string): { update(done: number, total: number): void; finish(): void } {
  const stream = process.stderr;
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done: number, total: number): void {
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      drawn = true;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`);
    },
    finish(): void {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
