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

  describe('a linked sub-processor list', () => {
    const page = { kind: 'subprocessor-list' as const, source: 'https://murmur.example/legal/subprocessors', sha256: 'c'.repeat(64) };
    const other = { kind: 'subprocessor-list' as const, source: '/home/researcher/audits/vendors.html', sha256: 'd'.repeat(64) };
    /** A list row as the list extractor writes it: "Name | Purpose | Location". */
    const row = (name: string, listPage: typeof page, entityId?: string) => ({
      ...storedClaim({ kind: 'processor', processorType: 'named', name, ...(entityId ? { entityId } : {}), quote: `${name} | Hosting | United States` }),
      page: listPage,
    });

    it('folds the companies only the list names, and that no flow reaches, into one finding with an entry each', () => {
      // 60 rows: Firebase is seen in the traffic, Agora is a catalog SDK, the rest are names the catalog does not know.
      const rows = [row('Agora Lab, Inc.', page, 'agora'), row('Firebase', page, 'firebase'), ...Array.from({ length: 58 }, (_, i) => row(`Vendor ${i + 1} GmbH`, page))];
      const findings = claimedNotObserved.check(buildView({ claims: rows, flows: [firebaseFlow()] }));
      expect(findings).toHaveLength(1);
      const [list] = findings;
      expect(list).toMatchObject({ ruleId: 'claimed-not-observed', severity: 'info', label: null, confidence: 'medium', subject: page.source, packetEvidence: [] });
      expect(list?.title).toBe('The linked sub-processor list names 60 companies; 59 of them were not seen in the traffic');
      expect(list?.explanation).toContain(
        `The sub-processor list ${page.source}, linked from the policy, names 60 companies; 59 of them were not seen in the captured traffic: Agora Lab, Inc.; Vendor 1 GmbH; Vendor 2 GmbH;`,
      );
      expect(list?.explanation).toContain('Vendor 9 GmbH; and 49 more, all listed with their entries below.');
      expect(list?.explanation).toContain('1 of them (Agora Lab, Inc.) is a service apps usually contact directly, so its absence');
      expect(list?.group).toMatchObject({ kind: 'subprocessor-list', source: page.source, sha256: page.sha256, listed: 60 });
      expect(list?.group?.entries).toHaveLength(59);
      expect(list?.group?.entries[0]).toEqual({ subject: 'Agora', nameInPolicy: 'Agora Lab, Inc.', confidence: 'medium', claimIds: [rows[0]?.id] });
      expect(list?.group?.entries[1]).toMatchObject({ subject: 'Vendor 1 GmbH', confidence: 'low' });
      // Every entry's row stays in the evidence, with its page's provenance.
      expect(list?.policyEvidence).toHaveLength(59);
      expect(list?.policyEvidence[0]).toMatchObject({ claimId: rows[0]?.id, source: page.source, snapshotSha256: page.sha256, quote: 'Agora Lab, Inc. | Hosting | United States' });
      expect(list?.policyEvidence[0]?.document?.linkedFrom.sha256).toBe('a'.repeat(64));
    });

    it('a company the policy text names keeps its own finding, even when the list names it too', () => {
      const findings = claimedNotObserved.check(buildView({ claims: [named('Agora', 'agora'), row('Agora Lab, Inc.', page, 'agora'), row('Initech LLC', page)], flows: [firebaseFlow()] }));
      expect(findings.map((f) => [f.subject, f.title])).toEqual([
        ['Agora', 'The policy names Agora, but the capture shows no traffic to it'],
        [page.source, 'The linked sub-processor list names 2 companies; none of them was seen in the traffic'],
      ]);
      expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual(['We share data with Agora.', 'Agora Lab, Inc. | Hosting | United States']);
      expect(findings[1]?.group?.entries.map((e) => e.subject)).toEqual(['Initech LLC']);
    });

    it('one finding per list, a local list named by its file name; a company on two lists joins the first, quoting both', () => {
      const claims = [row('Initech LLC', page), row('Globex Ltd', page), row('Initech LLC', other), row('Hooli Inc.', other)];
      const findings = claimedNotObserved.check(buildView({ claims, flows: [firebaseFlow()] }));
      expect(findings.map((f) => [f.subject, f.group?.listed, f.group?.entries.map((e) => e.subject)])).toEqual([
        [page.source, 2, ['Initech LLC', 'Globex Ltd']],
        ['vendors.html', 2, ['Hooli Inc.']],
      ]);
      expect(findings[0]?.group?.entries[0]?.claimIds).toEqual([claims[0]?.id, claims[2]?.id]);
      expect(findings[0]?.title).toBe('The linked sub-processor list names 2 companies; none of them was seen in the traffic');
      expect(findings[1]?.explanation).not.toContain('/home/researcher');
    });

    it('a list whose companies were all seen gives no finding; one company not seen is a group of one', () => {
      expect(claimedNotObserved.check(buildView({ claims: [row('Firebase', page, 'firebase')], flows: [firebaseFlow()] }))).toEqual([]);
      const [one] = claimedNotObserved.check(buildView({ claims: [row('Agora Lab, Inc.', page, 'agora')], flows: [firebaseFlow()] }));
      expect(one?.title).toBe('The linked sub-processor list names 1 company; it was not seen in the traffic');
      expect(one?.explanation).toContain('It is a service apps usually contact directly, so its absence says the most');
      expect(one?.group?.entries).toHaveLength(1);
    });
  });

  it('ignores denials, categories, and audits without a policy or a capture', () => {
    const claims = [named('Agora', 'agora', 'negative'), storedClaim({ kind: 'processor', processorType: 'category', name: 'service providers', category: 'service-providers' })];
    expect(claimedNotObserved.check(buildView({ claims, flows: [firebaseFlow()] }))).toEqual([]);
    expect(claimedNotObserved.check(buildView({ claims: [named('Agora', 'agora')], snapshot: null }))).toEqual([]);
    const noCapture = { ...buildView({ claims: [named('Agora', 'agora')] }), captures: [] };
    expect(claimedNotObserved.check(noCapture)).toEqual([]);
  });
});
