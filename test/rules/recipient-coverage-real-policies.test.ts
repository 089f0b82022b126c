/**
 * Which sentences cover a recipient, and which one a finding quotes first, on the shared real policies
 * (../shared/data/policies) with the real extractor and the shipped catalog: the cases of trial 6
 * (Pinterest quoting a summary of changes for BugSnag, WhatsApp's backup sentence covering Google
 * Analytics, Viber's "Google Firebase" not covering the Firebase SDK's analytics traffic).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeFlow } from '../../src/enrich/attribute-flow.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import type { FlowSummary } from '../../src/model/capture-summary.js';
import type { Claim } from '../../src/model/claim.js';
import type { IpNetworkInfo } from '../../src/model/entity.js';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import type { AuditView } from '../../src/rules/audit-view.js';
import { claimedNotObserved } from '../../src/rules/claimed-not-observed.js';
import { classifyRecipient, groupRecipients } from '../../src/rules/recipient-disclosure.js';
import { undisclosedRecipient } from '../../src/rules/undisclosed-recipient.js';
import type { StoredClaim } from '../../src/store/policy-repository.js';
import { attributedFlow, buildView } from '../helpers/audit-view-builder.js';
import { makeSnapshot } from '../policy/policy-test-helpers.js';

const catalog = EntityCatalog.loadDefault();
const POLICIES = join(process.cwd(), '..', 'shared', 'data', 'policies');

function networkOf(): IpNetworkInfo {
  return { asn: 15169, asnOwner: 'Google LLC', country: 'US' };
}

function flowTo(host: string, server: string, firstParty: string[]) {
  const item = attributedFlow({ server, attribution: {} });
  const summary: FlowSummary = { ...item.flow, hostNames: [{ host, source: 'tls-sni', frame: item.flow.firstFrame }] };
  return { ...item, attribution: attributeFlow(summary, { catalog, network: networkOf, firstPartyDomains: firstParty }) };
}

function claimsOf(text: string, format: 'markdown' = 'markdown'): StoredClaim[] {
  const policy = extractPolicyText(makeSnapshot(text, format));
  const claims: Claim[] = extractClaims(policy, { organisations: catalog.organisationNames() });
  return claims.map((claim, index) => ({ ...claim, id: index + 1, snapshotId: 1 }) as StoredClaim);
}

function viewOf(claims: StoredClaim[], hosts: string[], firstParty: string[] = []): AuditView {
  const view = buildView({ claims, flows: hosts.map((host, i) => flowTo(host, `142.250.9.${i + 1}`, firstParty)) });
  return { ...view, lineage: (id) => [...(catalog.get(id) ? [catalog.get(id)!] : []), ...catalog.ancestors(id)] };
}

function disclosureOf(view: AuditView, entityId: string) {
  const recipient = groupRecipients(view).find((r) => r.entityId === entityId);
  if (!recipient) throw new Error(`no recipient ${entityId}`);
  return classifyRecipient(view, recipient);
}

describe('Pinterest: the sentence a finding rests on', () => {
  const claims = claimsOf(readFileSync(join(POLICIES, 'Pinterest_privacy-policy_2025-10-03.md'), 'utf8'));
  const view = viewOf(claims, ['sessions.bugsnag.com', 'js-agent.newrelic.com', 'www.google-analytics.com'], ['pinterest.com']);

  it('quotes the vendor sentence of the sharing section first for monitoring services, never the summary of changes', () => {
    for (const id of ['bugsnag', 'new-relic', 'google-analytics']) {
      const disclosure = disclosureOf(view, id);
      expect(disclosure.label, id).toBe('vague');
      expect(disclosure.claims[0]?.quote, id).toMatch(/^With vendors that we employ to process information on our behalf/);
      expect(disclosure.claims[0]?.sectionPath.join(' > '), id).toContain('How and when we share information');
    }
  });

  it('never quotes data Pinterest receives from partners as coverage', () => {
    const quotes = disclosureOf(view, 'bugsnag').claims.map((c) => c.quote);
    expect(quotes.some((q) => /receive information about you from technical service partners/.test(q))).toBe(false);
    expect(quotes.some((q) => /provide information to us about you/.test(q))).toBe(false);
    // The summary-of-changes sentence is still evidence, after the sharing section.
    const summary = quotes.findIndex((q) => q.startsWith('If you are outside the EEA'));
    expect(summary).toBeGreaterThan(2);
  });
});

describe('WhatsApp: a backup service the user connects is not a disclosure', () => {
  const claims = claimsOf(readFileSync(join(POLICIES, 'WhatsApp_privacy-policy_2026-07-03.md'), 'utf8'));
  const view = viewOf(claims, ['app-measurement.com', 'www.googleapis.com']);

  it('Google Analytics for Firebase and Google are covered only by the service-provider sentence, with the backup sentence as evidence', () => {
    for (const id of ['google-analytics-for-firebase', 'google']) {
      const disclosure = disclosureOf(view, id);
      expect(disclosure.label, id).toBe('vague');
      expect(disclosure.claims[0]?.quote, id).toBe('We work with third-party service providers to help us provide our Services.');
      expect(disclosure.userChosen?.[0]?.quote, id).toMatch(/if you use a data backup service integrated with our Services \(like iCloud or Google Account\)/);
    }
    const finding = undisclosedRecipient.check(view).find((f) => f.subject === 'Google Analytics for Firebase');
    expect(finding).toMatchObject({ label: 'vague', severity: 'medium' });
    expect(finding?.explanation).toContain('The policy names Google only as a service the user may choose to use');
    // Second, so that a report showing three quotes shows it.
    expect(finding?.policyEvidence[1]?.quote).toMatch(/data backup service/);
  });
});

describe('Viber (trial 6 policy): naming "Google Firebase" covers the Firebase SDK\'s analytics traffic', () => {
  const policy = '# Viber Privacy Policy\n\n## Sharing\n\nWe share data with service providers, including Google Firebase and Braze.\n';
  const view = viewOf(claimsOf(policy), ['app-measurement.com', 'venetia.iad.appboy.com']);

  it('is consistent, and Firebase is not "named but not seen"', () => {
    expect(disclosureOf(view, 'google-analytics-for-firebase').label).toBe('consistent');
    expect(undisclosedRecipient.check(view)).toEqual([]);
    expect(claimedNotObserved.check(view).map((f) => f.subject)).toEqual([]);
  });

  it('naming Google Analytics covers it too; naming Firebase does not cover Google Analytics on the web', () => {
    const ga = viewOf(claimsOf('# Policy\n\n## Sharing\n\nWe share usage data with Google Analytics.\n'), ['app-measurement.com']);
    expect(disclosureOf(ga, 'google-analytics-for-firebase').label).toBe('consistent');
    const web = viewOf(claimsOf(policy), ['www.google-analytics.com']);
    expect(disclosureOf(web, 'google-analytics').label).toBe('vague');
  });
});

describe('Reddit: names mentioned in passing disclose nothing (issue 3, round 7)', () => {
  const claims = claimsOf(readFileSync(join(POLICIES, 'Reddit_privacy-policy_2026-08-20.md'), 'utf8'));
  const view = viewOf(claims, ['www.google-analytics.com', 'googleads.g.doubleclick.net', 'www.googleapis.com', 'connect.facebook.net', 'www.apple.com'], ['reddit.com']);

  it('"search engines like Google" does not make Google, its analytics or its ads consistent: they are vague, the passing sentence quoted second', () => {
    for (const id of ['google', 'google-analytics', 'google-ads']) {
      const disclosure = disclosureOf(view, id);
      expect(disclosure.label, id).toBe('vague');
      expect(disclosure.passing?.[0]?.quote, id).toMatch(/search engines like Google/);
    }
    const finding = undisclosedRecipient.check(view).find((f) => f.subject === 'Google Analytics');
    expect(finding).toMatchObject({ label: 'vague', severity: 'medium' });
    expect(finding?.explanation).toContain('The policy mentions Google only in passing, as an example of something else (quoted below); it never says the app sends it data.');
    // After the category the label rests on: the user's own accounts, then the passing mention.
    expect(finding?.policyEvidence.slice(1, 3).map((e) => e.quote)).toEqual([expect.stringMatching(/your Apple or Google accounts/), expect.stringMatching(/search engines like Google/)]);
  });

  it("Facebook, named only among the privacy policies to visit, and Apple, named only as the user's own account, are not consistent", () => {
    const meta = disclosureOf(view, 'meta');
    expect(meta.label).toBe('vague');
    expect(meta.passing?.[0]?.quote).toMatch(/please visit the privacy policies of the third parties/);
    expect(disclosureOf(view, 'apple').label).toBe('vague');
  });

  it('names that are disclosures stay consistent (Stripe as payment processor, Nielsen and Quantcast as measurement services)', () => {
    const stripe = viewOf(claims, ['api.stripe.com', 'secure-us.imrworldwide.com'], ['reddit.com']);
    expect(disclosureOf(stripe, 'stripe').label).toBe('consistent');
    expect(disclosureOf(stripe, 'nielsen').label).toBe('consistent');
  });

  it('a passing mention is not a processor "named but not seen"', () => {
    const subjects = claimedNotObserved.check(viewOf(claims, ['api.stripe.com'], ['reddit.com'])).map((f) => f.subject);
    expect(subjects.some((s) => s.startsWith('Google'))).toBe(false);
    expect(subjects.some((s) => s.startsWith('Meta'))).toBe(false);
  });
});

describe('device technology, another company\'s documents, the user publishing elsewhere (Snapchat, Twitch, Tumblr)', () => {
  it("Snapchat's \"we use Apple's TrueDepth camera\" does not disclose Apple", () => {
    const view = viewOf(claimsOf(readFileSync(join(POLICIES, 'Snapchat_privacy-policy_2026-08-05.md'), 'utf8')), ['www.apple.com'], ['snapchat.com']);
    const disclosure = disclosureOf(view, 'apple');
    expect(disclosure.label).not.toBe('consistent');
    // Extraction no longer reads the device's camera as a recipient (trial 8 item 6), so nothing cites it.
    expect(disclosure.claims.some((c) => /TrueDepth camera/.test(c.quote))).toBe(false);
    expect(disclosure.passing?.some((c) => /TrueDepth camera/.test(c.quote)) ?? false).toBe(false);
  });

  it('Twitch: Amazon stays consistent through the sharing sentences, not "See Amazon\'s … Disclosure"', () => {
    const view = viewOf(claimsOf(readFileSync(join(POLICIES, 'Twitch_privacy-policy_2026-08-13.md'), 'utf8')), ['www.amazon.com'], ['twitch.tv']);
    const disclosure = disclosureOf(view, 'amazon');
    expect(disclosure.label).toBe('consistent');
    expect(disclosure.claims.some((c) => /Generative AI Development Disclosure/.test(c.quote))).toBe(false);
  });

  it('Tumblr: X (Twitter), named only where the user publishes posts, is not consistent; Google Analytics, which Tumblr uses, is', () => {
    const view = viewOf(claimsOf(readFileSync(join(POLICIES, 'Tumblr_privacy-policy_2026-06-04.md'), 'utf8')), ['api.twitter.com', 'www.google-analytics.com'], ['tumblr.com']);
    const x = disclosureOf(view, 'x-corp');
    expect(x.label).not.toBe('consistent');
    expect(x.userChosen?.map((c) => c.quote).join(' ')).toMatch(/publish the posts you make on Tumblr to other sites/);
    expect(disclosureOf(view, 'google-analytics').label).toBe('consistent');
  });
});

describe('a recipient named only in passing, with no category that covers it', () => {
  it('is omitted at high severity (the policy says nothing about data going to it), titled so as not to claim it was never named', () => {
    const policy = '# Privacy Policy\n\n## Sharing\n\nYour public posts may appear in search results on search engines like Google.\n';
    const view = viewOf(claimsOf(policy), ['www.google-analytics.com']);
    const disclosure = disclosureOf(view, 'google-analytics');
    expect(disclosure).toMatchObject({ label: 'omitted' });
    const finding = undisclosedRecipient.check(view).find((f) => f.subject === 'Google Analytics');
    expect(finding).toMatchObject({ label: 'omitted', severity: 'high' });
    expect(finding?.title).toBe('Google Analytics receives data; the policy mentions Google only in passing, never as a recipient');
    expect(finding?.explanation).toContain('The policy mentions Google only in passing, as an example of something else (quoted below); it never says the app sends it data. No other sentence');
    expect(finding?.policyEvidence.map((e) => e.quote)).toEqual(['Your public posts may appear in search results on search engines like Google.']);
    expect(claimedNotObserved.check(viewOf(claimsOf(policy), ['api.stripe.com']))).toEqual([]);
  });
});

describe('Reddit: a company named by a link in passing is not disclosed (review 7)', () => {
  const claims = claimsOf(readFileSync(join(POLICIES, 'Reddit_privacy-policy_2026-08-20.md'), 'utf8'));
  const view = viewOf(claims, ['api.x.com'], ['reddit.com']);

  it('"the privacy policies of the third parties … (for example, Tumblr, Facebook, and [X](https://x.com/en/privacy))" reads X as passing', () => {
    const linked = claims.filter((c) => c.kind === 'processor' && c.link !== undefined);
    expect(linked.map((c) => (c.kind === 'processor' ? [c.entityId, c.link?.text] : null))).toEqual([['x-corp', 'X']]);
    expect(disclosureOf(view, 'x-corp').label).not.toBe('consistent');
    expect(claimedNotObserved.check(viewOf(claims, [], ['reddit.com'])).map((f) => f.subject)).not.toContain(catalog.get('x-corp')?.name);
  });
});
