/**
 * Binary cache of the parsed IP range tables, so only the first process pays for parsing the
 * `@ip-location-db` CSVs (0.5–0.7 s for IPv4) and later ones load the typed arrays in milliseconds.
 *
 * Layout (native byte order, which is part of the key): an 8-byte magic, then four u32s (format
 * version, family, key length, array count), the key as UTF-8, then per array a u32 element kind and
 * a u32 length followed by its bytes, then a u32 byte length and the owner names as a JSON array.
 * Every section starts on an 8-byte boundary so the arrays can be viewed in place without copying.
 *
 * The cache is an optimisation only: every failure to read or write it is reported as "no cache" and
 * the caller parses the CSVs instead.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** The typed-array kinds the range tables use. */
export type CachedArray = Uint16Array | Uint32Array | BigUint64Array;

/** One family's tables as stored: arrays in an order the caller defines, plus the owner names they index. */
export interface IpTableCacheEntry {
  arrays: CachedArray[];
  /** Owner names referred to by index from the owner-id array; local to this entry. */
  ownerNames: string[];
}

const MAGIC = Buffer.from('CCIPTBL\0', 'latin1');
/** Bump whenever the layout or the meaning of any array changes. */
const FORMAT_VERSION = 1;
const ALIGN = 8;
const KIND_U16 = 1;
const KIND_U32 = 2;
const KIND_U64 = 3;

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

function kindOf(array: CachedArray): number {
  if (array instanceof Uint16Array) return KIND_U16;
  if (array instanceof Uint32Array) return KIND_U32;
  return KIND_U64;
}

function bytesOf(array: CachedArray): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Write one family's tables to `path` atomically (temporary file then rename), so a concurrent
 * reader sees either the old file, the new one or none, never a half-written one. Errors (read-only
 * or missing directory, full disk) are swallowed: the cache is optional.
 * @returns whether the file was written.
 */
export function writeIpTableCache(path: string, family: 4 | 6, key: string, entry: IpTableCacheEntry): boolean {
  const keyBytes = Buffer.from(fullKey(key), 'utf8');
  const parts: Buffer[] = [];
  let length = 0;
  const push = (part: Buffer): void => {
    parts.push(part);
    length += part.length;
  };
  const pad = (): void => {
    const padded = padTo(length);
    if (padded > length) push(Buffer.alloc(padded - length));
  };
  const header = Buffer.alloc(16);
  header.writeUInt32LE(FORMAT_VERSION, 0);
  header.writeUInt32LE(family, 4);
  header.writeUInt32LE(keyBytes.length, 8);
  header.writeUInt32LE(entry.arrays.length, 12);
  push(MAGIC);
  push(header);
  push(keyBytes);
  pad();
  for (const array of entry.arrays) {
    const arrayHeader = Buffer.alloc(8);
    arrayHeader.writeUInt32LE(kindOf(array), 0);
    arrayHeader.writeUInt32LE(array.length, 4);
    push(arrayHeader);
    push(bytesOf(array));
    pad();
  }
  const names = Buffer.from(JSON.stringify(entry.ownerNames), 'utf8');
  const namesHeader = Buffer.alloc(8);
  namesHeader.writeUInt32LE(names.length, 0);
  push(namesHeader);
  push(names);

  // `batch` runs audits in worker threads of one process, so the pid alone would not keep writers apart.
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

/** View `count` elements at `offset` of `file`, copying only when the offset is misaligned in memory. */
function viewArray(file: Buffer, kind: number, offset: number, count: number): CachedArray {
  const absolute = file.byteOffset + offset;
  switch (kind) {
    case KIND_U16:
      return absolute % 2 === 0
        ? new Uint16Array(file.buffer, absolute, count)
        : new Uint16Array(file.buffer.slice(absolute, absolute + count * 2));
    case KIND_U32:
      return absolute % 4 === 0
        ? new Uint32Array(file.buffer, absolute, count)
        : new Uint32Array(file.buffer.slice(absolute, absolute + count * 4));
    default:
      return absolute % 8 === 0
        ? new BigUint64Array(file.buffer, absolute, count)
        : new BigUint64Array(file.buffer.slice(absolute, absolute + count * 8));
  }
}

function elementSize(kind: number): number {
  return kind === KIND_U16 ? 2 : kind === KIND_U32 ? 4 : kind === KIND_U64 ? 8 : 0;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Read one family's tables if `path` holds a well-formed cache for exactly this family and key.
 * Missing, stale, truncated or malformed files all give `null`. The arrays may be views over the
 * file's bytes, so they must be treated as owned by the caller from then on.
 */
export function readIpTableCache(path: string, family: 4 | 6, key: string): IpTableCacheEntry | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  try {
    return parseCache(file, family, fullKey(key));
  } catch {
    // JSON or range errors from a damaged file: treat as a miss like any other.
    return null;
  }
}

function parseCache(file: Buffer, family: 4 | 6, key: string): IpTableCacheEntry | null {
  if (file.length < MAGIC.length + 16 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  let at = MAGIC.length;
  const version = file.readUInt32LE(at);
  const storedFamily = file.readUInt32LE(at + 4);
  const keyLength = file.readUInt32LE(at + 8);
  const arrayCount = file.readUInt32LE(at + 12);
  at += 16;
  if (version !== FORMAT_VERSION || storedFamily !== family) return null;
  if (at + keyLength > file.length || file.toString('utf8', at, at + keyLength) !== key) return null;
  at = padTo(at + keyLength);
  const arrays: CachedArray[] = [];
  for (let i = 0; i < arrayCount; i++) {
    if (at + 8 > file.length) return null;
    const kind = file.readUInt32LE(at);
    const count = file.readUInt32LE(at + 4);
    const size = elementSize(kind);
    at += 8;
    if (size === 0 || at + count * size > file.length) return null;
    arrays.push(viewArray(file, kind, at, count));
    at = padTo(at + count * size);
  }
  if (at + 8 > file.length) return null;
  const namesLength = file.readUInt32LE(at);
  at += 8;
  // The names end the file exactly; anything else means truncation or trailing garbage.
  if (at + namesLength !== file.length) return null;
  const ownerNames: unknown = JSON.parse(file.toString('utf8', at, at + namesLength));
  if (!isStringArray(ownerNames)) return null;
  return { arrays, ownerNames };
}
