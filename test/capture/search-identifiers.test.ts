import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileIdentifierPatterns, listIdentifierVariants, searchIdentifiers } from '../../src/capture/search-identifiers.js';
import { encodeText } from '../helpers/pcap-writer.js';

const needle = { label: 'user_id', value: 'User-8f3a/42 x' };

function find(text: string) {
  return searchIdentifiers(compileIdentifierPatterns([needle]), encodeText(text)).map((m) => [m.encoding, m.offset]);
}

describe('identifier search', () => {
  it('finds the raw value and reports its offset', () => {
    expect(find('id=User-8f3a/42 x;')).toEqual([['raw', 3]]);
  });

  it('finds other letter cases as case-insensitive', () => {
    expect(find('..USER-8F3A/42 X')).toEqual([['case-insensitive', 2]]);
  });

  it('finds URL-encoded forms (upper or lower hex, + for space)', () => {
    expect(find('?u=User-8f3a%2F42%20x')).toEqual([['url-encoded', 3]]);
    expect(find('?u=User-8f3a%2f42+x')).toEqual([['url-encoded', 3]]);
  });

  it('finds base64 at any alignment inside a longer encoding, and the URL-safe alphabet', () => {
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}${needle.value}!tail`).toString('base64');
      expect(find(`payload=${encoded}`).map(([e]) => e)).toContain('base64');
      const urlSafe = encoded.replace(/\+/g, '-').replace(/\//g, '_');
      expect(find(urlSafe).map(([e]) => e)).toContain('base64');
    }
  });

  it('finds hex in either case and MD5 / SHA-1 / SHA-256 digests', () => {
    const hex = Buffer.from(needle.value).toString('hex');
    expect(find(`h=${hex.toUpperCase()}`)).toEqual([['hex', 2]]);
    for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
      const digest = createHash(algorithm).update(needle.value).digest('hex');
      expect(find(`d=${digest}`)).toEqual([[algorithm, 2]]);
      const normalized = createHash(algorithm).update(needle.value.trim().toLowerCase()).digest('hex');
      expect(find(`d=${normalized.toUpperCase()}`)).toEqual([[algorithm, 2]]);
    }
  });

  it('searches many needles in one pass and reports each occurrence', () => {
    const patterns = compileIdentifierPatterns([
      { label: 'a', value: 'alpha' },
      { label: 'b', value: 'phase' },
      { label: 'c', value: 'alphabet' },
    ]);
    const matches = searchIdentifiers(patterns, encodeText('alphabet alphase'));
    expect(matches.map((m) => [m.label, m.offset])).toEqual([
      ['a', 0],
      ['c', 0],
      ['a', 9],
      ['b', 11],
    ]);
  });

  it('handles no needles, empty values and binary payloads', () => {
    expect(compileIdentifierPatterns([]).empty).toBe(true);
    expect(compileIdentifierPatterns([{ label: 'x', value: '' }]).empty).toBe(true);
    const patterns = compileIdentifierPatterns([{ label: 'x', value: 'ab' }]);
    const bytes = new Uint8Array(1024).map((_, i) => (i * 31) & 0xff);
    expect(() => searchIdentifiers(patterns, bytes)).not.toThrow();
  });

  it('lists each encoded form once', () => {
    const variants = listIdentifierVariants({ label: 'n', value: '12345678' });
    expect(variants.map((v) => v.encoding)).toEqual(['raw', 'base64', 'base64', 'base64', 'hex', 'md5', 'sha1', 'sha256']);
  });
});
