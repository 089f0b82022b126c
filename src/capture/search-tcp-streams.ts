/**
 * Identifier search over TCP byte streams rather than single segments, so a value cut in two by segmentation
 * (a long URL, a JSON body) is still found. Each direction keeps the automaton state and the last few bytes
 * (one pattern length) between segments; retransmitted bytes are not searched twice and a gap (a lost or
 * uncaptured segment) restarts the search, while the bytes it skipped are still searched if a late segment brings
 * them. Memory is bounded: a fixed number of directions, a few dozen bytes each.
 */
import { searchIdentifiersFrom, type IdentifierMatch, type IdentifierPatterns } from './search-identifiers.js';

/** A match located in capture terms: where it starts and the frame where it ends. */
export interface StreamMatch {
  match: IdentifierMatch;
  /** Frame holding the first matched byte, and the byte's offset in that frame's transport payload. */
  frame: number;
  offset: number;
  /** Capture time of `frame`. */
  time: number;
  /** Frame holding the last matched byte (differs from `frame` when the match spans segments). */
  endFrame: number;
}

/** Where the kept tail bytes came from, oldest first. */
interface TailPiece {
  frame: number;
  time: number;
  /** Offset in that frame's payload of the piece's first byte. */
  offset: number;
  length: number;
}

/** Search state of one TCP direction; callers keep it on their own per-direction record and pass it back. */
export interface StreamSearchState {
  nextSeq: number;
  state: number;
  tail: Uint8Array;
  pieces: TailPiece[];
  /** False once forgotten to keep memory bounded: the next segment starts the search afresh. */
  live: boolean;
  /** The bytes the last gap skipped, searched if a late segment (a retransmission, or one reordered) brings them. */
  hole: StreamHole | null;
}

/**
 * The stream's bytes missing at the last gap, `[fill.nextSeq, end)`. They are searched in order as late segments
 * bring them, continuing the search from before the gap; once the hole is whole, its end is joined to the first
 * bytes after it, so a value cut by the late segment's end is found too. One per direction, a few dozen bytes.
 */
interface StreamHole {
  /** Search state of the hole's bytes, `nextSeq` the next byte awaited. */
  fill: StreamSearchState;
  /** Sequence number of the first byte after the hole (already searched). */
  end: number;
  /** A copy of the first bytes after the hole (one pattern length less one), and where they came from. */
  head: Uint8Array;
  headFrame: number;
}

/** Directions tracked at once; the least recently started is forgotten beyond this. */
const MAX_DIRECTIONS = 65536;
const EMPTY = new Uint8Array(0);

/** Per-capture stream search: the automaton plus the set of directions that hold state, oldest first. */
export class TcpStreamSearch {
  private readonly live = new Set<StreamSearchState>();
  private readonly keep: number;
  /** Matches of the segment being searched; reused, since most segments have none. */
  private readonly scratch: IdentifierMatch[] = [];

  constructor(private readonly patterns: IdentifierPatterns) {
    this.keep = Math.max(0, patterns.maxPatternLength - 1);
  }

  /**
   * Searches one segment's payload as the continuation of its direction's stream. `direction` is the state the
   * previous call returned for this direction (null the first time); `seq` is the segment's sequence number.
   * Appends the matches (at most `limit`) to `out` and returns the state to pass next time.
   */
  search(
    current: StreamSearchState | null,
    seq: number,
    payload: Uint8Array,
    frame: number,
    time: number,
    limit: number,
    out: StreamMatch[],
  ): StreamSearchState {
    let direction = current;
    let skipped = 0;
    if (direction === null || !direction.live) {
      if (this.live.size >= MAX_DIRECTIONS) {
        const oldest = this.live.values().next();
        if (oldest.done !== true) {
          oldest.value.live = false;
          this.live.delete(oldest.value);
        }
      }
      direction = { nextSeq: seq, state: 0, tail: EMPTY, pieces: [], live: true, hole: null };
      this.live.add(direction);
    }
    const delta = (seq - direction.nextSeq) | 0;
    if (delta < 0) {
      // Bytes behind the search were searched already, unless a gap skipped them.
      if (direction.hole !== null) this.fillHole(direction, direction.hole, seq, payload, frame, time, limit, out);
      if (delta + payload.length <= 0) return direction;
      skipped = -delta;
    } else if (delta > 0) {
      // A gap: the search restarts here, and what it had reached waits for the missing bytes.
      direction.hole = {
        fill: { nextSeq: direction.nextSeq, state: direction.state, tail: direction.tail, pieces: direction.pieces, live: true, hole: null },
        end: seq,
        head: payload.slice(0, this.keep),
        headFrame: frame,
      };
      direction.state = 0;
      direction.tail = EMPTY;
      direction.pieces = [];
    }
    this.searchBytes(direction, skipped === 0 ? payload : payload.subarray(skipped), skipped, frame, time, limit, out);
    direction.nextSeq = (seq + payload.length) >>> 0;
    return direction;
  }

