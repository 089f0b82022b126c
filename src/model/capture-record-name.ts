import type { CaptureFormat } from './observation.js';

/**
 * What the frame numbers of a capture count, in words: Wireshark frames in a packet capture, entries in a HAR file,
 * lines in a Zeek log (a record's frame number is its line, header lines included). Evidence that says "frame 140"
 * of a HAR sends a reader to Wireshark, which cannot open it.
 */
export function nameCaptureRecords(format: CaptureFormat | undefined, count: number): string {
  const one = count === 1;
  switch (format) {
    case 'har':
      return one ? 'HAR entry' : 'HAR entries';
    case 'zeek':
      return one ? 'Zeek log line' : 'Zeek log lines';
    default:
      return one ? 'frame' : 'frames';
  }
}
