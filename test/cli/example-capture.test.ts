import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExampleCapture } from '../../scripts/generate-example-capture.js';

describe('bundled example capture', () => {
  it('is exactly what the generator script produces (it is synthetic and reproducible)', () => {
    const committed = readFileSync('observations/example-voice-app/murmur-session.pcap');
    expect(Buffer.from(buildExampleCapture()).equals(committed)).toBe(true);
  });
});
