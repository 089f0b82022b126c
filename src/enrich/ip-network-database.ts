/**
 * Offline IP → { ASN, network owner, country } from the pinned `@ip-location-db` CSV packages.
 *
 * The CSVs are 8–22 MB each, so nothing is read until the first lookup, IPv4 and IPv6 tables load
 * separately (most captures never need IPv6), and rows are parsed straight from the file bytes into
 * typed arrays: one range is 12–16 bytes instead of a few hundred as JS objects. The parsed tables
 * are kept in a binary cache that later processes read a page at a time (ip-table-cache.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AuditDataSource } from '../model/audit.js';
import type { IpNetworkInfo } from '../model/entity.js';
import { BIGINT_BOUNDS, NUMBER_BOUNDS, areRangesDisjoint, flattenRanges } from './flatten-ranges.js';
import { parseIp } from './ip-address.js';
import { type CachedArray, type IpTableCacheReader, ipTableCachePath, openIpTableCache, writeIpTableCache } from './ip-table-cache.js';
import { type BigColumn, type NumberColumn, bigColumnOf, numberColumnOf, pagedBigColumn, pagedNumberColumn } from './table-column.js';
import { findPackageRoot } from '../package-root.js';
import { memoiseByText } from './memoise-by-text.js';
import { isPrivateAddress } from './private-address.js';

export { isPrivateAddress } from './private-address.js';

/** Where the two data packages live on disk. */
export interface IpDataLocation {
  /** Directory of `@ip-location-db/asn` (holds `asn-ipv4-num.csv`, `asn-ipv6-num.csv`). */
  asnDir: string;
  /** Directory of `@ip-location-db/geo-whois-asn-country`. */
  countryDir: string;
}

/** Options for {@link IpNetworkDatabase}. */
export interface IpNetworkDatabaseOptions {
  /**
   * Directory for the binary cache of parsed tables (see ip-table-cache.ts). Defaults to
   * `<package root>/node_modules/.cache/claimcheck/`; `null` turns the cache off.
   */
  cacheDir?: string | null;
}

/** Cost of loading one address family, for the methodology section and for benchmarks. */
export interface IpTableLoadStats {
  family: 4 | 6;
  milliseconds: number;
  /** Whether the tables came from the binary cache or were parsed from the CSVs. */
  source: 'cache' | 'csv';
  asnRanges: number;
  countryRanges: number;
  /**
   * Owner names the family's lookups can give: from the CSVs, the deduplicated string table shared by
   * both families (at the time this family loaded); from the cache, the family's own names.
   */
  ownerNames: number;
  /**
   * Bytes of this family's range tables (excluding owner names): held in typed arrays when parsed from
   * the CSVs; in the cache file, of which lookups read only the 4 KiB pages they touch, when cached.
   */
  typedArrayBytes: number;
  /** Bytes read from the cache file so far, in 4 KiB pages (0 for tables parsed from the CSVs). */
  bytesRead: number;
}

const NO_NETWORK: IpNetworkInfo = Object.freeze({ asn: null, asnOwner: null, country: null });
/** Top 96 bits of the NAT64 well-known prefix 64:ff9b::/96 (RFC 6052). */
const NAT64_PREFIX_96 = 0x0064ff9b0000000000000000n;
const COMMA = 0x2c;
const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;

/** IPv4 ranges: parallel arrays indexed by row, sorted by start. */
interface Ipv4AsnTable {
  starts: Uint32Array;
  ends: Uint32Array;
  asns: Uint32Array;
  owners: Uint32Array;
  count: number;
}
interface Ipv4CountryTable {
  starts: Uint32Array;
  ends: Uint32Array;
  /** Two ASCII letters packed as `(c0 << 8) | c1`. */
  codes: Uint16Array;
  count: number;
}
/** IPv6 ranges split into high and low 64-bit halves so they fit typed arrays. */
interface Ipv6Bounds {
  startHi: BigUint64Array;
  startLo: BigUint64Array;
  endHi: BigUint64Array;
  endLo: BigUint64Array;
  count: number;
}
interface Ipv6AsnTable extends Ipv6Bounds {
  asns: Uint32Array;
  owners: Uint32Array;
}
interface Ipv6CountryTable extends Ipv6Bounds {
  codes: Uint16Array;
}

/** Locate the installed data packages the way Node would resolve them for this module. */
export function locateIpDataPackages(): IpDataLocation {
  const require = createRequire(import.meta.url);
  return {
    asnDir: dirname(require.resolve('@ip-location-db/asn/package.json')),
    countryDir: dirname(require.resolve('@ip-location-db/geo-whois-asn-country/package.json')),
  };
}

/** Count lines so typed arrays are allocated once at the right size. */
function countLines(bytes: Buffer): number {
  let lines = 0;
  let at = bytes.indexOf(NEWLINE);
  while (at !== -1) {
    lines++;
    at = bytes.indexOf(NEWLINE, at + 1);
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) lines++;
  return lines;
}

