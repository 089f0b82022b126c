import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { findHeuristicIdentifiersInText } from '../../src/capture/find-heuristic-identifiers.js';
import { mayHoldHeuristicIdentifier } from '../../src/capture/may-hold-heuristic-identifier.js';
import { createSeededRandom } from '../helpers/seeded-random.js';

/** Pieces of real identifiers and of the text around them, cut and glued at random to probe the pre-test's edges. */
const FRAGMENTS = [
  'jane.doe+app@example.co.uk', 'u%40mail.google.com', 'a@b.de', 'x@0.scroll', '@', '%40', '%2B', '%2b', '+',
  '+4915112345678', '%2B4915112345678', '+0123456789', '38400000-8cf0-11bd-b23e-10b96e40000d', '6F1C0A52-3B7E-4C1D-9A2B-8E5F4D3C2B1A',
  '490154203237518', '358240051111110', '12345678901234', 'lat=52.52001', 'lon=13.40495', '52.5200,13.4050', '-33.8688%2C151.2093',
  '1.2345', '10.0001', 'lat=10.0001&lng=20.0005', '10.0001,20.0005', 'lat=', 'lng=', ',', '.', '-', '0', '9', 'a', 'Z', 'f', '=', '&', ' ', '"', '\x00', '\xff', 'com', '.org', 'example.',
];

function randomText(random: { next(): number }): string {
  let text = '';
  const parts = 1 + Math.floor(random.next() * 6);
  for (let p = 0; p < parts; p++) {
    const fragment = FRAGMENTS[Math.floor(random.next() * FRAGMENTS.length)] ?? '';
    // Cut a fragment at a random place on either side, so near misses are tried as well as whole values.
    const from = random.next() < 0.3 ? Math.floor(random.next() * fragment.length) : 0;
    const to = random.next() < 0.3 ? from + Math.floor(random.next() * (fragment.length - from + 1)) : fragment.length;
    text += fragment.slice(from, to);
  }
  return text;
}

describe('byte-level pre-test of the heuristic identifier search', () => {
  it('never rejects a payload in which the patterns find an identifier', () => {
    const random = createSeededRandom(4711);
    let withIdentifier = 0;
    let rejected = 0;
    for (let i = 0; i < 50_000; i++) {
      const text = randomText(random);
      const bytes = Buffer.from(text, 'latin1');
      const found = findHeuristicIdentifiersInText(text).length > 0;
      const may = mayHoldHeuristicIdentifier(bytes, bytes.length);
      if (found) {
        withIdentifier += 1;
        expect(may, text).toBe(true);
      } else if (!may) {
        rejected += 1;
      }
    }
    // Both outcomes must be well represented, or the corpus proves nothing.
    expect(withIdentifier).toBeGreaterThan(5_000);
    expect(rejected).toBeGreaterThan(5_000);
  });

  it('rejects media-like binary payloads and accepts each kind of identifier', () => {
    const random = createSeededRandom(7);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const bytes = random.bytes(200);
      if (mayHoldHeuristicIdentifier(bytes, bytes.length)) accepted += 1;
    }
    expect(accepted).toBeLessThan(50);
    for (const text of ['id=jane@example.org', 'p=%2B4915112345678', '6f1c0a52-3b7e-4c1d-9a2b-8e5f4d3c2b1a', '490154203237518', 'lat=1.2345']) {
      expect(mayHoldHeuristicIdentifier(Buffer.from(text, 'latin1'), text.length), text).toBe(true);
    }
  });

  it('looks only at the first `length` bytes', () => {
    const bytes = Buffer.from('xxxxxxxx jane@example.org', 'latin1');
    expect(mayHoldHeuristicIdentifier(bytes, 12)).toBe(false);
    expect(mayHoldHeuristicIdentifier(bytes, bytes.length)).toBe(true);
  });
});
