import { describe, expect, it } from 'vitest';
import { decodeDnsAnswers } from '../../src/capture/decode-dns.js';
import { decodeIpv4, decodeIpv6 } from '../../src/capture/decode-ip.js';
import { formatIpv6, normalizeIpAddress } from '../../src/capture/format-ip-address.js';
import { parseHttpRequest } from '../../src/capture/parse-http-request.js';
import { scanTlsClientHello } from '../../src/capture/parse-tls-client-hello.js';
import {
  buildDnsResponse,
  buildHttpRequest,
  buildIpv4Packet,
  buildIpv6Packet,
  buildTcpFrame,
  buildTlsClientHello,
  buildUdpFrame,
  encodeText,
  parseIpv6,
  PcapWriter,
  TCP_FLAGS,
} from '../helpers/pcap-writer.js';
import { collectObservations, ofKind } from './support.js';

describe('IP decoding', () => {
  it('decodes IPv4 and trims Ethernet padding by total length', () => {
    const packet = buildIpv4Packet({ src: '192.0.2.1', dst: '198.51.100.2', protocol: 17, payload: new Uint8Array(8) });
    const padded = new Uint8Array(packet.length + 10);
    padded.set(packet);
    const ip = decodeIpv4(padded, 0);
    expect(ip).toMatchObject({ src: '192.0.2.1', dst: '198.51.100.2', protocol: 17, payloadStart: 20, payloadEnd: 28, laterFragment: false });
  });

  it('marks IPv4 fragments', () => {
    const first = decodeIpv4(buildIpv4Packet({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17, payload: new Uint8Array(16), moreFragments: true }), 0);
    const later = decodeIpv4(buildIpv4Packet({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17, payload: new Uint8Array(16), fragmentOffset: 2 }), 0);
    expect(first).toMatchObject({ firstFragment: true, laterFragment: false });
    expect(later).toMatchObject({ firstFragment: false, laterFragment: true });
  });

  it('rejects impossible IPv4 headers with a message', () => {
    expect(decodeIpv4(Uint8Array.of(0x45, 0, 0), 0)).toMatch(/truncated/);
    expect(decodeIpv4(Uint8Array.of(0x43, ...new Array<number>(30).fill(0)), 0)).toMatch(/too small/);
  });

  it('steps over IPv6 extension headers', () => {
    const packet = buildIpv6Packet({
      src: '2001:db8::1',
      dst: 'fe80::1',
      nextHeader: 6,
      payload: new Uint8Array(20),
      extensionHeaders: [{ type: 0 }, { type: 60, data: new Uint8Array(14) }],
    });
    const ip = decodeIpv6(packet, 0);
    expect(ip).toMatchObject({ protocol: 6, payloadStart: 40 + 8 + 16, src: '2001:db8::1', dst: 'fe80::1' });
  });

  it('formats IPv6 per RFC 5952', () => {
    expect(formatIpv6(parseIpv6('2001:db8:0:0:1:0:0:1'), 0)).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6(parseIpv6('2001:db8:0:1:1:1:1:1'), 0)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(parseIpv6('::ffff:c000:0201'), 0)).toBe('::ffff:192.0.2.1');
    expect(normalizeIpAddress('[2001:DB8::0001]')).toBe('2001:db8::1');
    expect(normalizeIpAddress('not an ip')).toBeNull();
  });
});

describe('DNS decoding', () => {
  it('decodes A, AAAA and CNAME answers with name compression', () => {
    const message = buildDnsResponse({
      id: 1,
      question: 'WWW.Example.com',
      answers: [
        { name: 'www.example.com', type: 'CNAME', value: 'edge.example.net', ttl: 30 },
        { name: 'edge.example.net', type: 'A', value: '93.184.216.34', ttl: 60 },
        { name: 'edge.example.net', type: 'AAAA', value: '2606:2800:220:1::248', ttl: 60 },
      ],
    });
    expect(decodeDnsAnswers(message)).toEqual([
      { name: 'www.example.com', type: 'CNAME', value: 'edge.example.net', ttl: 30 },
      { name: 'edge.example.net', type: 'A', value: '93.184.216.34', ttl: 60 },
      { name: 'edge.example.net', type: 'AAAA', value: '2606:2800:220:1::248', ttl: 60 },
    ]);
  });

  it('refuses compression loops and truncated messages instead of hanging or throwing', () => {
    const message = buildDnsResponse({ id: 1, question: 'a.example', answers: [{ name: 'a.example', type: 'A', value: '1.2.3.4', ttl: 1 }] });
    const looped = message.slice();
    // Point the answer's owner name at itself.
    const ownerAt = 12 + 'a.example'.length + 2 + 4;
    looped[ownerAt] = 0xc0;
    looped[ownerAt + 1] = ownerAt;
    expect(decodeDnsAnswers(looped)).toMatch(/loop/);
    for (let cut = 0; cut < message.length; cut++) {
      const result = decodeDnsAnswers(message.subarray(0, cut));
      expect(typeof result === 'string' || Array.isArray(result)).toBe(true);
    }
  });

  it('ignores queries', () => {
    const query = buildDnsResponse({ id: 1, question: 'a.example', answers: [] }).slice();
    query[2] = 0x01;
    expect(decodeDnsAnswers(query)).toEqual([]);
  });
});

