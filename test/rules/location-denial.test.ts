import { describe, expect, it } from 'vitest';
import { deniesLocation } from '../../src/rules/location-denial.js';

describe('deniesLocation', () => {
  it('reads a negator that governs a storage or transfer verb as a denial', () => {
    for (const sentence of [
      'Your data is never stored in Singapore or China.',
      'We do not transfer your personal data to China.',
      'We will not sell or transfer your data to China, Russia or Singapore.',
      "We don't have servers in Russia.",
      'Your recordings will not be transferred to the United States.',
      'We do not currently store any data in India.',
    ]) expect(deniesLocation(sentence), sentence).toBe(true);
  });

  it('does not read a negator that governs another verb as one', () => {
    for (const sentence of [
      'We cannot guarantee that data transferred to the United States is protected as in the EU.',
      'We are not responsible for data you send to third parties in China.',
      'We store your data in Ireland.',
    ]) expect(deniesLocation(sentence), sentence).toBe(false);
  });
});
