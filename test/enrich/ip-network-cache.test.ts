import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpNetworkDatabase, locateIpDataPackages } from '../../src/enrich/ip-network-database.js';
import { ipTableCachePath } from '../../src/enrich/ip-table-cache.js';

const IPV4 = [
  '8.8.8.8',
  '1.1.1.1',
  '103.98.134.10',
  '103.1.5.1',
  '52.94.236.248',
  '17.253.144.10',
  '31.13.64.35',
  '151.101.1.140',
  '185.199.108.153',
  '0.0.0.1',
  '223.255.255.254',
  '255.255.255.254',
  '64:ff9b::8.8.8.8',
  '::ffff:1.1.1.1',
  '10.0.0.1',
];
const IPV6 = [
  '2001:4860:4860::8888',
  '2606:4700:4700::1111',
  '2a03:2880:f12f:83:face:b00c:0:25de',
  '2620:1ec:c11::200',
  '2400:cb00::1',
  '2c0f:fb50:4003::1',
  '3fff:ffff::1',
  'fe80::1',
];
const ALL = [...IPV4, ...IPV6];

/** Byte offset of the first column's directory entry (u32 kind, u32 count, u64 offset) of a cache file. */
function directoryAt(file: Buffer): number {
  return Math.ceil((24 + file.readUInt32LE(16)) / 8) * 8;
}

function lookupAll(db: IpNetworkDatabase, ips: string[]): unknown[] {
  return ips.map((ip) => db.lookup(ip));
}

