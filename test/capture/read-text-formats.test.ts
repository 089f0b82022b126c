import { describe, expect, it } from 'vitest';
import { detectCaptureFormat, detectFormatFromBytes } from '../../src/capture/detect-capture-format.js';
import { readCapture } from '../../src/capture/read-capture.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { ImportError } from '../../src/model/errors.js';
import type { Observation } from '../../src/model/observation.js';
import { encodeText, PcapWriter } from '../helpers/pcap-writer.js';
import { collectObservations, ofKind, writeTempFile } from './support.js';

const har = {
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2024-01-02T03:04:05.500Z',
        serverIPAddress: '[2001:db8::5]',
        request: { method: 'post', url: 'https://api.example.com:8443/v1/track?uid=abc123', httpVersion: 'h3', headers: [{ name: 'Cookie', value: 'sid=abc123' }], postData: { mimeType: 'text/plain', text: 'user=abc123' } },
        response: { status: 200 },
      },
      { startedDateTime: '2024-01-02T03:04:06Z', request: { method: 'GET', url: 'http://cdn.example.net./a.js', headers: [] }, response: {} },
      { startedDateTime: 'nonsense', request: { url: 'not a url' } },
    ],
  },
};

async function collect(file: string, format: 'har' | 'zeek'): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of readCapture(file, format)) out.push(o);
  return out;
}

describe('HAR reader', () => {
  it('yields a packet, a host and an http-request per entry', async () => {
    const observations = await collect(writeTempFile('s.har', JSON.stringify(har)), 'har');
    const requests = ofKind(observations, 'http-request');
    expect(requests[0]).toMatchObject({ frame: 1, time: 1704164645.5, method: 'POST', host: 'api.example.com', encrypted: true, server: '2001:db8::5', serverPort: 8443 });
    expect(requests[0]?.headersText).toBe('Cookie: sid=abc123');
    expect(Buffer.from(requests[0]?.body ?? []).toString()).toBe('user=abc123');
    expect(requests[1]).toMatchObject({ host: 'cdn.example.net', encrypted: false, server: 'cdn.example.net', serverPort: 80 });
    expect(ofKind(observations, 'packet').map((p) => [p.protocol, p.dst, p.dstPort])).toEqual([
      ['udp', '2001:db8::5', 8443],
      ['tcp', 'cdn.example.net', 80],
    ]);
    expect(ofKind(observations, 'host').map((h) => [h.source, h.host])).toEqual([
      ['har-url', 'api.example.com'],
      ['har-url', 'cdn.example.net'],
    ]);
    expect(ofKind(observations, 'warning')).toEqual([expect.objectContaining({ where: 'entry', offset: 3 })]);
  });

  it('finds identifiers in HAR URLs, headers and bodies with the encrypted flag', async () => {
    const summary = await summarizeCapture(writeTempFile('s.har', JSON.stringify(har)), { identifiers: [{ label: 'uid', value: 'abc123' }] });
    expect(summary.identifierHits.map((h) => [h.frame, h.context, h.encrypted, h.dst])).toEqual([
      [1, 'http-url', true, '2001:db8::5'],
      [1, 'http-headers', true, '2001:db8::5'],
      [1, 'http-body', true, '2001:db8::5'],
    ]);
    expect(summary.flows.map((f) => f.encryption)).toEqual(['quic', 'none']);
  });

  it('files an HTTP/3 entry on its own UDP flow when HTTP/1.1 and HTTP/2 entries reach the same server and port', async () => {
    // Chrome's HAR export: the page loads over h2, then Alt-Svc moves later requests to h3 on the same address and port.
    const entry = (second: number, url: string, httpVersion: string) => ({
      startedDateTime: `2024-05-21T10:00:0${second}Z`,
      serverIPAddress: '142.250.185.67',
      request: { method: 'GET', url, httpVersion, headers: [{ name: 'Cookie', value: 'NID=abc123' }] },
      response: { status: 200, httpVersion },
    });
    const mixed = {
      log: {
        version: '1.2',
        entries: [
          entry(1, 'https://www.google.de/', 'http/2.0'),
          entry(2, 'https://www.google.de/logo.png', 'HTTP/1.1'),
          entry(3, 'https://www.google.de/gen_204?x=1', 'h3'),
          entry(4, 'https://www.google.de/async/bgasy', 'HTTP/3'),
        ],
      },
    };
    const summary = await summarizeCapture(writeTempFile('mixed.har', JSON.stringify(mixed)), { identifiers: [{ label: 'nid', value: 'abc123' }] });
    const byProtocol = Object.fromEntries(summary.flows.map((f) => [f.protocol, f]));
    expect(summary.flows).toHaveLength(2);
    expect(byProtocol.tcp?.httpRequests.map((r) => r.url)).toEqual(['https://www.google.de/', 'https://www.google.de/logo.png']);
    expect(byProtocol.udp?.httpRequests.map((r) => r.url)).toEqual(['https://www.google.de/gen_204?x=1', 'https://www.google.de/async/bgasy']);
    expect(byProtocol.udp).toMatchObject({ server: '142.250.185.67', serverPort: 443, encryption: 'quic', firstFrame: 3, lastFrame: 4 });
    expect(byProtocol.tcp).toMatchObject({ encryption: 'tls', firstFrame: 1, lastFrame: 2 });
    // The identifier in an HTTP/3 request's headers is filed on the UDP flow it travelled on.
    expect(summary.identifierHits.filter((h) => h.context === 'http-headers').map((h) => [h.frame, h.protocol])).toEqual([
      [1, 'tcp'],
      [2, 'tcp'],
      [3, 'udp'],
      [4, 'udp'],
    ]);
  });

  it('gives each host name on a shared server address its own flow, so no host is hidden behind another (trial7b item 8)', async () => {
    const entry = (second: number, url: string) => ({
      startedDateTime: `2024-05-21T10:00:0${second}Z`,
      serverIPAddress: '151.101.1.195',
      request: { method: 'GET', url, headers: [] },
      response: { status: 200 },
    });
    const shared = {
      log: {
        version: '1.2',
        entries: [entry(1, 'https://myapp.web.app/'), entry(2, 'https://otherapp.web.app/track'), entry(3, 'https://myapp.web.app/api')],
      },
    };
    const summary = await summarizeCapture(writeTempFile('shared.har', JSON.stringify(shared)));
    const hosts = summary.flows.map((f) => [f.hostNames.map((h) => h.host).join(','), f.firstFrame, f.lastFrame]);
    expect(hosts).toEqual([
      ['myapp.web.app', 1, 3],
      ['otherapp.web.app', 2, 2],
    ]);
  });

  it('throws ImportError naming the file for bad JSON or a non-HAR document', async () => {
    const bad = writeTempFile('bad.har', '{"log": [');
    await expect(collect(bad, 'har')).rejects.toBeInstanceOf(ImportError);
    await expect(collect(bad, 'har')).rejects.toThrow(bad);
    await expect(collect(writeTempFile('x.har', '{"foo": 1}'), 'har')).rejects.toThrow(/log.entries/);
  });
});

