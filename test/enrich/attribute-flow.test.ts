import { describe, expect, it } from 'vitest';
import type { FlowHostName, FlowSummary } from '../../src/model/capture-summary.js';
import type { IpNetworkInfo } from '../../src/model/entity.js';
import { attributeFlow, selectHostName } from '../../src/enrich/attribute-flow.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { lookupIpNetwork } from '../../src/enrich/ip-network-database.js';

function flow(server: string, hostNames: FlowHostName[] = [], extra: Partial<FlowSummary> = {}): FlowSummary {
  return {
    protocol: 'tcp', client: '192.168.1.10', clientPort: 50000, server, serverPort: 443, packets: 10, bytes: 2000, payloadBytes: 1200,
    firstTime: 0, lastTime: 1, firstFrame: 3, lastFrame: 40, sampleFrames: [3, 4, 5], hostNames, encryption: 'tls', httpRequests: [], ...extra,
  };
}

/** Fixed network facts so attribution logic is tested apart from the data set. */
const FAKE_NETWORK: Record<string, IpNetworkInfo> = {
  '52.1.2.3': { asn: 16509, asnOwner: 'Amazon.com, Inc.', country: 'US' },
  '103.1.5.1': { asn: 56172, asnOwner: 'Agora Communications Pte Ltd', country: 'SG' },
  '31.13.1.1': { asn: 32934, asnOwner: 'Facebook, Inc.', country: 'US' },
  '45.1.1.1': { asn: 64500, asnOwner: 'Example Hosting GmbH', country: 'DE' },
  '91.1.1.1': { asn: 8535, asnOwner: 'Agora TC Sp.z.o.o.', country: 'PL' },
  '17.248.176.75': { asn: 714, asnOwner: 'Apple Inc.', country: 'US' },
};
const network = (ip: string): IpNetworkInfo => FAKE_NETWORK[ip] ?? { asn: null, asnOwner: null, country: null };
const context = { catalog: EntityCatalog.loadDefault(), network, firstPartyDomains: ['myapp.com'] };

describe('selectHostName', () => {
  it('prefers SNI over Host over DNS over payload, then the earliest frame', () => {
    const chosen = selectHostName(
      flow('52.1.2.3', [
        { host: 'late.example.com', source: 'payload-string', frame: 1 },
        { host: 'dns.example.com', source: 'dns-answer', frame: 2 },
        { host: 'second.agora.io', source: 'tls-sni', frame: 9 },
        { host: 'API.Agora.io.', source: 'tls-sni', frame: 7 },
      ]),
    );
    expect(chosen).toMatchObject({ host: 'api.agora.io', source: 'tls-sni', frame: 7, rivals: [] });
  });
  it('ignores IP literals', () => {
    expect(selectHostName(flow('52.1.2.3', [{ host: '52.1.2.3', source: 'har-url', frame: 1 }]))).toBeNull();
  });
});

