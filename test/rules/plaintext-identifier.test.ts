import { describe, expect, it } from 'vitest';
import { plaintextIdentifier } from '../../src/rules/plaintext-identifier.js';
import { buildMatchKey } from '../../src/report/report-model.js';
import { attributedFlow, buildView, hitOn, storedClaim } from '../helpers/audit-view-builder.js';

const signalFlow = () =>
  attributedFlow({
    server: '47.96.20.30',
    protocol: 'udp',
    serverPort: 8000,
    encryption: 'none',
    attribution: { entityId: 'agora', organisation: 'Agora', host: 'ap-cn.agora.io', relation: 'recipient', confidence: 'medium', network: { asn: 37963, asnOwner: 'Alibaba', country: 'CN' } },
  });

describe('plaintext-identifier', () => {
  it('reports identifiers sent in plaintext, one finding per destination, marked incorrect against an encryption claim', () => {
    const flow = signalFlow();
    const other = attributedFlow({ server: '103.98.134.10', protocol: 'udp', encryption: 'unknown', attribution: { organisation: 'Agora', relation: 'recipient', network: { asn: 56172, asnOwner: 'Agora', country: 'SG' } } });
    const claim = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: ['industry-standard'], hedges: [], trigger: 'industry-standard encryption' });
    const hits = [hitOn(flow, 'user_id', 'u-1234'), { ...hitOn(flow, 'user_id', 'u-1234'), frame: flow.flow.firstFrame + 1 }, hitOn(flow, 'room_id', 'room-9'), hitOn(other, 'user_id', 'u-1234')];
    const findings = plaintextIdentifier.check(buildView({ claims: [claim], flows: [flow, other], hits }));
    expect(findings.map((f) => [f.subject, f.packetEvidence[0]?.country])).toEqual([['user_id, room_id', 'CN'], ['user_id', 'SG']]);
    const cn = findings[0];
    expect(cn).toMatchObject({ severity: 'high', label: 'incorrect', confidence: 'medium' });
    expect(cn?.packetEvidence[0]).toMatchObject({ frames: [flow.flow.firstFrame, flow.flow.firstFrame + 1], server: '47.96.20.30' });
    expect(cn?.explanation).toContain('user_id ("u-1234", 2 times)');
    expect(cn?.policyEvidence).toHaveLength(1);
  });

  it('ignores identifiers that only appeared inside encrypted channels', () => {
    const flow = signalFlow();
    expect(plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-1234', true)] }))).toEqual([]);
  });

  it('still reports plaintext identifiers when the policy makes no encryption claim, without a label', () => {
    const flow = signalFlow();
    const findings = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-48151623')] }));
    expect(findings[0]).toMatchObject({ label: null, confidence: 'high' });
  });

  it('rates a short value or a case-insensitive match medium: such bytes can occur by chance', () => {
    const flow = signalFlow();
    const short = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-1234')] }));
    expect(short[0]?.confidence).toBe('medium');
    const loose = plaintextIdentifier.check(buildView({ flows: [flow], hits: [{ ...hitOn(flow, 'user_id', 'u-48151623'), encoding: 'case-insensitive' }] }));
    expect(loose[0]?.confidence).toBe('medium');
  });

  it('makes one finding per destination, listing each connection, however many connections carried the values (PulseFit trial, P1-3)', () => {
    // Five TCP connections from five source ports to 52.94.232.134:80 (alexa.amazon.com), as in ndpi_alexa-app.pcapng.
    const connections = [0, 1, 2, 3, 4].map(() =>
      attributedFlow({
        server: '52.94.232.134',
        serverPort: 80,
        encryption: 'none',
        attribution: { organisation: 'Amazon.com, Inc.', host: 'alexa.amazon.com', relation: 'recipient', network: { asn: 16509, asnOwner: 'AMAZON-02', country: 'US' } },
      }),
    );
    const hits = connections.flatMap((c) => [hitOn(c, 'session_id', '154-3103265-2932516'), hitOn(c, 'ubid', '152-8763505-7304904')]);
    const findings = plaintextIdentifier.check(buildView({ flows: connections, hits }));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.title).toBe('session_id and ubid sent unencrypted to Amazon.com, Inc. in United States');
    expect(finding?.explanation).toContain('session_id ("154-3103265-2932516", 5 times)');
    expect(finding?.packetEvidence.map((e) => `${e.server}:${e.serverPort} from ${e.clientPort}`)).toEqual(connections.map((c) => `52.94.232.134:80 from ${c.flow.clientPort}`));
    expect(finding?.packetEvidence.every((e) => e.detail.startsWith('session_id 1× in payload'))).toBe(true);
  });

  it('gives two servers a reader would name alike one finding, so no two findings share a match key (Chatterbox trial)', () => {
    const google = (server: string, host: string) =>
      attributedFlow({ server, serverPort: 80, encryption: 'none', attribution: { organisation: 'Google LLC', host, relation: 'recipient', network: { asn: 15169, asnOwner: 'GOOGLE', country: 'US' } } });
    const a = google('173.194.79.114', 'www.google-analytics.com');
    const b = google('173.194.79.115', 'ssl.gstatic.com');
    const c = attributedFlow({ server: '173.194.79.116', serverPort: 80, encryption: 'none', attribution: { organisation: 'Google LLC', relation: 'recipient', network: { asn: 15169, asnOwner: 'GOOGLE', country: 'IE' } } });
    const findings = plaintextIdentifier.check(buildView({ flows: [a, b, c], hits: [hitOn(a, 'device_model', 'Pixel-7a-XYZ'), hitOn(b, 'device_model', 'Pixel-7a-XYZ'), hitOn(c, 'device_model', 'Pixel-7a-XYZ')] }));
    expect(findings.map((f) => [f.title, f.packetEvidence.map((e) => e.host ?? e.server)])).toEqual([
      ['device_model sent unencrypted to Google LLC in United States', ['www.google-analytics.com', 'ssl.gstatic.com']],
      ['device_model sent unencrypted to Google LLC in Ireland', ['173.194.79.116']],
    ]);
    const keys = findings.map(buildMatchKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('quotes a claim about the service\'s own servers only for first-party destinations', () => {
    const ours = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['HTTPS'], hedges: [], trigger: 'HTTPS', quote: 'We use HTTPS for all communication between the app and our servers.' });
    const own = attributedFlow({ server: '10.0.0.80', serverPort: 80, encryption: 'none', attribution: { organisation: 'example-app.test', host: 'api.example-app.test', relation: 'first-party' } });
    const agora = signalFlow();
    const findings = plaintextIdentifier.check(buildView({ claims: [ours], flows: [agora, own], hits: [hitOn(agora, 'user_id', 'u-48151623'), hitOn(own, 'user_id', 'u-48151623')] }));
    expect(findings.map((f) => [f.packetEvidence[0]?.host, f.label, f.policyEvidence.length])).toEqual([
      ['ap-cn.agora.io', null, 0],
      ['api.example-app.test', 'incorrect', 1],
    ]);
    expect(findings[0]?.explanation).toContain('which is about its own servers, not this one, so the finding does not contradict it.');
  });

  it('with a claim naming its service providers beside its servers, covers a provider and tells an advertiser it names neither (trial7b item 14)', () => {
    const quote = 'Communications with our servers and with our service providers are encrypted in transit.';
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: [], hedges: [], trigger: 'encrypted in transit', quote });
    const agora = signalFlow();
    const ads = attributedFlow({ server: '10.0.0.90', serverPort: 80, encryption: 'none', attribution: { entityId: 'bytedance', organisation: 'ByteDance Ltd.', host: 'ads.bytedance.com', relation: 'recipient' } });
    const findings = plaintextIdentifier.check(buildView({ claims: [claim], flows: [agora, ads], hits: [hitOn(agora, 'user_id', 'u-48151623'), hitOn(ads, 'user_id', 'u-48151623')] }));
    expect(findings.map((f) => [f.packetEvidence[0]?.host, f.label])).toEqual([
      ['ap-cn.agora.io', 'incorrect'],
      ['ads.bytedance.com', null],
    ]);
    expect(findings[0]?.explanation).toContain('compared as one of \u201cour service providers\u201d');
    expect(findings[1]?.explanation).toContain('which is about its own servers and \u201cour service providers\u201d, not this one');
  });
});