describe('TLS ClientHello', () => {
  it('extracts the SNI from one record', () => {
    expect(scanTlsClientHello(buildTlsClientHello('Api.Example.COM'))).toEqual({ status: 'complete', sni: 'api.example.com' });
  });

  it('reports an incomplete hello until all bytes are there', () => {
    const hello = buildTlsClientHello('split.example', { paddingLength: 3000 });
    expect(scanTlsClientHello(hello.subarray(0, 1400))).toMatchObject({ status: 'incomplete' });
    expect(scanTlsClientHello(hello)).toEqual({ status: 'complete', sni: 'split.example' });
  });

  it('is not fooled by other records', () => {
    expect(scanTlsClientHello(Uint8Array.of(23, 3, 3, 0, 5, 1, 2, 3, 4, 5))).toEqual({ status: 'not-client-hello' });
    expect(scanTlsClientHello(encodeText('GET / HTTP/1.1\r\n'))).toEqual({ status: 'not-client-hello' });
  });
});

describe('HTTP request parsing', () => {
  it('reads the request line, Host and headers', () => {
    const head = parseHttpRequest(buildHttpRequest({ method: 'POST', host: 'Track.Example:8080', path: '/c?id=7', headers: { Cookie: 'a=b' }, body: 'x=1' }));
    expect(head).toMatchObject({ method: 'POST', target: '/c?id=7', host: 'track.example:8080' });
    expect(head?.headersText).toContain('Cookie: a=b');
  });

  it('rejects payloads that are not requests', () => {
    expect(parseHttpRequest(encodeText('HTTP/1.1 200 OK\r\n\r\n'))).toBeNull();
    expect(parseHttpRequest(encodeText('GETX / HTTP/1.1\r\n'))).toBeNull();
    expect(parseHttpRequest(encodeText('GET /no-version\r\n'))).toBeNull();
  });
});

describe('frame observer', () => {
  const client = { src: '10.0.0.5', dst: '203.0.113.7' };

  it('emits DNS answers, TLS SNI and HTTP requests with endpoints', async () => {
    const writer = new PcapWriter();
    writer.addFrame(1, buildUdpFrame({ src: '10.0.0.1', dst: '10.0.0.5', srcPort: 53, dstPort: 33333, payload: buildDnsResponse({ id: 9, question: 'cdn.example', answers: [{ name: 'cdn.example', type: 'A', value: '203.0.113.7', ttl: 5 }] }) }));
    writer.addFrame(2, buildTcpFrame({ ...client, srcPort: 50000, dstPort: 443, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 1, payload: buildTlsClientHello('cdn.example') }));
    writer.addFrame(3, buildTcpFrame({ ...client, srcPort: 50001, dstPort: 80, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 1, payload: buildHttpRequest({ host: 'cdn.example', path: '/a.js' }) }));
    const { observations } = await collectObservations(writer.toBytes(), 'pcap');
    expect(ofKind(observations, 'dns-answer')).toEqual([{ kind: 'dns-answer', frame: 1, time: 1, name: 'cdn.example', type: 'A', value: '203.0.113.7', ttl: 5 }]);
    expect(ofKind(observations, 'host').map((h) => [h.frame, h.source, h.host, h.client, h.server, h.serverPort])).toEqual([
      [2, 'tls-sni', 'cdn.example', '10.0.0.5', '203.0.113.7', 443],
      [3, 'http-host', 'cdn.example', '10.0.0.5', '203.0.113.7', 80],
    ]);
    expect(ofKind(observations, 'http-request')[0]).toMatchObject({ method: 'GET', url: 'http://cdn.example/a.js', encrypted: false });
  });

  it('reassembles a ClientHello split over segments and ignores retransmissions', async () => {
    const hello = buildTlsClientHello('big.example', { paddingLength: 2500 });
    const writer = new PcapWriter();
    const seg = (seq: number, payload: Uint8Array) => buildTcpFrame({ ...client, srcPort: 50000, dstPort: 443, flags: TCP_FLAGS.ACK, seq, payload });
    writer.addFrame(1, seg(1000, hello.subarray(0, 1200)));
    writer.addFrame(2, seg(1000, hello.subarray(0, 1200)));
    writer.addFrame(3, seg(2200, hello.subarray(1200, 2400)));
    writer.addFrame(4, seg(3400, hello.subarray(2400)));
    writer.addFrame(5, seg(3400, hello.subarray(2400)));
    const hosts = ofKind((await collectObservations(writer.toBytes(), 'pcap')).observations, 'host');
    expect(hosts.map((h) => [h.frame, h.host])).toEqual([[4, 'big.example']]);
  });

  it('counts a fragment whose datagram never completes, without decoding it', async () => {
    const writer = new PcapWriter();
    const later = buildIpv4Packet({ src: '1.1.1.1', dst: '2.2.2.2', protocol: 17, payload: new Uint8Array(40), fragmentOffset: 185 });
    const ether = Uint8Array.of(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00);
    const frame = new Uint8Array(ether.length + later.length);
    frame.set(ether);
    frame.set(later, ether.length);
    writer.addFrame(1, frame);
    const { observations, stats } = await collectObservations(writer.toBytes(), 'pcap');
    expect(stats.frames).toBe(1);
    expect(ofKind(observations, 'packet')).toHaveLength(0);
    expect(ofKind(observations, 'warning')[0]?.message).toMatch(/1 fragmented IP datagrams never completed \(of 1 fragments seen\)/);
  });
});
