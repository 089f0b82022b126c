/**
 * What counts as "not a text document": binary files are refused, but a short Markdown or text
 * policy with a stray terminal escape (pasted from a console) is a policy like an HTML one would be.
 */
import { describe, expect, it } from 'vitest';
import { detectNotText } from '../../src/policy/detect-policy-format.js';
import { createSeededRandom } from '../helpers/seeded-random.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('detectNotText', () => {
  it('accepts a short Markdown policy with one pasted colour escape', () => {
    expect(detectNotText(encode('# Privacy\n\nWe keep recordings \u001b[31mtemporarily\u001b[0m.\n'))).toBeNull();
  });

  it('refuses empty content, NUL bytes, PDFs and random bytes', () => {
    expect(detectNotText(encode('  \n\t '))).toBe('empty');
    expect(detectNotText(encode('Privacy\u0000policy'))).toBe('binary');
    expect(detectNotText(encode('%PDF-1.7\n1 0 obj\n'))).toBe('binary');
    const random = createSeededRandom(7);
    let refused = 0;
    for (let i = 0; i < 50; i++) if (detectNotText(random.bytes(64 + i * 40)) === 'binary') refused++;
    expect(refused).toBe(50);
  });

  it('refuses text drowned in control bytes', () => {
    const noisy = Array.from({ length: 40 }, (_, i) => `line ${i}\u0001\u0002\u0003`).join('\n');
    expect(detectNotText(encode(noisy))).toBe('binary');
  });
});
