import { describe, expect, it } from 'vitest';
import type { RetentionClaim } from '../../src/model/claim.js';
import { otherHolderRetention } from '../../src/rules/other-holder-retention.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

type Holder = RetentionClaim['holder'];
const retention = (vagueness: 'stated' | 'limited' | 'indefinite' | 'unspecified', trigger: string, dataKind: string | null, quote?: string, holder: Holder = { kind: 'service' }) =>
  storedClaim({ kind: 'retention', vagueness, trigger, dataKind, periodDays: vagueness === 'stated' ? 30 : null, quote, holder });

describe('other-holder-retention', () => {
  it('lists another organisation\u2019s retention as information, whatever its period: an exact period kept by a named processor is not vague (trial 7b item 21)', () => {
    const zendesk: Holder = { kind: 'named', name: 'Zendesk' };
    const findings = otherHolderRetention.check(
      buildView({ claims: [retention('stated', 'for 12 months', 'tickets', 'Zendesk retains tickets for 12 months.', zendesk), retention('limited', 'temporarily', 'recordings', 'We keep recordings temporarily.')] }),
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.label, f.subject])).toEqual([['other-holder-retention', 'info', null, 'Zendesk']]);
    expect(findings[0]?.title).toBe('Data kept by another organisation: Zendesk');
    expect(findings[0]?.explanation).toContain('Zendesk keeps tickets "for 12 months"');
    // The holder stays visible beside the quote.
    expect(findings[0]?.policyEvidence[0]).toMatchObject({ quote: 'Zendesk retains tickets for 12 months.', retentionHolder: zendesk });
  });

  it('words an unnamed organisation\u2019s retention as theirs, never the app\u2019s', () => {
    const vendor: Holder = { kind: 'unnamed', name: 'the third party service' };
    const quote = 'When this sharing occurs, the third party service may store a copy of it to support their features.';
    const findings = otherHolderRetention.check(
      buildView({ claims: [retention('unspecified', 'store', null, quote, vendor), retention('limited', 'temporarily', 'messages', 'The vendor keeps messages temporarily.', { kind: 'unnamed', name: 'The vendor' })] }),
    );
    expect(findings.map((f) => [f.severity, f.label, f.subject])).toEqual([
      ['info', null, 'the third party service'],
      ['info', null, 'The vendor'],
    ]);
    expect(findings[0]?.title).toBe('Data kept by another organisation: the third party service');
    expect(findings[0]?.explanation).toContain('an organisation it does not name ("the third party service") keeps data, with no period or limit stated');
    expect(findings[0]?.explanation).toContain('not the app\u2019s own');
    expect(findings[0]?.policyEvidence[0]).toMatchObject({ quote, retentionHolder: vendor });
  });

  it('lists a statement repeated in another section once, and nothing for the app\u2019s own retention or a denial', () => {
    const stripe: Holder = { kind: 'named', name: 'Stripe', entityId: 'stripe' };
    const quote = 'Stripe retains card details for 7 years.';
    const denial = { ...retention('unspecified', 'retain', 'card details', 'Stripe does not retain card details.', stripe), polarity: 'negative' as const };
    const findings = otherHolderRetention.check(buildView({ claims: [retention('stated', '7 years', 'card details', quote, stripe), retention('stated', '7 years', 'card details', quote, stripe), denial, retention('stated', '30 days', 'logs')] }));
    expect(findings.map((f) => f.subject)).toEqual(['Stripe']);
    expect(findings[0]?.explanation).toContain('Stripe keeps card details "7 years"');
  });

  it('attaches traffic to a named holder as context and counts it in the explanation', () => {
    const google: Holder = { kind: 'named', name: 'Google', entityId: 'google' };
    const flows = [1, 2].map((i) => attributedFlow({ server: `142.250.0.${i}`, attribution: { entityId: 'google', organisation: 'Google', relation: 'recipient' } }));
    const findings = otherHolderRetention.check(
      buildView({ claims: [retention('limited', 'as long as necessary', 'data', 'Google may retain this data as long as necessary.', google), retention('stated', '30 days', 'logs')], flows }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.packetEvidence).toHaveLength(2);
    expect(findings[0]?.explanation).toContain('The capture shows 2 connections to Google');
  });
});
