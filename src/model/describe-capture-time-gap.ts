import type { CaptureSummary } from './capture-summary.js';

/** Longer than this between one record's time and the next is no pause in a session: a clock or a join is wrong. */
const GAP_SECONDS = 30 * 24 * 3600;

const day = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * The one-line warning for a capture whose record times jump by more than 30 days (ndpi_viber.pcap: frames of 2018,
 * then two dated 2024), or null. Such a jump is a wrong device clock or captures joined together; the capture's
 * dates choose the policy version an audit reads, so a reader should check them. Read from the flows' first and
 * last times (a jump inside one flow shows as its two ends). Joined pcapng sections have their own warning.
 */
export function describeCaptureTimeGap(file: string, summary: Pick<CaptureSummary, 'flows' | 'warnings'>): string | null {
  if (summary.warnings.some((w) => /pcapng sections start more than 30 days/.test(w.message))) return null;
  const times = [...new Set(summary.flows.flatMap((f) => [f.firstTime, f.lastTime]).filter((t) => t > 0))].sort((a, b) => a - b);
  let widest = { from: 0, to: 0 };
  for (let i = 1; i < times.length; i += 1) {
    const [from, to] = [times[i - 1] ?? 0, times[i] ?? 0];
    if (to - from > widest.to - widest.from) widest = { from, to };
  }
  if (widest.to - widest.from <= GAP_SECONDS) return null;
  const days = Math.round((widest.to - widest.from) / 86400);
  return `${file}: record times jump ${days} days, from ${day(widest.from)} to ${day(widest.to)} with nothing between: a device clock was wrong or captures were joined; check the dates (they choose the policy version an audit reads)`;
}
