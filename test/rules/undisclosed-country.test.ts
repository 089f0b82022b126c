import { describe, expect, it } from 'vitest';
import { undisclosedCountry } from '../../src/rules/undisclosed-country.js';
import { TEST_SNAPSHOT, attributedFlow, buildView, hitOn, storedClaim } from '../helpers/audit-view-builder.js';

const to = (server: string, country: string, relation: 'recipient' | 'hosting' = 'recipient') =>
  attributedFlow({ server, attribution: { relation, organisation: `org-${country}`, network: { asn: 1, asnOwner: 'x', country } } });
const storedInUs = () => storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['US'], regions: [], unspecified: false, trigger: 'stored in' });

describe('undisclosed-country', () => {
  it('flags each country the policy does not mention, one finding per country', () => {
    const cn = to('47.96.20.30', 'CN');
    const findings = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows: [to('3.208.10.10', 'US'), cn, to('103.98.134.10', 'SG')], hits: [hitOn(cn, 'user_id', 'u-1')] }));
    expect(findings.map((f) => f.subject)).toEqual(['CN', 'SG']);
    expect(findings[0]).toMatchObject({ severity: 'high', label: 'omitted' });
    expect(findings[1]).toMatchObject({ severity: 'medium', label: 'omitted' });
    expect(findings[0]?.explanation).toContain('China');
  });

  it('expands regions: a policy naming the EEA covers Germany', () => {
    const eea = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: ['EEA'], unspecified: false, trigger: 'stored in the EEA' });
    expect(undisclosedCountry.check(buildView({ claims: [eea], flows: [to('1.1.1.1', 'DE')] }))).toEqual([]);
  });

  it('an "other countries" clause makes the finding vague and low', () => {
    const other = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'other countries' });
    const findings = undisclosedCountry.check(buildView({ claims: [storedInUs(), other], flows: [to('47.96.20.30', 'CN')] }));
    expect(findings[0]).toMatchObject({ label: 'vague', severity: 'low' });
  });

  it('a country named anywhere in the policy text counts as mentioned', () => {
    const snapshot = { ...TEST_SNAPSHOT, text: 'Acme Inc. is headquartered in the United States and has an office in Singapore.' };
    const findings = undisclosedCountry.check(buildView({ snapshot, claims: [storedInUs()], flows: [to('103.98.134.10', 'SG'), to('47.96.20.30', 'CN')] }));
    expect(findings.map((f) => f.subject)).toEqual(['CN']);
  });

  it('says nothing when the policy states no location at all', () => {
    expect(undisclosedCountry.check(buildView({ flows: [to('47.96.20.30', 'CN')] }))).toEqual([]);
  });

  it('traffic to a country the policy denies is incorrect and high, quoting the denial first (trial 6 P1-1)', () => {
    const quote = 'Your data is never stored in Singapore or China.';
    const snapshot = { ...TEST_SNAPSHOT, text: quote };
    const denial = storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['SG', 'CN'], regions: [], unspecified: false, trigger: 'stored', quote, polarity: 'negative' });
    const outcome = undisclosedCountry.review?.(buildView({ snapshot, claims: [storedInUs(), denial], flows: [to('103.98.134.10', 'SG')] }));
    expect(outcome?.findings).toHaveLength(1);
    expect(outcome?.findings[0]).toMatchObject({ subject: 'SG', label: 'incorrect', severity: 'high', title: 'Traffic to Singapore, where the policy says data is not stored' });
    expect(outcome?.findings[0]?.policyEvidence[0]).toMatchObject({ quote, namesSubject: true });
    expect(outcome?.findings[0]?.explanation).toContain('The policy says: \u201cYour data is never stored in Singapore or China\u201d.');
    // The denial is not a mention that stands in for a disclosure.
    expect(outcome?.suppressingMentions).toEqual([]);
  });

  it('a denial is a statement about location even when the policy names no place data goes', () => {
    const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', quote: 'We do not transfer your personal data to China.', polarity: 'negative' });
    const findings = undisclosedCountry.check(buildView({ claims: [denial], flows: [to('47.96.20.30', 'CN'), to('103.98.134.10', 'SG')] }));
    expect(findings.map((f) => `${f.subject} ${f.label} ${f.title}`)).toEqual(['CN incorrect Traffic to China, where the policy says data is not sent']);
  });

  it('a denial limited by an exception or condition is not contradicted: omitted, restated with its limit', () => {
    const denial = storedClaim({
      kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative',
      quote: 'We do not transfer your data to China unless you use the app there.', conditions: [{ kind: 'exception', text: 'unless you use the app there' }],
    });
    const [finding] = undisclosedCountry.check(buildView({ claims: [storedInUs(), denial], flows: [to('47.96.20.30', 'CN')] }));
    expect(finding).toMatchObject({ label: 'omitted', severity: 'medium', title: 'Traffic to China, where the policy says data is not sent (unless you use the app there)' });
    expect(finding?.explanation).toContain('the capture cannot show whether that limit applied');
  });

  it('a country both named as a destination and denied gets no finding: the traffic cannot tell which sentence is wrong', () => {
    const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['US'], regions: [], unspecified: false, trigger: 'transfer', quote: 'We never transfer data to the US.', polarity: 'negative' });
    expect(undisclosedCountry.check(buildView({ claims: [storedInUs(), denial], flows: [to('3.208.10.10', 'US')] }))).toEqual([]);
  });

  it('a negative claim whose negator governs another verb is no denial ("cannot guarantee that data transferred to …")', () => {
    const quote = 'We cannot guarantee that data transferred to China is protected as in the EU.';
    const loose = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transferred', quote, polarity: 'negative' });
    const [finding] = undisclosedCountry.check(buildView({ snapshot: { ...TEST_SNAPSHOT, text: quote }, claims: [storedInUs(), loose], flows: [to('47.96.20.30', 'CN')] }));
    // The sentence is neither a denial nor a transfer statement: its mention of China counts as disclosing, as before.
    expect(finding).toBeUndefined();
  });
});

