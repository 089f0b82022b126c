import { describe, expect, it } from 'vitest';
import { buildDnsResponse, buildHttpRequest, buildTcpFrame, buildTlsClientHello, concatBytes, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { collectObservations, ofKind } from './support.js';

const up = { src: '10.2.0.2', dst: '10.2.0.9', srcPort: 41000, dstPort: 80 };

/** Writes `pieces` as consecutive segments of one client→server direction starting at `seq`. */
function segments(pieces: Uint8Array[], seq: number, ends: { src: string; dst: string; srcPort: number; dstPort: number } = up): Uint8Array[] {
  let at = seq;
  return pieces.map((payload) => {
    const frame = buildTcpFrame({ ...ends, flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH, seq: at, payload });
    at += payload.length;
    return frame;
  });
}

async function observe(frames: Uint8Array[]) {
  const writer = new PcapWriter();
  frames.forEach((frame, i) => writer.addFrame(10 + i, frame));
  return (await collectObservations(writer.toBytes(), 'pcap', 97)).observations;
}

function split(bytes: Uint8Array, ...cuts: number[]): Uint8Array[] {
  const bounds = [0, ...cuts, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.subarray(bounds[i], end));
}

describe('TCP reassembly of request heads, ClientHellos and DNS messages', () => {
  const request = buildHttpRequest({ host: 'split.example', path: '/collect?x=1', headers: { 'User-Agent': 'a'.repeat(300) } });
  const hostAt = new TextDecoder().decode(request).indexOf('Host:');

  it('reads an HTTP request whose Host header arrives in a later segment, once, on the frame that ends the head', async () => {
    const observations = await observe(segments(split(request, 10, hostAt + 3, hostAt + 40), 500));
    const requests = ofKind(observations, 'http-request');
    expect(requests.map((r) => [r.frame, r.method, r.host, r.url])).toEqual([[4, 'GET', 'split.example', 'http://split.example/collect?x=1']]);
    expect(ofKind(observations, 'host').map((h) => [h.frame, h.source, h.host])).toEqual([[4, 'http-host', 'split.example']]);
  });

  it('is not fooled by retransmissions and gives up at a gap without inventing a request', async () => {
    const [a, b, c] = segments(split(request, 10, hostAt + 3), 500);
    expect(ofKind(await observe([a!, a!, b!, b!, c!]), 'http-request')).toHaveLength(1);
    const withGap = await observe([a!, c!]);
    expect(ofKind(withGap, 'http-request')).toHaveLength(0);
  });

  it('reads a ClientHello cut into four segments', async () => {
    const hello = buildTlsClientHello('four.example', { paddingLength: 3000 });
    const observations = await observe(segments(split(hello, 5, 900, 2000), 1, { ...up, dstPort: 443 }));
    expect(ofKind(observations, 'host').map((h) => [h.frame, h.source, h.host])).toEqual([[4, 'tls-sni', 'four.example']]);
  });

  it('reads DNS over TCP: a response split over segments, and two messages in one stream', async () => {
    const dnsServer = { src: '10.2.0.53', dst: '10.2.0.2', srcPort: 53, dstPort: 41001 };
    const first = buildDnsResponse({ id: 1, question: 'tcp-one.example', answers: [{ name: 'tcp-one.example', type: 'A', value: '192.0.2.1', ttl: 5 }] });
    const second = buildDnsResponse({ id: 2, question: 'tcp-two.example', answers: [{ name: 'tcp-two.example', type: 'AAAA', value: '2001:db8::2', ttl: 5 }] });
    const framed = (m: Uint8Array) => concatBytes(Uint8Array.of(m.length >> 8, m.length & 0xff), m);
    const stream = concatBytes(framed(first), framed(second));
    const cut1 = 1;
    const cut2 = framed(first).length + 7;
    const observations = await observe(segments(split(stream, cut1, cut2), 9000, dnsServer));
    expect(ofKind(observations, 'dns-answer').map((a) => [a.frame, a.name, a.type, a.value])).toEqual([
      [2, 'tcp-one.example', 'A', '192.0.2.1'],
      [3, 'tcp-two.example', 'AAAA', '2001:db8::2'],
    ]);
    expect(ofKind(observations, 'dns-query').map((q) => q.name)).toEqual(['tcp-one.example', 'tcp-two.example']);
  });
});
