import { describe, expect, it } from 'vitest';
import { findHeuristicIdentifiers } from '../../src/capture/find-heuristic-identifiers.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildHttpRequest, buildTcpFrame, buildTlsClientHello, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { createSeededRandom } from '../helpers/seeded-random.js';
import { writeTempFile } from './support.js';

function find(text: string): [string, string, string][] {
  return findHeuristicIdentifiers(encodeText(text)).map((m) => [m.kind, m.value, m.encoding]);
}

describe('identifiers recognised by shape', () => {
  it('finds e-mail addresses, raw and URL-encoded, only under real domains', () => {
    expect(find('{"user":"Jane.Doe+app@example.co.uk"}')).toEqual([['email', 'Jane.Doe+app@example.co.uk', 'raw']]);
    expect(find('GET /t?e=jane%40mail.example.invalid&x=1')).toEqual([]);
    expect(find('GET /t?e=jane%40mail.google.com&x=1')).toEqual([['email', 'jane@mail.google.com', 'url-encoded']]);
    expect(find('cookie: v=effcl@0.totcl; a=400.clicks@0.scroll')).toEqual([]);
  });

  it('finds international phone numbers, raw and URL-encoded', () => {
    expect(find('phone=+4915112345678&')).toEqual([['phone', '+4915112345678', 'raw']]);
    expect(find('phone=%2B4915112345678&')).toEqual([['phone', '+4915112345678', 'url-encoded']]);
    expect(find('v=1.2+3456789012 x+12')).toEqual([]);
  });

  it('names a UUID an advertising ID when its key says so, and skips the all-zero opt-out value', () => {
    expect(find('{"gaid":"38400000-8CF0-11BD-B23E-10B96E40000D","session":"6f1c0a52-3b7e-4c1d-9a2b-8e5f4d3c2b1a"}')).toEqual([
      ['advertising-id', '38400000-8cf0-11bd-b23e-10b96e40000d', 'raw'],
      ['uuid', '6f1c0a52-3b7e-4c1d-9a2b-8e5f4d3c2b1a', 'raw'],
    ]);
    expect(find('idfa=00000000-0000-0000-0000-000000000000')).toEqual([]);
  });

  it('finds IMEI-shaped numbers: a reporting-body prefix and a valid Luhn digit', () => {
    expect(find('imei=490154203237518;')).toEqual([['imei', '490154203237518', 'raw']]);
    expect(find('imei=490154203237519;')).toEqual([]);
    expect(find('id=608795229329835;')).toEqual([]);
    expect(find('ts=1700000000000000')).toEqual([]);
  });

  it('finds precise coordinates as a pair or as lat/lon keys, not coarse or impossible ones', () => {
    expect(find('loc=52.520008,13.404954&')).toEqual([['coordinates', '52.520008,13.404954', 'raw']]);
    expect(find('{"lat": 48.85661, "lng": 2.35222}')).toEqual([['coordinates', '48.85661,2.35222', 'raw']]);
    expect(find('loc=52.52,13.40 v=95.123456,13.404954 z=0.0000,0.0000')).toEqual([]);
  });

  it('finds next to nothing in random bytes', () => {
    const random = createSeededRandom(99);
    let found = 0;
    for (let i = 0; i < 64; i++) found += findHeuristicIdentifiers(random.bytes(16384)).length;
    expect(found).toBeLessThanOrEqual(1);
  });

  it('reports only what the client sent in plaintext, as heuristic hits kept apart from user-supplied ones', async () => {
    const writer = new PcapWriter();
    const up = { src: '10.4.0.2', dst: '10.4.0.9', srcPort: 45000, dstPort: 80 };
    const down = { src: up.dst, dst: up.src, srcPort: 80, dstPort: 45000 };
    writer.addFrame(1, buildTcpFrame({ ...up, flags: TCP_FLAGS.SYN, seq: 0 }));
    writer.addFrame(2, buildTcpFrame({ ...up, flags: TCP_FLAGS.ACK, seq: 1, payload: buildHttpRequest({ host: 'h.example', path: '/c?email=jane%40gmail.com' }) }));
    writer.addFrame(3, buildTcpFrame({ ...down, flags: TCP_FLAGS.ACK, seq: 1, payload: encodeText('HTTP/1.1 200 OK\r\n\r\nsupport@gmail.com') }));
    const tls = { src: '10.4.0.2', dst: '10.4.0.10', srcPort: 45001, dstPort: 443 };
    writer.addFrame(4, buildTcpFrame({ ...tls, flags: TCP_FLAGS.ACK, seq: 1, payload: buildTlsClientHello('t.example') }));
    writer.addFrame(5, buildTcpFrame({ ...tls, flags: TCP_FLAGS.ACK, seq: 2000, payload: encodeText('\u0017\u0003\u0003 other@gmail.com') }));
    const summary = await summarizeCapture(writeTempFile('h.pcap', writer.toBytes()), { identifiers: [{ label: 'mine', value: 'nothing-here' }] });
    expect(summary.identifierHits).toEqual([]);
    expect(summary.heuristicHits).toEqual([
      expect.objectContaining({ label: 'email', value: 'jane@gmail.com', encoding: 'url-encoded', heuristic: true, frame: 2, encrypted: false, dst: '10.4.0.9' }),
    ]);
  });
});
