import { describe, expect, it } from 'vitest';
import { readCountryMentions } from '../../src/rules/country-mentions.js';
import { TEST_SNAPSHOT } from '../helpers/audit-view-builder.js';

const policy = (text: string) => ({ ...TEST_SNAPSHOT, text });

describe('readCountryMentions', () => {
  const text = [
    'Storage',
    '',
    'Your data is stored in Germany. Our support team in Ireland answers your requests.',
    '',
    'Your rights',
    '',
    'If you live in the United States or Ireland, you may have additional rights under local law.',
    'Residents of France, Spain and Italy may complain to a supervisory authority.',
    'Users in the United Kingdom and Canada can ask for a copy of their data. Our servers in Canada are run by a partner.',
    'These terms are governed by the laws of Switzerland.',
  ].join('\n');

  it('does not count residence, audience and governing-law mentions as saying where data goes', () => {
    for (const code of ['US', 'FR', 'ES', 'IT', 'GB', 'CH']) {
      const mentions = readCountryMentions(policy(text), code);
      expect(mentions.disclosing, code).toBeNull();
      expect(mentions.audience, code).not.toBeNull();
    }
  });

  it('counts any other mention, with its sentence and span, even when the country is also named as a residence', () => {
    const ireland = readCountryMentions(policy(text), 'IE').disclosing;
    expect(ireland?.quote).toBe('Our support team in Ireland answers your requests.');
    expect(text.slice(ireland?.span.start, ireland?.span.end)).toBe(ireland?.quote);
    expect(readCountryMentions(policy(text), 'CA').disclosing?.quote).toBe('Our servers in Canada are run by a partner.');
    expect(readCountryMentions(policy(text), 'JP')).toEqual({ disclosing: null, audience: null });
  });
});
