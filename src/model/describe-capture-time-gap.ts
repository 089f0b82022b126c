import type { CaptureSummary } from './capture-summary.js';

/** Longer than this between one record's time and the next is no pause in a session: a clock or a join is wrong. */
const GAP_SECONDS = 30 * 24 * 3600;

const day = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** A jump between consecutive record times of a capture: whole days, and the two dates (YYYY-MM-DD). */
export interface CaptureTimeJump {
  days: number;
  from: string;
  to: string;
}

/**
 * Every jump of more than 30 days between consecutive flow times of a capture, in time order (a capture joining three
 * sessions has two). Read from the flows' first and last times (a jump inside one flow shows as its two ends), so they
 * can be found again from stored flows.
 */
export function findCaptureTimeJumps(flows: readonly { firstTime: number; lastTime: number }[]): CaptureTimeJump[] {
  const times = [...new Set(flows.flatMap((f) => [f.firstTime, f.lastTime]).filter((t) => t > 0))].sort((a, b) => a - b);
  const jumps: CaptureTimeJump[] = [];
  for (let i = 1; i < times.length; i += 1) {
    const [from, to] = [times[i - 1] ?? 0, times[i] ?? 0];
    if (to - from > GAP_SECONDS) jumps.push({ days: Math.round((to - from) / 86400), from: day(from), to: day(to) });
  }
  return jumps;
}

/** The widest of {@link findCaptureTimeJumps}, or null (the first of equals). */
export function findCaptureTimeJump(flows: readonly { firstTime: number; lastTime: number }[]): CaptureTimeJump | null {
  return widestTimeJump(findCaptureTimeJumps(flows));
}

/** The widest of some jumps, or null (the first of equals). */
export function widestTimeJump(jumps: readonly CaptureTimeJump[]): CaptureTimeJump | null {
  return jumps.reduce<CaptureTimeJump | null>((widest, jump) => (widest === null || jump.days > widest.days ? jump : widest), null);
}

/** The jumps in words, without the file name: the same text at import, in the store and in reports. */
export function describeTimeJumps(jumps: readonly CaptureTimeJump[]): string {
  const spans = jumps.map((jump) => `${jump.days} days, from ${jump.from} to ${jump.to}`);
  const which = spans.length === 1 ? `jump ${spans[0] ?? ''}` : `jump ${spans.length} times: ${spans.join('; ')};`;
  return `record times ${which} with nothing between: a device clock was wrong or captures were joined; check the dates (they choose the policy version an audit reads)`;
}

/**
 * The one-line warning for a capture whose record times jump by more than 30 days, naming every jump
 * (ndpi_viber.pcap: frames of 2018-05-24, then of 2022-04-03, then of 2024-05-10 from another interface), or null. Such a jump is a wrong device clock or captures joined together; the capture's
 * dates choose the policy version an audit reads, so a reader should check them. Joined pcapng sections have their
 * own warning, so none is made for them here.
 */
export function describeCaptureTimeGap(file: string, summary: Pick<CaptureSummary, 'flows' | 'warnings'>): string | null {
  if (summary.warnings.some((w) => /pcapng sections start more than 30 days/.test(w.message))) return null;
  const jumps = findCaptureTimeJumps(summary.flows);
  return jumps.length === 0 ? null : `${file}: ${describeTimeJumps(jumps)}`;
}
