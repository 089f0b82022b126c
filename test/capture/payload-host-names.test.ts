import { describe, expect, it } from 'vitest';
import { findPayloadHostNames } from '../../src/capture/find-payload-host-names.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildTcpFrame, buildTlsClientHello, buildUdpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { createSeededRandom } from '../helpers/seeded-random.js';
import { writeTempFile } from './support.js';

describe('host names in undecoded payloads', () => {
  it('finds lower-case names under real public suffixes, with binary around them', () => {
    const payload = new Uint8Array([0x80, 0x01, ...encodeText('JOIN\u0000rtc-sg.agora.io\u0000edge.voiceinfra.co.uk.\u0001sdk.example.invalid'), 0xff]);
    expect(findPayloadHostNames(payload)).toEqual(['rtc-sg.agora.io', 'edge.voiceinfra.co.uk']);
  });

  it('refuses shapes that are not host names', () => {
    for (const text of ['version 1.2.3.4', '10.0.0.1', 'x.io', 'ab.com', 'file.tar.gz1', '-bad-.example.com', 'readme.txt', 'UPPER.EXAMPLE.COM']) {
      expect(findPayloadHostNames(encodeText(` ${text} `)), text).toEqual([]);
    }
  });

  it('finds next to nothing in random bytes', () => {
    const random = createSeededRandom(4242);
    let names = 0;
    for (let i = 0; i < 64; i++) names += findPayloadHostNames(random.bytes(16384)).length;
    expect(names).toBeLessThanOrEqual(1);
  });

  it('credits names in proprietary UDP to that flow as payload-string evidence, and ignores TLS streams', async () => {
    const writer = new PcapWriter();
    const voice = { src: '10.3.0.2', dst: '203.0.113.30', srcPort: 50000, dstPort: 3478 };
    writer.addFrame(1, buildUdpFrame({ ...voice, payload: encodeText('\u0001\u0002HELLO edge7.voiceinfra.io uid=77') }));
    const tls = { src: '10.3.0.2', dst: '203.0.113.40', srcPort: 50001, dstPort: 443 };
    writer.addFrame(2, buildTcpFrame({ ...tls, flags: TCP_FLAGS.ACK, seq: 1, payload: buildTlsClientHello('tls.example.com') }));
    // A certificate continuation from the server, whose first segment was not captured: names in it are not peers.
    writer.addFrame(3, buildTcpFrame({ src: tls.dst, dst: tls.src, srcPort: 443, dstPort: 50001, flags: TCP_FLAGS.ACK, seq: 9000, payload: encodeText('\u0030\u0082 ocsp.certs-example.com crl.certs-example.com') }));
    const summary = await summarizeCapture(writeTempFile('names.pcap', writer.toBytes()));
    const byServer = new Map(summary.flows.map((f) => [f.server, f.hostNames.map((h) => [h.source, h.host, h.frame])]));
    expect(byServer.get('203.0.113.30')).toEqual([['payload-string', 'edge7.voiceinfra.io', 1]]);
    expect(byServer.get('203.0.113.40')).toEqual([['tls-sni', 'tls.example.com', 2]]);
  });

  it('keeps only names the client wrote: a server’s answer listing URLs is content, not the peer (review 9 item 18)', async () => {
    const writer = new PcapWriter();
    const c = { src: '10.3.0.2', dst: '104.244.42.1', srcPort: 50010, dstPort: 9000 };
    const s = { src: c.dst, dst: c.src, srcPort: 9000, dstPort: 50010 };
    writer.addFrame(1, buildTcpFrame({ ...c, flags: TCP_FLAGS.SYN, seq: 100 }));
    writer.addFrame(2, buildTcpFrame({ ...s, flags: TCP_FLAGS.SYN | TCP_FLAGS.ACK, seq: 700, ack: 101 }));
    const hello = encodeText('\u0001CFG edge3.voiceinfra.io');
    writer.addFrame(3, buildTcpFrame({ ...c, flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH, seq: 101, ack: 701, payload: hello }));
    const config = encodeText('\u0002{"endpoints":["https://graph.facebook.com/x","https://app-measurement.com/x"]}');
    writer.addFrame(4, buildTcpFrame({ ...s, flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH, seq: 701, ack: 101 + hello.length, payload: config }));
    const summary = await summarizeCapture(writeTempFile('config.pcap', writer.toBytes()));
    const flow = summary.flows.find((f) => f.server === '104.244.42.1');
    expect(flow?.hostNames.map((h) => [h.source, h.host, h.frame])).toEqual([['payload-string', 'edge3.voiceinfra.io', 3]]);
  });
});
