import { describe, expect, it } from 'vitest';
import { unencryptedTransport } from '../../src/rules/unencrypted-transport.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

const httpFlow = () =>
  attributedFlow({
    server: '104.16.10.10',
    serverPort: 80,
    encryption: 'none',
    httpRequests: [{ frame: 77, method: 'GET', url: 'http://cdn.example-app.test/a.png', time: 1_700_000_123.5 }],
    attribution: { host: 'cdn.example-app.test', relation: 'first-party' },
  });

describe('unencrypted-transport', () => {
  it('flags plain HTTP when the policy claims encryption in transit', () => {
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'TLS' });
    const findings = unencryptedTransport.check(buildView({ claims: [claim], flows: [httpFlow()] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ subject: 'cdn.example-app.test', label: 'incorrect', confidence: 'high' });
    expect(findings[0]?.packetEvidence[0]).toMatchObject({ frames: [77], time: 1_700_000_123.5 });
  });

  it('names the log and line of requests joined from a Zeek http.log, and lists the conn record once', () => {
    // As joinZeekConnections leaves a conn record (line 2) with two requests from an http.log beside it.
    const joined = attributedFlow({
      server: '208.80.152.2',
      serverPort: 80,
      encryption: 'none',
      httpRequests: [
        { frame: 2, method: 'GET', url: 'http://meta.wikimedia.org/images/wikimedia-button.png', time: 1300475168.854378, origin: { file: 'http.log', line: 9 } },
        { frame: 2, method: 'GET', url: 'http://meta.wikimedia.org/images/poweredby_mediawiki_88x31.png', time: 1300475168.892913, origin: { file: 'http.log', line: 10 } },
      ],
      attribution: { host: 'meta.wikimedia.org' },
    });
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'TLS' });
    const [finding] = unencryptedTransport.check(buildView({ claims: [claim], flows: [joined] }));
    expect(finding?.packetEvidence[0]).toMatchObject({
      frames: [2],
      detail:
        'GET http://meta.wikimedia.org/images/wikimedia-button.png (http.log line 9); GET http://meta.wikimedia.org/images/poweredby_mediawiki_88x31.png (http.log line 10)',
    });
  });

  it('says nothing without an encryption claim, or when the claim is only about storage', () => {
    expect(unencryptedTransport.check(buildView({ flows: [httpFlow()] }))).toEqual([]);
    const atRest = storedClaim({ kind: 'encryption', scope: 'at-rest', technologies: ['AES'], hedges: [], trigger: 'encrypted at rest' });
    expect(unencryptedTransport.check(buildView({ claims: [atRest], flows: [httpFlow()] }))).toEqual([]);
  });

  it('says nothing when the only transit claim is about one kind of data, however the protection is named', () => {
    for (const quote of ['Passwords are transmitted over HTTPS.', 'We use SSL to protect payment information.']) {
      const scoped = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['SSL'], hedges: [], trigger: 'SSL', quote });
      expect(unencryptedTransport.check(buildView({ claims: [scoped], flows: [httpFlow()] })), quote).toEqual([]);
    }
  });

  it('does not flag TLS flows', () => {
    const claim = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'TLS' });
    const tls = attributedFlow({ server: '1.2.3.4', attribution: { host: 'api.example-app.test' } });
    expect(unencryptedTransport.check(buildView({ claims: [claim], flows: [tls] }))).toEqual([]);
  });

  it('compares a claim about the service\'s own servers only with first-party hosts (CareNow trial, P1-4)', () => {
    const quote = 'We use HTTPS for all communication between the app and our servers.';
    const ours = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['HTTPS'], hedges: [], trigger: 'HTTPS', quote });
    const tracker = attributedFlow({
      server: '142.250.1.1',
      serverPort: 80,
      encryption: 'none',
      httpRequests: [{ frame: 5, method: 'GET', url: 'http://cm.g.doubleclick.net/pixel', time: 1_700_000_001 }],
      attribution: { host: 'cm.g.doubleclick.net', organisation: 'Google LLC', relation: 'recipient' },
    });
    const findings = unencryptedTransport.check(buildView({ claims: [ours], flows: [httpFlow(), tracker] }));
    expect(findings.map((f) => f.subject)).toEqual(['cdn.example-app.test']);
    expect(findings[0]?.policyEvidence.map((p) => p.quote)).toEqual([quote]);
  });

  it('still compares an unscoped claim with third-party hosts, quoting only the claims that cover them', () => {
    const ours = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'TLS', quote: 'Data you send to us is protected with TLS.' });
    const all = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: [], hedges: [], trigger: 'encrypted', quote: 'All data is encrypted in transit.' });
    const tracker = attributedFlow({
      server: '157.240.1.1',
      serverPort: 80,
      encryption: 'none',
      httpRequests: [{ frame: 9, method: 'GET', url: 'http://connect.facebook.net/en_US/fbevents.js', time: 1_700_000_002 }],
      attribution: { host: 'connect.facebook.net', organisation: 'Meta Platforms, Inc.', relation: 'recipient' },
    });
    const [finding, ...rest] = unencryptedTransport.check(buildView({ claims: [ours, all], flows: [tracker] }));
    expect(rest).toEqual([]);
    expect(finding?.policyEvidence.map((p) => p.quote)).toEqual(['All data is encrypted in transit.']);
    expect(finding?.explanation).toContain('All data is encrypted in transit');
  });

  it('does not compare end-to-end claims: they protect what users send each other, which a request to a server does not show (WhatsApp)', () => {
    for (const quote of [
      'Learn more about end-to-end encryption and how businesses communicate with you on WhatsApp.',
      'For making, receiving, joining or leaving voice and video calls, we: * establish an end-to-end encrypted connection for audio/video information between you and the other participants.',
    ]) {
      const claim = storedClaim({ kind: 'encryption', scope: 'end-to-end', technologies: [], hedges: [], trigger: 'end-to-end', quote });
      expect(unencryptedTransport.check(buildView({ claims: [claim], flows: [httpFlow()] })), quote).toEqual([]);
    }
  });

  describe('a claim about the service\'s own servers and the recipients it names (trial7b item 14)', () => {
    const quote = 'Communications with our servers and with our service providers are encrypted in transit.';
    const claim = () => storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: [], hedges: [], trigger: 'encrypted in transit', quote });
    const plain = (host: string, attribution: Parameters<typeof attributedFlow>[0]['attribution']) =>
      attributedFlow({
        server: '52.84.63.56',
        serverPort: 80,
        encryption: 'none',
        httpRequests: [{ frame: 3, method: 'GET', url: `http://${host}/a.png`, time: 1_700_000_003 }],
        attribution: { host, relation: 'recipient', ...attribution },
      });

    it('covers a processor the catalog knows as a service provider, with high confidence, and says why it is compared', () => {
      const agora = plain('api.agora.io', { entityId: 'agora', organisation: 'Agora' });
      const [finding, ...rest] = unencryptedTransport.check(buildView({ claims: [claim()], flows: [agora] }));
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ subject: 'api.agora.io', label: 'incorrect', confidence: 'high' });
      expect(finding?.explanation).toContain('That sentence names the service\u2019s own servers and \u201cour service providers\u201d as the ends it protects');
      expect(finding?.explanation).not.toContain('cannot confirm');
    });

    it('covers a cloud or CDN network the traffic runs on: it serves the app', () => {
      const cdn = plain('d1.cloudfront.net', { entityId: 'aws', organisation: 'Amazon Web Services', relation: 'hosting' });
      expect(unencryptedTransport.check(buildView({ claims: [claim()], flows: [cdn] })).map((f) => f.subject)).toEqual(['d1.cloudfront.net']);
    });

    it('covers a company the catalog does not know only as a possible provider: medium confidence, and the explanation says so', () => {
      const unknown = plain('ecx.images-amazon.com', { organisation: 'images-amazon.com', domain: 'images-amazon.com' });
      const [finding] = unencryptedTransport.check(buildView({ claims: [claim()], flows: [unknown] }));
      expect(finding).toMatchObject({ subject: 'ecx.images-amazon.com', confidence: 'medium' });
      expect(finding?.explanation).toContain('cannot confirm that it is one');
    });

    it('does not cover an advertiser: it is not a service provider the sentence names', () => {
      const ads = plain('ads.bytedance.com', { entityId: 'bytedance', organisation: 'ByteDance Ltd.' });
      expect(unencryptedTransport.check(buildView({ claims: [claim()], flows: [ads] }))).toEqual([]);
    });

    it('still covers first-party hosts, and "our servers" alone still covers only them', () => {
      const ours = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: [], hedges: [], trigger: 'encrypted', quote: 'Communications with our servers are encrypted in transit.' });
      const agora = plain('api.agora.io', { entityId: 'agora', organisation: 'Agora' });
      expect(unencryptedTransport.check(buildView({ claims: [claim()], flows: [httpFlow()] })).map((f) => f.subject)).toEqual(['cdn.example-app.test']);
      expect(unencryptedTransport.check(buildView({ claims: [ours], flows: [httpFlow(), agora] })).map((f) => f.subject)).toEqual(['cdn.example-app.test']);
    });

    it('a claim that covers every server leads, and a recipient claim the catalog cannot confirm does not raise confidence', () => {
      const general = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: [], hedges: [], trigger: 'encrypted', quote: 'All network traffic from the app is encrypted.' });
      const unknown = plain('ecx.images-amazon.com', { organisation: 'images-amazon.com', domain: 'images-amazon.com' });
      const [finding] = unencryptedTransport.check(buildView({ claims: [claim(), general], flows: [unknown] }));
      expect(finding).toMatchObject({ confidence: 'medium', title: 'Plain HTTP to ecx.images-amazon.com despite a general encryption claim' });
      expect(finding?.policyEvidence.map((p) => p.quote)).toEqual(['All network traffic from the app is encrypted.', quote]);
      expect(finding?.explanation).not.toContain('compared as one of');
    });

    describe('a claim that names only recipients ("Data we share with service providers is encrypted in transit", place8 "Left alone")', () => {
      const shared = () =>
        storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: [], hedges: [], trigger: 'encrypted in transit', quote: 'Data we share with service providers is encrypted in transit.' });

      it('covers those recipients only, and says the sentence is about data sent to them', () => {
        const agora = plain('api.agora.io', { entityId: 'agora', organisation: 'Agora' });
        const ads = plain('ads.bytedance.com', { entityId: 'bytedance', organisation: 'ByteDance Ltd.' });
        const findings = unencryptedTransport.check(buildView({ claims: [shared()], flows: [agora, ads] }));
        expect(findings.map((f) => [f.subject, f.confidence])).toEqual([['api.agora.io', 'high']]);
        expect(findings[0]?.explanation).toContain('That sentence is about data sent to \u201cservice providers\u201d, so this server is compared as one of \u201cservice providers\u201d');
        expect(findings[0]?.explanation).not.toContain('own servers');
      });

      it('does not cover the app\u2019s own servers: their traffic is not data shared with anyone', () => {
        expect(unencryptedTransport.check(buildView({ claims: [shared()], flows: [httpFlow()] }))).toEqual([]);
      });

      it('a company the catalog does not know is compared with medium confidence', () => {
        const unknown = plain('ecx.images-amazon.com', { organisation: 'images-amazon.com', domain: 'images-amazon.com' });
        const [finding] = unencryptedTransport.check(buildView({ claims: [shared()], flows: [unknown] }));
        expect(finding).toMatchObject({ confidence: 'medium' });
        expect(finding?.explanation).toContain('cannot confirm that it is one');
      });
    });

    it('covers every third party when the sentence names third parties as an end', () => {
      const thirdParties = storedClaim({ kind: 'encryption', scope: 'in-transit', technologies: ['TLS'], hedges: [], trigger: 'TLS', quote: 'Data sent to us and to third parties is protected with TLS.' });
      const ads = plain('ads.bytedance.com', { entityId: 'bytedance', organisation: 'ByteDance Ltd.' });
      const [finding] = unencryptedTransport.check(buildView({ claims: [thirdParties], flows: [ads] }));
      expect(finding).toMatchObject({ subject: 'ads.bytedance.com', confidence: 'high' });
    });
  });

  it('makes a low finding without a label for encryption named only among safeguards, and none for a transfer safeguard (trial9 item 3)', () => {
    const quote = 'These include pseudonymization, encryption, access, and retention policies.';
    const mention = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: [], hedges: [], trigger: 'encryption', quote, safeguard: 'general' });
    const [finding, ...rest] = unencryptedTransport.check(buildView({ claims: [mention], flows: [httpFlow()] }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'low', label: null, title: 'Plain HTTP to cdn.example-app.test; the policy mentions encryption only among its safeguards' });
    expect(finding?.explanation).toContain('does not say the policy is contradicted');
    const transfers = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: [], hedges: [], trigger: 'encryption', quote: 'technical protections, such as encryption and pseudonymization', safeguard: 'transfers' });
    expect(unencryptedTransport.check(buildView({ claims: [transfers], flows: [httpFlow()] }))).toEqual([]);
  });
});
