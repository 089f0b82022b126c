/**
 * Binary cache of the parsed IP range tables, so only the first process pays for parsing the
 * `@ip-location-db` CSVs (0.5–0.7 s for IPv4) and later ones read just the rows their lookups touch.
 *
 * Layout (native byte order, which is part of the key): an 8-byte magic, then four u32s (format
 * version, family, key length, column count), the key as UTF-8, then a directory of one entry per
 * column (u32 element kind, u32 element count, u64 byte offset), then the columns. The table columns
 * come in an order the caller defines; the last two hold the owner names (u32 offsets into a UTF-8
 * byte column, one more offset than names). Every column starts on an 8-byte boundary, and the last
 * one ends the file exactly.
 *
 * Version 1 stored the owner names as one JSON array and was read whole: 25 MB read and 80,000 names
 * parsed by every process, about 0.1–0.3 s of CPU per audit. Version 2 is opened, its directory
 * checked, and then read a 4 KiB page at a time as lookups need it (table-column.ts).
 *
 * The cache is an optimisation only: every failure to read or write it is reported as "no cache" and
 * the caller parses the CSVs instead.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { PagedColumn, type PagedElement } from './table-column.js';

/** The typed-array kinds the range tables use. */
export type CachedArray = Uint16Array | Uint32Array | BigUint64Array;

/** One family's tables as stored: arrays in an order the caller defines, plus the owner names they index. */
export interface IpTableCacheEntry {
  arrays: CachedArray[];
  /** Owner names referred to by index from the owner-id array; local to this entry. */
  ownerNames: string[];
}

/** An opened cache file: its table columns, read on demand, and its owner names. */
export interface IpTableCacheReader {
  /** The table columns, in the order they were written (owner names excluded). */
  columns: PagedColumn[];
  /** Number of owner names. */
  ownerNameCount: number;
  /** The owner name with this id (decoded on first use). */
  ownerName(id: number): string;
  /** Bytes read from the file so far by page reads (the directory aside). */
  bytesRead(): number;
  /** Close the file; later reads fail. */
  close(): void;
}

const MAGIC = Buffer.from('CCIPTBL\0', 'latin1');
/** Bump whenever the layout or the meaning of any array changes. */
const FORMAT_VERSION = 2;
const ALIGN = 8;
const HEADER_BYTES = MAGIC.length + 16;
const DIRECTORY_ENTRY_BYTES = 16;
const KIND_U16 = 1;
const KIND_U32 = 2;
const KIND_U64 = 3;
const KIND_U8 = 4;
/** Enough for any directory this module writes; a larger one is not ours. */
const MAX_COLUMNS = 64;
const MAX_KEY_BYTES = 64 * 1024;

/** File name of one family's cache inside the cache directory. */
export function ipTableCachePath(cacheDir: string, family: 4 | 6): string {
  return join(cacheDir, `ip-tables-v${FORMAT_VERSION}-ipv${family}.bin`);
}

function padTo(n: number): number {
  return (n + ALIGN - 1) & ~(ALIGN - 1);
}

function fullKey(key: string): string {
  // Typed arrays are stored in native order, so a cache copied to another-endian machine must miss.
  return `${endianness()}|${key}`;
}

type StoredArray = CachedArray | Uint8Array;

function kindOf(array: StoredArray): number {
  if (array instanceof Uint16Array) return KIND_U16;
  if (array instanceof Uint32Array) return KIND_U32;
  if (array instanceof BigUint64Array) return KIND_U64;
  return KIND_U8;
}

function elementSize(kind: number): PagedElement | 0 {
  return kind === KIND_U8 ? 1 : kind === KIND_U16 ? 2 : kind === KIND_U32 ? 4 : kind === KIND_U64 ? 8 : 0;
}

function bytesOf(array: StoredArray): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Owner names as offsets into one UTF-8 byte column, so one name can be read without the others. */
function encodeNames(names: readonly string[]): { offsets: Uint32Array; bytes: Uint8Array } {
  const encoded = names.map((name) => Buffer.from(name, 'utf8'));
  const offsets = new Uint32Array(names.length + 1);
  for (let i = 0; i < encoded.length; i++) offsets[i + 1] = (offsets[i] ?? 0) + (encoded[i]?.length ?? 0);
  return { offsets, bytes: Buffer.concat(encoded) };
}

/**
 * Write one family's tables to `path` atomically (temporary file then rename), so a concurrent
 * reader sees either the old file, the new one or none, never a half-written one. Errors (read-only
 * or missing directory, full disk) are swallowed: the cache is optional.
 * @returns whether the file was written.
 */
