import { describe, expect, it } from 'vitest';
import { claimedNotObserved } from '../../src/rules/claimed-not-observed.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

const named = (name: string, entityId?: string, polarity: 'affirmative' | 'negative' = 'affirmative') =>
  storedClaim({ kind: 'processor', processorType: 'named', name, ...(entityId ? { entityId } : {}), polarity, quote: `We share data with ${name}.` });
const firebaseFlow = () =>
  attributedFlow({ server: '142.250.72.10', attribution: { entityId: 'firebase', organisation: 'Firebase', host: 'app-measurement.com', domain: 'app-measurement.com', relation: 'recipient', confidence: 'high' } });

describe('claimed-not-observed', () => {
  it('lists each named processor no flow goes to, once, as information with its policy quotes', () => {
    const claims = [named('Agora', 'agora'), named('Shengwang', 'agora'), named('Firebase', 'firebase')];
    const findings = claimedNotObserved.check(buildView({ claims, flows: [firebaseFlow()] }));
    expect(findings.map((f) => [f.subject, f.severity, f.label])).toEqual([['Agora', 'info', null]]);
    expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual(['We share data with Agora.', 'We share data with Shengwang.']);
    expect(findings[0]?.packetEvidence).toEqual([]);
  });

  it('a flow to a product counts for its named parent, and a flow to the parent for a named product', () => {
    expect(claimedNotObserved.check(buildView({ claims: [named('Google', 'google')], flows: [firebaseFlow()] }))).toEqual([]);
    const googleFlow = attributedFlow({ server: '142.250.72.11', attribution: { entityId: 'google', organisation: 'Google', relation: 'recipient', confidence: 'high' } });
    expect(claimedNotObserved.check(buildView({ claims: [named('Firebase', 'firebase')], flows: [googleFlow] }))).toEqual([]);
  });

  it('matches names the catalog does not know against the flow organisation and domain', () => {
    const acme = attributedFlow({ server: '5.5.5.5', attribution: { organisation: 'acme-metrics.example', domain: 'acme-metrics.example', relation: 'recipient', confidence: 'high' } });
    expect(claimedNotObserved.check(buildView({ claims: [named('Acme Metrics')], flows: [acme] }))).toEqual([]);
    const other = claimedNotObserved.check(buildView({ claims: [named('Initech')], flows: [acme] }));
    expect(other.map((f) => [f.subject, f.confidence])).toEqual([['Initech', 'low']]);
  });

  it('rates confidence from what the capture could have shown', () => {
    // A catalog SDK the app talks to directly, and every flow attributed: medium (never high).
    expect(claimedNotObserved.check(buildView({ claims: [named('Agora', 'agora')], flows: [firebaseFlow()] }))[0]?.confidence).toBe('medium');
    // Unattributed or hosting-only traffic could hide it: low.
    const hosted = attributedFlow({ server: '3.3.3.3', attribution: { relation: 'hosting', entityId: 'aws', organisation: 'Amazon Web Services' } });
    expect(claimedNotObserved.check(buildView({ claims: [named('Agora', 'agora')], flows: [firebaseFlow(), hosted] }))[0]?.confidence).toBe('low');
    // A cloud provider is usually reached from the company's servers, not the app: low.
    expect(claimedNotObserved.check(buildView({ claims: [named('Amazon Web Services', 'aws')], flows: [firebaseFlow()] }))[0]?.confidence).toBe('low');
  });

  it('says a name found only on the linked sub-processor list comes from that list', () => {
    const page = { kind: 'subprocessor-list' as const, source: 'https://example.com/subprocessors', sha256: 'a'.repeat(64) };
    const listed = { ...named('Agora', 'agora'), page };
    const [fromList] = claimedNotObserved.check(buildView({ claims: [listed], flows: [firebaseFlow()] }));
    expect(fromList?.title).toBe('The policy\u2019s sub-processor list names Agora, but the capture shows no traffic to it');
    const [fromBoth] = claimedNotObserved.check(buildView({ claims: [listed, named('Agora', 'agora')], flows: [firebaseFlow()] }));
    expect(fromBoth?.title).toBe('The policy names Agora, but the capture shows no traffic to it');
  });

  it('ignores denials, categories, and audits without a policy or a capture', () => {
    const claims = [named('Agora', 'agora', 'negative'), storedClaim({ kind: 'processor', processorType: 'category', name: 'service providers', category: 'service-providers' })];
    expect(claimedNotObserved.check(buildView({ claims, flows: [firebaseFlow()] }))).toEqual([]);
    expect(claimedNotObserved.check(buildView({ claims: [named('Agora', 'agora')], snapshot: null }))).toEqual([]);
    const noCapture = { ...buildView({ claims: [named('Agora', 'agora')] }), captures: [] };
    expect(claimedNotObserved.check(noCapture)).toEqual([]);
  });
});
