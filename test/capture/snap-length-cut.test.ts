import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildHttpRequest, buildTcpFrame, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { writeTempFile } from './support.js';

describe('packets cut short by the snap length', () => {
  it('are counted in one warning, since what lies past the cut cannot be searched', async () => {
    const writer = new PcapWriter({ snapLength: 96 });
    const up = { src: '192.168.1.10', dst: '198.51.100.50', srcPort: 40090, dstPort: 80 };
    const request = buildHttpRequest({ host: 'collector.example-track.net', path: '/v1/track?app=example&event=open&session=abcdef&uid=8f3a0c91d2' });
    const frames = [
      buildTcpFrame({ ...up, flags: TCP_FLAGS.SYN, seq: 1000 }),
      buildTcpFrame({ ...up, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 1001, payload: request }),
      buildTcpFrame({ ...up, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 1001 + request.length, payload: request }),
    ];
    frames.forEach((frame, i) => writer.addFrame(1_700_000_000 + i, frame.subarray(0, Math.min(96, frame.length)), frame.length));
    const file = writeTempFile('snap.pcap', writer.toBytes());
    const summary = await summarizeCapture(file, { identifiers: [{ label: 'user_id', value: '8f3a0c91d2' }] });
    expect(summary.identifierHits).toEqual([]);
    expect(summary.warnings.map((w) => w.message)).toContain(
      "2 of 3 packets were cut short by the capture's snap length (to as little as 96 bytes); identifiers, host names and requests past the cut cannot be found",
    );
    // tshark marks the same two frames as cut.
    const run = spawnSync('tshark', ['-n', '-r', file, '-T', 'fields', '-e', 'frame.number', '-Y', 'frame.cap_len < frame.len'], { encoding: 'utf8' });
    expect(run.error, 'tshark must be installed (see .ci/run)').toBeUndefined();
    expect(run.stdout.trim().split('\n')).toEqual(['2', '3']);
  });
});