export function writeIpTableCache(path: string, family: 4 | 6, key: string, entry: IpTableCacheEntry): boolean {
  const keyBytes = Buffer.from(fullKey(key), 'utf8');
  const names = encodeNames(entry.ownerNames);
  const columns: StoredArray[] = [...entry.arrays, names.offsets, names.bytes];
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(FORMAT_VERSION, MAGIC.length);
  header.writeUInt32LE(family, MAGIC.length + 4);
  header.writeUInt32LE(keyBytes.length, MAGIC.length + 8);
  header.writeUInt32LE(columns.length, MAGIC.length + 12);
  const directory = Buffer.alloc(columns.length * DIRECTORY_ENTRY_BYTES);
  const parts: Buffer[] = [header, keyBytes];
  let length = padTo(HEADER_BYTES + keyBytes.length);
  parts.push(Buffer.alloc(length - HEADER_BYTES - keyBytes.length), directory);
  length += directory.length;
  for (const [i, column] of columns.entries()) {
    const at = padTo(length);
    if (at > length) parts.push(Buffer.alloc(at - length));
    directory.writeUInt32LE(kindOf(column), i * DIRECTORY_ENTRY_BYTES);
    directory.writeUInt32LE(column.length, i * DIRECTORY_ENTRY_BYTES + 4);
    directory.writeBigUInt64LE(BigInt(at), i * DIRECTORY_ENTRY_BYTES + 8);
    parts.push(bytesOf(column));
    length = at + column.byteLength;
  }

  // `batch` runs audits in worker threads of one process, so the pid alone would not keep writers apart.
  // worker_threads is loaded here, not at start-up: only the rare process that writes a cache needs it.
  const { threadId } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const temporary = `${path}.${process.pid}.${threadId}.${Date.now()}.tmp`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(temporary, Buffer.concat(parts, length));
    renameSync(temporary, path);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The directory itself is unusable (e.g. a file sits in its path): nothing was left behind.
    }
    return false;
  }
}

function readExactly(fd: number, length: number, position: number): Buffer | null {
  const buffer = Buffer.alloc(length);
  return readSync(fd, buffer, 0, length, position) === length ? buffer : null;
}

/**
 * Open one family's cache if `path` holds a well-formed cache for exactly this family and key: magic,
 * version, family and key match, every column lies after the directory, in order, 8-byte aligned,
 * and the last one ends the file exactly (so truncation and trailing garbage are caught), and the
 * name offsets end where the name bytes do. Column contents are not read until they are needed.
 * Missing, stale, truncated or malformed files all give `null` (and leave no file open).
 */
export function openIpTableCache(path: string, family: 4 | 6, key: string): IpTableCacheReader | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  let reader: IpTableCacheReader | null = null;
  try {
    reader = parseDirectory(fd, family, fullKey(key));
  } catch {
    // Read or range errors from a damaged file: treat as a miss like any other.
    reader = null;
  }
  if (reader === null) closeSync(fd);
  return reader;
}

function parseDirectory(fd: number, family: 4 | 6, key: string): IpTableCacheReader | null {
  const fileSize = fstatSync(fd).size;
  const header = fileSize >= HEADER_BYTES ? readExactly(fd, HEADER_BYTES, 0) : null;
  if (header === null || !header.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const version = header.readUInt32LE(MAGIC.length);
  const storedFamily = header.readUInt32LE(MAGIC.length + 4);
  const keyLength = header.readUInt32LE(MAGIC.length + 8);
  const columnCount = header.readUInt32LE(MAGIC.length + 12);
  if (version !== FORMAT_VERSION || storedFamily !== family) return null;
  if (keyLength > MAX_KEY_BYTES || columnCount < 2 || columnCount > MAX_COLUMNS) return null;
  const directoryAt = padTo(HEADER_BYTES + keyLength);
  const directoryEnd = directoryAt + columnCount * DIRECTORY_ENTRY_BYTES;
  if (directoryEnd > fileSize) return null;
  const keyAndDirectory = readExactly(fd, directoryEnd - HEADER_BYTES, HEADER_BYTES);
  if (keyAndDirectory === null || keyAndDirectory.toString('utf8', 0, keyLength) !== key) return null;
  const columns: PagedColumn[] = [];
  let end = directoryEnd;
  for (let i = 0; i < columnCount; i++) {
    const entry = directoryAt - HEADER_BYTES + i * DIRECTORY_ENTRY_BYTES;
    const size = elementSize(keyAndDirectory.readUInt32LE(entry));
    const count = keyAndDirectory.readUInt32LE(entry + 4);
    const offset = Number(keyAndDirectory.readBigUInt64LE(entry + 8));
    if (size === 0 || offset % ALIGN !== 0 || offset < end || offset - end >= ALIGN) return null;
    end = offset + count * size;
    if (end > fileSize) return null;
    columns.push(new PagedColumn(fd, offset, count, size));
  }
  if (end !== fileSize) return null;
  const nameBytes = columns.pop();
  const nameOffsets = columns.pop();
  if (nameBytes === undefined || nameOffsets === undefined || nameOffsets.length === 0) return null;
  if (nameOffsets.element(nameOffsets.length - 1) !== nameBytes.length) return null;
  return createReader(fd, columns, nameOffsets, nameBytes);
}

function createReader(fd: number, columns: PagedColumn[], nameOffsets: PagedColumn, nameBytes: PagedColumn): IpTableCacheReader {
  const decoded = new Map<number, string>();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let open = true;
  return {
    columns,
    ownerNameCount: nameOffsets.length - 1,
    ownerName(id) {
      let name = decoded.get(id);
      if (name === undefined) {
        const from = Number(nameOffsets.element(id));
        const to = Number(nameOffsets.element(id + 1));
        if (!(from <= to && to <= nameBytes.length)) throw new Error(`owner name ${id} lies outside the name bytes`);
        name = decoder.decode(nameBytes.bytes(from, to));
        decoded.set(id, name);
      }
      return name;
    },
    bytesRead() {
      return [...columns, nameOffsets, nameBytes].reduce((sum, c) => sum + c.bytesRead, 0);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