  /** Drops a direction's state (its connection ended and a new one began): the next segment starts afresh. */
  forget(direction: StreamSearchState): void {
    direction.live = false;
    this.live.delete(direction);
  }

  /** Searches `fresh` (the payload from byte `skipped` on) as the continuation of `direction`'s stream. */
  private searchBytes(direction: StreamSearchState, fresh: Uint8Array, skipped: number, frame: number, time: number, limit: number, out: StreamMatch[]): void {
    const matches = this.scratch;
    matches.length = 0;
    direction.state = searchIdentifiersFrom(this.patterns, direction.state, direction.tail, fresh, limit, matches);
    for (const match of matches) {
      if (match.offset >= 0) {
        out.push({ match, frame, offset: match.offset + skipped, time, endFrame: frame });
        continue;
      }
      const start = locateInTail(direction.pieces, direction.tail.length + match.offset);
      if (start !== null) out.push({ match, frame: start.frame, offset: start.offset, time: start.time, endFrame: frame });
    }
    this.keepTail(direction, fresh, frame, time, skipped);
  }

  /**
   * Searches the part of a late segment that lies in the hole. Bytes must come in order: a piece that starts past
   * the point the hole is filled to restarts its search there (as a gap does), and bytes before that point are not
   * searched again.
   */
  private fillHole(direction: StreamSearchState, hole: StreamHole, seq: number, payload: Uint8Array, frame: number, time: number, limit: number, out: StreamMatch[]): void {
    const fill = hole.fill;
    const from = Math.max(0, (fill.nextSeq - seq) | 0);
    const to = Math.min(payload.length, (hole.end - seq) | 0);
    if (from >= to) return;
    if (((seq - fill.nextSeq) | 0) > 0) {
      fill.state = 0;
      fill.tail = EMPTY;
      fill.pieces = [];
    }
    this.searchBytes(fill, payload.subarray(from, to), from, frame, time, limit, out);
    fill.nextSeq = (seq + to) >>> 0;
    if (fill.nextSeq !== hole.end) return;
    // Whole: run on into the bytes after the hole, keeping only matches that began inside it (the rest were found).
    const matches = this.scratch;
    matches.length = 0;
    searchIdentifiersFrom(this.patterns, fill.state, fill.tail, hole.head, limit, matches);
    for (const match of matches) {
      if (match.offset >= 0) continue;
      const start = locateInTail(fill.pieces, fill.tail.length + match.offset);
      if (start !== null) out.push({ match, frame: start.frame, offset: start.offset, time: start.time, endFrame: hole.headFrame });
    }
    direction.hole = null;
  }

  /** Keeps the last `keep` bytes of the stream and where each came from. */
  private keepTail(direction: StreamSearchState, fresh: Uint8Array, frame: number, time: number, skipped: number): void {
    if (this.keep === 0) return;
    if (fresh.length >= this.keep) {
      // A copy into the direction's own buffer (allocated once): a view would pin the whole read buffer.
      if (direction.tail.length !== this.keep) direction.tail = new Uint8Array(this.keep);
      direction.tail.set(fresh.subarray(fresh.length - this.keep));
      const piece = direction.pieces.length === 1 ? direction.pieces[0] : undefined;
      if (piece === undefined) {
        direction.pieces = [{ frame, time, offset: skipped + fresh.length - this.keep, length: this.keep }];
      } else {
        piece.frame = frame;
        piece.time = time;
        piece.offset = skipped + fresh.length - this.keep;
        piece.length = this.keep;
      }
      return;
    }
    const combined = new Uint8Array(Math.min(this.keep, direction.tail.length + fresh.length));
    const fromOld = combined.length - fresh.length;
    combined.set(direction.tail.subarray(direction.tail.length - fromOld), 0);
    combined.set(fresh, fromOld);
    let drop = direction.tail.length - fromOld;
    const pieces: TailPiece[] = [];
    for (const piece of direction.pieces) {
      if (drop >= piece.length) {
        drop -= piece.length;
        continue;
      }
      pieces.push({ frame: piece.frame, time: piece.time, offset: piece.offset + drop, length: piece.length - drop });
      drop = 0;
    }
    pieces.push({ frame, time, offset: skipped, length: fresh.length });
    direction.tail = combined;
    direction.pieces = pieces;
  }
}

function locateInTail(pieces: TailPiece[], index: number): { frame: number; time: number; offset: number } | null {
  let at = index;
  for (const piece of pieces) {
    if (at < piece.length) return { frame: piece.frame, time: piece.time, offset: piece.offset + at };
    at -= piece.length;
  }
  return null;
}
