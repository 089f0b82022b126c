/**
 * Companies the catalog does not know are matched to traffic by name. Sub-processor lists and
 * policies write legal names ("Acme Helpdesk, Inc.", "Kestrel Analytics GmbH"); domains carry the
 * brand. A miss here is a false "undisclosed" accusation, a loose match a missed one.
 */
import { describe, expect, it } from 'vitest';
import { organisationNameKeys } from '../../src/enrich/normalise-organisation-name.js';
import { matchesUncataloguedName } from '../../src/rules/match-uncatalogued-name.js';
import { undisclosedRecipient } from '../../src/rules/undisclosed-recipient.js';
import { claimedNotObserved } from '../../src/rules/claimed-not-observed.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

describe('organisationNameKeys', () => {
  it('drops legal forms, trailing business descriptions and keeps bracketed trade names', () => {
    expect(organisationNameKeys('Acme Helpdesk, Inc.')).toEqual(['acmehelpdesk']);
    expect(organisationNameKeys('Intercom R&D Unlimited Company')).toEqual(['intercomrd', 'intercom']);
    expect(organisationNameKeys('Kestrel Analytics GmbH')).toEqual(['kestrelanalytics', 'kestrel']);
    expect(organisationNameKeys('Zeta Holdings Ltd (Zetadesk)')).toEqual(['zeta', 'zetadesk']);
  });

  it('never strips a name down to nothing', () => {
    expect(organisationNameKeys('Cloud Services Ltd')).toEqual(['cloudservices', 'cloud']);
    expect(organisationNameKeys('AB')).toEqual([]);
  });
});

describe('matchesUncataloguedName', () => {
  it('matches the brand in the domain label or the flow organisation', () => {
    expect(matchesUncataloguedName('Acme Helpdesk, Inc.', 'acmehelpdesk.com', 'acmehelpdesk.com')).toBe(true);
    expect(matchesUncataloguedName('Kestrel Analytics GmbH', null, 'kestrel.io')).toBe(true);
    expect(matchesUncataloguedName('Zeta Holdings Ltd (Zetadesk)', null, 'zetadesk.net')).toBe(true);
    // IP-only traffic is named by its network owner, legal form and all.
    expect(matchesUncataloguedName('Kestrel Networks Inc.', 'KESTREL NETWORKS INC', null)).toBe(true);
  });

  it('does not match a different company that shares a word', () => {
    expect(matchesUncataloguedName('Acme Helpdesk, Inc.', null, 'acme.com')).toBe(false);
    expect(matchesUncataloguedName('Acme', null, 'acmetracker.com')).toBe(false);
    expect(matchesUncataloguedName('Global Payments Inc.', null, 'global.com')).toBe(false);
    expect(matchesUncataloguedName('Acme Cloud Inc.', 'Acme Media Ltd', null)).toBe(false);
  });
});

describe('rules with a legal name the catalog does not know', () => {
  const helpdeskFlow = () =>
    attributedFlow({
      server: '198.51.100.20',
      attribution: { organisation: 'acmehelpdesk.com', domain: 'acmehelpdesk.com', host: 'murmur.acmehelpdesk.com', relation: 'recipient', confidence: 'high' },
    });
  const listed = storedClaim({ kind: 'processor', processorType: 'named', name: 'Acme Helpdesk, Inc.', quote: 'Acme Helpdesk, Inc. | Support tickets | United States' });

  it('undisclosed-recipient counts the listed company as named, and claimed-not-observed sees its traffic', () => {
    const view = buildView({ claims: [listed], flows: [helpdeskFlow()] });
    expect(undisclosedRecipient.check(view)).toEqual([]);
    expect(claimedNotObserved.check(view)).toEqual([]);
  });

  it('without the listing the same traffic is an omitted recipient', () => {
    const findings = undisclosedRecipient.check(buildView({ claims: [], flows: [helpdeskFlow()] }));
    expect(findings.map((f) => [f.subject, f.label])).toEqual([['acmehelpdesk.com', 'omitted']]);
  });
});

describe('a written name the catalog resolves (trial9 item 8)', () => {
  it("is not matched by its parent's name: the key \"google\" of \"Google Analytics\" is Google LLC's, not Google Analytics'", () => {
    expect(matchesUncataloguedName('Google Analytics', 'google.de', 'google.de')).toBe(true);
    expect(matchesUncataloguedName('Google Analytics', 'google.de', 'google.de', ['Google LLC', 'Google'])).toBe(false);
    expect(matchesUncataloguedName('Google Analytics', 'googleanalytics.example', 'googleanalytics.example', ['Google LLC', 'Google'])).toBe(true);
  });

  it('leaves a search domain outside the catalog undisclosed when the policy names only Google Analytics', () => {
    const analytics = storedClaim({ kind: 'processor', processorType: 'named', name: 'Google Analytics', entityId: 'google-analytics', quote: 'We use Google Analytics to measure traffic.' });
    const search = attributedFlow({ server: '142.250.74.3', attribution: { organisation: 'google.xy', domain: 'google.xy', host: 'www.google.xy', relation: 'recipient' } });
    const view = buildView({ claims: [analytics], flows: [search] });
    expect(undisclosedRecipient.check(view).map((f) => [f.subject, f.label])).toEqual([['google.xy', 'omitted']]);
    // And claimed-not-observed does not take that traffic as Google Analytics'.
    expect(claimedNotObserved.check(view).map((f) => f.subject)).toEqual(['Google Analytics']);
  });
});

