/**
 * Snap lengths that cannot be right, in pcap file headers and pcapng Interface Description Blocks, and packet
 * records that claim more captured bytes than their snap length allows. Both are recoverable: the records carry
 * their own lengths, so reading goes on, with a warning naming the byte offset.
 */
import type { CaptureWarningObservation } from '../model/observation.js';

/** libpcap's and Wireshark's largest default snap length (256 KiB); larger values are not written by capture tools. */
export const MAX_USUAL_SNAP_LENGTH = 262144;

/**
 * Says what is odd about a snap length, or null. pcapng defines 0 as "no limit" (§4.2); classic pcap has no such
 * value, so 0 there means a broken writer.
 */
export function describeOddSnapLength(snapLength: number, container: 'pcap' | 'pcapng'): string | null {
  if (snapLength === 0) return container === 'pcap' ? 'snap length 0 in the pcap file header (pcap has no "no limit" value); packets are read by their own lengths' : null;
  if (snapLength > MAX_USUAL_SNAP_LENGTH) {
    const where = container === 'pcap' ? 'the pcap file header' : 'an interface description block';
    return `snap length ${snapLength} in ${where} exceeds 256 KiB (${MAX_USUAL_SNAP_LENGTH}); packets are read by their own lengths`;
  }
  return null;
}

/** Counts packet records whose captured length exceeds their snap length; reports them as one warning at the end. */
export class OversizedRecordCounter {
  private count = 0;
  private firstOffset = 0;
  private firstLength = 0;
  private firstSnap = 0;

  /** Notes one record; a snap length of 0 (no limit) never counts. */
  check(capturedLength: number, snapLength: number, fileOffset: number): void {
    if (snapLength === 0 || capturedLength <= snapLength) return;
    if (this.count === 0) {
      this.firstOffset = fileOffset;
      this.firstLength = capturedLength;
      this.firstSnap = snapLength;
    }
    this.count += 1;
  }

  /** One warning for all of them (at the first one's offset), or null when there were none. */
  warning(): CaptureWarningObservation | null {
    if (this.count === 0) return null;
    const others = this.count > 1 ? ` (${this.count} such packet records in all)` : '';
    return {
      kind: 'warning',
      offset: this.firstOffset,
      where: 'byte',
      message: `packet record captured length ${this.firstLength} exceeds the snap length ${this.firstSnap}${others}; read as recorded`,
    };
  }
}
