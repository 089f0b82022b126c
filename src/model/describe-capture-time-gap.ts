import type { CaptureSummary } from './capture-summary.js';

/** Longer than this between one record's time and the next is no pause in a session: a clock or a join is wrong. */
const GAP_SECONDS = 30 * 24 * 3600;

const day = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The widest jump between consecutive record times of a capture: whole days, and the two dates (YYYY-MM-DD). */
export interface CaptureTimeJump {
  days: number;
  from: string;
  to: string;
}

/**
 * The widest jump of more than 30 days between consecutive flow times of a capture, or null. Read from the flows'
 * first and last times (a jump inside one flow shows as its two ends), so it can be found again from stored flows.
 */
export function findCaptureTimeJump(flows: readonly { firstTime: number; lastTime: number }[]): CaptureTimeJump | null {
  const times = [...new Set(flows.flatMap((f) => [f.firstTime, f.lastTime]).filter((t) => t > 0))].sort((a, b) => a - b);
  let widest = { from: 0, to: 0 };
  for (let i = 1; i < times.length; i += 1) {
    const [from, to] = [times[i - 1] ?? 0, times[i] ?? 0];
    if (to - from > widest.to - widest.from) widest = { from, to };
  }
  if (widest.to - widest.from <= GAP_SECONDS) return null;
  return { days: Math.round((widest.to - widest.from) / 86400), from: day(widest.from), to: day(widest.to) };
}

/** The jump in words, without the file name: the same text at import, in the store and in reports. */
export function describeTimeJump(jump: CaptureTimeJump): string {
  return `record times jump ${jump.days} days, from ${jump.from} to ${jump.to} with nothing between: a device clock was wrong or captures were joined; check the dates (they choose the policy version an audit reads)`;
}

/**
 * The one-line warning for a capture whose record times jump by more than 30 days (ndpi_viber.pcap: frames of 2018,
 * then two dated 2024), or null. Such a jump is a wrong device clock or captures joined together; the capture's
 * dates choose the policy version an audit reads, so a reader should check them. Joined pcapng sections have their
 * own warning, so none is made for them here.
 */
export function describeCaptureTimeGap(file: string, summary: Pick<CaptureSummary, 'flows' | 'warnings'>): string | null {
  if (summary.warnings.some((w) => /pcapng sections start more than 30 days/.test(w.message))) return null;
  const jump = findCaptureTimeJump(summary.flows);
  return jump === null ? null : `${file}: ${describeTimeJump(jump)}`;
}