/** Parse an unsigned decimal field [from, to) without allocating a string. */
function readUint(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + ((bytes[i] ?? 48) - 48);
  return n;
}

/** Line end excluding a trailing CR. */
function trimLineEnd(bytes: Buffer, lineStart: number, newline: number): number {
  const end = newline === -1 ? bytes.length : newline;
  return end > lineStart && bytes[end - 1] === CR ? end - 1 : end;
}

/** Decode a CSV field that may be quoted with doubled inner quotes. */
function readTextField(bytes: Buffer, from: number, to: number): string {
  if (bytes[from] === QUOTE && to - from >= 2 && bytes[to - 1] === QUOTE) {
    return bytes.toString('utf8', from + 1, to - 1).replaceAll('""', '"');
  }
  return bytes.toString('utf8', from, to);
}

/** Splits one CSV line into the comma positions of its first three fields (the 4th may hold commas). */
function findCommas(bytes: Buffer, from: number, to: number, wanted: number, out: number[]): boolean {
  let found = 0;
  for (let i = from; i < to && found < wanted; i++) {
    if (bytes[i] === COMMA) out[found++] = i;
  }
  return found === wanted;
}

/** Byte equality of two ranges of one buffer. */
function sameBytes(bytes: Buffer, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let k = 0; k < aTo - aFrom; k++) if (bytes[aFrom + k] !== bytes[bFrom + k]) return false;
  return true;
}

/** Deduplicating string table for owner names: ~90k distinct names over ~500k rows. */
class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  intern(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(value, id);
    }
    return id;
  }
}

/**
 * Returns a function giving the string-table id of the owner field at [from, to) of a row of `asn`.
 * Decoding the owner (UTF-8 to a JS string, then a Map lookup) is most of the load time, and an ASN's
 * rows nearly always repeat its owner's name, so the bytes last seen per ASN are remembered and the
 * field is only decoded when they differ.
 */
function createOwnerReader(bytes: Buffer, owners: StringTable): (asn: number, from: number, to: number) => number {
  const seenByAsn = new Map<number, { from: number; to: number; id: number }>();
  return (asn, from, to) => {
    const seen = seenByAsn.get(asn);
    if (seen !== undefined && sameBytes(bytes, from, to, seen.from, seen.to)) return seen.id;
    const id = owners.intern(readTextField(bytes, from, to));
    seenByAsn.set(asn, { from, to, id });
    return id;
  };
}

/** Iterate CSV lines as [start, end) byte offsets. */
function forEachLine(bytes: Buffer, visit: (start: number, end: number) => void): void {
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = trimLineEnd(bytes, start, newline);
    if (end > start) visit(start, end);
    if (newline === -1) break;
    start = newline + 1;
  }
}

function packCountry(bytes: Buffer, from: number, to: number): number {
  if (to - from !== 2) return 0;
  return ((bytes[from] ?? 0) << 8) | (bytes[from + 1] ?? 0);
}

function unpackCountry(code: number): string | null {
  return code === 0 ? null : String.fromCharCode(code >> 8, code & 0xff);
}

type ValueArray = Uint32Array | Uint16Array;

/** Copy `values[k][rows[j]]` into fresh arrays of the segment count. */
function pickRows<A extends ValueArray>(source: A, rows: number[]): A {
  const picked = new (source.constructor as new (n: number) => A)(rows.length);
  for (let j = 0; j < rows.length; j++) picked[j] = source[rows[j] ?? 0] ?? 0;
  return picked;
}

/** Make IPv4 rows disjoint (see flatten-ranges.ts); returns the inputs untouched when they already are. */
function makeIpv4Disjoint<V extends ValueArray[]>(
  starts: Uint32Array,
  ends: Uint32Array,
  values: V,
  count: number,
): { starts: Uint32Array; ends: Uint32Array; values: V; count: number } {
  const start = (i: number): number => starts[i] ?? 0;
  const end = (i: number): number => ends[i] ?? 0;
  if (areRangesDisjoint(count, start, end, NUMBER_BOUNDS)) return { starts, ends, values, count };
  const flat = flattenRanges(count, start, end, NUMBER_BOUNDS);
  return {
    starts: Uint32Array.from(flat.starts),
    ends: Uint32Array.from(flat.ends),
    values: values.map((v) => pickRows(v, flat.rows)) as V,
    count: flat.rows.length,
  };
}

