/**
 * The decision in docs/rules/undisclosed-recipient.md, on a real policy: a policy naming a company
 * discloses the products it owns, never its parent or sibling products. Claims come from the real
 * extractor over Quora's policy (../shared/data/policies) and flows are attributed with the shipped
 * catalog, so the test fails if either side stops tying "Google" and `www.google-analytics.com` together.
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
import { classifyRecipient, groupRecipients } from '../../src/rules/recipient-disclosure.js';
import { undisclosedRecipient } from '../../src/rules/undisclosed-recipient.js';
import type { StoredClaim } from '../../src/store/policy-repository.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';
import { makeSnapshot } from '../policy/policy-test-helpers.js';

const catalog = EntityCatalog.loadDefault();
const QUORA = join(process.cwd(), '..', 'shared', 'data', 'policies', 'Quora_privacy-policy_2025-10-23.md');

/** Network facts as the IP data gives them for Google's and Amazon's address space. */
function networkOf(ip: string): IpNetworkInfo {
  return ip.startsWith('142.') ? { asn: 15169, asnOwner: 'Google LLC', country: 'US' } : { asn: 16509, asnOwner: 'Amazon.com, Inc.', country: 'US' };
}

/** A TLS flow to `host`, attributed by the real attribution with the shipped catalog. */
function flowTo(host: string, server: string) {
  const item = attributedFlow({ server, attribution: {} });
  const summary: FlowSummary = { ...item.flow, hostNames: [{ host, source: 'tls-sni', frame: item.flow.firstFrame }] };
  return { ...item, attribution: attributeFlow(summary, { catalog, network: networkOf, firstPartyDomains: ['quora.com'] }) };
}

/** A view whose parent chains are the shipped catalog's, not the small test catalog's. */
function viewWith(claims: StoredClaim[], hosts: [string, string][]): AuditView {
  const view = buildView({ claims, flows: hosts.map(([host, server]) => flowTo(host, server)) });
  return { ...view, lineage: (id) => [...(catalog.get(id) ? [catalog.get(id)!] : []), ...catalog.ancestors(id)] };
}

function labels(view: AuditView): Record<string, string> {
  return Object.fromEntries(groupRecipients(view).map((r) => [r.entityId ?? r.key, classifyRecipient(view, r).label]));
}

function quoraClaims(): StoredClaim[] {
  const policy = extractPolicyText(makeSnapshot(readFileSync(QUORA, 'utf8'), 'markdown'));
  const claims: Claim[] = extractClaims(policy, { organisations: catalog.organisationNames() });
  return claims.map((claim, index) => ({ ...claim, id: index + 1, snapshotId: 1 }) as StoredClaim);
}

describe('a named parent company discloses its products, not the other way round', () => {
  it('Quora names "Google" and "Amazon Web Services": Google Analytics, Firebase, DoubleClick and Cognito are consistent; Amazon ads are not', () => {
    const view = viewWith(quoraClaims(), [
      ['www.google-analytics.com', '142.250.1.1'],
      ['firebaseinstallations.googleapis.com', '142.250.1.2'],
      ['googleads.g.doubleclick.net', '142.250.1.3'],
      ['cognito-identity.us-east-1.amazonaws.com', '52.94.1.1'],
      ['aax.amazon-adsystem.com', '52.94.1.2'],
    ]);
    expect(labels(view)).toEqual({
      'google-analytics': 'consistent',
      firebase: 'consistent',
      'google-ads': 'consistent',
      'amazon-cognito': 'consistent',
      // Naming AWS as a host does not disclose Amazon's ad system; only "service providers" covers it.
      amazon: 'vague',
    });
    const analytics = groupRecipients(view).find((r) => r.entityId === 'google-analytics');
    const quote = analytics ? classifyRecipient(view, analytics).claims[0]?.quote : undefined;
    expect(quote).toContain('Key service providers we use include Amazon Web Services, Stripe, Zendesk, and Google.');
  });

  it('a product name covers neither a sibling product nor the parent company', () => {
    const crashlytics = storedClaim({ kind: 'processor', processorType: 'named', name: 'Firebase Crashlytics', entityId: 'crashlytics', quote: 'We use Firebase Crashlytics to collect crash reports.' });
    const view = viewWith([crashlytics], [
      ['firebase-settings.crashlytics.com', '142.250.1.4'],
      ['app-measurement.com', '142.250.1.5'],
      ['www.googleapis.com', '142.250.1.6'],
    ]);
    expect(labels(view)).toEqual({ crashlytics: 'consistent', 'google-analytics-for-firebase': 'omitted', google: 'omitted' });
  });

  it('a denial naming the parent makes its products incorrect', () => {
    const denial = storedClaim({ kind: 'processor', processorType: 'named', name: 'Google', entityId: 'google', polarity: 'negative', quote: 'We do not share your data with Google.' });
    expect(labels(viewWith([denial], [['region1.google-analytics.com', '142.250.1.7']]))).toEqual({ 'google-analytics': 'incorrect' });
  });

  it('says what the policy names when it names a sister product: "Google Marketing Platform", not "does not name it" (trial9 items 8, 9)', () => {
    const gmp = storedClaim({
      kind: 'processor',
      processorType: 'named',
      name: 'Google Marketing Platform',
      entityId: 'google-ads',
      quote: 'We share information with advertising partners, such as Google Marketing Platform, to measure ads.',
    });
    const view = viewWith([gmp], [
      ['www.google.com', '142.250.1.8'],
      ['www.google.se', '142.250.1.9'],
      ['www.google-analytics.com', '142.250.1.10'],
    ]);
    const findings = undisclosedRecipient.check(view);
    // Google's Swedish search domain is Google LLC's, not a recipient of its own.
    expect(findings.map((f) => f.subject)).toEqual(['Google Analytics', 'Google LLC']);
    const [analytics, google] = findings;
    expect(google?.explanation).toContain('The policy names \u201cGoogle Marketing Platform\u201d, a product of Google LLC, but not Google LLC itself');
    expect(google?.explanation).not.toContain('does not name it');
    expect(analytics?.explanation).toContain('a product of Google LLC, but not Google Analytics;');
    expect(google?.policyEvidence.map((e) => e.quote)).toContain(gmp.quote);
  });
});

