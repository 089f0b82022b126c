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
    // The offset is said to count in the transport payload, not in the frame Wireshark shows (trial 9).
    expect(finding?.packetEvidence[0]?.detail).toMatch(/^session_id 1× in payload, first at frame \d+, byte \d+ of its transport payload; ubid /);
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

  describe('identifiers in DNS names (trial7b item 20)', () => {
    const resolverFlow = (server: string, attribution: Parameters<typeof attributedFlow>[0]['attribution'] = {}) =>
      attributedFlow({ server, serverPort: 53, protocol: 'udp', encryption: 'none', attribution });
    const query = (flow: ReturnType<typeof resolverFlow>, name: string) => ({ captureId: 1, frame: flow.flow.firstFrame, time: flow.flow.firstTime, name, type: 'A' });
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'encrypted in transit' });

    it('names the name looked up and its domain, not the local resolver, as where the identifier went: medium', () => {
      const flow = resolverFlow('192.168.0.15');
      const answer = { ...hitOn(flow, 'user_id', 'u8f3a0c9d'), src: flow.flow.server, srcPort: 53, dst: flow.flow.client, dstPort: flow.flow.clientPort };
      const view = { ...buildView({ claims: [claim], flows: [flow], hits: [hitOn(flow, 'user_id', 'u8f3a0c9d'), answer] }), dnsQueries: [query(flow, 'u8f3a0c9d.t.metrics-example.com')] };
      const [finding, ...rest] = plaintextIdentifier.check(view);
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ severity: 'medium', label: 'incorrect', confidence: 'high' });
      expect(finding?.title).toBe('user_id sent unencrypted in a DNS query for u8f3a0c9d.t.metrics-example.com through the local resolver 192.168.0.15');
      expect(finding?.explanation).toContain("(\"u8f3a0c9d\", 2 times, 1 of them in the resolver's answer, which repeats the question)");
      expect(finding?.explanation).toContain('The resolver is not the recipient: it passes the name on, unencrypted, to upstream resolvers and to the name servers of metrics-example.com');
      expect(finding?.explanation).not.toContain('travelled');
      expect(finding?.policyEvidence).toHaveLength(1);
    });

    it("rates a value that is the looked-up service's own name low, contradicting no claim (sni=apptimize in mapi.apptimize.com)", () => {
      const flow = resolverFlow('192.168.0.15');
      const view = { ...buildView({ claims: [claim], flows: [flow], hits: [hitOn(flow, 'sni', 'apptimize')] }), dnsQueries: [query(flow, 'mapi.apptimize.com')] };
      const [finding] = plaintextIdentifier.check(view);
      expect(finding).toMatchObject({ severity: 'low', label: null, policyEvidence: [] });
      expect(finding?.explanation).toContain('The value is part of the domain name itself (apptimize.com), so every lookup of that service carries it');
    });

    it("keeps a customer's label under a platform suffix the user's, not the service's name (alice-shop.myshopify.com; review 8)", () => {
      const flow = resolverFlow('192.168.0.15');
      const view = { ...buildView({ claims: [claim], flows: [flow], hits: [hitOn(flow, 'shop', 'alice-shop')] }), dnsQueries: [query(flow, 'alice-shop.myshopify.com')] };
      const [finding] = plaintextIdentifier.check(view);
      expect(finding).toMatchObject({ severity: 'medium', label: 'incorrect' });
      expect(finding?.explanation).not.toContain('part of the domain name itself');
    });

    it('names a public resolver with its operator, and says "DNS traffic" when no stored question holds the value', () => {
      const flow = resolverFlow('8.8.8.8', { organisation: 'Google LLC', relation: 'recipient', network: { asn: 15169, asnOwner: 'GOOGLE', country: 'US' } });
      const view = { ...buildView({ flows: [flow], hits: [{ ...hitOn(flow, 'user_id', 'u8f3a0c9d'), encoding: 'hex' }] }), dnsQueries: [] };
      const [finding] = plaintextIdentifier.check(view);
      expect(finding).toMatchObject({ severity: 'medium', label: null });
      expect(finding?.title).toBe('user_id sent unencrypted in DNS traffic through the resolver 8.8.8.8 (Google LLC in United States)');
      expect(finding?.explanation).toContain('to the name servers of the domain looked up');
    });

    it('leaves mDNS and other local plumbing as it was, and a destination with DNS and other traffic at high', () => {
      const mdns = attributedFlow({ server: '224.0.0.251', serverPort: 5353, protocol: 'udp', encryption: 'none', attribution: {} });
      expect(plaintextIdentifier.check(buildView({ flows: [mdns], hits: [hitOn(mdns, 'user_id', 'u8f3a0c9d')] }))[0]?.severity).toBe('high');
      const dns = resolverFlow('192.168.0.15');
      const web = attributedFlow({ server: '192.168.0.15', serverPort: 80, encryption: 'none', attribution: {} });
      const findings = plaintextIdentifier.check(buildView({ flows: [dns, web], hits: [hitOn(dns, 'user_id', 'u8f3a0c9d'), hitOn(web, 'user_id', 'u8f3a0c9d')] }));
      expect(findings.map((f) => f.severity)).toEqual(['high']);
    });
  });

  /** One plain-HTTP identifier to a catalogued provider (Agora) and one to an advertiser, under a claim quoting `quote`. */
  const providerAndAdvertiser = (quote: string) => {
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: [], hedges: [], trigger: 'encrypted in transit', quote });
    const agora = signalFlow();
    const ads = attributedFlow({ server: '10.0.0.90', serverPort: 80, encryption: 'none', attribution: { entityId: 'bytedance', organisation: 'ByteDance Ltd.', host: 'ads.bytedance.com', relation: 'recipient' } });
    const findings = plaintextIdentifier.check(buildView({ claims: [claim], flows: [agora, ads], hits: [hitOn(agora, 'user_id', 'u-48151623'), hitOn(ads, 'user_id', 'u-48151623')] }));
    expect(findings.map((f) => [f.packetEvidence[0]?.host, f.label])).toEqual([
      ['ap-cn.agora.io', 'incorrect'],
      ['ads.bytedance.com', null],
    ]);
    return findings;
  };

  it('with a claim naming its service providers beside its servers, covers a provider and tells an advertiser it names neither (trial7b item 14)', () => {
    const findings = providerAndAdvertiser('Communications with our servers and with our service providers are encrypted in transit.');
    expect(findings[0]?.explanation).toContain('compared as one of \u201cour service providers\u201d');
    expect(findings[1]?.explanation).toContain('which is about its own servers and \u201cour service providers\u201d, not this one');
  });

  it('with a claim naming only the recipients its data goes to, tells an advertiser the claim is about data sent to them', () => {
    const findings = providerAndAdvertiser('Data we share with service providers is encrypted in transit.');
    expect(findings[0]?.explanation).toContain('That sentence is about data sent to \u201cservice providers\u201d');
    expect(findings[1]?.explanation).toContain('which is about data sent to \u201cservice providers\u201d, not this one');
  });

  describe('encryption named only as a safeguard (trial9 item 3)', () => {
    const spotifyList = 'These include pseudonymization, encryption, access, and retention policies.';

    it('quotes a general mention among safeguards without saying the policy is contradicted', () => {
      const flow = signalFlow();
      const mention = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: [], hedges: [], trigger: 'encryption', quote: spotifyList, safeguard: 'general' });
      const [finding] = plaintextIdentifier.check(buildView({ claims: [mention], flows: [flow], hits: [hitOn(flow, 'user_id', 'u-48151623')] }));
      expect(finding).toMatchObject({ severity: 'high', label: null, confidence: 'high' });
      expect(finding?.explanation).toContain('The policy mentions encryption only as one safeguard among others');
      expect(finding?.explanation).not.toContain('covers data the app sends over the network');
      expect(finding?.policyEvidence.map((p) => p.quote)).toEqual([spotifyList]);
    });

    it('leaves a safeguard for international transfers out, and lets a firm claim beside a general mention lead', () => {
      const flow = signalFlow();
      const hits = [hitOn(flow, 'user_id', 'u-48151623')];
      const transfers = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: [], hedges: [], trigger: 'encryption', quote: 'technical protections, such as encryption and pseudonymization', safeguard: 'transfers' });
      const [alone] = plaintextIdentifier.check(buildView({ claims: [transfers], flows: [flow], hits }));
      expect(alone).toMatchObject({ label: null, policyEvidence: [] });
      expect(alone?.explanation).not.toContain('The policy');
      const mention = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: [], hedges: [], trigger: 'encryption', quote: spotifyList, safeguard: 'general' });
      const firm = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: ['industry-standard'], hedges: [], trigger: 'encryption', quote: 'We use industry-standard encryption to protect your data.' });
      const [both] = plaintextIdentifier.check(buildView({ claims: [mention, firm], flows: [flow], hits }));
      expect(both).toMatchObject({ label: 'incorrect' });
      expect(both?.explanation).toContain('We use industry-standard encryption');
    });
  });

  describe("the device's own background traffic (trial9 item 5)", () => {
    const probe = () =>
      attributedFlow({
        server: '142.250.74.46',
        serverPort: 80,
        encryption: 'none',
        httpRequests: [{ frame: 12, method: 'GET', url: 'http://connectivitycheck.android.com/generate_204' }],
        attribution: { entityId: 'google', organisation: 'Google LLC', host: 'connectivitycheck.android.com', relation: 'device-background', network: { asn: 15169, asnOwner: 'Google LLC', country: 'US' } },
      });
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'TLS', quote: 'All data is encrypted in transit with TLS.' });

    it('says the device sent it, at medium, without the incorrect label or a policy quote', () => {
      const flow = probe();
      const [finding] = plaintextIdentifier.check(buildView({ claims: [claim], flows: [flow], hits: [hitOn(flow, 'model', 'LGLS751-XYZ')] }));
      expect(finding).toMatchObject({
        severity: 'medium',
        label: null,
        policyEvidence: [],
        title: "model sent unencrypted in the device's own background traffic to connectivitycheck.android.com (Google LLC in United States)",
      });
      expect(finding?.explanation).toContain('does not judge the app\u2019s policy');
      expect(finding?.explanation).not.toContain('All data is encrypted');
    });

    it("keeps the app's own traffic to the same company high and incorrect when it carried the value too", () => {
      const flow = probe();
      const app = attributedFlow({
        server: '142.250.74.47',
        serverPort: 80,
        encryption: 'none',
        attribution: { entityId: 'google', organisation: 'Google LLC', host: 'ads.google.com', relation: 'recipient', network: { asn: 15169, asnOwner: 'Google LLC', country: 'US' } },
      });
      const [finding] = plaintextIdentifier.check(buildView({ claims: [claim], flows: [flow, app], hits: [hitOn(flow, 'model', 'LGLS751-XYZ'), hitOn(app, 'model', 'LGLS751-XYZ')] }));
      expect(finding).toMatchObject({ severity: 'high', label: 'incorrect', title: 'model sent unencrypted to Google LLC in United States' });
    });
  });
});
