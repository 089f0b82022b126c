import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/model/claim.js';
import type { ExtractedPolicy } from '../../src/model/policy.js';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { encryptions, makeSnapshot, ORGANISATIONS, processors, retentions, transfers } from './policy-test-helpers.js';

const DIR = join(process.cwd(), '..', 'shared', 'data', 'policies');
const FILES = readdirSync(DIR).filter((name) => /_privacy-policy_.*\.md$/.test(name)).sort();

const cache = new Map<string, { policy: ExtractedPolicy; claims: Claim[] }>();
function load(service: string): { policy: ExtractedPolicy; claims: Claim[] } {
  const file = FILES.find((name) => name.startsWith(`${service}_`));
  if (file === undefined) throw new Error(`no policy for ${service}`);
  const cached = cache.get(file);
  if (cached) return cached;
  const policy = extractPolicyText(makeSnapshot(readFileSync(join(DIR, file), 'utf8'), 'markdown'));
  const result = { policy, claims: extractClaims(policy, { organisations: ORGANISATIONS }) };
  cache.set(file, result);
  return result;
}

/** The service's retention claims whose sentence contains `text`. */
function retentionsQuoting(service: string, text: string): ReturnType<typeof retentions> {
  return retentions(load(service).claims).filter((c) => c.quote.includes(text));
}

