import { describe, expect, it } from 'vitest';
import {
  IpNetworkDatabase,
  describeIpDataSources,
  getDefaultIpNetworkDatabase,
  lookupIpNetwork,
} from '../../src/enrich/ip-network-database.js';

describe('IP network database (pinned @ip-location-db data)', () => {
  it('finds Google public DNS', () => {
    expect(lookupIpNetwork('8.8.8.8')).toEqual({ asn: 15169, asnOwner: 'Google LLC', country: 'US' });
  });

  it('finds Cloudflare', () => {
    const info = lookupIpNetwork('1.1.1.1');
    expect(info.asn).toBe(13335);
    expect(info.asnOwner).toMatch(/Cloudflare/);
    // The country is where the block is registered (APNIC lists 1.1.1.0/24 in AU), not a location.
    expect(info.country).toMatch(/^[A-Z]{2}$/);
  });

  it('finds an Agora AS56172 address', () => {
    expect(lookupIpNetwork('103.1.5.1')).toMatchObject({ asn: 56172, asnOwner: 'Agora Communications Pte Ltd' });
  });

  it('finds AWS', () => {
    expect(lookupIpNetwork('52.94.236.248')).toMatchObject({ asn: 16509, asnOwner: 'Amazon.com, Inc.' });
  });

  it('looks up IPv6', () => {
    expect(lookupIpNetwork('2001:4860:4860::8888')).toEqual({ asn: 15169, asnOwner: 'Google LLC', country: 'US' });
  });

  it('looks NAT64 and IPv4-mapped addresses up as the IPv4 they carry', () => {
    expect(lookupIpNetwork('64:ff9b::8.8.8.8').asn).toBe(15169);
    expect(lookupIpNetwork('::ffff:8.8.8.8').asn).toBe(15169);
  });

  it('gives an explicit empty result for private, reserved and bad input', () => {
    const none = { asn: null, asnOwner: null, country: null };
    for (const ip of ['10.0.0.1', '192.168.1.20', '127.0.0.1', '169.254.1.1', '224.0.0.251', 'fe80::1', '::1', 'not-an-ip']) {
      expect(lookupIpNetwork(ip)).toEqual(none);
    }
  });

  it('reports load statistics per address family', () => {
    const db = getDefaultIpNetworkDatabase();
    db.preloadIpv4();
    const v4 = db.loadStats().find((s) => s.family === 4);
    expect(v4?.asnRanges).toBeGreaterThan(100_000);
    expect(v4?.countryRanges).toBeGreaterThan(100_000);
    expect(v4?.typedArrayBytes).toBeGreaterThan(0);
  });

  it('loads nothing before the first lookup', () => {
    expect(new IpNetworkDatabase().loadStats()).toEqual([]);
  });

  it('describes the data sources with versions and attribution', () => {
    const sources = describeIpDataSources();
    expect(sources).toHaveLength(2);
    for (const s of sources) {
      expect(s.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(s.licence).not.toBe('');
    }
    expect(sources[0]?.attribution).toMatch(/DB-IP/);
    expect(sources[0]?.attribution).toMatch(/RouteViews/);
  });
});

describe('nested ranges in the pinned country data', () => {
  it('answers with the most specific block (2.58.197.15 is a /32 inside a larger block)', () => {
    const inner = lookupIpNetwork('2.58.197.15').country;
    const outer = lookupIpNetwork('2.58.197.16').country;
    expect(inner).toMatch(/^[A-Z]{2}$/);
    expect(inner).not.toBe(outer);
  });
});
