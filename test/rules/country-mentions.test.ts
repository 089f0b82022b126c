import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { readCountryMentions } from '../../src/rules/country-mentions.js';
import { makeSnapshot } from '../policy/policy-test-helpers.js';
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

describe('user-location contexts (audience lists)', () => {
  it('"Our users are located in …" says where users are, not data (trial7b item 4)', () => {
    const text = 'Our users are located in the United States, Canada, Brazil and Japan. Our customers are based in Mexico.';
    for (const code of ['US', 'CA', 'BR', 'JP', 'MX']) {
      expect(readCountryMentions(policy(text), code), code).toMatchObject({ disclosing: null, discounted: { reason: 'audience' } });
    }
    // Where data goes still discloses: "Data of our users is stored in the United States".
    expect(readCountryMentions(policy('Data of our users is stored in the United States.'), 'US').disclosing).not.toBeNull();
  });

  it('a list of places where users are is not a list of places data goes, with asides, "one of the 50 U.S. States" and ", or"', () => {
    const text = [
      'If you are a user located (as determined by your currently registered mobile number) in Australia, Brazil, Hong Kong SAR, Türkiye, United Kingdom or Vietnam, additional terms apply.',
      'Whether you are in Europe, one of the 50 U.S. States, Latin America, the Middle East, Africa, Japan, Asia Pacific, or anywhere in between, you can ask for a copy.',
      'If you are a WeChat user located in the European Economic Area ("the EEA"), the United Kingdom of Great Britain and Northern Ireland ("the UK") or Switzerland: Acme B.V. is your controller.',
      'Data Controller: If you live in the European Economic Area (“EEA”), the United Kingdom (“UK”), or Norway, Acme Ltd is the controller.',
      'The Korean version applies to users using our Services in Korea.',
      'Residents of Mexico and members in both the Designated Countries and Peru may object.',
    ].join('\n');
    for (const code of ['AU', 'BR', 'HK', 'TR', 'GB', 'VN', 'JP', 'CH', 'NO', 'KR', 'MX', 'PE']) {
      expect(readCountryMentions(policy(text), code), code).toMatchObject({ disclosing: null, discounted: { reason: 'audience' } });
    }
  });

  it('keeps real disclosures in the same sentences and policies', () => {
    const text = [
      'If you are in the EU, we transfer your data to Singapore.',
      'Whether you are in Europe or Asia, your data is stored on servers located in the United States.',
      'Users in Brazil are served by our affiliates in Japan.',
      'If you are a resident of France, your data is processed by our partner in Germany.',
    ].join('\n');
    for (const code of ['SG', 'US', 'JP', 'DE']) expect(readCountryMentions(policy(text), code).disclosing, code).not.toBeNull();
    for (const code of ['BR', 'FR']) expect(readCountryMentions(policy(text), code).disclosing, code).toBeNull();
  });

  it('a representative table, a defined company name and an adequacy decision do not disclose the country', () => {
    const text = [
      'Our Representatives in Certain Jurisdictions',
      '',
      'Jurisdiction | Representative | Address | Contact details',
      '',
      'Korea | Acme Korea Yuhan Hoesa | 152, Taeheran-ro, Seoul, Korea | Please contact us here',
      '',
      'Serbia | Karanovic & Partners o.a.d. Beograd | Resavska 23, Belgrade, 11000, Serbia | rep@example.com',
      '',
      'Acme Technology Limited, an Irish company (“Acme Ireland”), is the controller. Acme Ireland will answer your request.',
      'Transfers are recognized under the EU and UK partial adequacy decisions.',
    ].join('\n');
    expect(readCountryMentions(policy(text), 'KR').discounted?.reason).toBe('company');
    expect(readCountryMentions(policy(text), 'RS').disclosing).toBeNull();
    expect(readCountryMentions(policy(text), 'IE')).toMatchObject({ disclosing: null, discounted: { reason: 'company' } });
    expect(readCountryMentions(policy(text), 'GB')).toMatchObject({ disclosing: null, discounted: { reason: 'audience' } });
  });

  it('"transfer … outside of the EEA, the UK, or Switzerland" is where data leaves, but "in and outside" still discloses', () => {
    const leaving = policy('When we transfer your information outside of the EEA, the UK, or Switzerland, we rely on safeguards.');
    expect(readCountryMentions(leaving, 'CH')).toMatchObject({ disclosing: null, discounted: { reason: 'origin' } });
    const both = policy('We transfer data to service providers located in and outside the United States.');
    expect(readCountryMentions(both, 'US').disclosing).not.toBeNull();
  });
});