/** IPv6 counterpart of {@link makeIpv4Disjoint}. */
function makeIpv6Disjoint<V extends ValueArray[]>(bounds: Ipv6Bounds, values: V): { bounds: Ipv6Bounds; values: V } {
  const start = (i: number): bigint => ((bounds.startHi[i] ?? 0n) << 64n) | (bounds.startLo[i] ?? 0n);
  const end = (i: number): bigint => ((bounds.endHi[i] ?? 0n) << 64n) | (bounds.endLo[i] ?? 0n);
  if (areRangesDisjoint(bounds.count, start, end, BIGINT_BOUNDS)) return { bounds, values };
  const segments = flattenRanges(bounds.count, start, end, BIGINT_BOUNDS);
  const flat = allocateIpv6Bounds(segments.rows.length);
  for (let j = 0; j < segments.rows.length; j++) {
    const first = segments.starts[j] ?? 0n;
    const last = segments.ends[j] ?? 0n;
    flat.startHi[j] = first >> 64n;
    flat.startLo[j] = first & LOW64;
    flat.endHi[j] = last >> 64n;
    flat.endLo[j] = last & LOW64;
  }
  flat.count = segments.rows.length;
  return { bounds: flat, values: values.map((v) => pickRows(v, segments.rows)) as V };
}

function loadIpv4Asn(path: string, owners: StringTable): Ipv4AsnTable {
  const bytes = readFileSync(path);
  const capacity = countLines(bytes);
  const table: Ipv4AsnTable = {
    starts: new Uint32Array(capacity),
    ends: new Uint32Array(capacity),
    asns: new Uint32Array(capacity),
    owners: new Uint32Array(capacity),
    count: 0,
  };
  const commas = [0, 0, 0];
  const readOwner = createOwnerReader(bytes, owners);
  forEachLine(bytes, (start, end) => {
    if (!findCommas(bytes, start, end, 3, commas)) return;
    const [c1 = 0, c2 = 0, c3 = 0] = commas;
    const i = table.count++;
    table.starts[i] = readUint(bytes, start, c1);
    table.ends[i] = readUint(bytes, c1 + 1, c2);
    const asnNumber = readUint(bytes, c2 + 1, c3);
    table.asns[i] = asnNumber;
    table.owners[i] = readOwner(asnNumber, c3 + 1, end);
  });
  const flat = makeIpv4Disjoint(table.starts, table.ends, [table.asns, table.owners], table.count);
  const [asns = table.asns, ownerIds = table.owners] = flat.values;
  return { starts: flat.starts, ends: flat.ends, asns, owners: ownerIds, count: flat.count };
}

function loadIpv4Country(path: string): Ipv4CountryTable {
  const bytes = readFileSync(path);
  const capacity = countLines(bytes);
  const table: Ipv4CountryTable = {
    starts: new Uint32Array(capacity),
    ends: new Uint32Array(capacity),
    codes: new Uint16Array(capacity),
    count: 0,
  };
  const commas = [0, 0];
  forEachLine(bytes, (start, end) => {
    if (!findCommas(bytes, start, end, 2, commas)) return;
    const [c1 = 0, c2 = 0] = commas;
    const i = table.count++;
    table.starts[i] = readUint(bytes, start, c1);
    table.ends[i] = readUint(bytes, c1 + 1, c2);
    table.codes[i] = packCountry(bytes, c2 + 1, end);
  });
  const flat = makeIpv4Disjoint(table.starts, table.ends, [table.codes], table.count);
  const [codes = table.codes] = flat.values;
  return { starts: flat.starts, ends: flat.ends, codes, count: flat.count };
}

const LOW64 = (1n << 64n) - 1n;

function allocateIpv6Bounds(capacity: number): Ipv6Bounds {
  return {
    startHi: new BigUint64Array(capacity),
    startLo: new BigUint64Array(capacity),
    endHi: new BigUint64Array(capacity),
    endLo: new BigUint64Array(capacity),
    count: 0,
  };
}

function storeIpv6Bounds(table: Ipv6Bounds, i: number, bytes: Buffer, start: number, c1: number, c2: number): void {
  const first = BigInt(bytes.toString('latin1', start, c1));
  const last = BigInt(bytes.toString('latin1', c1 + 1, c2));
  table.startHi[i] = first >> 64n;
  table.startLo[i] = first & LOW64;
  table.endHi[i] = last >> 64n;
  table.endLo[i] = last & LOW64;
}

function loadIpv6Asn(path: string, owners: StringTable): Ipv6AsnTable {
  const bytes = readFileSync(path);
  const capacity = countLines(bytes);
  const table: Ipv6AsnTable = {
    ...allocateIpv6Bounds(capacity),
    asns: new Uint32Array(capacity),
    owners: new Uint32Array(capacity),
  };
  const commas = [0, 0, 0];
  const readOwner = createOwnerReader(bytes, owners);
  forEachLine(bytes, (start, end) => {
    if (!findCommas(bytes, start, end, 3, commas)) return;
    const [c1 = 0, c2 = 0, c3 = 0] = commas;
    const i = table.count++;
    storeIpv6Bounds(table, i, bytes, start, c1, c2);
    const asnNumber = readUint(bytes, c2 + 1, c3);
    table.asns[i] = asnNumber;
    table.owners[i] = readOwner(asnNumber, c3 + 1, end);
  });
  const flat = makeIpv6Disjoint(table, [table.asns, table.owners]);
  const [asns = table.asns, ownerIds = table.owners] = flat.values;
  return { ...flat.bounds, asns, owners: ownerIds };
}