describe('Zeek log reader', () => {
  const tsv = [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tssl',
    '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_name',
    '#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring',
    '1700000000.000001\tC1\t10.0.0.1\t50000\t203.0.113.9\t443\tTLSv13\tApi.Example.com',
    '1700000001.000000\tC2\t10.0.0.1\t50001\t203.0.113.9\t443\tTLSv13\t-',
    '#close\t2024-01-01',
  ].join('\n');

  it('reads a TSV ssl log into host observations', async () => {
    const observations = await collect(writeTempFile('ssl.log', tsv), 'zeek');
    expect(ofKind(observations, 'host')).toEqual([
      expect.objectContaining({ frame: 8, host: 'api.example.com', source: 'tls-sni', client: '10.0.0.1', server: '203.0.113.9', serverPort: 443 }),
    ]);
  });

  it('reads JSON conn and dns logs', async () => {
    const lines = [
      JSON.stringify({ ts: 1700000000, uid: 'C1', 'id.orig_h': '10.0.0.1', 'id.orig_p': 50000, 'id.resp_h': '203.0.113.9', 'id.resp_p': 443, proto: 'tcp', conn_state: 'SF', orig_ip_bytes: 100, resp_ip_bytes: 200 }),
      JSON.stringify({ ts: 1700000000, uid: 'C3', 'id.orig_h': '10.0.0.1', 'id.orig_p': 40000, 'id.resp_h': '10.0.0.53', 'id.resp_p': 53, proto: 'udp', query: 'api.example.com', qtype_name: 'A', answers: ['edge.example.net', '203.0.113.9'], TTLs: [30, 60] }),
    ].join('\n');
    const observations = await collect(writeTempFile('mixed.log', lines), 'zeek');
    expect(ofKind(observations, 'packet')[0]).toMatchObject({ protocol: 'tcp', src: '10.0.0.1', dst: '203.0.113.9', dstPort: 443, frameLength: 300 });
    expect(ofKind(observations, 'dns-answer').map((a) => [a.name, a.type, a.value])).toEqual([
      ['api.example.com', 'CNAME', 'edge.example.net'],
      ['api.example.com', 'A', '203.0.113.9'],
    ]);
  });

  it('throws ImportError for text that is not a Zeek log', async () => {
    await expect(collect(writeTempFile('x.log', 'hello\nworld\n'), 'zeek')).rejects.toBeInstanceOf(ImportError);
  });
});

describe('format detection', () => {
  it('prefers magic bytes over the extension', async () => {
    const pcap = new PcapWriter().toBytes();
    expect(await detectCaptureFormat(writeTempFile('really-pcap.pcapng', pcap))).toBe('pcap');
    expect(detectFormatFromBytes(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toBe('pcapng');
    expect(detectFormatFromBytes(Uint8Array.of(0x4d, 0x3c, 0xb2, 0xa1))).toBe('pcap');
    expect(detectFormatFromBytes(encodeText('\ufeff  {"log": {"entries": []}}'))).toBe('har');
    expect(detectFormatFromBytes(encodeText('#separator \\x09\n'))).toBe('zeek');
  });

  it('falls back to the extension, honours an override, and names the file when it cannot tell', async () => {
    expect(await detectCaptureFormat(writeTempFile('x.har', 'garbage'))).toBe('har');
    expect(await detectCaptureFormat(writeTempFile('x.bin', 'garbage'), 'zeek')).toBe('zeek');
    const unknown = writeTempFile('x.bin', 'garbage');
    await expect(detectCaptureFormat(unknown)).rejects.toThrow(unknown);
    await expect(detectCaptureFormat(writeTempFile('empty.pcap', ''))).rejects.toBeInstanceOf(ImportError);
    await expect(detectCaptureFormat('/nonexistent/file.pcap')).rejects.toBeInstanceOf(ImportError);
  });

  it('turns a missing file into ImportError in readCapture and summarizeCapture', async () => {
    await expect(collectObservations(new Uint8Array(0), 'pcapng')).rejects.toBeInstanceOf(ImportError);
    await expect(summarizeCapture('/nonexistent/file.pcap', { format: 'pcap' })).rejects.toBeInstanceOf(ImportError);
  });
});
