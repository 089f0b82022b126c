import { describe, expect, it } from 'vitest';
import { undisclosedRecipient } from '../../src/rules/undisclosed-recipient.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

const agoraFlow = () =>
  attributedFlow({
    server: '103.98.134.10',
    protocol: 'udp',
    serverPort: 4700,
    attribution: { entityId: 'agora', organisation: 'Agora', relation: 'recipient', confidence: 'medium', network: { asn: 56172, asnOwner: 'Agora Communications Pte Ltd', country: 'SG' } },
  });
const firebaseFlow = () =>
  attributedFlow({
    server: '142.250.72.10',
    attribution: { entityId: 'firebase', organisation: 'Firebase', domain: 'app-measurement.com', host: 'app-measurement.com', relation: 'recipient', confidence: 'high' },
  });

describe('undisclosed-recipient', () => {
  it('labels a recipient the policy never names and no category covers as omitted, with packet evidence', () => {
    const view = buildView({ claims: [storedClaim({ kind: 'processor', processorType: 'named', name: 'Amplitude', entityId: 'amplitude' })], flows: [agoraFlow()] });
    const findings = undisclosedRecipient.check(view);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'undisclosed-recipient', label: 'omitted', severity: 'high', subject: 'Agora', confidence: 'medium' });
    expect(findings[0]?.packetEvidence[0]).toMatchObject({ server: '103.98.134.10', serverPort: 4700, country: 'SG', asn: 56172, captureFile: 'session.pcap' });
  });

  it('labels a recipient covered only by a matching generic category as vague and quotes the category', () => {
    const category = storedClaim({ kind: 'processor', processorType: 'category', name: 'analytics providers', category: 'analytics', quote: 'We share data with analytics providers.' });
    const findings = undisclosedRecipient.check(buildView({ claims: [category], flows: [firebaseFlow()] }));
    expect(findings.map((f) => [f.subject, f.label, f.severity])).toEqual([['Firebase', 'vague', 'medium']]);
    expect(findings[0]?.policyEvidence[0]?.quote).toBe('We share data with analytics providers.');
  });

  it('a category that receives only aggregated or de-identified data does not cover the recipient (Quora, trial 8)', () => {
    const research = storedClaim({
      kind: 'processor',
      processorType: 'category',
      name: 'third parties',
      category: 'third-parties',
      quote: 'We share aggregated or anonymized information with third parties for market research, reporting, and analytics.',
    });
    const findings = undisclosedRecipient.check(buildView({ claims: [research], flows: [firebaseFlow()] }));
    expect(findings.map((f) => [f.label, f.severity])).toEqual([['omitted', 'medium']]);
    expect(findings[0]?.title).toBe('Firebase receives data; the policy shares only aggregated or de-identified data with "third parties"');
    expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual([research.quote]);
    // Any other data in the same sentence makes it cover again.
    const mixed = { ...research, quote: 'We share aggregated statistics and your device identifiers with third parties.' };
    expect(undisclosedRecipient.check(buildView({ claims: [mixed], flows: [firebaseFlow()] })).map((f) => f.label)).toEqual(['vague']);
  });

  it('a category that does not fit the recipient leaves it omitted', () => {
    const category = storedClaim({ kind: 'processor', processorType: 'category', name: 'analytics providers', category: 'analytics' });
    const findings = undisclosedRecipient.check(buildView({ claims: [category], flows: [agoraFlow()] }));
    expect(findings[0]?.label).toBe('omitted');
  });

  it('a named parent company covers its products (Google covers Firebase): no finding', () => {
    const named = storedClaim({ kind: 'processor', processorType: 'named', name: 'Google', entityId: 'google' });
    expect(undisclosedRecipient.check(buildView({ claims: [named], flows: [firebaseFlow()] }))).toEqual([]);
  });

  it('a denial of any sharing with the recipient makes it incorrect', () => {
    const denial = storedClaim({ kind: 'processor', processorType: 'named', name: 'Agora', entityId: 'agora', polarity: 'negative', quote: 'We do not share your data with Agora.' });
    const findings = undisclosedRecipient.check(buildView({ claims: [denial], flows: [agoraFlow()] }));
    expect(findings[0]).toMatchObject({ label: 'incorrect', severity: 'high', title: 'Policy says it does not share your data with Agora, but the app sends it data' });
  });

  it('a denial about one kind of data leaves the recipient undisclosed (omitted, medium), restating the scope', () => {
    const denial = storedClaim({ kind: 'processor', processorType: 'named', name: 'Agora', entityId: 'agora', polarity: 'negative', quote: 'We do not share your contacts with Agora.' });
    const findings = undisclosedRecipient.check(buildView({ claims: [denial], flows: [agoraFlow()] }));
    expect(findings[0]).toMatchObject({ label: 'omitted', severity: 'medium', title: 'Agora receives data; the policy only says it does not share your contacts with it' });
    expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual(['We do not share your contacts with Agora.']);
  });

  it('judges a denial in a two-clause sentence by the recipient\'s own clause (session 9 item 4)', () => {
    // The first clause is a sale, which traffic cannot contradict; the recipient's clause denies all sharing.
    const quote = 'We do not sell your data, and we never share your information with Agora.';
    const denial = storedClaim({ kind: 'processor', processorType: 'named', name: 'Agora', entityId: 'agora', polarity: 'negative', quote });
    const findings = undisclosedRecipient.check(buildView({ claims: [denial], flows: [agoraFlow()] }));
    expect(findings[0]).toMatchObject({ label: 'incorrect', severity: 'high' });
  });

  it('does not treat first-party, cloud hosting or DNS plumbing as third-party recipients', () => {
    const flows = [
      attributedFlow({ server: '3.208.10.10', attribution: { relation: 'first-party', organisation: 'Test app', host: 'api.example-app.test' } }),
      attributedFlow({ server: '3.208.10.11', attribution: { relation: 'hosting', entityId: 'aws', organisation: 'Amazon Web Services' } }),
      attributedFlow({ server: '8.8.8.8', serverPort: 53, protocol: 'udp', attribution: { relation: 'recipient', entityId: 'google', organisation: 'Google' } }),
    ];
    expect(undisclosedRecipient.check(buildView({ flows }))).toEqual([]);
  });

  it('confidence is the best attribution of its flows, at most medium for an organisation the catalog does not know', () => {
    const viaSni = attributedFlow({ server: '5.5.5.5', attribution: { organisation: 'acme-metrics.example', domain: 'acme-metrics.example', host: 'api.acme-metrics.example', relation: 'recipient', confidence: 'high' } });
    expect(undisclosedRecipient.check(buildView({ flows: [viaSni] }))[0]?.confidence).toBe('medium');
    const dnsOnly = attributedFlow({ server: '142.250.72.11', attribution: { entityId: 'firebase', organisation: 'Firebase', relation: 'recipient', confidence: 'medium' } });
    expect(undisclosedRecipient.check(buildView({ flows: [dnsOnly, firebaseFlow()] }))[0]?.confidence).toBe('high');
    expect(undisclosedRecipient.check(buildView({ flows: [dnsOnly] }))[0]?.confidence).toBe('medium');
  });

  it('says nothing when the app has no policy to compare with', () => {
    expect(undisclosedRecipient.check(buildView({ flows: [agoraFlow()], snapshot: null }))).toEqual([]);
  });

  describe('a company the catalog does not know (trial 6: nytimes.com ad tech against "advertising partners")', () => {
    const tapadFlow = () =>
      attributedFlow({ server: '52.1.2.3', attribution: { entityId: null, organisation: 'tapad.com', domain: 'tapad.com', host: 'pixel.tapad.com', relation: 'recipient', confidence: 'high' } });
    const advertising = storedClaim({ kind: 'processor', processorType: 'category', name: 'advertising partners', category: 'advertising', quote: 'We share data with advertising partners and with Krux.' });

    it('is vague at medium severity and low confidence, saying claimcheck cannot tell whether the category covers it', () => {
      const findings = undisclosedRecipient.check(buildView({ claims: [advertising], flows: [tapadFlow()] }));
      expect(findings.map((f) => [f.subject, f.label, f.severity, f.confidence])).toEqual([['tapad.com', 'vague', 'medium', 'low']]);
      expect(findings[0]?.title).toBe('tapad.com receives data but is covered only by a generic category, if at all (what it does is unknown)');
      expect(findings[0]?.explanation).toContain('claimcheck does not know what tapad.com does, so it cannot tell whether the policy\'s "advertising partners" covers it');
      expect(findings[0]?.policyEvidence.map((e) => e.quote)).toEqual(['We share data with advertising partners and with Krux.']);
    });

    it('is rated no higher than a catalogued recipient the same category covers', () => {
      const catalogued = attributedFlow({ server: '52.1.2.4', attribution: { entityId: 'bytedance', organisation: 'ByteDance Ltd.', domain: 'bytedance.com', relation: 'recipient', confidence: 'high' } });
      const [known, unknown] = ['ByteDance Ltd.', 'tapad.com'].map((s) => undisclosedRecipient.check(buildView({ claims: [advertising], flows: [catalogued, tapadFlow()] })).find((f) => f.subject === s));
      expect(known).toMatchObject({ label: 'vague', severity: 'medium', confidence: 'high' });
      expect(unknown).toMatchObject({ label: 'vague', severity: 'medium', confidence: 'low' });
    });

    it('stays omitted (high) when the policy has only categories that are never an app\'s recipients', () => {
      const police = storedClaim({ kind: 'processor', processorType: 'category', name: 'law enforcement', category: 'law-enforcement' });
      const inbound = storedClaim({ kind: 'processor', processorType: 'category', name: 'advertising partners', category: 'advertising', quote: 'We receive information about you from advertising partners.' });
      const findings = undisclosedRecipient.check(buildView({ claims: [police, inbound], flows: [tapadFlow()] }));
      expect(findings.map((f) => [f.label, f.severity])).toEqual([['omitted', 'high']]);
    });
  });

  it('a company named only as a service the user chooses is omitted at medium severity, quoting that sentence', () => {
    const login = storedClaim({ kind: 'processor', processorType: 'named', name: 'Google', entityId: 'google', quote: 'You can log in with Google.' });
    const findings = undisclosedRecipient.check(buildView({ claims: [login], flows: [firebaseFlow()] }));
    expect(findings[0]).toMatchObject({ label: 'omitted', severity: 'medium', title: 'Firebase receives data; the policy names Google only as a service the user may choose' });
    expect(findings[0]?.policyEvidence.map((e) => e.quote)).toEqual(['You can log in with Google.']);
  });

  it('a sentence about data received from a named company does not disclose sharing with it', () => {
    const inbound = storedClaim({ kind: 'processor', processorType: 'named', name: 'Agora', entityId: 'agora', quote: 'Agora provides information to us about call quality.' });
    expect(undisclosedRecipient.check(buildView({ claims: [inbound], flows: [agoraFlow()] }))[0]).toMatchObject({ label: 'omitted', severity: 'high' });
  });
});