describe('attributeFlow', () => {
  it('SNI to a third party → recipient, high confidence, with an evidence chain', () => {
    const a = attributeFlow(flow('103.1.5.1', [{ host: 'api.agora.io', source: 'tls-sni', frame: 12 }]), context);
    expect(a).toMatchObject({ entityId: 'agora', organisation: 'Agora, Inc.', domain: 'agora.io', host: 'api.agora.io', method: 'host-name', relation: 'recipient', confidence: 'high' });
    expect(a.network.country).toBe('SG');
    expect(a.evidence[0]).toBe('TLS SNI "api.agora.io" (frame 12)');
    expect(a.evidence[1]).toBe('agora.io → Agora, Inc. (entity catalog)');
    expect(a.evidence[2]).toMatch(/^103\.1\.5\.1 → AS56172 Agora Communications Pte Ltd, registered in SG/);
  });

  it('DNS-only names give medium confidence, payload strings low', () => {
    expect(attributeFlow(flow('31.13.1.1', [{ host: 'graph.facebook.com', source: 'dns-answer', frame: 2 }]), context).confidence).toBe('medium');
    // On a cloud network a name the client writes may name the customer; it is weak evidence.
    expect(attributeFlow(flow('52.1.2.3', [{ host: 'graph.facebook.com', source: 'payload-string', frame: 2 }]), context)).toMatchObject({ organisation: 'Meta Platforms, Inc.', confidence: 'low' });
  });

  it('a name in a payload never overrides a company’s own catalogued network (review 9 item 18)', () => {
    const rivals: FlowHostName[] = [
      { host: 'graph.facebook.com', source: 'payload-string', frame: 5 },
      { host: 'app-measurement.com', source: 'payload-string', frame: 5 },
    ];
    const a = attributeFlow(flow('31.13.1.1', rivals, { serverPort: 9000, encryption: 'none' }), { ...context, network: () => ({ asn: 13414, asnOwner: 'Twitter Inc.', country: 'US' }) });
    expect(a).toMatchObject({ method: 'network-owner', relation: 'recipient', host: null });
    expect(a.organisation).toMatch(/^X Corp/);
    expect(a.evidence[0]).toContain('but one the client wrote in its payload: host name in payload "graph.facebook.com" (frame 5), which says what the content refers to, not who the peer is');
  });

  it('first-party hosts are marked first-party, even when hosted on a cloud', () => {
    const a = attributeFlow(flow('52.1.2.3', [{ host: 'api.myapp.com', source: 'tls-sni', frame: 4 }]), context);
    expect(a).toMatchObject({ entityId: null, relation: 'first-party', domain: 'myapp.com', organisation: 'myapp.com' });
    expect(a.evidence.join('\n')).toMatch(/first-party/);
    expect(a.network.asn).toBe(16509);
  });

  it('customer host names on a platform → hosting, not recipient', () => {
    const a = attributeFlow(flow('52.1.2.3', [{ host: 'd111abcdef8.cloudfront.net', source: 'tls-sni', frame: 4 }]), context);
    expect(a).toMatchObject({ entityId: 'aws', relation: 'hosting', method: 'host-name' });
    const b = attributeFlow(flow('52.1.2.3', [{ host: 'otherapp.appspot.com', source: 'tls-sni', frame: 4 }]), context);
    expect(b).toMatchObject({ entityId: 'google-cloud', relation: 'hosting', domain: 'otherapp.appspot.com' });
  });

  it("a cloud provider's own data services are recipients; its customers' hosts stay hosting", () => {
    const sni = (host: string) => attributeFlow(flow('52.1.2.3', [{ host, source: 'tls-sni', frame: 4 }]), context);
    const services: [string, string][] = [
      ['mobileanalytics.us-east-1.amazonaws.com', 'amazon-pinpoint'],
      ['pinpoint.eu-central-1.amazonaws.com', 'amazon-pinpoint'],
      ['cognito-identity.eu-west-1.amazonaws.com', 'amazon-cognito'],
      ['cognito-idp.ap-southeast-2.amazonaws.com', 'amazon-cognito'],
      ['myapp-login.auth.eu-west-1.amazoncognito.com', 'amazon-cognito'],
      ['sns.us-west-2.amazonaws.com', 'amazon-sns'],
      ['transcribestreaming.us-east-1.amazonaws.com', 'aws-ai-services'],
      ['runtime.lex.eu-west-2.amazonaws.com', 'aws-ai-services'],
      ['westeurope-5.in.applicationinsights.azure.com', 'azure-application-insights'],
      ['dc.services.visualstudio.com', 'azure-application-insights'],
      ['in.appcenter.ms', 'app-center'],
      ['wns2-db5p.notify.windows.com', 'windows-push'],
      ['firebaseinstallations.googleapis.com', 'firebase'],
      ['app-measurement.com', 'google-analytics-for-firebase'],
    ];
    for (const [host, entityId] of services) {
      expect(sni(host), host).toMatchObject({ entityId, relation: 'recipient', method: 'host-name', confidence: 'high' });
    }
    const cognito = sni('cognito-identity.eu-west-1.amazonaws.com');
    expect(cognito.evidence).toContain('cognito-identity.*.amazonaws.com → Amazon Cognito (AWS) (entity catalog)');
    expect(cognito.evidence.join('\n')).toMatch(/under amazonaws\.com, where Amazon Web Services, Inc\. gives customers host names, but .* is a service Amazon Cognito \(AWS\) runs itself/);

    const tenants: [string, string][] = [
      ['my-app-assets.s3.amazonaws.com', 'aws'],
      ['user-uploads-prod.s3.eu-west-1.amazonaws.com', 'aws'],
      ['d3c3cq33003psk.cloudfront.net', 'aws'],
      ['ec2-54-210-12-34.compute-1.amazonaws.com', 'aws'],
      ['api-prod-1234567890.us-east-1.elb.amazonaws.com', 'aws'],
      ['a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com', 'aws'],
      ['mobileanalytics-export.s3.amazonaws.com', 'aws'],
      // Buckets named like a service, in the service's place in the name: still a customer's bucket.
      ['translate.s3.amazonaws.com', 'aws'],
      ['polly.s3-us-west-2.amazonaws.com', 'aws'],
      ['sns.s3.dualstack.us-east-1.amazonaws.com', 'aws'],
      ['cognito-identity.s3-website-us-east-1.amazonaws.com', 'aws'],
      ['contoso-api.azurewebsites.net', 'azure'],
      ['contoso-push.servicebus.windows.net', 'azure'],
      ['my-project.appspot.com', 'google-cloud'],
      ['my-project.firebasestorage.app', 'firebase'],
    ];
    for (const [host, entityId] of tenants) {
      const a = sni(host);
      expect(a, host).toMatchObject({ entityId, relation: 'hosting' });
      expect(a.evidence.join('\n'), host).toMatch(/customer host name .* the customer is not identified/);
    }
  });

  it('AWS address with no host name → hosted on AWS', () => {
    const a = attributeFlow(flow('52.1.2.3'), context);
    expect(a).toMatchObject({ entityId: 'aws', relation: 'hosting', method: 'network-owner', confidence: 'medium', host: null, domain: null });
    expect(a.network.country).toBe('US');
  });

  it("Agora's own network with no host name → Agora as recipient, medium", () => {
    const a = attributeFlow(flow('103.1.5.1', [], { protocol: 'udp', serverPort: 4001, encryption: 'unknown' }), context);
    expect(a).toMatchObject({ entityId: 'agora', organisation: 'Agora, Inc.', relation: 'recipient', method: 'network-owner', confidence: 'medium' });
  });

  it("Apple's network with no host name → Apple, but low confidence: iOS and macOS talk to Apple by themselves", () => {
    // An address of Apple's network, as in ndpi_android.pcap (three TLS flows caught mid-connection, with no name).
    const a = attributeFlow(flow('17.248.176.75'), context);
    expect(a).toMatchObject({ entityId: 'apple', relation: 'recipient', method: 'network-owner', confidence: 'low' });
    // The capture's device is not known here (that one is an Android phone): the evidence says "if", never that the device is Apple's.
    expect(a.evidence.at(-1)).toMatch(/^Apple Inc\.'s operating systems contact its network by themselves .*if the capture comes from one of its devices, this flow, which has no host name, may be the device's rather than the app's$/);
    // A name keeps its own strength: an Apple host the app asked for by name is Apple as usual.
    const named = attributeFlow(flow('17.248.176.75', [{ host: 'api.apple-cloudkit.com', source: 'tls-sni', frame: 4 }]), context);
    expect(named).toMatchObject({ entityId: 'apple', relation: 'recipient', confidence: 'high' });
  });

  it("an unknown host on Agora's network is still Agora (network owner)", () => {
    const a = attributeFlow(flow('103.1.5.1', [{ host: 'rtc.whitelabel-voice.com', source: 'tls-sni', frame: 5 }]), context);
    expect(a).toMatchObject({ entityId: 'agora', method: 'network-owner', relation: 'recipient', confidence: 'medium', domain: 'whitelabel-voice.com' });
  });

  it('an unknown host on a cloud is named by its domain', () => {
    const a = attributeFlow(flow('52.1.2.3', [{ host: 'collect.tracker-unknown.io', source: 'tls-sni', frame: 5 }]), context);
    expect(a).toMatchObject({ entityId: null, organisation: 'tracker-unknown.io', relation: 'recipient', method: 'host-name' });
  });

  it('an unknown network → its owner name, relation unknown, low', () => {
    const a = attributeFlow(flow('45.1.1.1'), context);
    expect(a).toMatchObject({ entityId: null, organisation: 'Example Hosting GmbH', relation: 'unknown', confidence: 'low', method: 'network-owner' });
    const polish = attributeFlow(flow('91.1.1.1'), context);
    expect(polish.entityId).toBeNull();
  });

  it('nothing known → unknown, method none', () => {
    const a = attributeFlow(flow('198.51.100.9'), context);
    expect(a).toMatchObject({ entityId: null, organisation: null, relation: 'unknown', method: 'none', confidence: 'low' });
    expect(a.evidence.join('\n')).toMatch(/documentation/);
  });

  it('ambiguous DNS answers lower confidence', () => {
    const a = attributeFlow(
      flow('52.1.2.3', [
        { host: 'api.mixpanel.com', source: 'dns-answer', frame: 2 },
        { host: 'api.amplitude.com', source: 'dns-answer', frame: 3 },
      ]),
      context,
    );
    expect(a).toMatchObject({ entityId: 'mixpanel', confidence: 'low' });
    expect(a.evidence.join('\n')).toMatch(/ambiguous/);
  });

  it('a host name of a pure cloud/CDN platform → hosting; a platform that also runs data services stays recipient', () => {
    const edge = attributeFlow(flow('52.1.2.3', [{ host: 'a248.e.akamai.net', source: 'tls-sni', frame: 4 }]), context);
    expect(edge).toMatchObject({ entityId: 'akamai', relation: 'hosting', confidence: 'high' });
    expect(edge.evidence.join('\n')).toMatch(/hosted on .*Akamai/);
    const analytics = attributeFlow(flow('52.1.2.3', [{ host: 'dc.oracleinfinity.io', source: 'tls-sni', frame: 4 }]), context);
    expect(analytics).toMatchObject({ entityId: 'oracle', relation: 'recipient' });
  });

  it('real-time ports and DTLS are evidence in the chain, never an attribution', () => {
    const agoraPort = attributeFlow(flow('103.1.5.1', [], { protocol: 'udp', serverPort: 4700, encryption: 'unknown' }), context);
    expect(agoraPort.entityId).toBe('agora');
    expect(agoraPort.evidence.at(-1)).toMatch(/^UDP port 4700 is in Agora, Inc\.'s documented .*docs\.agora\.io.*consistent with the attribution$/);

    const unknownNetwork = attributeFlow(flow('45.1.1.1', [], { protocol: 'udp', serverPort: 4800, encryption: 'unknown' }), context);
    expect(unknownNetwork).toMatchObject({ entityId: null, relation: 'unknown', confidence: 'low' });
    expect(unknownNetwork.evidence.at(-1)).toMatch(/a hint only/);

    const turn = attributeFlow(flow('52.1.2.3', [], { protocol: 'udp', serverPort: 3478, encryption: 'dtls', firstFrame: 7, lastFrame: 90 }), context);
    expect(turn).toMatchObject({ entityId: 'aws', relation: 'hosting' });
    expect(turn.evidence).toContain('DTLS records on this flow (frames 7–90): encrypted real-time media or data channel');
    expect(turn.evidence.some((line) => line.startsWith('UDP port 3478 is the registered STUN/TURN'))).toBe(true);

    const media = attributeFlow(flow('45.1.1.1', [], { protocol: 'udp', serverPort: 40000, encryption: 'unknown', realtime: [{ protocol: 'stun', frame: 5 }, { protocol: 'rtp', frame: 9 }] }), context);
    expect(media).toMatchObject({ relation: 'unknown', organisation: 'Example Hosting GmbH' });
    expect(media.evidence.filter((line) => /real-time media$/.test(line)).map((line) => line.match(/\(frame \d+\)/)?.[0])).toEqual(['(frame 5)', '(frame 9)']);

    const https = attributeFlow(flow('52.1.2.3', [], { serverPort: 443 }), context);
    expect(https.evidence.some((line) => /port 443/.test(line))).toBe(false);
  });

  it('works end to end with the real IP data', () => {
    const real = { ...context, network: lookupIpNetwork };
    const a = attributeFlow(flow('103.1.5.1', [], { protocol: 'udp' }), real);
    expect(a).toMatchObject({ entityId: 'agora', relation: 'recipient' });
    const g = attributeFlow(flow('8.8.8.8', [], { protocol: 'udp', serverPort: 53 }), real);
    expect(g).toMatchObject({ entityId: 'google', relation: 'hosting' });
  });
});

describe('attributeFlow on HAR and Zeek flows', () => {
  it('does not look up a server named by host name (a HAR without serverIPAddress), and counts HAR entries', () => {
    const looked: string[] = [];
    const har = flow('adadvisor.net', [{ host: 'adadvisor.net', source: 'har-url', frame: 140 }], { client: '0.0.0.0', clientPort: 0, serverPort: 80 });
    const a = attributeFlow(har, { ...context, network: (ip) => (looked.push(ip), network(ip)), captureFormat: 'har' });
    expect(looked).toEqual([]);
    expect(a.network).toEqual({ asn: null, asnOwner: null, country: null });
    expect(a.evidence).toEqual(['HAR request URL host "adadvisor.net" (HAR entry 140)', 'adadvisor.net is not in the entity catalog']);
  });

  it('looks up a HAR server address, and names Zeek log lines', () => {
    const withAddress = attributeFlow(flow('103.1.5.1', [{ host: 'api.agora.io', source: 'har-url', frame: 3 }]), { ...context, captureFormat: 'har' });
    expect(withAddress.evidence[2]).toMatch(/^103\.1\.5\.1 → AS56172 /);
    const zeek = attributeFlow(flow('45.1.1.1', [], { firstFrame: 9, lastFrame: 9 }), { ...context, captureFormat: 'zeek' });
    expect(zeek.evidence[0]).toBe('no host name seen for 45.1.1.1 (Zeek log line 9)');
  });
});
