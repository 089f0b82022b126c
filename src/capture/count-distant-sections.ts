/**
 * A pcapng file may be several captures joined (`cat a.pcapng b.pcapng`, or mergecap of sessions from different
 * hosts): each starts a new section. Their packets are merged into one timeline and one set of flows, which is right
 * for one session and misleading for captures months apart, so such joins are counted and reported.
 */
import type { CaptureWarningObservation } from '../model/observation.js';

/** A section starting this long after (or before) the previous one's last packet is a separate capture. */
export const DISTANT_SECTION_SECONDS = 30 * 24 * 3600;

export class DistantSectionCounter {
  private sections = 0;
  private previousEnd: number | null = null;
  private sectionEnd: number | null = null;
  private sectionOffset = 0;
  private awaitingFirstPacket = false;
  private distant = 0;
  private firstOffset = 0;
  private firstGapSeconds = 0;

  /** A Section Header Block at `fileOffset`. */
  startSection(fileOffset: number): void {
    this.sections += 1;
    if (this.sectionEnd !== null) this.previousEnd = this.sectionEnd;
    this.sectionEnd = null;
    this.sectionOffset = fileOffset;
    this.awaitingFirstPacket = this.previousEnd !== null;
  }

  /** A timestamped packet of the current section. */
  packet(time: number): void {
    if (this.awaitingFirstPacket && this.previousEnd !== null) {
      this.awaitingFirstPacket = false;
      const gap = time - this.previousEnd;
      if (Math.abs(gap) > DISTANT_SECTION_SECONDS) {
        if (this.distant === 0) {
          this.firstOffset = this.sectionOffset;
          this.firstGapSeconds = gap;
        }
        this.distant += 1;
      }
    }
    this.sectionEnd = this.sectionEnd === null ? time : Math.max(this.sectionEnd, time);
  }

  /** One warning for all distant sections (at the first one's offset), or null when there were none. */
  warning(): CaptureWarningObservation | null {
    if (this.distant === 0) return null;
    const days = Math.round(Math.abs(this.firstGapSeconds) / 86400);
    const direction = this.firstGapSeconds > 0 ? 'after' : 'before';
    return {
      kind: 'warning',
      offset: this.firstOffset,
      where: 'byte',
      message:
        `${this.distant} of ${this.sections} pcapng sections start more than 30 days away from the section before ` +
        `(the first ${days} days ${direction} it): the file joins separate captures, which are merged into one`,
    };
  }
}
