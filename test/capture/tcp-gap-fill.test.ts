import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildTcpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { writeTempFile } from './support.js';

const { SYN, ACK, PSH } = TCP_FLAGS;
const up = { src: '192.168.1.10', dst: '203.0.113.80', srcPort: 40001, dstPort: 80 };
const down = { src: up.dst, dst: up.src, srcPort: 80, dstPort: 40001 };
const secret = { label: 'user_id', value: '8f3a0c91d2' };

/** Writes client→server segments given as [seq, text] (in capture order, so a late one comes after). */
function writeSegments(segments: [number, string][]): string {
  const writer = new PcapWriter();
  segments.forEach(([seq, text], i) => writer.addFrame(100 + i, buildTcpFrame({ ...up, flags: PSH | ACK, seq, payload: encodeText(text) })));
  return writeTempFile('late.pcap', writer.toBytes());
}

describe('a late TCP segment that fills a gap (lost before the capture point, then retransmitted)', () => {
  it('is searched and its request read, as tshark reads it when reassembling out of order', async () => {
    // A kept-alive connection: a first request, then segment A (request line and Host) is lost before the capture
    // point, B (the rest of the head and the body) is captured, and A's retransmission follows.
    const first = 'GET /ping HTTP/1.1\r\nHost: api.tracker-example.net\r\n\r\n';
    const a = `POST /collect?uid=${secret.value} HTTP/1.1\r\nHost: api.tracker-example.net\r\nContent-Length: 20\r\n`;
    const b = 'X-Pad: 1\r\n\r\n{"event":"open"}    ';
    const writer = new PcapWriter();
    const t = 1_700_000_000;
    writer.addFrame(t, buildTcpFrame({ ...up, flags: SYN, seq: 1000 }));
    writer.addFrame(t + 0.01, buildTcpFrame({ ...down, flags: SYN | ACK, seq: 5000, ack: 1001 }));
    writer.addFrame(t + 0.02, buildTcpFrame({ ...up, flags: PSH | ACK, seq: 1001, ack: 5001, payload: encodeText(first) }));
    const aSeq = 1001 + first.length;
    writer.addFrame(t + 0.03, buildTcpFrame({ ...up, flags: PSH | ACK, seq: aSeq + a.length, ack: 5001, payload: encodeText(b) }));
    writer.addFrame(t + 0.04, buildTcpFrame({ ...down, flags: ACK, seq: 5001, ack: aSeq }));
    writer.addFrame(t + 0.25, buildTcpFrame({ ...up, flags: PSH | ACK, seq: aSeq, ack: 5001, payload: encodeText(a) }));
    const file = writeTempFile('gap.pcap', writer.toBytes());

    const summary = await summarizeCapture(file, { identifiers: [secret] });
    expect(summary.identifierHits.map((h) => [h.frame, h.offset, h.encrypted])).toEqual([[6, a.indexOf(secret.value), false]]);
    expect(summary.flows[0]?.httpRequests.map((r) => [r.frame, r.method, r.url])).toEqual([
      [3, 'GET', 'http://api.tracker-example.net/ping'],
      [6, 'POST', `http://api.tracker-example.net/collect?uid=${secret.value}`],
    ]);

    const run = spawnSync('tshark', ['-n', '-r', file, '-o', 'tcp.reassemble_out_of_order:TRUE', '-T', 'fields', '-e', 'frame.number', '-e', 'http.request.method', '-e', 'http.request.uri'], { encoding: 'utf8' });
    expect(run.error, 'tshark must be installed (see .ci/run)').toBeUndefined();
    const requests = run.stdout.trim().split('\n').map((line) => line.split('\t')).filter((row) => (row[1] ?? '') !== '');
    expect(requests).toEqual([
      ['3', 'GET', '/ping'],
      ['6', 'POST', `/collect?uid=${secret.value}`],
    ]);
  });

  it('finds a value cut by the late segment\'s end, starting in it and ending in the segment seen before it', async () => {
    const text = `GET /t?uid=${secret.value}&v=2 HTTP/1.1\r\n\r\n`;
    const cut = text.indexOf(secret.value) + 4;
    const summary = await summarizeCapture(writeSegments([[10, text.slice(0, 3)], [10 + cut, text.slice(cut)], [13, text.slice(3, cut)]]), { identifiers: [secret] });
    // The gap [13, 10 + cut) left by frame 2 is what frame 3 brings.
    expect(summary.identifierHits.map((h) => [h.frame, h.offset, h.endFrame])).toEqual([[3, cut - 4 - 3, 2]]);
  });

  it('continues the search from before the gap, and searches late pieces that arrive in order', async () => {
    const text = `x=${secret.value}${'.'.repeat(40)}uid=${secret.value};`;
    const firstCut = 2 + 3;
    const secondCut = firstCut + 4;
    const thirdCut = text.indexOf(secret.value, 12) + 6;
    const summary = await summarizeCapture(
      writeSegments([
        [500, text.slice(0, firstCut)],
        [500 + thirdCut, text.slice(thirdCut)],
        [500 + firstCut, text.slice(firstCut, secondCut)],
        [500 + secondCut, text.slice(secondCut, thirdCut)],
      ]),
      { identifiers: [secret] },
    );
    // The first value spans frames 1, 3 and 4 (begins before the gap); the second spans the late frame 4 and frame 2.
    expect(summary.identifierHits.map((h) => [h.frame, h.offset, h.endFrame ?? h.frame])).toEqual([
      [1, 2, 4],
      [4, text.indexOf(secret.value, 12) - secondCut, 2],
    ]);
  });

  it('does not search the missing bytes twice when they are retransmitted again, nor invent a hit from bytes never seen', async () => {
    const text = `id=${secret.value}&more=1`;
    const cut = 8;
    const twice = await summarizeCapture(writeSegments([[1, text.slice(0, 2)], [1 + cut, text.slice(cut)], [3, text.slice(2, cut)], [3, text.slice(2, cut)]]), { identifiers: [secret] });
    expect(twice.identifierHits).toHaveLength(1);
    const never = await summarizeCapture(writeSegments([[1, text.slice(0, 2)], [1 + cut, text.slice(cut)], [1, text.slice(0, 2)]]), { identifiers: [secret] });
    expect(never.identifierHits).toHaveLength(0);
  });
});
