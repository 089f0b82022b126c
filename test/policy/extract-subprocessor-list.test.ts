import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import type { Claim, ProcessorClaim, TransferClaim } from '../../src/model/claim.js';
import { extractHtmlText } from '../../src/policy/extract-html-text.js';
import { extractMarkdownText } from '../../src/policy/extract-markdown-text.js';
import { extractSubprocessorList } from '../../src/policy/extract-subprocessor-list.js';

const organisations = EntityCatalog.loadDefault().organisationNames();
const FIXTURES = join('test', 'fixtures', 'policies', 'subprocessors');

function processors(claims: readonly Claim[]): ProcessorClaim[] {
  return claims.filter((c): c is ProcessorClaim => c.kind === 'processor');
}

function transfers(claims: readonly Claim[]): TransferClaim[] {
  return claims.filter((c): c is TransferClaim => c.kind === 'transfer');
}

describe('extractSubprocessorList on an HTML page of tables and a list', () => {
  const page = extractHtmlText(readFileSync(join(FIXTURES, 'subprocessors.html'), 'utf8'));
  const claims = extractSubprocessorList(page, { organisations, firstPartyNames: ['murmur'] });

  it('reads every table row under a "Sub-processor | Purpose | Location" header as a named processor', () => {
    expect(processors(claims).map((c) => [c.name, c.entityId ?? null, c.purpose, c.location])).toEqual([
      ['Amazon Web Services, Inc.', 'aws', 'Cloud hosting and storage of account data', 'Ireland, United States'],
      ['Agora Lab, Inc.', 'agora', 'Real-time audio delivery for voice rooms', 'United States, Singapore'],
      ['Twilio Inc.', 'twilio', 'Sending SMS verification codes', 'United States'],
      ['Functional Software, Inc. (Sentry)', 'sentry', 'Crash and error reporting', 'United States'],
      ['Zendesk, Inc.', 'zendesk', 'Customer support tickets', 'United States'],
      ['Kestrel Analytics GmbH', null, 'Product analytics on pseudonymised events', 'Germany'],
    ]);
  });

  it('quotes each row exactly at its span, in the section of its table', () => {
    for (const claim of claims) expect(page.text.slice(claim.span.start, claim.span.end)).toBe(claim.quote);
    const agora = processors(claims).find((c) => c.entityId === 'agora');
    expect(agora?.quote).toBe('Agora Lab, Inc. | Real-time audio delivery for voice rooms | United States, Singapore');
    expect(agora?.sectionPath).toEqual(['Murmur Sub-processors', 'Infrastructure sub-processors']);
  });

  it('ties each stated location to its processor as a transfer claim', () => {
    const agora = transfers(claims).find((c) => c.processor === 'Agora Lab, Inc.');
    expect(agora).toMatchObject({ countries: ['SG', 'US'], regions: [], unspecified: false, polarity: 'affirmative', trigger: 'United States, Singapore' });
  });

  it("keeps the company's own affiliates out of the processors but keeps the places they state", () => {
    expect(processors(claims).some((c) => c.name.startsWith('Murmur'))).toBe(false);
    expect(transfers(claims).filter((c) => c.processor?.startsWith('Murmur')).map((c) => c.countries)).toEqual([['GB'], ['US']]);
  });

  it('ignores the prose around the tables (no claim quotes a paragraph)', () => {
    expect(claims.every((c) => !c.quote.includes('bound by a written agreement'))).toBe(true);
  });
});