describe('readCountryMentions on real policies', () => {
  const realPolicy = (file: string) => policy(readFileSync(new URL(`../../../shared/data/policies/${file}`, import.meta.url), 'utf8'));
  const extractedPolicy = (file: string) =>
    policy(extractPolicyText(makeSnapshot(readFileSync(new URL(`../../../shared/data/policies/${file}`, import.meta.url), 'utf8'), 'markdown')).text);

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

  it('WeChat: the ~20 places where users are located (the jurisdiction list) disclose none of them; its server and affiliate sentences still do', () => {
    // As the audit reads it: the extracted text, without Markdown emphasis.
    const wechat = extractedPolicy('WeChat_privacy-policy_2026-08-06.md');
    for (const code of ['AE', 'AU', 'BR', 'CA', 'ID', 'JP', 'KR', 'LK', 'MX', 'PH', 'RU', 'RS', 'SA', 'TH', 'TR', 'TW', 'VN', 'CH']) {
      const mentions = readCountryMentions(wechat, code);
      expect(mentions.disclosing?.quote ?? null, code).toBeNull();
      expect(mentions.discounted?.reason, code).toBe('audience');
    }
    // "for users located in Hong Kong SAR … and the Macao Special Administrative Region (“Macao SAR”), in Hong Kong SAR".
    expect(readCountryMentions(wechat, 'MO')).toMatchObject({ disclosing: null, discounted: { reason: 'audience' } });
    expect(readCountryMentions(wechat, 'SG').disclosing?.quote).toMatch(/^Our servers are located in Singapore and Malaysia/);
    expect(readCountryMentions(wechat, 'MY').disclosing?.quote).toMatch(/^Our servers are located in Singapore and Malaysia/);
    expect(readCountryMentions(wechat, 'NL').disclosing).not.toBeNull();
  });

  it('BeReal: "Whether you are in Europe, one of the 50 U.S. States, Latin America, the Middle East, Africa, Japan, …" is the reader', () => {
    expect(readCountryMentions(realPolicy('BeReal_privacy-policy_2026-07-07.md'), 'JP')).toMatchObject({ disclosing: null, discounted: { reason: 'audience' } });
  });

  it('origins are not destinations: "If we transfer personal information from the EEA, Switzerland, Brazil and/or the United Kingdom to …"', () => {
    const bluesky = realPolicy('Bluesky_privacy-policy_2026-01-09.md');
    expect(readCountryMentions(bluesky, 'CH')).toMatchObject({ disclosing: null, discounted: { reason: 'origin' } });
    expect(readCountryMentions(bluesky, 'BR').discounted?.reason).toBe('origin');
  });

  it('WhatsApp: "Meta Companies in the United States and Ireland" and the legal-advice list still disclose Ireland and Germany', () => {
    const whatsapp = realPolicy('WhatsApp_privacy-policy_2026-07-03.md');
    expect(readCountryMentions(whatsapp, 'IE').disclosing?.quote).toMatch(/Meta Companies in the United States and Ireland/);
    expect(readCountryMentions(whatsapp, 'DE').disclosing).not.toBeNull();
  });

  it('WeChat: "the Chinese Mainland" is China', () => {
    const wechat = readCountryMentions(realPolicy('WeChat_privacy-policy_2026-08-06.md'), 'CN');
    expect(wechat.disclosing?.quote).toMatch(/Chinese Mainland/);
  });

  it('a city and country outside an address still discloses', () => {
    expect(readCountryMentions(policy('Our servers in Dublin, Ireland store your posts.'), 'IE').disclosing).not.toBeNull();
  });
});

