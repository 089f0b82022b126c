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
      expect(mentions.discounted?.reason, code).toBe('audience');
    }
  });

  it('counts any other mention, with its sentence and span, even when the country is also named as a residence', () => {
    const ireland = readCountryMentions(policy(text), 'IE').disclosing;
    expect(ireland?.quote).toBe('Our support team in Ireland answers your requests.');
    expect(text.slice(ireland?.span.start, ireland?.span.end)).toBe(ireland?.quote);
    expect(readCountryMentions(policy(text), 'CA').disclosing?.quote).toBe('Our servers in Canada are run by a partner.');
    expect(readCountryMentions(policy(text), 'JP')).toEqual({ disclosing: null, discounted: null });
  });

  it('does not read the pronoun in an all-caps heading, or a larger place that contains a name, as the country', () => {
    const heading = policy('Your data is stored on servers in Germany.\n\n## CONTACT US\n\nWrite to privacy@example.org. ABOUT US: see our site.');
    expect(readCountryMentions(heading, 'US')).toEqual({ disclosing: null, discounted: null });
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

describe('readCountryMentions: sentences where a discounting cue must not hide a destination (review 5)', () => {
  const disclosing = (text: string, code: string) => readCountryMentions(policy(text), code).disclosing?.quote ?? null;

  it('judges each mention on its own: a sentence naming the reader\'s country and then a destination discloses it', () => {
    const sentence = 'If you live in Germany, your data is processed by our affiliate in Germany.';
    expect(disclosing(sentence, 'DE')).toBe(sentence);
  });

  it('"in and outside", "within or outside" the country say where providers are, not who the reader is', () => {
    for (const sentence of [
      'We share data with service providers located in and outside the United States.',
      'Our vendors may be located within or outside the United States.',
      'Your data may be processed inside or outside of the United States.',
    ]) expect(disclosing(sentence, 'US')).toBe(sentence);
    // The reader or the law outside a country is still the audience.
    expect(readCountryMentions(policy('Users outside the United States consent to the transfer.'), 'US')).toMatchObject({ disclosing: null, discounted: { reason: 'audience' } });
    expect(readCountryMentions(policy('Children under 13 (or other age as required by local law outside of the United States) may not use it.'), 'US').disclosing).toBeNull();
  });

  it('a company form or a year next to "City, Country" is a hosting statement, not a postal address', () => {
    for (const [sentence, code] of [
      ['Our servers are hosted by Hetzner Online GmbH, Gunzenhausen, Germany.', 'DE'],
      ['Since 2019, our infrastructure provider has been Hetzner, Falkenstein, Germany.', 'DE'],
      ['Our hosting provider is Example Cloud Ltd, Berlin, Germany.', 'DE'],
      ['Since 2020 our data is stored by Amazon Web Services, Seattle, Washington, United States.', 'US'],
    ] as const) expect(disclosing(sentence, code), sentence).toBe(sentence);
    // A real address still is one, and the finding can quote it as such.
    const address = 'Write to our EU Representative at Example Rep Ltd, 12 Main Street, Cork, Ireland.';
    expect(readCountryMentions(policy(address), 'IE')).toEqual({ disclosing: null, discounted: { country: 'IE', span: { start: 0, end: address.length }, quote: address, reason: 'postal-address' } });
  });

  it('"US" after an all-caps word is the country unless a verb or, in capitals, a preposition takes it', () => {
    expect(disclosing('Backups are kept in AWS US data centers.', 'US')).not.toBeNull();
    expect(disclosing('OUR SERVERS ARE LOCATED IN THE US.', 'US')).not.toBeNull();
    expect(disclosing('We transfer data to US servers.', 'US')).not.toBeNull();
    expect(disclosing('CONTACT US\n\nQuestions? Email Us or LET US KNOW. PLEASE SHARE IT WITH US.', 'US')).toBeNull();
  });

  it('a full stop after an abbreviation does not end the sentence: "certain U.S. States" is the reader', () => {
    const text = 'This section applies to residents of certain U.S. States. Your data is stored in Germany.';
    expect(readCountryMentions(policy(text), 'US')).toMatchObject({ disclosing: null, discounted: { reason: 'audience', quote: 'This section applies to residents of certain U.S. States.' } });
  });
});

describe('readCountryMentions on real policies', () => {
  const realPolicy = (file: string) => policy(readFileSync(new URL(`../../../shared/data/policies/${file}`, import.meta.url), 'utf8'));

  it('BeReal: "located in the United States, or … outside of the United States" is the reader, twice in one sentence', () => {
    const mentions = readCountryMentions(realPolicy('BeReal_privacy-policy_2026-07-07.md'), 'US');
    expect(mentions.discounted?.quote).toContain('outside of the United States');
    // Every US mention in BeReal's policy is the reader's or the law's ("one of the 50 U.S. States", "U.S. state … laws").
    expect(mentions.disclosing).toBeNull();
  });

  it('Bluesky: "certain US states", "outside of the United States" and the EU Representative\'s Cork address disclose nothing', () => {
    const bluesky = realPolicy('Bluesky_privacy-policy_2026-01-09.md');
    const us = readCountryMentions(bluesky, 'US');
    expect(us.disclosing?.quote ?? '').not.toContain('US states');
    expect(us.disclosing?.quote ?? '').not.toContain('outside of the United States');
    expect(us.disclosing?.quote ?? '').not.toMatch(/^U\.S\.$/);
    expect(readCountryMentions(bluesky, 'IE')).toMatchObject({ disclosing: null, discounted: { reason: 'postal-address' } });
  });

  it('WeChat: "the Chinese Mainland" is China', () => {
    const wechat = readCountryMentions(realPolicy('WeChat_privacy-policy_2026-08-06.md'), 'CN');
    expect(wechat.disclosing?.quote).toMatch(/Chinese Mainland/);
  });

  it('a city and country outside an address still discloses', () => {
    expect(readCountryMentions(policy('Our servers in Dublin, Ireland store your posts.'), 'IE').disclosing).not.toBeNull();
  });
});