describe('IP table cache', () => {
  let root: string;
  /** Results without any cache: the reference every cached variant must match exactly. */
  let reference: unknown[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'claimcheck-ip-cache-'));
    reference = lookupAll(new IpNetworkDatabase(undefined, { cacheDir: null }), ALL);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('gives identical results from a cold (CSV) and a warm (cache) instance', () => {
    const dir = join(root, 'warm');
    const cold = new IpNetworkDatabase(undefined, { cacheDir: dir });
    expect(lookupAll(cold, ALL)).toEqual(reference);
    expect(cold.loadStats().map((s) => s.source)).toEqual(['csv', 'csv']);
    expect(existsSync(ipTableCachePath(dir, 4))).toBe(true);
    expect(existsSync(ipTableCachePath(dir, 6))).toBe(true);

    const warm = new IpNetworkDatabase(undefined, { cacheDir: dir });
    expect(lookupAll(warm, ALL)).toEqual(reference);
    expect(warm.loadStats().map((s) => s.source)).toEqual(['cache', 'cache']);
    expect(warm.lookup('8.8.8.8')).toEqual({ asn: 15169, asnOwner: 'Google LLC', country: 'US' });
    expect(warm.lookup('103.98.134.10')).toMatchObject({ asn: 56172 });
    expect(warm.lookup('2001:4860:4860::8888')).toEqual({ asn: 15169, asnOwner: 'Google LLC', country: 'US' });
  });

  it('keeps owner names right when one family comes from cache and the other from CSV', () => {
    const dir = join(root, 'mixed');
    // Prime only the IPv6 cache, so the next instance loads IPv6 from cache and IPv4 from CSV.
    new IpNetworkDatabase(undefined, { cacheDir: dir }).preloadIpv6();
    const v6First = new IpNetworkDatabase(undefined, { cacheDir: dir });
    const ordered = [...IPV6, ...IPV4];
    expect(lookupAll(v6First, ordered)).toEqual(lookupAll(new IpNetworkDatabase(undefined, { cacheDir: null }), ordered));
    expect(v6First.loadStats().map((s) => [s.family, s.source])).toEqual([[6, 'cache'], [4, 'csv']]);

    // Now IPv4 is cached too; load IPv4 from CSV first (cache removed) then IPv6 from cache.
    rmSync(ipTableCachePath(dir, 4));
    const v4First = new IpNetworkDatabase(undefined, { cacheDir: dir });
    expect(lookupAll(v4First, ALL)).toEqual(reference);
    expect(v4First.loadStats().map((s) => [s.family, s.source])).toEqual([[4, 'csv'], [6, 'cache']]);

    // Both from cache, IPv6 first, so the shared name table is built in the opposite order.
    const bothCached = new IpNetworkDatabase(undefined, { cacheDir: dir });
    expect(lookupAll(bothCached, ordered)).toEqual(lookupAll(new IpNetworkDatabase(undefined, { cacheDir: null }), ordered));
    expect(bothCached.loadStats().map((s) => s.source)).toEqual(['cache', 'cache']);
  });

  it('falls back to the CSVs when the cache file is truncated or corrupted', () => {
    const dir = join(root, 'damaged');
    lookupAll(new IpNetworkDatabase(undefined, { cacheDir: dir }), ALL);
    const v4Path = ipTableCachePath(dir, 4);
    const v6Path = ipTableCachePath(dir, 6);
    const v4Bytes = readFileSync(v4Path);
    const v6Bytes = readFileSync(v6Path);

    const damages: Array<[string, () => void]> = [
      ['truncated', () => {
        writeFileSync(v4Path, v4Bytes.subarray(0, Math.floor(v4Bytes.length / 2)));
        writeFileSync(v6Path, v6Bytes.subarray(0, v6Bytes.length - 3));
      }],
      ['garbage', () => {
        writeFileSync(v4Path, Buffer.from('not a cache at all'));
        writeFileSync(v6Path, Buffer.alloc(0));
      }],
      ['bad directory and trailing bytes', () => {
        const v4 = Buffer.from(v4Bytes);
        // Element count of the first column's directory entry (after magic, header and the padded key): impossible.
        v4.writeUInt32LE(0xffffffff, directoryAt(v4) + 4);
        writeFileSync(v4Path, v4);
        // The last column must end the file exactly.
        writeFileSync(v6Path, Buffer.concat([v6Bytes, Buffer.from('{{{')]));
      }],
      ['misaligned or overlapping columns', () => {
        const v4 = Buffer.from(v4Bytes);
        v4.writeBigUInt64LE(v4.readBigUInt64LE(directoryAt(v4) + 8) + 4n, directoryAt(v4) + 8);
        writeFileSync(v4Path, v4);
        const v6 = Buffer.from(v6Bytes);
        // The second column said to start where the first does.
        v6.writeBigUInt64LE(v6.readBigUInt64LE(directoryAt(v6) + 8), directoryAt(v6) + 16 + 8);
        writeFileSync(v6Path, v6);
      }],
      ['wrong family', () => {
        writeFileSync(v4Path, v6Bytes);
        writeFileSync(v6Path, v4Bytes);
      }],
    ];
    for (const [name, damage] of damages) {
      damage();
      const db = new IpNetworkDatabase(undefined, { cacheDir: dir });
      expect(lookupAll(db, ALL), name).toEqual(reference);
      expect(db.loadStats().map((s) => s.source), name).toEqual(['csv', 'csv']);
    }
    // Each fallback rewrote a good cache.
    expect(new IpNetworkDatabase(undefined, { cacheDir: dir }).lookup('8.8.8.8')).toEqual(reference[0]);
  });

  it('falls back to the CSVs when a damaged row is only found by a lookup', () => {
    const dir = join(root, 'damaged-row');
    lookupAll(new IpNetworkDatabase(undefined, { cacheDir: dir }), ALL);
    const v4Path = ipTableCachePath(dir, 4);
    const v4 = readFileSync(v4Path);
    // The fourth IPv4 column holds owner ids: make every one point past the owner names.
    const entry = directoryAt(v4) + 3 * 16;
    const ownersAt = Number(v4.readBigUInt64LE(entry + 8));
    v4.fill(0xff, ownersAt, ownersAt + v4.readUInt32LE(entry + 4) * 4);
    writeFileSync(v4Path, v4);
    const db = new IpNetworkDatabase(undefined, { cacheDir: dir });
    db.preloadIpv4();
    expect(db.loadStats().map((s) => s.source)).toEqual(['cache']);
    expect(lookupAll(db, ALL)).toEqual(reference);
    expect(db.loadStats().map((s) => [s.family, s.source])).toEqual([[4, 'csv'], [6, 'cache']]);
    // The fallback rewrote a good cache.
    const again = new IpNetworkDatabase(undefined, { cacheDir: dir });
    expect(lookupAll(again, ALL)).toEqual(reference);
    expect(again.loadStats().map((s) => s.source)).toEqual(['cache', 'cache']);
  });

  it('reads only the pages its lookups touch', () => {
    const dir = join(root, 'paged');
    lookupAll(new IpNetworkDatabase(undefined, { cacheDir: dir }), ALL);
    const db = new IpNetworkDatabase(undefined, { cacheDir: dir });
    expect(db.lookup('8.8.8.8')).toEqual(reference[0]);
    const [v4] = db.loadStats();
    expect(v4?.source).toBe('cache');
    expect(v4?.bytesRead).toBeGreaterThan(0);
    // About twenty rows of each of two binary searches, plus one owner name: far below the table's size.
    expect(v4?.bytesRead).toBeLessThan(v4 ? v4.typedArrayBytes / 50 : 0);
  });

  it('misses the cache when a CSV changes', () => {
    const dir = join(root, 'stale');
    lookupAll(new IpNetworkDatabase(undefined, { cacheDir: dir }), IPV4);
    // A copy of the data with a different mtime stands in for an edited CSV.
    const asnDir = join(root, 'asn-copy');
    const countryDir = join(root, 'country-copy');
    const { asnDir: realAsn, countryDir: realCountry } = locateIpDataPackages();
    for (const [from, to, file] of [
      [realAsn, asnDir, 'asn-ipv4-num.csv'],
      [realCountry, countryDir, 'geo-whois-asn-country-ipv4-num.csv'],
    ] as const) {
      rmSync(to, { recursive: true, force: true });
      mkdirSync(to, { recursive: true });
      writeFileSync(join(to, file), readFileSync(join(from, file)));
      writeFileSync(join(to, 'package.json'), readFileSync(join(from, 'package.json')));
    }
    const copy = new IpNetworkDatabase({ asnDir, countryDir }, { cacheDir: dir });
    expect(lookupAll(copy, IPV4)).toEqual(reference.slice(0, IPV4.length));
    expect(copy.loadStats().map((s) => s.source)).toEqual(['csv']);
    expect(statSync(ipTableCachePath(dir, 4)).size).toBeGreaterThan(0);
  });

  it('still works when the cache directory cannot be written', () => {
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, 'a file where the cache directory should be');
    const underFile = new IpNetworkDatabase(undefined, { cacheDir: join(blocker, 'cache') });
    expect(lookupAll(underFile, ALL)).toEqual(reference);

    // Only bites when not running as root; the file-in-the-way case above covers root.
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly, { recursive: true });
    chmodSync(readOnly, 0o555);
    try {
      const db = new IpNetworkDatabase(undefined, { cacheDir: readOnly });
      expect(lookupAll(db, ALL)).toEqual(reference);
      expect(new IpNetworkDatabase(undefined, { cacheDir: readOnly }).lookup('2001:4860:4860::8888')).toEqual(
        reference[IPV4.length],
      );
    } finally {
      chmodSync(readOnly, 0o755);
    }
  });
});