describe('extractSubprocessorList on other layouts', () => {
  it('reads a Markdown table with entity, processing location and transfer mechanism columns', () => {
    const page = extractMarkdownText(
      [
        '# Subprocessors',
        '',
        'Last updated: 1 August 2026. The entities below process customer data on our behalf.',
        '',
        '| Entity Name | Corporate Location | Processing Location | Nature of Processing | Transfer Mechanism |',
        '| --- | --- | --- | --- | --- |',
        '| Google LLC | United States | EU, United States | Cloud infrastructure | Standard Contractual Clauses |',
        '| Mixpanel, Inc. | United States | United States | Product analytics | EU-U.S. Data Privacy Framework |',
        '',
      ].join('\n'),
    );
    const claims = extractSubprocessorList(page, { organisations });
    expect(processors(claims).map((c) => [c.name, c.entityId, c.purpose, c.location])).toEqual([
      ['Google LLC', 'google', 'Cloud infrastructure', 'EU, United States'],
      ['Mixpanel, Inc.', 'mixpanel', 'Product analytics', 'United States'],
    ]);
    expect(transfers(claims)[0]).toMatchObject({ transferType: 'storage', countries: ['US'], regions: ['EU'], mechanisms: ['Standard Contractual Clauses'] });
  });

  it('takes the purpose from the purpose column, not from a category or data column before it', () => {
    const page = extractHtmlText(
      '<h2>Sub-processors</h2><table><thead><tr><td>Category</td><td>Third party</td><td>Type of data</td><td>Purpose of processing</td><td>Data center location</td></tr></thead>' +
        '<tbody><tr><td>Infrastructure</td><td>Cloudflare, Inc.</td><td>IP address, request logs</td><td>Content delivery and DDoS protection</td><td>Global</td></tr></tbody></table>',
    );
    const claims = extractSubprocessorList(page, { organisations });
    expect(processors(claims).map((c) => [c.name, c.entityId, c.purpose, c.location])).toEqual([
      ['Cloudflare, Inc.', 'cloudflare', 'Content delivery and DDoS protection', 'Global'],
    ]);
    expect(transfers(claims)[0]).toMatchObject({ transferType: 'storage', countries: [], regions: [], unspecified: true });
  });

  it('does not take a row whose company and purpose contain header words for a new header', () => {
    const page = extractHtmlText(
      '<table><tr><th>Vendor</th><th>Services</th></tr><tr><td>Acme Partners</td><td>Cloud services</td></tr>' +
        '<tr><td>Vendor 1 Ltd.</td><td>Service number 1</td></tr><tr><td>Name Labs Inc.</td><td>Support service</td></tr></table>',
    );
    expect(processors(extractSubprocessorList(page, { organisations })).map((c) => c.name)).toEqual(['Acme Partners', 'Vendor 1 Ltd.', 'Name Labs Inc.']);
  });

  it('reads a row whose purpose cell was left empty by its location, not its position', () => {
    const page = extractHtmlText(
      '<h2>Vendors</h2><table><tr><th>Vendor</th><th>Service</th><th>Country</th></tr>' +
        '<tr><td>Twilio Inc.</td><td></td><td>United States</td></tr>' +
        '<tr><td>Hetzner Online GmbH</td><td>Server hosting</td><td></td></tr></table>',
    );
    const found = processors(extractSubprocessorList(page, { organisations }));
    expect(found.map((c) => [c.name, c.purpose ?? null, c.location ?? null])).toEqual([
      ['Twilio Inc.', null, 'United States'],
      ['Hetzner Online GmbH', 'Server hosting', null],
    ]);
  });

  it('reads "Name – purpose – country" list items and "Name (Country): purpose" items', () => {
    const page = extractHtmlText(
      '<h2>Our sub-processors</h2><ul>' +
        '<li>Amazon Web Services – hosting – United States</li>' +
        '<li>OVH SAS – backups – France</li>' +
        '<li>Sentry (United States): crash reports</li>' +
        '</ul>',
    );
    const claims = extractSubprocessorList(page, { organisations });
    expect(processors(claims).map((c) => [c.name, c.purpose, c.location])).toEqual([
      ['Amazon Web Services', 'hosting', 'United States'],
      ['OVH SAS', 'backups', 'France'],
      ['Sentry', 'crash reports', 'United States'],
    ]);
  });

  it('reads lists of bare names under a sub-processor heading or after a lead-in ending in a colon', () => {
    const page = extractHtmlText(
      '<h1>Trust centre</h1><h2>Sub-processors</h2><ul><li>Amazon Web Services</li><li>Stripe, Inc.</li><li>OneSignal</li><li>Kestrel Analytics GmbH (Germany)</li></ul>' +
        '<h2>Security</h2><p>We currently rely on the following vendors:</p><ul><li>Cloudflare</li><li>Okta, Inc.</li></ul>',
    );
    const claims = extractSubprocessorList(page, { organisations });
    expect(processors(claims).map((c) => [c.name, c.entityId ?? null, c.location ?? null])).toEqual([
      ['Amazon Web Services', 'aws', null],
      ['Stripe, Inc.', 'stripe', null],
      ['OneSignal', 'onesignal', null],
      ['Kestrel Analytics GmbH', null, 'Germany'],
      ['Cloudflare', 'cloudflare', null],
      ['Okta, Inc.', null, null],
    ]);
  });

  it('does not take a list of categories, a single name or a list under an unrelated heading for processors', () => {
    const page = extractHtmlText(
      '<h2>Sub-processors</h2><ul><li>Hosting</li><li>Analytics</li><li>Support</li></ul><p>Our main vendor is below.</p><ul><li>Amazon Web Services</li></ul>' +
        '<h2>Our offices</h2><ul><li>London Bridge House</li><li>Berlin Mitte</li></ul>',
    );
    expect(extractSubprocessorList(page, { organisations })).toEqual([]);
  });

  it('finds nothing in prose, in one dashed sentence, or in a table whose header names no company column', () => {
    const page = extractHtmlText(
      '<h1>Privacy</h1><p>We use service providers – such as hosting companies – to run the service.</p>' +
        '<p>Data is kept – as a rule – for 30 days.</p>' +
        '<table><tr><th>Cookie</th><th>Duration</th></tr><tr><td>_ga</td><td>2 years</td></tr></table>' +
        '<p>Note: this page changes from time to time.</p>',
    );
    expect(extractSubprocessorList(page, { organisations })).toEqual([]);
  });
});

