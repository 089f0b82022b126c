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
});
