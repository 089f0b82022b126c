/**
 * IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) fragment reassembly, so a DNS answer, a QUIC Initial or an
 * identifier in a fragmented datagram is read like any other. Bounded: a fixed number of datagrams in progress
 * and a fixed size each; whatever never completes is counted, not kept.
 */

/** A whole datagram put back together. */
export interface ReassembledDatagram {
  /** The upper-layer bytes (transport header included). */
  payload: Uint8Array;
  /** Sum of the fragments' frame lengths on the wire. */
  frameLength: number;
  /** Frames the datagram came in, in arrival order. */
  frames: number[];
}

interface PartialDatagram {
  pieces: { offset: number; bytes: Uint8Array }[];
  /** Known once the last fragment (no "more fragments" flag) has arrived. */
  totalLength: number;
  frameLength: number;
  frames: number[];
}

const MAX_IN_PROGRESS = 1024;
/** RFC 791: a datagram is at most 65535 bytes; IPv6 jumbograms are not fragmented. */
const MAX_DATAGRAM = 65535;

/** Per-capture reassembly state. */
export class IpFragmentReassembler {
  private readonly partial = new Map<string, PartialDatagram>();
  /** Datagrams dropped unfinished (evicted, oversize or overlapping inconsistently). */
  abandoned = 0;

  /**
   * Adds one fragment: `key` identifies the datagram (addresses, protocol, identification), `bytes` is this
   * fragment's part of the upper-layer data. Returns the datagram once every byte has arrived, else null.
   */
  add(key: string, offset: number, moreFragments: boolean, bytes: Uint8Array, frame: number, frameLength: number): ReassembledDatagram | null {
    let datagram = this.partial.get(key);
    if (datagram === undefined) {
      if (this.partial.size >= MAX_IN_PROGRESS) {
        const oldest = this.partial.keys().next();
        if (oldest.done !== true) this.partial.delete(oldest.value);
        this.abandoned += 1;
      }
      datagram = { pieces: [], totalLength: -1, frameLength: 0, frames: [] };
      this.partial.set(key, datagram);
    }
    const end = offset + bytes.length;
    if (end > MAX_DATAGRAM) {
      this.partial.delete(key);
      this.abandoned += 1;
      return null;
    }
    // A copy: keeping a view would keep the whole read buffer it points into (Buffer#slice does not copy).
    datagram.pieces.push({ offset, bytes: new Uint8Array(bytes) });
    datagram.frameLength += frameLength;
    datagram.frames.push(frame);
    if (!moreFragments) datagram.totalLength = end;
    if (datagram.totalLength < 0) return null;
    const payload = assemble(datagram);
    if (payload === null) return null;
    this.partial.delete(key);
    return { payload, frameLength: datagram.frameLength, frames: datagram.frames };
  }

  /** Datagrams still waiting for fragments. */
  get pending(): number {
    return this.partial.size;
  }
}

/** Joins the pieces when they cover [0, totalLength) without a hole; later copies of a byte win. */
function assemble(datagram: PartialDatagram): Uint8Array | null {
  const sorted = [...datagram.pieces].sort((a, b) => a.offset - b.offset);
  let covered = 0;
  for (const piece of sorted) {
    if (piece.offset > covered) return null;
    covered = Math.max(covered, piece.offset + piece.bytes.length);
  }
  if (covered < datagram.totalLength) return null;
  const out = new Uint8Array(datagram.totalLength);
  for (const piece of datagram.pieces) out.set(piece.bytes.subarray(0, Math.max(0, datagram.totalLength - piece.offset)), piece.offset);
  return out;
}
