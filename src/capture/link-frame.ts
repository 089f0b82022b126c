import type { AddressNameObservation, CaptureWarningObservation } from '../model/observation.js';

/**
 * What the container readers (pcap, pcapng) hand to the packet decoders: one captured link-layer frame.
 */

/** One captured frame, before any protocol decoding. */
export interface LinkFrame {
  kind: 'frame';
  /** 1-based frame number, counting every packet record as Wireshark does. */
  frame: number;
  /** Seconds since the epoch (microsecond precision). */
  time: number;
  /** LINKTYPE_* value of the interface the frame was captured on. */
  linkType: number;
  /**
   * Captured bytes: a view into a read buffer. It stays valid unless the reader reuses its buffers (the capture
   * summariser does), in which case it is overwritten once the next chunks are read: copy what must be kept.
   */
  data: Uint8Array;
  /** Length on the wire (may exceed `data.length` when the capture was snapped). */
  originalLength: number;
  /** Byte offset of the record in the file, for warnings. */
  offset: number;
  /**
   * The record carries no time and none came before it (a pcapng Simple Packet Block before any timestamped
   * packet): `time` is 0 and says nothing, so the capture's first and last times leave the frame out.
   */
  untimed?: true;
}

/** What a container parser emits, in file order. */
export type FrameEvent = LinkFrame | CaptureWarningObservation | AddressNameObservation;

/** Counters a reader fills while it runs; the summariser reads them afterwards. */
export interface ReadStats {
  /** Frames (or HAR entries) seen, including frames that are not IP. */
  frames: number;
  firstTime: number | null;
  lastTime: number | null;
}

/** Creates zeroed {@link ReadStats}. */
export function createReadStats(): ReadStats {
  return { frames: 0, firstTime: null, lastTime: null };
}