function loadIpv6Country(path: string): Ipv6CountryTable {
  const bytes = readFileSync(path);
  const capacity = countLines(bytes);
  const table: Ipv6CountryTable = { ...allocateIpv6Bounds(capacity), codes: new Uint16Array(capacity) };
  const commas = [0, 0];
  forEachLine(bytes, (start, end) => {
    if (!findCommas(bytes, start, end, 2, commas)) return;
    const [c1 = 0, c2 = 0] = commas;
    const i = table.count++;
    storeIpv6Bounds(table, i, bytes, start, c1, c2);
    table.codes[i] = packCountry(bytes, c2 + 1, end);
  });
  const flat = makeIpv6Disjoint(table, [table.codes]);
  const [codes = table.codes] = flat.values;
  return { ...flat.bounds, codes };
}

/** Index of the last range whose start is ≤ value, or -1. Ranges were made disjoint at load. */
function searchIpv4(starts: NumberColumn, value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts.get(mid) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function compare128(aHi: bigint, aLo: bigint, bHi: bigint, bLo: bigint): number {
  if (aHi !== bHi) return aHi < bHi ? -1 : 1;
  if (aLo !== bLo) return aLo < bLo ? -1 : 1;
  return 0;
}

/** Disjoint IPv6 ranges as columns of 64-bit halves, sorted by start. */
interface Ipv6BoundColumns {
  startHi: BigColumn;
  startLo: BigColumn;
  endHi: BigColumn;
  endLo: BigColumn;
}

/** Index of the IPv6 range containing value, or -1. */
function findIpv6(table: Ipv6BoundColumns, value: bigint): number {
  const hi64 = value >> 64n;
  const lo64 = value & LOW64;
  let lo = 0;
  let hi = table.startHi.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compare128(table.startHi.get(mid), table.startLo.get(mid), hi64, lo64) <= 0) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return -1;
  return compare128(hi64, lo64, table.endHi.get(found), table.endLo.get(found)) <= 0 ? found : -1;
}

/**
 * What lookups of one family read, whichever source the tables came from: the ASN table (bounds,
 * ASN, owner id), the country table (bounds, packed code) and the owner name of an id.
 */
interface Ipv4View {
  asn: { starts: NumberColumn; ends: NumberColumn; asns: NumberColumn; owners: NumberColumn };
  country: { starts: NumberColumn; ends: NumberColumn; codes: NumberColumn };
  ownerName(id: number): string | null;
}
interface Ipv6View {
  asn: Ipv6BoundColumns & { asns: NumberColumn; owners: NumberColumn };
  country: Ipv6BoundColumns & { codes: NumberColumn };
  ownerName(id: number): string | null;
}

function ipv4Bytes(t: { starts: Uint32Array; ends: Uint32Array }, extra: ArrayBufferView[]): number {
  return t.starts.byteLength + t.ends.byteLength + extra.reduce((sum, a) => sum + a.byteLength, 0);
}

function ipv6Bytes(t: Ipv6Bounds, extra: ArrayBufferView[]): number {
  const bounds = t.startHi.byteLength + t.startLo.byteLength + t.endHi.byteLength + t.endLo.byteLength;
  return bounds + extra.reduce((sum, a) => sum + a.byteLength, 0);
}


const IPV4_FILES = { asn: 'asn-ipv4-num.csv', country: 'geo-whois-asn-country-ipv4-num.csv' } as const;
const IPV6_FILES = { asn: 'asn-ipv6-num.csv', country: 'geo-whois-asn-country-ipv6-num.csv' } as const;

function defaultCacheDir(): string | null {
  try {
    return join(findPackageRoot(), 'node_modules', '.cache', 'claimcheck');
  } catch {
    // Running outside a claimcheck checkout (e.g. bundled): just go without a cache.
    return null;
  }
}

function readVersionAt(dir: string): string {
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
      return manifest.version;
    }
  } catch {
    // Fall through: an unversioned directory still gets a key from the file sizes and times.
  }
  return 'unknown';
}

/**
 * Cache key of one family: data package versions plus size and mtime of both CSVs, so replacing or
 * editing a CSV in place (or pointing at other directories) never serves stale tables.
 */
function cacheKey(location: IpDataLocation, files: { asn: string; country: string }): string {
  const describe = (dir: string, file: string): string => {
    const info = statSync(join(dir, file));
    return `${file}:${info.size}:${info.mtimeMs}`;
  };
  return [
    `asn@${readVersionAt(location.asnDir)}`,
    `country@${readVersionAt(location.countryDir)}`,
    describe(location.asnDir, files.asn),
    describe(location.countryDir, files.country),
  ].join('|');
}

