/**
 * A value inside a TLS handshake record (a ClientHello's server name) is plaintext on the wire even on a TLS flow:
 * its hit is marked plaintext with context `tls-client-hello`, and the plaintext-identifier rule reports it and says
 * why an encrypted connection shows it (trial9 item 4: "bugsnag" in frame 168 of ndpi_pinterest.pcap).
 */
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { plaintextIdentifier } from '../../src/rules/plaintext-identifier.js';
import { attributedFlow, buildView, hitOn } from '../helpers/audit-view-builder.js';
import { buildTcpFrame, buildTlsClientHello, concatBytes, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { runCli } from '../helpers/run-cli.js';
import { capturePath, writeTempFile } from './support.js';

const ACK_PSH = TCP_FLAGS.ACK | TCP_FLAGS.PSH;

describe('identifiers in TLS handshake records', () => {
  it('are plaintext with context tls-client-hello; the same value in application data is not searched', async () => {
    const client = { src: '192.168.1.5', srcPort: 50000, dst: '93.184.216.34', dstPort: 443 };
    const hello = buildTlsClientHello('u48151623.push.example.com');
    // Application data (type 23) with the value in it: ciphertext, never searched.
    const appData = concatBytes(Uint8Array.of(23, 3, 3, 0, 30), encodeText('zzzz u48151623 zzzzzzzzzzzzzzzz'));
    const writer = new PcapWriter();
    writer.addFrame(1_700_000_000, buildTcpFrame({ ...client, flags: TCP_FLAGS.SYN, seq: 0 }));
    writer.addFrame(1_700_000_001, buildTcpFrame({ ...client, flags: ACK_PSH, seq: 1, payload: hello }));
    writer.addFrame(1_700_000_002, buildTcpFrame({ ...client, flags: ACK_PSH, seq: 1 + hello.length, payload: appData }));
    const summary = await summarizeCapture(writeTempFile('sni.pcap', writer.toBytes()), { identifiers: [{ label: 'user_id', value: 'u48151623' }] });
    expect(summary.identifierHits.map((h) => [h.frame, h.context, h.encrypted])).toEqual([[2, 'tls-client-hello', false]]);
  });

  it('ndpi_pinterest.pcap: "bugsnag" in the ClientHello of frame 168 is PLAINTEXT in TLS ClientHello', () => {
    const run = runCli(['inspect', capturePath('ndpi_pinterest.pcap'), '--identifier', 'uname=bugsnag']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('identifier uname (raw) frame 168 offset 136 PLAINTEXT in TLS ClientHello');
  });

  it('make a plaintext-identifier finding that says the value was in the handshake of an encrypted connection', () => {
    const flow = attributedFlow({ server: '34.120.195.249', attribution: { organisation: 'BugSnag', relation: 'recipient', host: 'sessions.bugsnag.com' } });
    const [finding] = plaintextIdentifier.check(buildView({ flows: [flow], hits: [{ ...hitOn(flow, 'user_id', 'u48151623'), context: 'tls-client-hello' }] }));
    expect(finding?.explanation).toContain('The connection is encrypted, but the value is in its TLS handshake (the ClientHello, with the server name)');
    expect(finding?.packetEvidence[0]?.detail).toContain('user_id 1× in TLS ClientHello');
  });
});
