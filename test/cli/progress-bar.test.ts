import { describe, expect, it } from 'vitest';
import { createProgressBar, type ProgressOutput } from '../../src/cli/progress-bar.js';

/** A fake terminal (or pipe) that records what was written. */
function fakeOutput(isTTY: boolean, columns?: number): ProgressOutput & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns, written, write: (text: string) => written.push(text) };
}

/** A clock the test moves by hand. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('progress bar', () => {
  it('draws on a terminal, in place, and erases its line when finished', () => {
    const output = fakeOutput(true);
    const clock = fakeClock();
    const bar = createProgressBar('importing big.pcap', { output, now: clock.now });
    bar.update(0, 200);
    clock.advance(150);
    bar.update(50, 200);
    clock.advance(150);
    bar.update(200, 200);
    bar.finish();
    expect(output.written).toEqual([
      `\rimporting big.pcap [${'.'.repeat(30)}]   0%`,
      `\rimporting big.pcap [${'#'.repeat(8)}${'.'.repeat(22)}]  25%`,
      `\rimporting big.pcap [${'#'.repeat(30)}] 100%`,
      '\r\u001b[2K',
    ]);
  });

  it('redraws at most ten times a second, but always draws completion', () => {
    const output = fakeOutput(true);
    const clock = fakeClock();
    const bar = createProgressBar('batch', { output, now: clock.now });
    for (let done = 1; done <= 99; done++) {
      bar.update(done, 100);
      clock.advance(5);
    }
    bar.update(100, 100);
    // 99 updates over 495 ms: the first, then one per 100 ms; then completion at once.
    expect(output.written).toHaveLength(6);
    expect(output.written.at(-1)).toMatch(/100%$/);
  });

  it('writes nothing at all when the output is not a terminal', () => {
    const output = fakeOutput(false);
    const bar = createProgressBar('importing big.pcap', { output, now: fakeClock().now });
    bar.update(10, 100);
    bar.update(100, 100);
    bar.finish();
    expect(output.written).toEqual([]);
  });

  it('erases nothing when it never drew, and finishes only once; updates after finishing are ignored', () => {
    const output = fakeOutput(true);
    const clock = fakeClock();
    createProgressBar('idle', { output, now: clock.now }).finish();
    expect(output.written).toEqual([]);
    const bar = createProgressBar('twice', { output, now: clock.now });
    bar.update(1, 2);
    bar.finish();
    bar.finish();
    clock.advance(1000);
    bar.update(2, 2);
    expect(output.written.filter((text) => text === '\r\u001b[2K')).toHaveLength(1);
    expect(output.written).toHaveLength(2);
  });

  it('counts any units with a caller-given description, and never wraps past the terminal width', () => {
    const output = fakeOutput(true, 40);
    const bar = createProgressBar('batch manifest.csv', { output, now: fakeClock().now, describeCount: (done, total) => `${done}/${total} apps` });
    bar.update(3, 12);
    expect(output.written[0]).toBe(`\r${`batch manifest.csv [${'#'.repeat(8)}${'.'.repeat(22)}]  25% 3/12 apps`.slice(0, 39)}`);
    const wide = fakeOutput(true, 200);
    createProgressBar('batch', { output: wide, now: fakeClock().now, describeCount: (done, total) => `${done}/${total} apps` }).update(3, 12);
    expect(wide.written[0]).toMatch(/ 25% 3\/12 apps$/);
  });

  it('shows 0% for an unknown total instead of dividing by zero', () => {
    const output = fakeOutput(true);
    createProgressBar('reading', { output, now: fakeClock().now }).update(5, 0);
    expect(output.written[0]).toMatch(/\] {3}0%$/);
  });
});