/**
 * Owner ids in the tables index the instance's shared string table, whose order depends on which
 * family loaded first and from where. The cache therefore stores per family only the names that
 * family uses, under local ids in first-use order, and {@link importOwners} maps them back.
 */
function exportOwners(owners: Uint32Array, names: readonly string[]): { local: Uint32Array; names: string[] } {
  const localOf = new Map<number, number>();
  const localNames: string[] = [];
  const local = new Uint32Array(owners.length);
  for (let i = 0; i < owners.length; i++) {
    const global = owners[i] ?? 0;
    let id = localOf.get(global);
    if (id === undefined) {
      id = localNames.length;
      localNames.push(names[global] ?? '');
      localOf.set(global, id);
    }
    local[i] = id;
  }
  return { local, names: localNames };
}

type Ipv4Tables = { asn: Ipv4AsnTable; country: Ipv4CountryTable };
type Ipv6Tables = { asn: Ipv6AsnTable; country: Ipv6CountryTable };

function ipv4ToCache(t: Ipv4Tables, names: readonly string[]): { arrays: CachedArray[]; ownerNames: string[] } {
  const owners = exportOwners(t.asn.owners.subarray(0, t.asn.count), names);
  const a = t.asn;
  const c = t.country;
  // Tables may be over-allocated (capacity from the line count), so only the first `count` rows are stored.
  const rows = <T extends CachedArray>(x: T, n: number): T => x.subarray(0, n) as T;
  return {
    arrays: [
      rows(a.starts, a.count), rows(a.ends, a.count), rows(a.asns, a.count), owners.local,
      rows(c.starts, c.count), rows(c.ends, c.count), rows(c.codes, c.count),
    ],
    ownerNames: owners.names,
  };
}

function ipv6ToCache(t: Ipv6Tables, names: readonly string[]): { arrays: CachedArray[]; ownerNames: string[] } {
  const owners = exportOwners(t.asn.owners.subarray(0, t.asn.count), names);
  const rows = <T extends CachedArray>(x: T, n: number): T => x.subarray(0, n) as T;
  const bounds = (b: Ipv6Bounds): CachedArray[] =>
    [b.startHi, b.startLo, b.endHi, b.endLo].map((x) => rows(x, b.count));
  return {
    arrays: [
      ...bounds(t.asn), rows(t.asn.asns, t.asn.count), owners.local,
      ...bounds(t.country), rows(t.country.codes, t.country.count),
    ],
    ownerNames: owners.names,
  };
}

/** Element sizes of the cached columns, in the order ipv4ToCache writes them. */
const IPV4_COLUMN_SIZES = [4, 4, 4, 4, 4, 4, 2];
/** Element sizes of the cached columns, in the order ipv6ToCache writes them. */
const IPV6_COLUMN_SIZES = [8, 8, 8, 8, 4, 4, 8, 8, 8, 8, 2];

/** Whether the cached columns have the sizes and lengths the family's tables need (ASN columns first). */
function hasShape(reader: IpTableCacheReader, sizes: readonly number[], asnColumns: number): boolean {
  const { columns } = reader;
  const asnRows = columns[0]?.length ?? 0;
  const countryRows = columns[asnColumns]?.length ?? 0;
  return (
    columns.length === sizes.length &&
    columns.every((c, i) => c.size === sizes[i] && c.length === (i < asnColumns ? asnRows : countryRows))
  );
}

/** Lookups over an opened IPv4 cache; null when its columns do not have the IPv4 tables' shape. */
function ipv4FromCache(reader: IpTableCacheReader): Ipv4View | null {
  if (!hasShape(reader, IPV4_COLUMN_SIZES, 4)) return null;
  const [aStarts, aEnds, asns, owners, cStarts, cEnds, codes] = reader.columns.map(pagedNumberColumn);
  if (!aStarts || !aEnds || !asns || !owners || !cStarts || !cEnds || !codes) return null;
  return {
    asn: { starts: aStarts, ends: aEnds, asns, owners },
    country: { starts: cStarts, ends: cEnds, codes },
    ownerName: (id) => reader.ownerName(id),
  };
}

/** Lookups over an opened IPv6 cache; null when its columns do not have the IPv6 tables' shape. */
function ipv6FromCache(reader: IpTableCacheReader): Ipv6View | null {
  if (!hasShape(reader, IPV6_COLUMN_SIZES, 6)) return null;
  const c = reader.columns;
  const big = (i: number): BigColumn | undefined => (c[i] ? pagedBigColumn(c[i]) : undefined);
  const num = (i: number): NumberColumn | undefined => (c[i] ? pagedNumberColumn(c[i]) : undefined);
  const [aSH, aSL, aEH, aEL, cSH, cSL, cEH, cEL] = [0, 1, 2, 3, 6, 7, 8, 9].map(big);
  const [asns, owners, codes] = [4, 5, 10].map(num);
  if (!aSH || !aSL || !aEH || !aEL || !cSH || !cSL || !cEH || !cEL || !asns || !owners || !codes) return null;
  return {
    asn: { startHi: aSH, startLo: aSL, endHi: aEH, endLo: aEL, asns, owners },
    country: { startHi: cSH, startLo: cSL, endHi: cEH, endLo: cEL, codes },
    ownerName: (id) => reader.ownerName(id),
  };
}