describe('real policies (../shared/data/policies)', () => {
  it('finds all 15 policies', () => {
    expect(FILES).toHaveLength(15);
  });

  // Speed is measured by bench/policy-bench.ts, not asserted here: tests must not depend on timing.
  it('processes every policy with sane claim counts and exact spans', () => {
    for (const file of FILES) {
      const service = file.split('_')[0] ?? '';
      const { policy, claims } = load(service);
      for (const claim of claims) {
        expect(policy.text.slice(claim.span.start, claim.span.end)).toBe(claim.quote);
        expect(claim.sectionPath.length).toBeGreaterThanOrEqual(0);
      }
      // The Telegram policy in the corpus is German; the lexicons are English, so it yields nothing
      // (detect-policy-language.test.ts checks that the CLI says so instead of staying silent).
      if (service === 'Telegram') {
        expect(claims.length).toBeLessThan(10);
        continue;
      }
      expect(claims.length, file).toBeGreaterThan(20);
      expect(claims.length, file).toBeLessThan(400);
      expect(processors(claims).length, file).toBeGreaterThan(5);
      expect(retentions(claims).length, file).toBeGreaterThan(2);
      // No policy sentence names a recipient more than a handful of times.
      const perSentence = new Map<number, number>();
      for (const claim of processors(claims)) perSentence.set(claim.span.start, (perSentence.get(claim.span.start) ?? 0) + 1);
      expect(Math.max(...perSentence.values()), file).toBeLessThan(15);
    }
  });

  it('LinkedIn: de-identified after 7 days, deleted after 180 days; servers in the US; Microsoft as recipient', () => {
    const { claims } = load('LinkedIn');
    const stated = retentions(claims).filter((c) => c.quote.includes("LinkedIn’s tag"));
    expect(stated.map((c) => c.periodDays)).toEqual([7, 180]);
    expect(transfers(claims)).toContainEqual(
      expect.objectContaining({ transferType: 'storage', countries: ['US'], quote: expect.stringContaining('servers located in the US') }),
    );
    expect(processors(claims)).toContainEqual(expect.objectContaining({ name: 'Microsoft', entityId: 'microsoft', polarity: 'affirmative' }));
  });

  it('Pinterest: communications kept two years, log data 25 months; stored in the United States', () => {
    const { claims } = load('Pinterest');
    expect(retentions(claims)).toContainEqual(
      expect.objectContaining({ vagueness: 'stated', periodDays: 730.5, quote: expect.stringContaining('communications with us') }),
    );
    expect(retentions(claims)).toContainEqual(
      expect.objectContaining({ vagueness: 'stated', periodDays: 761, dataKind: 'log data' }),
    );
    expect(transfers(claims)).toContainEqual(
      expect.objectContaining({ transferType: 'storage', countries: ['US'], unspecified: true }),
    );
  });

  it('Reddit: deletes IP addresses after 100 days, uses HTTPS in transit, does not sell personal data', () => {
    const { claims } = load('Reddit');
    expect(retentions(claims)).toContainEqual(expect.objectContaining({ periodDays: 100, dataKind: 'IP addresses' }));
    expect(encryptions(claims)).toContainEqual(expect.objectContaining({ scope: 'in-transit', technologies: ['HTTPS'] }));
    expect(processors(claims)).toContainEqual(
      expect.objectContaining({ category: 'third-parties', polarity: 'negative', quote: 'We don’t sell your personal data to third parties, including data brokers.' }),
    );
    expect(transfers(claims)).toContainEqual(expect.objectContaining({ transferType: 'storage', countries: ['US'] }));
  });

  it('Quora: names its key service providers', () => {
    const named = processors(load('Quora').claims).filter((c) => c.processorType === 'named').map((c) => c.name);
    expect(named).toEqual(expect.arrayContaining(['Amazon Web Services', 'Stripe', 'Zendesk', 'Google']));
  });

  it('WeChat: names Adyen, MessageBird and Twilio as service providers', () => {
    const named = processors(load('WeChat').claims).map((c) => c.name);
    expect(named).toEqual(expect.arrayContaining(['Adyen N.V.', 'MessageBird B.V.', 'Twilio Inc.']));
  });

  it('LINE: stores personal data in data centers in Japan and the United States', () => {
    expect(transfers(load('LINE').claims)).toContainEqual(
      expect.objectContaining({ transferType: 'storage', countries: ['JP', 'US'], quote: expect.stringContaining('data centers located in Japan') }),
    );
  });

  it('BeReal: keeps data at most 90 days, transaction data up to ten years', () => {
    const { claims } = load('BeReal');
    const days = retentions(claims).map((c) => c.periodDays);
    expect(days).toEqual(expect.arrayContaining([90, 3652.5]));
  });

  it('WhatsApp: personal messages and calls are end-to-end encrypted', () => {
    expect(encryptions(load('WhatsApp').claims)).toContainEqual(
      expect.objectContaining({ scope: 'end-to-end', polarity: 'affirmative', quote: expect.stringContaining('end-to-end encrypted') }),
    );
  });

  it('Twitch: shares with its parent Amazon.com, Inc.', () => {
    expect(processors(load('Twitch').claims).map((c) => c.name)).toContain('Amazon.com, Inc.');
  });

  it('names a recipient that is the object of "uses" or of "provide … to": Stripe, Meta, lawyers, third parties', () => {
    const reddit = processors(load('Reddit').claims).filter((c) => c.quote.startsWith('Reddit uses industry-standard payment processor services'));
    expect(reddit.map((c) => [c.processorType, c.name])).toEqual([
      ['category', 'payment processor services'],
      ['named', 'Stripe'],
    ]);
    const whatsapp = processors(load('WhatsApp').claims).filter((c) => c.quote.includes('WhatsApp uses Meta’s global infrastructure'));
    expect(whatsapp.map((c) => c.entityId)).toEqual(['meta']);
    expect(processors(load('Spotify').claims)).toContainEqual(
      expect.objectContaining({ category: 'professional-advisers', quote: expect.stringContaining('we need to provide information to our lawyers') }),
    );
    expect(processors(load('LINE').claims)).toContainEqual(
      expect.objectContaining({ category: 'third-parties', quote: 'However, in the following cases indicated in 5.a to 5.f., we may provide Personal Data to third parties.' }),
    );
  });

  it('does not read using data that came from someone as sharing with them (Snapchat advertisers, LINE third parties)', () => {
    const snapchat = processors(load('Snapchat').claims).filter((c) => c.quote.includes('we may use information collected on an advertiser’s website'));
    expect(snapchat).toEqual([]);
    const line = processors(load('LINE').claims).filter((c) => c.quote.includes('upon receiving Personal Data from a third party'));
    expect(line).toEqual([]);
  });

  it('never reports the policy owner as a named processor', () => {
    for (const [service, own] of [['Reddit', 'Reddit'], ['Pinterest', 'Pinterest'], ['Quora', 'Quora'], ['BeReal', 'BeReal'], ['Snapchat', 'Snap']] as const) {
      const named = processors(load(service).claims).filter((c) => c.processorType === 'named');
      expect(named.filter((c) => c.name.startsWith(own)), service).toEqual([]);
    }
  });

  it('WhatsApp: log records that remain in its database are a retention statement', () => {
    expect(retentions(load('WhatsApp').claims)).toContainEqual(
      expect.objectContaining({ trigger: 'remain', quote: expect.stringContaining('Copies of certain log records remain in our database') }),
    );
  });

  it('WhatsApp: undelivered messages kept up to 30 days and user reports 90 days (objects a pronoun or outside the data vocabulary)', () => {
    const claims = retentions(load('WhatsApp').claims);
    expect(claims).toContainEqual(
      expect.objectContaining({ vagueness: 'stated', periodDays: 30, quote: expect.stringContaining('we keep it in encrypted form on our servers for up to 30 days') }),
    );
    expect(claims).toContainEqual(expect.objectContaining({ vagueness: 'stated', periodDays: 90, quote: 'We generally keep User Reports for 90 days.' }));
  });

  it('Spotify: never stores the full card number (a denied retention)', () => {
    expect(retentions(load('Spotify').claims)).toContainEqual(
      expect.objectContaining({ polarity: 'negative', quote: expect.stringContaining('never stores your full card number') }),
    );
  });

  it('Reddit: never stores Reddit Vault private key information (a denied retention, "private" being part of the data)', () => {
    expect(retentions(load('Reddit').claims)).toContainEqual(
      expect.objectContaining({ polarity: 'negative', quote: expect.stringContaining('we never store Reddit Vault private key information') }),
    );
  });

  it('Snapchat: a reader saving Snaps in Memories, in a list of the reader’s actions, is not Snap keeping data', () => {
    expect(retentionsQuoting('Snapchat', 'save a lot of coffee-related Snaps')).toEqual([]);
  });

  it('Tumblr: "we collect and store information about where you are located" describes collection, not keeping', () => {
    expect(retentionsQuoting('Tumblr', 'we collect and store information about where you are located')).toEqual([]);
  });

  it('Tumblr: deleting an account "may not fully remove" content, copies "may not be immediately removed" (data left behind, removed later)', () => {
    expect(retentionsQuoting('Tumblr', 'Deleting your Account may not fully remove the content you have published')).toEqual([
      expect.objectContaining({ vagueness: 'limited', polarity: 'affirmative', trigger: 'not be immediately removed' }),
    ]);
  });

  it('WeChat: the cells of its retention table ("Retained for 3 months", "Stored for up to 7 days") are stated periods', () => {
    expect(retentionsQuoting('WeChat', 'Selfie photos: Stored for up to 7 days')).toEqual([expect.objectContaining({ vagueness: 'stated', periodDays: 7 })]);
    expect(retentionsQuoting('WeChat', 'Retained for 1 month from the date of collection')).toEqual([expect.objectContaining({ vagueness: 'stated', periodDays: 30.44 })]);
    expect(retentionsQuoting('WeChat', 'is retained for no longer than 3 months from collection')).toEqual([expect.objectContaining({ vagueness: 'stated', periodDays: 91.32 })]);
  });

  it('WhatsApp and Spotify: deletion when something happens is a limit ("Once your messages are delivered, they are deleted")', () => {
    expect(retentionsQuoting('WhatsApp', 'Once your messages are delivered, they are deleted from our servers.')).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'Once your messages are delivered' }),
    ]);
    expect(retentionsQuoting('Spotify', 'When your Spotify account is deleted, this category of data is deleted or de-identified.')).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'When your Spotify account is deleted' }),
    ]);
  });

  it('Spotify, WeChat, BeReal: limits that end with an event keep the event (round 7)', () => {
    expect(retentionsQuoting('Spotify', 'We keep some data until your Spotify account is deleted.')).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'until your Spotify account is deleted', holder: { kind: 'service' } }),
    ]);
    expect(retentionsQuoting('Spotify', 'We also keep streaming history for the life of an account')).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'for the life of an account' }),
    ]);
    expect(retentionsQuoting('WeChat', 'Retained until you request removal of the information or your account is deleted').map((c) => c.trigger)).toContain('until you request removal');
    expect(retentionsQuoting('BeReal', 'If you do not log back in, your account and all of your information will be permanently deleted.')).toEqual([
      expect.objectContaining({ vagueness: 'limited', trigger: 'If you do not log back in' }),
    ]);
    // TikTok's removal "from public view" is no deletion: the sentence keeps data, with no limit of its own.
    expect(retentionsQuoting('TikTok', 'we may remove Information You Provide including your Account Information')).toEqual([
      expect.objectContaining({ vagueness: 'unspecified', trigger: 'keep' }),
    ]);
  });

  it('LINE: deleting data learnt to be wrongly collected from minors is a remedy, not a retention claim', () => {
    expect(retentionsQuoting('LINE', 'If we learn that we have inadvertently collected Personal Data from minors')).toEqual([]);
  });

  it('Tumblr: card data stored by the payment processor is not Tumblr keeping it; Twitch: its operators are not recipients', () => {
    expect(retentionsQuoting('Tumblr', 'We do receive certain information from our Payment Processor')).toEqual([]);
    const twitch = processors(load('Twitch').claims).filter((c) => c.quote.startsWith('This Twitch Privacy Notice applies'));
    expect(twitch).toEqual([]);
  });

  /** The service's transfer claims whose sentence contains `text`. */
  function transfersQuoting(service: string, text: string): ReturnType<typeof transfers> {
    return transfers(load(service).claims).filter((c) => c.quote.includes(text));
  }

  it('BeReal, Reddit, Spotify: a transfer to unnamed places keeps the recipients its sentence names (session 9 item 1)', () => {
    expect(transfersQuoting('BeReal', 'Some of the partners and service providers referred to in this policy are located outside of the European Union.')).toEqual([
      expect.objectContaining({ transferType: 'transfer', unspecified: true, recipients: 'partners and service providers', origins: { countries: [], regions: ['EU'] } }),
    ]);
    // Reddit's own servers in the US, and a transfer to its affiliates, service providers and others in various countries.
    expect(transfersQuoting('Reddit', 'We process and store information on servers located in the United States, and we may transfer it')).toEqual([
      expect.objectContaining({ transferType: 'storage', countries: ['US'], unspecified: false }),
      expect.objectContaining({ transferType: 'transfer', countries: [], unspecified: true, recipients: 'affiliates, service providers, and other third parties' }),
    ]);
    expect(transfersQuoting('Spotify', 'Spotify transfers personal data internationally with')).toEqual([
      expect.objectContaining({ unspecified: true, recipients: 'Spotify group companies, subcontractors and partners' }),
    ]);
    // Quora's transfer is its own too ("we and our service providers may transfer"): no recipients narrow it.
    expect(transfersQuoting('Quora', 'we and our service providers may transfer your personal information')[0]).not.toHaveProperty('recipients');
  });

  it('LINE: recipients located "in countries or regions other than where you are residing" carry no exception (session 9 item 2)', () => {
    const line = processors(load('LINE').claims).filter((c) => c.quote.startsWith('The recipients of Personal Data include third parties such as our subcontractors'));
    expect(line.map((c) => c.name)).toEqual(expect.arrayContaining(['subcontractors', 'group companies']));
    for (const claim of line) expect(claim.conditions).toBeUndefined();
  });

  it('Quora: "has operations, entities, and service providers in the United States … As such, we … may transfer" names the US (session 9 item 3)', () => {
    expect(transfersQuoting('Quora', 'As such, we and our service providers may transfer')).toEqual([
      expect.objectContaining({ transferType: 'transfer', countries: ['US'], unspecified: true, quote: expect.stringMatching(/^Quora Inc\. is headquartered in the United States.*As such, we/s) }),
    ]);
  });

  it('BeReal: "In the event of a merger, … BeReal may share, sell or transfer information about you" names the buyer as a recipient category (session 9 item 6)', () => {
    const bereal = processors(load('BeReal').claims).filter((c) => c.quote.includes('BeReal may share, sell or transfer information about you'));
    expect(bereal).toEqual([expect.objectContaining({ processorType: 'category', category: 'acquirers', name: 'merger' })]);
  });

  it('Snapchat: OpenTable, the example of its integrated partners, is a named recipient (session 9 item 6)', () => {
    const snapchat = processors(load('Snapchat').claims).filter((c) => c.quote === 'For example, you can use OpenTable within Snapchat to reserve a table.');
    expect(snapchat).toEqual([expect.objectContaining({ processorType: 'named', name: 'OpenTable', polarity: 'affirmative' })]);
  });
});

