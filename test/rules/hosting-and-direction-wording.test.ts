import { describe, expect, it } from 'vitest';
import { plaintextIdentifier } from '../../src/rules/plaintext-identifier.js';
import { undisclosedCountry } from '../../src/rules/undisclosed-country.js';
import { TEST_CAPTURE, attributedFlow, buildView, hitOn, storedClaim } from '../helpers/audit-view-builder.js';

// A nameless flow into Alibaba Cloud's network: the network hosts the server, it is not the recipient (decision 0002).
const alibabaHosted = () =>
  attributedFlow({
    server: '47.96.20.30',
    protocol: 'udp',
    serverPort: 8000,
    encryption: 'none',
    attribution: { entityId: 'alibaba-cloud', organisation: 'Alibaba Cloud', relation: 'hosting', method: 'network-owner', network: { asn: 37963, asnOwner: 'Hangzhou Alibaba Advertising Co.,Ltd.', country: 'CN' } },
  });
const agora = () =>
  attributedFlow({
    server: '103.98.134.10',
    protocol: 'udp',
    serverPort: 4700,
    encryption: 'none',
    attribution: { entityId: 'agora', organisation: 'Agora, Inc.', relation: 'recipient', network: { asn: 56172, asnOwner: 'Agora', country: 'SG' } },
  });
const storedInIreland = () => storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['IE'], regions: [], unspecified: false, trigger: 'stored in' });

describe('a hosting network is not written as the recipient', () => {
  it('says "a server hosted on" a cloud network in a plaintext-identifier title and explanation', () => {
    const flow = alibabaHosted();
    const [finding] = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'uid', 'alice-4242')] }));
    expect(finding?.title).toBe('uid sent unencrypted to a server hosted on Alibaba Cloud in China');
    expect(finding?.explanation).toContain('in UDP traffic to a server hosted on Alibaba Cloud in China.');
  });

  it('keeps a recipient as the destination', () => {
    const flow = agora();
    const [finding] = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'uid', 'alice-4242')] }));
    expect(finding?.title).toBe('uid sent unencrypted to Agora, Inc. in Singapore');
  });

  it('says the servers in an undisclosed country are hosted by a cloud network and used by a recipient', () => {
    const hosted = alibabaHosted();
    const google = attributedFlow({ server: '34.120.195.249', attribution: { organisation: 'Google LLC', relation: 'hosting', network: { asn: 396982, asnOwner: 'GOOGLE-CLOUD-PLATFORM', country: 'US' } } });
    const sentry = attributedFlow({ server: '34.120.195.250', attribution: { organisation: 'Functional Software, Inc. (Sentry)', relation: 'recipient', host: 'o1.ingest.sentry.io', network: { asn: 396982, asnOwner: 'GOOGLE-CLOUD-PLATFORM', country: 'US' } } });
    const findings = undisclosedCountry.check(buildView({ claims: [storedInIreland()], flows: [hosted, google, sentry] }));
    const cn = findings.find((f) => f.subject === 'CN');
    const us = findings.find((f) => f.subject === 'US');
    expect(cn?.explanation).toContain('to servers registered in China hosted by Alibaba Cloud.');
    expect(us?.explanation).toContain('to servers registered in United States used by Functional Software, Inc. (Sentry), and to servers hosted by Google LLC.');
    expect(us?.explanation).not.toContain('used by Google LLC');
  });

  it('names a whole European Union as such, not as 27 countries', () => {
    const eu = storedClaim({ kind: 'transfer', transferType: 'storage', countries: [], regions: ['EU'], unspecified: false, trigger: 'stored in the EU' });
    const [finding] = undisclosedCountry.check(buildView({ claims: [eu, storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['US'], regions: [], unspecified: false, trigger: 'stored in' })], flows: [alibabaHosted()] }));
    expect(finding?.explanation).toContain('The policy names the European Union (27 countries), United States as where data is stored or sent.');
    expect(finding?.explanation).not.toContain('Austria');
  });
});

describe('plaintext-identifier direction and transport', () => {
  it('counts values the server sent to the device as travelling between them, not as sent to the server', () => {
    const flow = agora();
    const up = hitOn(flow, 'uid', 'alice-4242');
    const down = { ...up, frame: up.frame + 1, src: flow.flow.server, srcPort: flow.flow.serverPort, dst: flow.flow.client, dstPort: flow.flow.clientPort };
    const findings = plaintextIdentifier.check(buildView({ flows: [flow], hits: [down, up, { ...up, frame: up.frame + 2 }] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.title).toBe('uid travelled unencrypted between the device and Agora, Inc. in Singapore');
    expect(findings[0]?.explanation).toContain('uid ("alice-4242", 3 times, 1 of them from the server to the device)');
    expect(findings[0]?.explanation).toContain('in UDP traffic between the device and Agora, Inc. in Singapore.');
  });

  it('says "sent to" when every value went from the device to the server', () => {
    const flow = agora();
    const [finding] = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'uid', 'alice-4242')] }));
    expect(finding?.explanation).toContain('uid ("alice-4242", 1 time)');
    expect(finding?.explanation).not.toContain('from the server');
  });

  it('says HTTP, not TCP, for values found in a HAR, which records requests and not their transport', () => {
    const http = attributedFlow({ server: '103.98.134.10', serverPort: 80, encryption: 'none', attribution: { organisation: 'Agora, Inc.', relation: 'recipient', host: 'sdk.agora.io', network: { asn: 56172, asnOwner: 'Agora', country: 'SG' } } });
    const flow = { ...http, capture: { ...TEST_CAPTURE, format: 'har' as const } };
    const view = { ...buildView({ flows: [flow], hits: [hitOn(flow, 'uid', 'alice-4242')] }), captures: [{ ...TEST_CAPTURE, format: 'har' as const }] };
    const [finding] = plaintextIdentifier.check(view);
    expect(finding?.explanation).toContain('in HTTP traffic to Agora, Inc. in Singapore.');
    expect(finding?.explanation).not.toMatch(/TCP|UDP/);
    expect(finding?.packetEvidence[0]?.scheme).toBe('http');
  });
});