/** Lookups over IPv4 tables parsed from the CSVs; owner ids index the shared string table. */
function ipv4FromTables(t: Ipv4Tables, names: StringTable): Ipv4View {
  const n = t.asn.count;
  const m = t.country.count;
  return {
    asn: { starts: numberColumnOf(t.asn.starts, n), ends: numberColumnOf(t.asn.ends, n), asns: numberColumnOf(t.asn.asns, n), owners: numberColumnOf(t.asn.owners, n) },
    country: { starts: numberColumnOf(t.country.starts, m), ends: numberColumnOf(t.country.ends, m), codes: numberColumnOf(t.country.codes, m) },
    ownerName: (id) => names.values[id] ?? null,
  };
}

function ipv6BoundColumns(b: Ipv6Bounds): Ipv6BoundColumns {
  return {
    startHi: bigColumnOf(b.startHi, b.count),
    startLo: bigColumnOf(b.startLo, b.count),
    endHi: bigColumnOf(b.endHi, b.count),
    endLo: bigColumnOf(b.endLo, b.count),
  };
}

/** Lookups over IPv6 tables parsed from the CSVs. */
function ipv6FromTables(t: Ipv6Tables, names: StringTable): Ipv6View {
  return {
    asn: { ...ipv6BoundColumns(t.asn), asns: numberColumnOf(t.asn.asns, t.asn.count), owners: numberColumnOf(t.asn.owners, t.asn.count) },
    country: { ...ipv6BoundColumns(t.country), codes: numberColumnOf(t.country.codes, t.country.count) },
    ownerName: (id) => names.values[id] ?? null,
  };
}

/** Closes the cache files of a database that is no longer referenced. */
const openCaches = new FinalizationRegistry<IpTableCacheReader[]>((readers) => {
  for (const reader of readers) reader.close();
});

function readIpv4(view: Ipv4View, value: number): IpNetworkInfo {
  const { asn, country } = view;
  const a = searchIpv4(asn.starts, value);
  const c = searchIpv4(country.starts, value);
  const asnHit = a >= 0 && value <= asn.ends.get(a);
  const countryHit = c >= 0 && value <= country.ends.get(c);
  return {
    asn: asnHit ? asn.asns.get(a) : null,
    asnOwner: asnHit ? view.ownerName(asn.owners.get(a)) : null,
    country: countryHit ? unpackCountry(country.codes.get(c)) : null,
  };
}

function readIpv6(view: Ipv6View, value: bigint): IpNetworkInfo {
  const { asn, country } = view;
  const a = findIpv6(asn, value);
  const c = findIpv6(country, value);
  return {
    asn: a >= 0 ? asn.asns.get(a) : null,
    asnOwner: a >= 0 ? view.ownerName(asn.owners.get(a)) : null,
    country: c >= 0 ? unpackCountry(country.codes.get(c)) : null,
  };
}

/** One address family's tables as lookups see them, and where they came from. */
interface LoadedFamily<V> {
  view: V;
  source: 'cache' | 'csv';
  /** The open cache file, when the tables are read from it. */
  reader?: IpTableCacheReader;
}

/**
 * IP → network facts from the pinned CSVs. Tables load on the first lookup of each address family
 * and stay available for the life of the instance. Parsed tables are kept in a binary cache (see
 * ip-table-cache.ts) so later processes skip the CSV parsing and read only the pages their lookups
 * touch; any cache problem, on opening or on a later read, falls back to the CSVs.
 */
export class IpNetworkDatabase {
  private readonly location: IpDataLocation;
  private readonly ownerNames = new StringTable();
  private readonly cacheDir: string | null;
  private v4: LoadedFamily<Ipv4View> | null = null;
  private v6: LoadedFamily<Ipv6View> | null = null;
  private readonly stats: IpTableLoadStats[] = [];
  /** Cache files held open for page reads; closed when this instance is collected. */
  private readonly caches: IpTableCacheReader[] = [];

  /**
   * @param location data directories; defaults to the installed `@ip-location-db` packages.
   * @param options cache directory (see {@link IpNetworkDatabaseOptions}).
   */
  constructor(location: IpDataLocation = locateIpDataPackages(), options: IpNetworkDatabaseOptions = {}) {
    this.location = location;
    this.cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    openCaches.register(this, this.caches);
  }

