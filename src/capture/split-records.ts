/**
 * Cuts a stream of arbitrary chunks into length-prefixed records (pcap records, pcapng blocks) without
 * ever holding more than one record plus one chunk. Records inside a chunk are handed out as views of
 * that chunk; only a record straddling a chunk boundary is copied.
 */

/**
 * Says how long the record starting at `at` is.
 * Returns the full record length when the header is available, or `-n` when at least `n` bytes are
 * needed to tell. Returns a string to report corruption: the splitter stops there.
 */
export type MeasureRecord = (view: DataView, at: number, available: number) => number | string;

/** Receives one complete record: `view` covers its buffer, the record is `[at, at + length)`. */
export type HandleRecord = (bytes: Uint8Array, view: DataView, at: number, length: number, fileOffset: number) => void;

/** Outcome of {@link RecordSplitter.finish}. */
export interface SplitEnd {
  /** Bytes left over that do not make a whole record (a truncated file). */
  trailingBytes: number;
  /** File offset where the trailing bytes start. */
  trailingOffset: number;
  /** Length the cut-off record claims in its header, when enough of the header is there to tell. */
  claimedLength: number | null;
}

/** Incremental record splitter: feed chunks with {@link push}, then call {@link finish}. */
export class RecordSplitter {
  private pending: Uint8Array = new Uint8Array(0);
  private pendingOffset = 0;
  private consumed = 0;
  private stoppedReason: string | null = null;
  private stoppedAt = 0;

  constructor(
    private readonly measure: MeasureRecord,
    private readonly handle: HandleRecord,
  ) {}

  /** Why splitting stopped (corruption), or null. */
  get stopped(): { reason: string; offset: number } | null {
    return this.stoppedReason === null ? null : { reason: this.stoppedReason, offset: this.stoppedAt };
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    if (this.stoppedReason !== null || chunk.length === 0) return;
    let pos = 0;
    if (this.pending.length > 0) {
      pos = this.completePending(chunk);
      if (pos < 0) return;
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const base = this.consumed - pos;
    while (pos < chunk.length) {
      const length = this.measure(view, pos, chunk.length - pos);
      if (typeof length === 'string' || length === 0) {
        this.stop(typeof length === 'string' ? length : 'zero-length record', base + pos);
        return;
      }
      if (length < 0 || pos + length > chunk.length) break;
      this.handle(chunk, view, pos, length, base + pos);
      if (this.stoppedReason !== null) return;
      pos += length;
    }
    // Copy the tail so the whole chunk is not retained for a few bytes (`new Uint8Array(view)` copies;
    // Buffer#slice, and file chunks are Buffers, would return a view).
    this.pending = new Uint8Array(chunk.subarray(pos));
    this.pendingOffset = base + pos;
    this.consumed = base + chunk.length;
  }

  /**
   * Grows the pending partial record with bytes from `chunk` until it is whole, handles it, and
   * returns the position in `chunk` after it; -1 when the chunk was used up (or splitting stopped).
   */
  private completePending(chunk: Uint8Array): number {
    let pos = 0;
    for (;;) {
      const view = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength);
      const length = this.measure(view, 0, this.pending.length);
      const need = typeof length === 'number' ? Math.abs(length) : 0;
      if (typeof length === 'string' || need === 0 || (length < 0 && need <= this.pending.length)) {
        this.stop(typeof length === 'string' ? length : 'unmeasurable record', this.pendingOffset);
        return -1;
      }
      const take = Math.min(need - this.pending.length, chunk.length - pos);
      if (take > 0) {
        const grown = new Uint8Array(this.pending.length + take);
        grown.set(this.pending, 0);
        grown.set(chunk.subarray(pos, pos + take), this.pending.length);
        this.pending = grown;
        pos += take;
      }
      if (this.pending.length < need) {
        this.consumed += chunk.length;
        return -1;
      }
      if (length < 0) continue;
      const record = this.pending;
      const recordOffset = this.pendingOffset;
      this.pending = new Uint8Array(0);
      this.pendingOffset = recordOffset + record.length;
      this.handle(record, new DataView(record.buffer, record.byteOffset, record.byteLength), 0, record.length, recordOffset);
      this.consumed += pos;
      return this.stoppedReason === null ? pos : -1;
    }
  }

  /** Stops splitting from inside a handler (e.g. the file header is invalid). */
  stop(reason: string, offset: number): void {
    if (this.stoppedReason !== null) return;
    this.stoppedReason = reason;
    this.stoppedAt = offset;
    this.pending = new Uint8Array(0);
  }

  /** Reports leftover bytes at end of input. */
  finish(): SplitEnd {
    let claimedLength: number | null = null;
    if (this.pending.length > 0) {
      const measured = this.measure(new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength), 0, this.pending.length);
      if (typeof measured === 'number' && measured > 0) claimedLength = measured;
    }
    return { trailingBytes: this.pending.length, trailingOffset: this.pendingOffset, claimedLength };
  }
}
