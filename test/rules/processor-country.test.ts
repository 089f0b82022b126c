import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/model/errors.js';
import { parseJurisdictions, type AuditSettings } from '../../src/rules/audit-settings.js';
import { processorCountry } from '../../src/rules/processor-country.js';
import { undisclosedCountry } from '../../src/rules/undisclosed-country.js';
import { TEST_SNAPSHOT, attributedFlow, buildView, hitOn, storedClaim } from '../helpers/audit-view-builder.js';

const tiktokFlow = (country = 'US') =>
  attributedFlow({
    server: '23.1.1.1',
    attribution: { entityId: 'tiktok', organisation: 'TikTok Pte. Ltd.', host: 'log.tiktokv.com', relation: 'recipient', confidence: 'high', network: { asn: 1, asnOwner: 'x', country } },
  });
const storedInUs = () => storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['US'], regions: [], unspecified: false, trigger: 'stored in', quote: 'Data is stored in the United States.' });
const listed = (text: string): AuditSettings => ({ jurisdictions: parseJurisdictions(text) });

describe('processor-country', () => {
  it('by default flags headquarters (own and parent) in countries a location-stating policy never mentions', () => {
    const findings = processorCountry.check(buildView({ claims: [storedInUs()], flows: [tiktokFlow('US')] }));
    expect(findings.map((f) => [f.subject, f.title.includes('China') ? 'CN' : f.title.includes('Singapore') ? 'SG' : '?', f.label, f.severity])).toEqual([
      ['TikTok Pte. Ltd.', 'CN', 'omitted', 'low'],
      ['TikTok Pte. Ltd.', 'SG', 'omitted', 'low'],
    ]);
    expect(findings[0]?.explanation).toContain('its parent company ByteDance Ltd. is headquartered in China');
    expect(findings[0]?.policyEvidence[0]?.quote).toBe('Data is stored in the United States.');
    expect(findings[0]?.packetEvidence[0]?.detail).toContain('ByteDance Ltd. headquartered in CN');
  });

  it('by default leaves servers in unmentioned countries to undisclosed-country (one fact, one finding)', () => {
    const serverOnly = attributedFlow({ server: '47.1.1.1', attribution: { entityId: 'google', organisation: 'Google', relation: 'recipient', confidence: 'high', network: { asn: 1, asnOwner: 'x', country: 'CN' } } });
    expect(processorCountry.check(buildView({ claims: [storedInUs()], flows: [serverOnly] }))).toEqual([]);
  });

  it('by default says nothing when the policy states no location at all', () => {
    expect(processorCountry.check(buildView({ flows: [tiktokFlow('CN')] }))).toEqual([]);
  });

  it('with chosen jurisdictions, checks only those, even when the policy states no location', () => {
    const findings = processorCountry.check(buildView({ flows: [tiktokFlow('US')], settings: listed('CN') }));
    expect(findings.map((f) => [f.subject, f.severity, f.label])).toEqual([['TikTok Pte. Ltd.', 'medium', 'omitted']]);
    expect(findings[0]?.explanation).toContain('jurisdictions of interest chosen for this audit (CN)');
  });

  it('a chosen jurisdiction reached with plaintext identifiers is high', () => {
    const flow = tiktokFlow('CN');
    const findings = processorCountry.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-48151623')], settings: listed('CN') }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'high' });
    expect(findings[0]?.explanation).toContain('servers registered in China');
    expect(findings[0]?.packetEvidence[0]?.detail).toMatch(/^server 23\.1\.1\.1 registered in CN/);
  });

  it('a country named anywhere in the policy, or in a region it names, counts as mentioned', () => {
    const snapshot = { ...TEST_SNAPSHOT, text: 'Our parent company in China provides the service.' };
    expect(processorCountry.check(buildView({ snapshot, flows: [tiktokFlow()], settings: listed('CN') }))).toEqual([]);
    const eea = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: ['EEA'], unspecified: false, trigger: 'stored in the EEA' });
    const flowToDe = attributedFlow({ server: '5.1.1.1', attribution: { entityId: 'google', organisation: 'Google', relation: 'recipient', confidence: 'high', network: { asn: 1, asnOwner: 'x', country: 'DE' } } });
    expect(processorCountry.check(buildView({ claims: [eea], flows: [flowToDe], settings: listed('DE,US') })).map((f) => f.title)).toEqual([
      'Google is tied to United States, which the policy does not name as a place data goes',
    ]);
    // Named only as where readers live: not a place data goes.
    const residents = { ...TEST_SNAPSHOT, text: 'If you live in China, you may have additional rights.' };
    expect(processorCountry.check(buildView({ snapshot: residents, flows: [tiktokFlow()], settings: listed('CN') })).map((f) => f.subject)).toEqual(['TikTok Pte. Ltd.']);
  });

  it('a denial naming the country makes traffic to servers there incorrect and quotes the denial', () => {
    const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative', quote: 'We do not transfer data to China.' });
    const snapshot = { ...TEST_SNAPSHOT, text: 'We do not transfer data to China.' };
    const findings = processorCountry.check(buildView({ snapshot, claims: [denial], flows: [tiktokFlow('CN')], settings: listed('CN') }));
    expect(findings.map((f) => [f.label, f.severity])).toEqual([['incorrect', 'high']]);
    expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual(['We do not transfer data to China.']);
    expect(findings[0]?.title).toBe('TikTok Pte. Ltd. is tied to China, where the policy says data does not go');
  });

  it('a headquarters alone does not contradict a denial: omitted, saying the capture shows no servers there', () => {
    const denial = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative', quote: 'We do not transfer data to China.' });
    const snapshot = { ...TEST_SNAPSHOT, text: 'We do not transfer data to China.' };
    const [finding] = processorCountry.check(buildView({ snapshot, claims: [denial], flows: [tiktokFlow('US')], settings: listed('CN') }));
    expect(finding).toMatchObject({ label: 'omitted', severity: 'medium', title: 'TikTok Pte. Ltd. is tied to China, where the policy says data does not go' });
    expect(finding?.explanation).toContain('The capture shows no connection to servers in China, so it does not contradict the denial');
    expect(finding?.policyEvidence.map((p) => p.quote)).toEqual(['We do not transfer data to China.']);
  });

  it('labels a limited denial as undisclosed-country does: omitted, not incorrect (the two rules agree)', () => {
    const quote = 'We do not transfer your data to China unless you use the app there.';
    const denial = storedClaim({
      kind: 'transfer', transferType: 'transfer', countries: ['CN'], regions: [], unspecified: false, trigger: 'transfer', polarity: 'negative', quote,
      conditions: [{ kind: 'exception', text: 'unless you use the app there' }],
    });
    const flow = tiktokFlow('CN');
    const view = buildView({ snapshot: { ...TEST_SNAPSHOT, text: quote }, claims: [storedInUs(), denial], flows: [flow], settings: listed('CN') });
    const [finding] = processorCountry.check(view);
    expect(finding).toMatchObject({ label: 'omitted', title: 'TikTok Pte. Ltd. is tied to China, where the policy says data does not go (unless you use the app there)' });
    expect(finding?.explanation).toContain('the capture cannot show whether that limit applied');
    const [country] = undisclosedCountry.check(view);
    expect(country).toMatchObject({ subject: 'CN', label: 'omitted' });
  });

  it('a denial of one kind of data is context, not a contradiction, in both rules', () => {
    const quote = 'We do not store your voice recordings in China.';
    const denial = storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['CN'], regions: [], unspecified: false, trigger: 'store', polarity: 'negative', quote });
    const view = buildView({ snapshot: { ...TEST_SNAPSHOT, text: quote }, claims: [storedInUs(), denial], flows: [tiktokFlow('CN')], settings: listed('CN') });
    const [finding] = processorCountry.check(view);
    expect(finding).toMatchObject({
      label: 'omitted',
      title: 'TikTok Pte. Ltd. is tied to China, which the policy does not name as a place data goes (it says voice recordings are not stored there)',
    });
    expect(finding?.policyEvidence[0]?.quote).toBe(quote);
    expect(undisclosedCountry.check(view)[0]).toMatchObject({ subject: 'CN', label: 'omitted' });
  });

  it('with a linked sub-processor list, quotes the recipient\'s own row first and says where the list places it', () => {
    const page = { kind: 'subprocessor-list' as const, source: 'https://example.com/subprocessors', sha256: 'e'.repeat(64) };
    // Each list row gives a processor claim and a transfer claim over the same span, as the list reader stores them.
    const listRow = (name: string, entityId: string | undefined, country: string, location: string, start: number) => {
      const quote = `${name} | Hosting | ${location}`;
      const span = { start, end: start + quote.length };
      return [
        { ...storedClaim({ kind: 'processor', processorType: 'named', name, ...(entityId ? { entityId } : {}), location, quote }), span, page },
        { ...storedClaim({ kind: 'transfer', transferType: 'storage', countries: [country], regions: [], unspecified: false, trigger: location, processor: name, quote }), span, page },
      ];
    };
    const claims = [storedInUs(), ...listRow('Initech LLC', undefined, 'US', 'United States', 0), ...listRow('Globex Ltd', undefined, 'DE', 'Germany', 40), ...listRow('TikTok Pte. Ltd.', 'tiktok', 'SG', 'Singapore', 80)];
    const findings = processorCountry.check(buildView({ claims, flows: [tiktokFlow('US')], settings: listed('CN') }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual([
      'TikTok Pte. Ltd. | Hosting | Singapore',
      'Data is stored in the United States.',
      'Initech LLC | Hosting | United States',
      'Globex Ltd | Hosting | Germany',
    ]);
    expect(findings[0]?.policyEvidence.map((p) => p.namesSubject ?? false)).toEqual([true, false, false, false]);
    expect(findings[0]?.explanation).toContain('and not China. The linked sub-processor list gives the location of TikTok Pte. Ltd. as Singapore.');
  });

  it('an "other countries" clause makes it vague and low', () => {
    const other = storedClaim({ kind: 'transfer', transferType: 'transfer', countries: [], regions: [], unspecified: true, trigger: 'other countries' });
    const findings = processorCountry.check(buildView({ claims: [storedInUs(), other], flows: [tiktokFlow()], settings: listed('CN') }));
    expect(findings.map((f) => [f.label, f.severity])).toEqual([['vague', 'low']]);
  });

  it('derives confidence from the tie: attribution for headquarters, at most medium for registry country or imported lists', () => {
    const hq = processorCountry.check(buildView({ flows: [tiktokFlow('US')], settings: listed('CN') }));
    expect(hq[0]?.confidence).toBe('high');
    const serverOnly = attributedFlow({ server: '47.1.1.1', attribution: { entityId: 'google', organisation: 'Google', relation: 'recipient', confidence: 'high', network: { asn: 1, asnOwner: 'x', country: 'CN' } } });
    expect(processorCountry.check(buildView({ flows: [serverOnly], settings: listed('CN') }))[0]?.confidence).toBe('medium');
    const imported = attributedFlow({ server: '9.1.1.1', attribution: { entityId: 'listed-ru', organisation: 'Listed RU Ads', relation: 'recipient', confidence: 'high', network: { asn: 1, asnOwner: 'x', country: 'US' } } });
    const ru = processorCountry.check(buildView({ flows: [imported], settings: listed('RU') }));
    expect(ru[0]?.confidence).toBe('medium');
    expect(ru[0]?.packetEvidence[0]?.detail).toContain('imported webxray list');
  });

  it('checks third-party recipients only: not the app itself, cloud hosting or network plumbing', () => {
    const flows = [
      attributedFlow({ server: '47.1.1.2', attribution: { relation: 'first-party', organisation: 'Test app', network: { asn: 1, asnOwner: 'x', country: 'CN' } } }),
      attributedFlow({ server: '47.1.1.3', attribution: { relation: 'hosting', entityId: 'aws', organisation: 'Amazon Web Services', network: { asn: 1, asnOwner: 'x', country: 'CN' } } }),
      attributedFlow({ server: '47.1.1.4', serverPort: 53, protocol: 'udp', attribution: { relation: 'recipient', entityId: 'google', organisation: 'Google', network: { asn: 1, asnOwner: 'x', country: 'CN' } } }),
    ];
    expect(processorCountry.check(buildView({ flows, settings: listed('CN') }))).toEqual([]);
  });

  it('reports nothing when switched off or without a policy', () => {
    expect(processorCountry.check(buildView({ claims: [storedInUs()], flows: [tiktokFlow('CN')], settings: listed('none') }))).toEqual([]);
    expect(processorCountry.check(buildView({ flows: [tiktokFlow('CN')], settings: listed('CN'), snapshot: null }))).toEqual([]);
  });
});

describe('parseJurisdictions', () => {
  it('reads codes and region names, all and none', () => {
    expect(parseJurisdictions('cn, RU')).toEqual({ mode: 'listed', countries: ['CN', 'RU'], asWritten: ['CN', 'RU'] });
    const eu = parseJurisdictions('EU');
    expect(eu.mode === 'listed' && eu.countries).toContain('DE');
    expect(eu.mode === 'listed' && eu.countries).not.toContain('GB');
    expect(parseJurisdictions('all')).toEqual({ mode: 'undisclosed' });
    expect(parseJurisdictions('none')).toEqual({ mode: 'off' });
  });
  it('rejects unknown codes, naming them', () => {
    expect(() => parseJurisdictions('CN,XQ,Atlantis')).toThrow(ConfigError);
    expect(() => parseJurisdictions('CN,XQ,Atlantis')).toThrow(/"XQ", "Atlantis"/);
    expect(() => parseJurisdictions(' , ')).toThrow(ConfigError);
  });
});