  /**
   * Network facts for a server address. Private and special-purpose addresses, unparsable text and
   * addresses the data does not cover all give `{ asn: null, asnOwner: null, country: null }`.
   * NAT64 addresses (64:ff9b::/96) are looked up as the IPv4 address they embed, since that is the
   * server the packet was translated to.
   */
  lookup(ip: string): IpNetworkInfo {
    // A copy: callers keep the answer inside their own results.
    return { ...this.lookupOnce(ip) };
  }

  /** An audit looks the same few hundred servers up for thousands of flows. */
  private readonly lookupOnce = memoiseByText((ip: string): IpNetworkInfo => this.lookupUncached(ip));

  private lookupUncached(ip: string): IpNetworkInfo {
    const parsed = parseIp(ip);
    if (parsed === null || isPrivateAddress(ip)) return { ...NO_NETWORK };
    if (parsed.version === 6 && parsed.value >> 32n === NAT64_PREFIX_96) {
      return this.lookupIpv4(Number(parsed.value & 0xffffffffn));
    }
    return parsed.version === 4 ? this.lookupIpv4(parsed.value) : this.lookupIpv6(parsed.value);
  }

  /** Load statistics of the families loaded so far (empty before the first lookup). */
  loadStats(): IpTableLoadStats[] {
    return this.stats.map((s) => {
      const family = s.family === 4 ? this.v4 : this.v6;
      return { ...s, bytesRead: family?.reader?.bytesRead() ?? 0 };
    });
  }

  /** Force the IPv4 tables to load (or their cache to open) now, e.g. before timing a benchmark. */
  preloadIpv4(): void {
    this.ensureIpv4();
  }

  /** Force the IPv6 tables to load (or their cache to open) now. */
  preloadIpv6(): void {
    this.ensureIpv6();
  }

  private lookupIpv4(value: number): IpNetworkInfo {
    const loaded = this.ensureIpv4();
    try {
      return readIpv4(loaded.view, value);
    } catch (error) {
      // A cache page that cannot be read or holds an impossible row: the CSVs are the truth.
      if (loaded.source !== 'cache') throw error;
      return readIpv4(this.loadIpv4FromCsv(performance.now()).view, value);
    }
  }

  private lookupIpv6(value: bigint): IpNetworkInfo {
    const loaded = this.ensureIpv6();
    try {
      return readIpv6(loaded.view, value);
    } catch (error) {
      if (loaded.source !== 'cache') throw error;
      return readIpv6(this.loadIpv6FromCsv(performance.now()).view, value);
    }
  }

  /** Cache file and key of a family, or null when caching is off or the CSVs cannot be stat'ed. */
  private cacheSlot(family: 4 | 6): { path: string; key: string } | null {
    if (this.cacheDir === null) return null;
    try {
      return {
        path: ipTableCachePath(this.cacheDir, family),
        key: cacheKey(this.location, family === 4 ? IPV4_FILES : IPV6_FILES),
      };
    } catch {
      // Missing CSVs: let the CSV loader raise its own, clearer error.
      return null;
    }
  }

  /** Opens a family's cache and builds lookups over it, or null (nothing left open) when it cannot. */
  private openCache<V>(family: 4 | 6, toView: (reader: IpTableCacheReader) => V | null): { view: V; reader: IpTableCacheReader } | null {
    const slot = this.cacheSlot(family);
    const reader = slot === null ? null : openIpTableCache(slot.path, family, slot.key);
    if (reader === null) return null;
    let view: V | null = null;
    try {
      view = toView(reader);
    } catch {
      // A page of the right shape that cannot be read: a miss like any other.
    }
    if (view === null) {
      reader.close();
      return null;
    }
    this.caches.push(reader);
    return { view, reader };
  }

  /** Replaces the family's load statistics (a fallback from the cache to the CSVs replaces them). */
  private recordStats(entry: IpTableLoadStats): void {
    const at = this.stats.findIndex((s) => s.family === entry.family);
    if (at === -1) this.stats.push(entry);
    else this.stats[at] = entry;
  }

  private ensureIpv4(): LoadedFamily<Ipv4View> {
    if (this.v4 !== null) return this.v4;
    const started = performance.now();
    const cached = this.openCache(4, ipv4FromCache);
    if (cached === null) return this.loadIpv4FromCsv(started);
    const [asnStarts, , , , countryStarts] = cached.reader.columns;
    this.v4 = { view: cached.view, source: 'cache', reader: cached.reader };
    this.recordStats({
      family: 4,
      milliseconds: performance.now() - started,
      source: 'cache',
      asnRanges: asnStarts?.length ?? 0,
      countryRanges: countryStarts?.length ?? 0,
      ownerNames: cached.reader.ownerNameCount,
      typedArrayBytes: cached.reader.columns.reduce((sum, c) => sum + c.length * c.size, 0),
      bytesRead: 0,
    });
    return this.v4;
  }