describe('readCountryMentions: mentions that are not destinations (trial 6 P1-1, P1-5, P2-4)', () => {
  const read = (text: string, code: string, denials: { start: number; end: number }[] = []) => readCountryMentions(policy(text), code, denials);

  it('a denied destination never discloses the country: every place of the denied list', () => {
    for (const [sentence, codes] of [
      ['Your data is never stored in Singapore or China.', ['SG', 'CN']],
      ['We do not transfer your personal data to China.', ['CN']],
      ['We will not sell or transfer your data to China, Russia or Singapore.', ['CN', 'RU', 'SG']],
      ["We don't have servers in Russia.", ['RU']],
    ] as const) {
      for (const code of codes) expect(read(sentence, code), `${code}: ${sentence}`).toMatchObject({ disclosing: null, discounted: { reason: 'denial', quote: sentence } });
    }
  });

  it('a negative transfer claim covers its whole sentence, even past a comma', () => {
    const sentence = 'We do not store or transfer your voice recordings, chat messages or contacts, to China.';
    expect(read(sentence, 'CN', [{ start: 0, end: sentence.length }]).discounted?.reason).toBe('denial');
  });

  it('keeping data in a place is not a denial of it', () => {
    for (const [sentence, code] of [
      ['Your data never leaves Germany.', 'DE'],
      ['We do not store your data anywhere except in Germany.', 'DE'],
      ['We do not share data with anyone, but our servers are in Singapore.', 'SG'],
    ] as const) expect(read(sentence, code).disclosing?.quote, sentence).toBe(sentence);
  });

  it('a postcode before the city ends a postal address, with or without a street word', () => {
    for (const sentence of [
      'Our EU representative is Acme GmbH, Friedrichstrasse 10, 10117 Berlin, Germany.',
      'Our EU representative is Acme GmbH, D-10117 Berlin, Germany.',
      'Write to Acme GmbH, Unter den Linden 5, 10117 Berlin, Germany.',
      'PLANIT // LEGAL Attn: LY Corporation EU Representative Jungfernstieg 1, 20095 Hamburg, Germany +49(0)40 60944190',
    ]) expect(read(sentence, 'DE'), sentence).toMatchObject({ disclosing: null, discounted: { reason: 'postal-address' } });
    expect(read('The data controller is BeReal SAS, with a registered office located at 59 Rue Jean-Jacques Rousseau 75001 - Paris (France).', 'FR').discounted?.reason).toBe('postal-address');
    expect(read('Reddit Netherlands B.V. Euro Business Center Looiersgracht 43, 1016 VR Amsterdam Netherlands dpo@reddit.com', 'NL').disclosing).toBeNull();
    expect(read('Contact us at Twitch UK Limited, 1 New Oxford Street WC1A 1BA, UK, or by email.', 'GB').disclosing).toBeNull();
    expect(read('Pinterest Europe Ltd. has its registered office at Waterloo Exchange, 3rd Floor, Waterloo Road, Dublin 4, Ireland.', 'IE').disclosing).toBeNull();
    // A year before "City, Country" is still not a postcode.
    const hosting = 'Since 2019, our infrastructure provider has been Hetzner, Falkenstein, Germany.';
    expect(read(hosting, 'DE').disclosing?.quote).toBe(hosting);
  });

  it('a country in a company name, a company\'s nationality or a representative designation does not disclose it', () => {
    for (const [sentence, code] of [
      ['This Privacy Policy describes how we at Spotify USA Inc. process personal data of U.S. residents.', 'US'],
      ['Twitch Interactive Germany, GmbH has been designated by Twitch Interactive, Inc. as its representative under the GDPR.', 'DE'],
      ['LinkedIn Ireland Unlimited Company is the data controller of your personal data.', 'IE'],
      ['Reddit Netherlands B.V. is the controller of information processed in connection with the Reddit platform.', 'NL'],
      ['Pinterest, Inc. is a US company.', 'US'],
      ['Please contact Twitch UK with any questions about this notice.', 'GB'],
      ['Our representative in the United Kingdom answers requests under the UK GDPR.', 'GB'],
    ] as const) expect(read(sentence, code), sentence).toMatchObject({ disclosing: null, discounted: { reason: 'company' } });
    // A state outside a sentence about servers is not read at all: "a Delaware corporation" discloses nothing.
    expect(read('Example Inc. is a Delaware corporation.', 'US')).toEqual({ disclosing: null, discounted: null });
    // A sentence that also says where data is stored still counts.
    const stored = 'Our representative in Germany is Acme GmbH, and your data is stored on servers in Germany.';
    expect(read(stored, 'DE').disclosing?.quote).toBe(stored);
  });

  it('a country on a line of its own (a heading over a rights paragraph, a list of regional notices) does not disclose it', () => {
    // As the extracted text of "## Additional information by region / ### United States / … / ### Singapore / …".
    const text = 'Additional information by region\n\nUnited States\n\nYou may have the right to know what we collect.\n\nSingapore\n\nYou may withdraw consent.';
    expect(read(text, 'US')).toMatchObject({ disclosing: null, discounted: { reason: 'heading', quote: 'United States' } });
    expect(read(text, 'SG').discounted?.reason).toBe('heading');
    // A list after a lead-in ending in a colon continues that sentence, and counts.
    const list = 'Our processors are located in the following countries:\n\nSingapore\n\nJapan';
    expect(read(list, 'SG').disclosing?.quote).toBe('Singapore');
  });

  it('a law or an authority named after the country is the law\'s place', () => {
    expect(read('We do not collect data (as defined by the United States Children\u2019s Online Privacy Protection Act) from children.', 'US').disclosing).toBeNull();
    expect(read('In Ireland, the relevant data protection authority is the Data Protection Commission.', 'IE').disclosing).toBeNull();
    expect(read('Depending on where you live (e.g. EEA, Switzerland, UK, USA), these choices may be rights.', 'CH').disclosing).toBeNull();
  });

  it('a city, state or cloud region discloses its country only in a sentence about servers, storage or transfers', () => {
    const hosted = 'Our backups are hosted in Frankfurt.';
    expect(read(hosted, 'DE').disclosing?.quote).toBe(hosted);
    const region = 'Media is served from the eu-west-1 servers.';
    expect(read(region, 'IE').disclosing?.quote).toBe(region);
    // Elsewhere a state is a law or an audience, and a city an address line.
    for (const sentence of ['This page also serves as our California Notice at Collection.', 'Dublin 2', 'Our office in Paris organises events.'])
      expect(read(sentence, sentence.includes('Dublin') ? 'IE' : sentence.includes('Paris') ? 'FR' : 'US'), sentence).toEqual({ disclosing: null, discounted: null });
  });
});

describe('countries named only as markets (session 9 item 5)', () => {
  const read = (text: string, code: string) => readCountryMentions(policy(text), code);

  it('a country where the service is offered or available does not disclose it', () => {
    for (const [sentence, code] of [
      ['We offer the app in Germany.', 'DE'],
      ['Our services are currently available in France and Spain.', 'ES'],
      ['We launched the Premium plan in Japan last year.', 'JP'],
      ['We provide our Services in Canada through a local partner.', 'CA'],
      ['We make the game available in Brazil and Mexico.', 'MX'],
    ] as const) {
      expect(read(sentence, code), sentence).toMatchObject({ disclosing: null, discounted: { reason: 'market' } });
    }
  });

  it('but data offered, sold or stored there still does', () => {
    for (const [sentence, code] of [
      ['We offer data storage in Germany.', 'DE'],
      ['Our partners may sell your information in Japan.', 'JP'],
      ['We offer the app in Germany, and we keep your data in France.', 'FR'],
    ] as const) {
      expect(read(sentence, code).disclosing, sentence).not.toBeNull();
    }
  });
});

