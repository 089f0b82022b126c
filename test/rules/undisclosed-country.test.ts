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
});