  private loadIpv4FromCsv(started: number): LoadedFamily<Ipv4View> {
    const tables: Ipv4Tables = {
      asn: loadIpv4Asn(join(this.location.asnDir, IPV4_FILES.asn), this.ownerNames),
      country: loadIpv4Country(join(this.location.countryDir, IPV4_FILES.country)),
    };
    const slot = this.cacheSlot(4);
    if (slot !== null) writeIpTableCache(slot.path, 4, slot.key, ipv4ToCache(tables, this.ownerNames.values));
    const { asn, country } = tables;
    this.v4 = { view: ipv4FromTables(tables, this.ownerNames), source: 'csv' };
    this.recordStats({
      family: 4,
      milliseconds: performance.now() - started,
      source: 'csv',
      asnRanges: asn.count,
      countryRanges: country.count,
      ownerNames: this.ownerNames.values.length,
      typedArrayBytes: ipv4Bytes(asn, [asn.asns, asn.owners]) + ipv4Bytes(country, [country.codes]),
      bytesRead: 0,
    });
    return this.v4;
  }

  private ensureIpv6(): LoadedFamily<Ipv6View> {
    if (this.v6 !== null) return this.v6;
    const started = performance.now();
    const cached = this.openCache(6, ipv6FromCache);
    if (cached === null) return this.loadIpv6FromCsv(started);
    const columns = cached.reader.columns;
    this.v6 = { view: cached.view, source: 'cache', reader: cached.reader };
    this.recordStats({
      family: 6,
      milliseconds: performance.now() - started,
      source: 'cache',
      asnRanges: columns[0]?.length ?? 0,
      countryRanges: columns[6]?.length ?? 0,
      ownerNames: cached.reader.ownerNameCount,
      typedArrayBytes: columns.reduce((sum, c) => sum + c.length * c.size, 0),
      bytesRead: 0,
    });
    return this.v6;
  }

  private loadIpv6FromCsv(started: number): LoadedFamily<Ipv6View> {
    const tables: Ipv6Tables = {
      asn: loadIpv6Asn(join(this.location.asnDir, IPV6_FILES.asn), this.ownerNames),
      country: loadIpv6Country(join(this.location.countryDir, IPV6_FILES.country)),
    };
    const slot = this.cacheSlot(6);
    if (slot !== null) writeIpTableCache(slot.path, 6, slot.key, ipv6ToCache(tables, this.ownerNames.values));
    const { asn, country } = tables;
    this.v6 = { view: ipv6FromTables(tables, this.ownerNames), source: 'csv' };
    this.recordStats({
      family: 6,
      milliseconds: performance.now() - started,
      source: 'csv',
      asnRanges: asn.count,
      countryRanges: country.count,
      ownerNames: this.ownerNames.values.length,
      typedArrayBytes: ipv6Bytes(asn, [asn.asns, asn.owners]) + ipv6Bytes(country, [country.codes]),
      bytesRead: 0,
    });
    return this.v6;
  }
}

let defaultDatabase: IpNetworkDatabase | null = null;

/** The process-wide database over the installed packages, created on first use. */
export function getDefaultIpNetworkDatabase(): IpNetworkDatabase {
  defaultDatabase ??= new IpNetworkDatabase();
  return defaultDatabase;
}

/** Look an address up in the default database (see {@link IpNetworkDatabase.lookup}). */
export function lookupIpNetwork(ip: string): IpNetworkInfo {
  return getDefaultIpNetworkDatabase().lookup(ip);
}

function readPackageVersion(packageName: string): string {
  const require = createRequire(import.meta.url);
  const manifest: unknown = require(`${packageName}/package.json`);
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  return 'unknown';
}

/**
 * The IP data sets with their pinned versions and the attribution their licences ask for, for the
 * report's methodology section. Wording follows the LICENSE files shipped inside the packages.
 */
export function describeIpDataSources(): AuditDataSource[] {
  return [
    {
      name: '@ip-location-db/asn (IP to ASN and network owner)',
      version: readPackageVersion('@ip-location-db/asn'),
      licence: 'CC BY 4.0',
      attribution:
        'IP-to-ASN data by RouteViews (routeviews.org), RIR statistics by the NRO (nro.net) and the ' +
        'IP to ASN Lite database by DB-IP (https://db-ip.com), each CC BY 4.0; merged and modified by ' +
        'the ip-location-db project (github.com/sapics/ip-location-db).',
    },
    {
      name: '@ip-location-db/geo-whois-asn-country (IP to country)',
      version: readPackageVersion('@ip-location-db/geo-whois-asn-country'),
      licence: 'CC0 1.0 (package); underlying RIR WHOIS and statistics data CC BY 4.0 (NRO)',
      attribution:
        'IP-to-country data compiled by the ip-location-db project (github.com/sapics/ip-location-db) ' +
        'from GeoFeed, RIR WHOIS and RIR statistics published by the NRO (nro.net), CC BY 4.0. ' +
        'Country is where the address block is registered or declared, not a measured server location.',
    },
  ];
}
