/**
 * A read-only column of numbers, read by index: either a typed array in memory or an array stored in
 * a file and read a page at a time (see {@link PagedColumn}). The IP range search only ever touches
 * about twenty rows per lookup, so an audit that looks up a few hundred addresses needs a few hundred
 * pages of a 12 MB table, not the whole file.
 */
import { readSync } from 'node:fs';

/** Numbers up to 32 bits (IPv4 bounds, ASNs, owner ids, packed country codes, name offsets, bytes). */
export interface NumberColumn {
  readonly length: number;
  get(index: number): number;
}

/** 64-bit halves of IPv6 bounds. */
export interface BigColumn {
  readonly length: number;
  get(index: number): bigint;
}

/** A typed array in memory seen as a column (tables parsed from the CSVs). */
export function numberColumnOf(values: Uint8Array | Uint16Array | Uint32Array, length = values.length): NumberColumn {
  return { length, get: (index) => values[index] ?? 0 };
}

/** {@link numberColumnOf} for 64-bit values. */
export function bigColumnOf(values: BigUint64Array, length = values.length): BigColumn {
  return { length, get: (index) => values[index] ?? 0n };
}

/** Element types a paged column can hold, by byte size. */
export type PagedElement = 1 | 2 | 4 | 8;

const PAGE_BYTES = 4096;

type PageArray = Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

function viewPage(bytes: ArrayBuffer, size: PagedElement): PageArray {
  switch (size) {
    case 1:
      return new Uint8Array(bytes);
    case 2:
      return new Uint16Array(bytes);
    case 4:
      return new Uint32Array(bytes);
    default:
      return new BigUint64Array(bytes);
  }
}

/**
 * An array of `length` elements of `size` bytes (native byte order) at byte `offset` of an open file.
 * Pages of 4 KiB (counted from the array's start) are read on first use and kept. A short read means
 * the file changed under us: it throws, and the caller decides what to fall back to.
 */
export class PagedColumn {
  readonly length: number;
  private readonly pages = new Map<number, PageArray>();
  private readonly perPage: number;
  private pagesRead = 0;

  constructor(
    private readonly fd: number,
    private readonly offset: number,
    length: number,
    readonly size: PagedElement,
  ) {
    this.length = length;
    this.perPage = PAGE_BYTES / size;
  }

  /** Bytes read from the file so far. */
  get bytesRead(): number {
    return this.pagesRead * PAGE_BYTES;
  }

  /** The element at `index` (number for 1–4-byte elements, bigint for 8-byte ones). */
  element(index: number): number | bigint {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`row ${index} outside a column of ${this.length}`);
    const page = Math.floor(index / this.perPage);
    const values = this.pages.get(page) ?? this.readPage(page);
    return values[index - page * this.perPage] ?? 0;
  }

  /** Bytes [from, to) of a 1-byte column, reading whichever pages they span. */
  bytes(from: number, to: number): Uint8Array {
    const out = new Uint8Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = Number(this.element(i));
    return out;
  }

  private readPage(page: number): PageArray {
    const first = page * this.perPage;
    const byteLength = Math.min(this.perPage, this.length - first) * this.size;
    const buffer = new ArrayBuffer(byteLength);
    const read = readSync(this.fd, new Uint8Array(buffer), 0, byteLength, this.offset + first * this.size);
    if (read !== byteLength) throw new Error(`short read of a table page (${read} of ${byteLength} bytes)`);
    const values = viewPage(buffer, this.size);
    this.pages.set(page, values);
    this.pagesRead++;
    return values;
  }
}

/** A paged column of numbers. */
export function pagedNumberColumn(column: PagedColumn): NumberColumn {
  return { length: column.length, get: (index) => Number(column.element(index)) };
}

/** A paged column of 64-bit values. */
export function pagedBigColumn(column: PagedColumn): BigColumn {
  return { length: column.length, get: (index) => BigInt(column.element(index)) };
}
