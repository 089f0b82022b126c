import { describe, expect, it } from 'vitest';
import { attributeFlow } from '../../src/enrich/attribute-flow.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import type { FlowHostName, FlowSummary } from '../../src/model/capture-summary.js';
import type { IpNetworkInfo } from '../../src/model/entity.js';

function plainHttp(server: string, host: string, requests: FlowSummary['httpRequests']): FlowSummary {
  const hostNames: FlowHostName[] = [{ host, source: 'http-host', frame: 3 }];
  return {
    protocol: 'tcp', client: '192.168.1.10', clientPort: 50000, server, serverPort: 80, packets: 6, bytes: 900, payloadBytes: 400,
    firstTime: 0, lastTime: 1, firstFrame: 1, lastFrame: 6, sampleFrames: [1, 2, 3], hostNames, encryption: 'none', httpRequests: requests,
  };
}

const network = (): IpNetworkInfo => ({ asn: 64500, asnOwner: 'Example Hosting GmbH', country: 'DE' });
const context = { catalog: EntityCatalog.loadDefault(), network, firstPartyDomains: ['myapp.com'] };
/** The GET form of a real OCSP request (RFC 6960 A.1): URL-encoded base64 of a DER OCSPRequest with a SHA-1 CertID. */
const OCSP_GET_PATH = '/MFEwTzBNMEswSTAJBgUrDgMCGgUABBSAUQYBMq2awn1Rh6Doh%2FsBYgFV7gQUA95QNVbRTLtm8KPiGxvDl7I90VUCEAJ0LqoXyo4hxxe7H%2Fz9DKA%3D';

describe('certificate-status traffic (OCSP, CRL) is the TLS stack’s, not a recipient', () => {
  it('a listed OCSP host is device background, saying what it is', () => {
    const a = attributeFlow(plainHttp('17.253.37.203', 'ocsp.apple.com', [{ frame: 3, method: 'POST', url: 'http://ocsp.apple.com/', contentType: 'application/ocsp-request' }]), context);
    expect(a.relation).toBe('device-background');
    expect(a.evidence.at(-1)).toMatch(/^ocsp\.apple\.com: certificate status check \(OCSP, RFC 6960\).*made by the TLS stack/);
  });

  it('an authority not in the list is recognised by the request: an OCSP POST body, an OCSP GET path, a .crl download', () => {
    const post = plainHttp('45.1.1.1', 'status.unlisted-ca.example', [{ frame: 3, method: 'POST', url: 'http://status.unlisted-ca.example/', contentType: 'application/ocsp-request' }]);
    expect(attributeFlow(post, context).relation).toBe('device-background');
    const get = plainHttp('45.1.1.1', 'status.unlisted-ca.example', [{ frame: 3, method: 'GET', url: `http://status.unlisted-ca.example${OCSP_GET_PATH}` }]);
    expect(attributeFlow(get, context).relation).toBe('device-background');
    const crl = plainHttp('45.1.1.1', 'lists.unlisted-ca.example', [{ frame: 3, method: 'GET', url: 'http://lists.unlisted-ca.example/ca1/latest.crl' }]);
    const attributed = attributeFlow(crl, context);
    expect(attributed.relation).toBe('device-background');
    expect(attributed.evidence.at(-1)).toContain('certificate revocation list download (CRL, RFC 5280)');
  });

  it('other requests stay the app’s: a base64 token that is not an OCSP request, a JSON POST, a flow mixing both', () => {
    const token = plainHttp('45.1.1.1', 'api.tracker.example', [{ frame: 3, method: 'GET', url: `http://api.tracker.example/${Buffer.from('{"uid":"8f3a0c91d2","session":"0123456789abcdef"}').toString('base64')}` }]);
    expect(attributeFlow(token, context).relation).toBe('recipient');
    const json = plainHttp('45.1.1.1', 'api.tracker.example', [{ frame: 3, method: 'POST', url: 'http://api.tracker.example/', contentType: 'application/json' }]);
    expect(attributeFlow(json, context).relation).toBe('recipient');
    const mixed = plainHttp('45.1.1.1', 'api.tracker.example', [
      { frame: 3, method: 'GET', url: `http://api.tracker.example${OCSP_GET_PATH}` },
      { frame: 9, method: 'POST', url: 'http://api.tracker.example/collect', contentType: 'application/json' },
    ]);
    expect(attributeFlow(mixed, context).relation).toBe('recipient');
  });
});
