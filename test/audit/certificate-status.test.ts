/**
 * Review 9 item 4: the operating system's certificate-status requests (OCSP, CRL) are plain HTTP by design and carry
 * certificate serial numbers; a capture of an iPhone or a Mac holds them whatever the app. They had become "Plain HTTP
 * despite an encryption claim" (`incorrect`), "Apple receives data" and a country finding against the app.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { addTcpExchange, auditSyntheticCapture } from '../helpers/audit-synthetic-capture.js';
import { PcapWriter, buildHttpRequest, concatBytes, encodeText } from '../helpers/pcap-writer.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const SLOW = 120_000;
const POLICY = '# Privacy\n\n## Security\n\nWe use industry-standard encryption to protect your information.\n\n## Where data goes\n\nYour data is stored on servers in Germany.\n';
const addExchange = (writer: PcapWriter, time: number, server: string, clientPort: number, request: Uint8Array): void => addTcpExchange(writer, time, server, 80, clientPort, request);

/** A DER OCSPRequest (one SHA-1 CertID), as iOS posts it. */
const OCSP_REQUEST = Uint8Array.from(Buffer.concat([Buffer.from('3051304f304d304b3049300906052b0e03021a05000414', 'hex'), Buffer.alloc(20, 0x11), Buffer.from('0414', 'hex'), Buffer.alloc(20, 0x22), Buffer.from('0210', 'hex'), Buffer.alloc(16, 0x33)]));

async function auditCapture(): Promise<AuditResult> {
  const writer = new PcapWriter();
  const post = concatBytes(encodeText(`POST / HTTP/1.1\r\nHost: ocsp.apple.com\r\nContent-Type: application/ocsp-request\r\nContent-Length: ${OCSP_REQUEST.length}\r\n\r\n`), OCSP_REQUEST);
  addExchange(writer, 1_700_000_000, '17.253.37.203', 41100, post);
  const getPath = '/MFEwTzBNMEswSTAJBgUrDgMCGgUABBSAUQYBMq2awn1Rh6Doh%2FsBYgFV7gQUA95QNVbRTLtm8KPiGxvDl7I90VUCEAJ0LqoXyo4hxxe7H%2Fz9DKA%3D';
  addExchange(writer, 1_700_000_001, '192.229.211.108', 41101, buildHttpRequest({ host: 'ocsp.digicert.com', path: getPath }));
  // An authority missing from the list, recognised by its request alone.
  addExchange(writer, 1_700_000_002, '88.198.10.10', 41102, buildHttpRequest({ host: 'status.unlisted-ca.example', method: 'POST', headers: { 'Content-Type': 'application/ocsp-request' }, body: 'x' }));
  // The app's own plain HTTP to a tracker stays a finding.
  addExchange(writer, 1_700_000_003, '88.198.10.11', 41103, buildHttpRequest({ host: 'collect.tracker-example.net', path: '/t?e=open' }));
  return auditSyntheticCapture(tempDir(), POLICY, writer.toBytes());
}

describe('certificate-status requests of the TLS stack (review 9 item 4)', () => {
  it('make no plain-HTTP, recipient or country finding, and are listed as device background', async () => {
    const audit = await auditCapture();
    const hosts = audit.findings.flatMap((f) => f.packetEvidence.map((e) => e.host));
    for (const host of ['ocsp.apple.com', 'ocsp.digicert.com', 'status.unlisted-ca.example']) expect(hosts).not.toContain(host);
    expect(audit.findings.filter((f) => f.ruleId === 'undisclosed-recipient' && /Apple|DigiCert|digicert/i.test(f.title))).toEqual([]);
    const background = audit.recipients.filter((r) => r.relation === 'device-background').flatMap((r) => r.hosts);
    expect(background).toEqual(expect.arrayContaining(['ocsp.apple.com', 'ocsp.digicert.com', 'status.unlisted-ca.example']));
    // The control: the app's own plain HTTP is still compared with the encryption claim.
    expect(audit.findings.some((f) => f.ruleId === 'unencrypted-transport' && f.subject === 'collect.tracker-example.net')).toBe(true);
  }, SLOW);
});
