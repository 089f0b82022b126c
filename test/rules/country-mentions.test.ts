import { readFileSync } from 'node:fs';
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

  it('does not read the pronoun in an all-caps heading, or a larger place that contains a name, as the country', () => {
    const heading = policy('Your data is stored on servers in Germany.\n\n## CONTACT US\n\nWrite to privacy@example.org. ABOUT US: see our site.');
    expect(readCountryMentions(heading, 'US')).toEqual({ disclosing: null, audience: null });
    const places = policy('We sponsor events in Latin America. Payments go through Bank of America. We block North Korea. Our office in Northern Ireland helps.');
    expect(readCountryMentions(places, 'US').disclosing).toBeNull();
    expect(readCountryMentions(places, 'KR').disclosing).toBeNull();
    expect(readCountryMentions(places, 'KP').disclosing?.quote).toBe('We block North Korea.');
    expect(readCountryMentions(places, 'IE').disclosing).toBeNull();
    expect(readCountryMentions(places, 'GB').disclosing?.quote).toBe('Our office in Northern Ireland helps.');
    // The country itself, in ordinary text, still counts.
    expect(readCountryMentions(policy('Our servers in the US and in America store it.'), 'US').disclosing).not.toBeNull();
  });
});

describe('readCountryMentions on real policies', () => {
  const realPolicy = (file: string) => policy(readFileSync(new URL(`../../../shared/data/policies/${file}`, import.meta.url), 'utf8'));

  it('BeReal: "located in the United States, or … outside of the United States" is the reader, twice in one sentence', () => {
    const mentions = readCountryMentions(realPolicy('BeReal_privacy-policy_2026-07-07.md'), 'US');
    expect(mentions.audience?.quote).toContain('outside of the United States');
    expect(mentions.disclosing?.quote ?? '').not.toContain('three (3) years');
  });

  it('Bluesky: "certain US states", "outside of the United States" and the EU Representative\'s Cork address disclose nothing', () => {
    const bluesky = realPolicy('Bluesky_privacy-policy_2026-01-09.md');
    const us = readCountryMentions(bluesky, 'US');
    expect(us.disclosing?.quote ?? '').not.toContain('US states');
    expect(us.disclosing?.quote ?? '').not.toContain('outside of the United States');
    expect(readCountryMentions(bluesky, 'IE').disclosing).toBeNull();
  });

  it('a city and country outside an address still discloses', () => {
    expect(readCountryMentions(policy('Our servers in Dublin, Ireland store your posts.'), 'IE').disclosing).not.toBeNull();
  });
});
