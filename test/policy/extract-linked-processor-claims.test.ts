import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import type { OrganisationName } from '../../src/policy/match-organisations.js';
import { makeSnapshot, processors } from './policy-test-helpers.js';

const ORGANISATIONS: OrganisationName[] = [
  { entityId: 'amplitude', names: ['Amplitude, Inc.', 'Amplitude'], domains: ['amplitude.com'] },
  { entityId: 'pinterest', names: ['Pinterest, Inc.', 'Pinterest'], domains: ['pinterest.com', 'pinimg.com'] },
  { entityId: 'google', names: ['Google LLC', 'Google'], domains: ['google.com'] },
];

function linkedClaims(content: string, format: 'markdown' | 'html'): ReturnType<typeof processors> {
  const policy = extractPolicyText(makeSnapshot(content, format));
  return processors(extractClaims(policy, { organisations: ORGANISATIONS })).filter((c) => c.link !== undefined);
}

describe('processors named by a link', () => {
  it("reads a sharing sentence's link to a catalogued company's site as naming it (BeReal, trial 7 P2-8)", () => {
    const md = '# Privacy\n\nWe share your information with partners who help with [user analytics](https://amplitude.com/privacy) and surveys.\n';
    const [claim, ...rest] = linkedClaims(md, 'markdown');
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ processorType: 'named', name: 'Amplitude, Inc.', entityId: 'amplitude', polarity: 'affirmative', link: { text: 'user analytics', href: 'https://amplitude.com/privacy' } });
    const html = '<h1>Privacy</h1><p>We share your information with partners who help with <a href="https://amplitude.com/privacy">user <b>analytics</b></a> and surveys.</p>';
    expect(linkedClaims(html, 'html')).toEqual([expect.objectContaining({ entityId: 'amplitude', link: { text: 'user analytics', href: 'https://amplitude.com/privacy' } })]);
  });

  it('names only the most specific operator of the link host (aws.amazon.com is AWS, not also Amazon.com, trial 7b P2-9)', () => {
    const ORGS = [...ORGANISATIONS, { entityId: 'aws', names: ['Amazon Web Services'], domains: ['aws.amazon.com'] }, { entityId: 'amazon', names: ['Amazon.com, Inc.'], domains: ['amazon.com'] }];
    const policy = extractPolicyText(makeSnapshot('# P\n\nWe share data with [our hosting provider](https://aws.amazon.com/privacy/) and other partners.\n', 'markdown'));
    expect(processors(extractClaims(policy, { organisations: ORGS })).filter((c) => c.link !== undefined).map((c) => c.entityId)).toEqual(['aws']);
  });

  it('names no parent of a subsidiary a sentence names in words or by link, whatever the catalog order (trial 7b P2-9, issue #3)', () => {
    // The parent first in the catalog, as a user's entity list could put it; the link's host is still the subsidiary's.
    const ORGS = [{ entityId: 'amazon', names: ['Amazon.com, Inc.'], domains: ['amazon.com'] }, { entityId: 'aws', names: ['Amazon Web Services, Inc.', 'AWS'], domains: ['aws.amazon.com'] }];
    const text = [
      '# P',
      'We share information with our [hosting provider](https://aws.amazon.com/privacy/).',
      'We share information with our hosting provider ([AWS](https://aws.amazon.com/privacy/)).',
      'We share information with service providers, including [hosting](https://aws.amazon.com/privacy/).',
    ].join('\n\n');
    const claims = processors(extractClaims(extractPolicyText(makeSnapshot(`${text}\n`, 'markdown')), { organisations: ORGS }));
    expect(claims.map((c) => c.entityId).filter((id) => id !== undefined)).toEqual(['aws', 'aws', 'aws']);
  });

  it('keeps the link text at its place in the extracted text', () => {
    const policy = extractPolicyText(makeSnapshot('# P\n\nSee [our *partners*](https://example.com/p) and [them](https://amplitude.com).\n', 'markdown'));
    expect(policy.links?.map((l) => [policy.text.slice(l.span.start, l.span.end), l.href])).toEqual([
      ['our partners', 'https://example.com/p'],
      ['them', 'https://amplitude.com'],
    ]);
  });

  it('places a link where it is, not where its text first occurs (review 7: "here" inside "where")', () => {
    const md = '# P\n\nWe share data with service providers where needed. To opt out of ads, click [here](https://adssettings.google.com) now.\n';
    const policy = extractPolicyText(makeSnapshot(md, 'markdown'));
    expect(policy.links?.map((l) => policy.text.slice(l.span.start - 6, l.span.end + 4))).toEqual(['click here now']);
    expect(linkedClaims(md, 'markdown')).toEqual([]);
    const html = '<p>We share data with <a href="https://amplitude.com"> analytics  partners </a>, who help us <a href="x">here</a>.</p>';
    const fromHtml = extractPolicyText(makeSnapshot(html, 'html'));
    expect(fromHtml.text).toBe('We share data with analytics partners , who help us here.');
    expect(fromHtml.links?.map((l) => [fromHtml.text.slice(l.span.start, l.span.end), l.href])).toEqual([
      ['analytics partners', 'https://amplitude.com'],
      ['here', 'x'],
    ]);
  });

  it('reads no link in a code span, in a nested anchor twice, or from marks forged by the text', () => {
    expect(linkedClaims('# P\n\nWe share data with partners, e.g. `[a](https://amplitude.com)`.\n', 'markdown')).toEqual([]);
    const nested = extractPolicyText(makeSnapshot('<p>We share with <a href="https://amplitude.com">our <a href="https://google.com">partners</a></a>.</p>', 'html'));
    expect(nested.links?.map((l) => l.href)).toEqual(['https://amplitude.com']);
    const forged = extractPolicyText(makeSnapshot('# P\n\nWe share data with \uFDD0partners\uFDD1 [x](https://amplitude.com).\n', 'markdown'));
    expect(forged.text).toContain('We share data with partners x.');
    expect(forged.links?.map((l) => [forged.text.slice(l.span.start, l.span.end), l.href])).toEqual([['x', 'https://amplitude.com']]);
  });

  it('reads a link describing a service the app uses, with no category word (trial 7b P1-3)', () => {
    const ORGS = [...ORGANISATIONS, { entityId: 'braze', names: ['Braze, Inc.', 'Braze'], domains: ['braze.com'] }];
    const policy = extractPolicyText(makeSnapshot('# P\n\nWe use a [push tool](https://www.braze.com/privacy) to send notifications.\n', 'markdown'));
    expect(processors(extractClaims(policy, { organisations: ORGS })).map((c) => [c.entityId, c.link?.text])).toEqual([['braze', 'push tool']]);
    // "messaging provider" is now a category word of its own (issue #3): the sentence states the category and the link names Braze.
    const messaging = extractPolicyText(makeSnapshot('# P\n\nWe use a [messaging provider](https://www.braze.com/privacy) to send notifications.\n', 'markdown'));
    expect(processors(extractClaims(messaging, { organisations: ORGS })).map((c) => [c.category ?? c.entityId, c.link?.text])).toEqual([
      ['communications', undefined],
      ['braze', 'messaging provider'],
    ]);
    // A document link in such a sentence names no service.
    const doc = extractPolicyText(makeSnapshot('# P\n\nWe use cookies; see [the cookie policy](https://www.braze.com/cookies).\n', 'markdown'));
    expect(processors(extractClaims(doc, { organisations: ORGS }))).toEqual([]);
  });

  it('names no one by a link to act, or by one in a denied clause of a sharing sentence (review 7)', () => {
    expect(linkedClaims('# P\n\nWe share data with advertising partners; you can [opt out](https://adssettings.google.com) at any time.\n', 'markdown')).toEqual([]);
    expect(linkedClaims('# P\n\nWe share data with service providers, but we never share it with [social networks](https://www.google.com/).\n', 'markdown')).toEqual([]);
  });

  it('names no one by a link outside a sharing sentence, in a denial, to the own company or already named in words', () => {
    expect(linkedClaims('# P\n\nYou can opt out at [this page](https://amplitude.com/opt-out).\n', 'markdown')).toEqual([]);
    expect(linkedClaims('# P\n\nWe do not share your data with [analytics partners](https://amplitude.com).\n', 'markdown')).toEqual([]);
    expect(linkedClaims('# Pinterest Privacy Policy\n\nPinterest shares information with advertisers, as our [help centre](https://help.pinterest.com/ads) explains.\n', 'markdown')).toEqual([]);
    expect(linkedClaims('# P\n\nWe share usage data with our analytics provider Amplitude ([privacy policy](https://amplitude.com/privacy)).\n', 'markdown')).toEqual([]);
    // A relative link or an e-mail address names no site.
    expect(linkedClaims('# P\n\nWe share data with [partners](/partners) and [our vendor](mailto:dpo@amplitude.com).\n', 'markdown')).toEqual([]);
  });
});
