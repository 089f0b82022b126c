import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildTcpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { writeTempFile } from './support.js';

const phone = '192.168.1.10';
const server = '203.0.113.80';
const secret = { label: 'user_id', value: '8f3a0c91d2' };
const { SYN, ACK, PSH, FIN } = TCP_FLAGS;

/** Writes one whole connection from phone port 40002 to server port 80: handshake, one request, FINs. */
function addConnection(writer: PcapWriter, time: number, clientIsn: number, serverIsn: number, request: string): void {
  const up = { src: phone, dst: server, srcPort: 40002, dstPort: 80 };
  const down = { src: server, dst: phone, srcPort: 80, dstPort: 40002 };
  const bytes = encodeText(request);
  writer.addFrame(time, buildTcpFrame({ ...up, flags: SYN, seq: clientIsn }));
  writer.addFrame(time + 0.01, buildTcpFrame({ ...down, flags: SYN | ACK, seq: serverIsn, ack: clientIsn + 1 }));
  writer.addFrame(time + 0.02, buildTcpFrame({ ...up, flags: PSH | ACK, seq: clientIsn + 1, ack: serverIsn + 1, payload: bytes }));
  writer.addFrame(time + 0.03, buildTcpFrame({ ...up, flags: FIN | ACK, seq: clientIsn + 1 + bytes.length, ack: serverIsn + 1 }));
  writer.addFrame(time + 0.04, buildTcpFrame({ ...down, flags: FIN | ACK, seq: serverIsn + 1, ack: clientIsn + 2 + bytes.length }));
}

/** Runs tshark's field extraction; the test fails (not skips) without tshark, as the conformance test does. */
function tsharkFields(file: string, fields: string[]): string[][] {
  const run = spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
  expect(run.error, 'tshark must be installed (see .ci/run)').toBeUndefined();
  return run.stdout.trim().split('\n').map((line) => line.split('\t'));
}

describe('a TCP connection that reuses an earlier connection\'s ports', () => {
  // The second connection's ISN is just below the first one's: every one of its sequence numbers is "behind" the
  // first connection's, which made its bytes look like retransmissions.
  function writeReuse(secondIsn: number): string {
    const writer = new PcapWriter();
    addConnection(writer, 1_700_000_000, 3_000_000_000, 7000, 'GET /a HTTP/1.1\r\nHost: cdn.first-example.org\r\n\r\n');
    addConnection(writer, 1_700_000_120, secondIsn, 9000, `GET /b?uid=${secret.value} HTTP/1.1\r\nHost: collector.second-example.net\r\n\r\n`);
    return writeTempFile('reuse.pcap', writer.toBytes());
  }

  it.each([
    ['lower', 2_999_000_000],
    ['higher', 1000],
  ])('reads the second connection when its ISN is %s', async (_case, secondIsn) => {
    const file = writeReuse(secondIsn);
    const summary = await summarizeCapture(file, { identifiers: [secret] });
    expect(summary.identifierHits.map((h) => [h.label, h.frame, h.context, h.encrypted])).toEqual([['user_id', 8, 'payload', false]]);
    // One flow per endpoint pair, as stored flows are keyed: both connections' names and requests are on it.
    expect(summary.flows).toHaveLength(1);
    const flow = summary.flows[0]!;
    expect(flow.packets).toBe(10);
    expect(flow.hostNames.filter((n) => n.source === 'http-host').map((n) => [n.host, n.frame])).toEqual([
      ['cdn.first-example.org', 3],
      ['collector.second-example.net', 8],
    ]);
    expect(flow.httpRequests.map((r) => [r.frame, r.url])).toEqual([
      [3, 'http://cdn.first-example.org/a'],
      [8, `http://collector.second-example.net/b?uid=${secret.value}`],
    ]);
    // tshark reads the same two requests, as two TCP streams.
    const requests = tsharkFields(file, ['frame.number', 'tcp.stream', 'http.host', 'http.request.uri']).filter((row) => row[3] !== '' && row[3] !== undefined);
    expect(requests).toEqual([
      ['3', '0', 'cdn.first-example.org', '/a'],
      ['8', '1', 'collector.second-example.net', `/b?uid=${secret.value}`],
    ]);
  });

  it('reads data sent with the SYN (TCP Fast Open) as the start of the stream, at ISN + 1', async () => {
    const writer = new PcapWriter();
    const up = { src: phone, dst: server, srcPort: 40003, dstPort: 80 };
    const request = `GET /x?uid=${secret.value} HTTP/1.1\r\nHost: tfo.collector-example.net\r\n\r\n`;
    const cut = request.indexOf(secret.value) + 5;
    const isn = 4_000_000_000;
    writer.addFrame(1, buildTcpFrame({ ...up, flags: SYN, seq: isn, payload: encodeText(request.slice(0, cut)) }));
    writer.addFrame(2, buildTcpFrame({ src: server, dst: phone, srcPort: 80, dstPort: 40003, flags: SYN | ACK, seq: 1, ack: isn + 1 + cut }));
    writer.addFrame(3, buildTcpFrame({ ...up, flags: PSH | ACK, seq: isn + 1 + cut, ack: 2, payload: encodeText(request.slice(cut)) }));
    const file = writeTempFile('tfo.pcap', writer.toBytes());
    const summary = await summarizeCapture(file, { identifiers: [secret] });
    expect(summary.identifierHits.map((h) => [h.frame, h.endFrame])).toEqual([[1, 3]]);
    expect(summary.flows[0]?.httpRequests.map((r) => [r.frame, r.url])).toEqual([[3, `http://tfo.collector-example.net/x?uid=${secret.value}`]]);
    const requests = tsharkFields(file, ['frame.number', 'http.host']).filter((row) => row[1] !== '' && row[1] !== undefined);
    expect(requests).toEqual([['3', 'tfo.collector-example.net']]);
  });
});