describe('extractSubprocessorList on a hostile page of many headings', () => {
  it('reads the table after 60,000 headings under its own heading (linear, so within the default test time)', () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `<h3>Region ${i}</h3><p>Nothing listed for region ${i}.</p>`).join('');
    const page = extractHtmlText(
      `<h1>Sub-processors</h1>${filler}<h2>Infrastructure</h2>` +
        '<table><tr><th>Sub-processor</th><th>Purpose</th><th>Location</th></tr>' +
        '<tr><td>Twilio Inc.</td><td>Sending SMS verification codes</td><td>United States</td></tr>' +
        '<tr><td>Kestrel Analytics GmbH</td><td>Product analytics</td><td>Germany</td></tr></table>',
    );
    const found = processors(extractSubprocessorList(page, { organisations }));
    expect(found.map((c) => [c.name, c.entityId ?? null, c.location, c.sectionPath])).toEqual([
      ['Twilio Inc.', 'twilio', 'United States', ['Sub-processors', 'Infrastructure']],
      ['Kestrel Analytics GmbH', null, 'Germany', ['Sub-processors', 'Infrastructure']],
    ]);
  });
});

describe('extractSubprocessorList and the company\'s own entries', () => {
  it('matches own names as the policy extractor does: with another legal form or none, spaced differently', () => {
    const page = extractHtmlText(
      '<h2>Sub-processors</h2><table><tr><th>Sub-processor</th><th>Purpose</th><th>Location</th></tr>' +
        '<tr><td>Time Inc</td><td>Customer support</td><td>United States</td></tr>' +
        '<tr><td>Tulsa World</td><td>Printing</td><td>United States</td></tr>' +
        '<tr><td>Time Warner Cable Inc.</td><td>Internet access</td><td>United States</td></tr>' +
        '<tr><td>Google LLC</td><td>Hosting</td><td>United States</td></tr></table>',
    );
    const claims = extractSubprocessorList(page, { organisations, firstPartyNames: ['time inc.', 'tulsaworld'] });
    expect(processors(claims).map((c) => c.name)).toEqual(['Time Warner Cable Inc.', 'Google LLC']);
    // The own entries still say where they are.
    expect(transfers(claims).map((c) => c.processor)).toEqual(['Time Inc', 'Tulsa World', 'Time Warner Cable Inc.', 'Google LLC']);
  });
});
