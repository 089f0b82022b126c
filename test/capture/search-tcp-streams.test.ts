import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildTcpFrame, buildUdpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { writeTempFile } from './support.js';

const client = { src: '10.1.0.2', dst: '10.1.0.9', srcPort: 40000, dstPort: 80 };
const secret = { label: 'device', value: 'dev-7c1e44b9a0f2' };

/** Writes TCP segments of one client→server stream (each [seq, text]) as frames 1..n. */
function writeStream(segments: [number, string][], extra: Uint8Array[] = []): string {
  const writer = new PcapWriter();
  segments.forEach(([seq, text], i) => {
    writer.addFrame(1000 + i, buildTcpFrame({ ...client, flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH, seq, payload: encodeText(text) }));
  });
  extra.forEach((frame, i) => writer.addFrame(2000 + i, frame));
  return writeTempFile('stream.pcap', writer.toBytes());
}

describe('identifier search across TCP segments', () => {
  const body = `POST /t HTTP/1.1\r\nHost: t.example\r\n\r\n{"device":"${secret.value}"}`;
  const cut = body.indexOf(secret.value) + 5;

  it('finds a value cut in two by segmentation, located where it starts and where it ends', async () => {
    const file = writeStream([
      [100, body.slice(0, cut)],
      [100 + cut, body.slice(cut)],
    ]);
    const summary = await summarizeCapture(file, { identifiers: [secret] });
    expect(summary.identifierHits).toEqual([
      expect.objectContaining({ label: 'device', encoding: 'raw', frame: 1, offset: cut - 5, endFrame: 2, time: 1000, encrypted: false, protocol: 'tcp' }),
    ]);
  });

  it('finds a value spread over many tiny segments and an encoded form across a boundary', async () => {
    const hex = Buffer.from(secret.value).toString('hex');
    const text = `GET /?h=${hex} HTTP/1.1\r\n\r\n`;
    const segments: [number, string][] = [];
    for (let at = 0, seq = 7; at < text.length; at += 3, seq += 3) segments.push([seq, text.slice(at, at + 3)]);
    const summary = await summarizeCapture(writeStream(segments), { identifiers: [secret] });
    const hit = summary.identifierHits.find((h) => h.encoding === 'hex');
    // The hex starts at text index 8 (frame 3, offset 2) and its last digit is at index 8 + length - 1.
    expect(hit).toMatchObject({ frame: 3, offset: 2, endFrame: Math.floor((8 + hex.length - 1) / 3) + 1 });
  });

  it('does not report a retransmitted segment twice, and searches only the new bytes of an overlapping one', async () => {
    const file = writeStream([
      [100, body.slice(0, cut)],
      [100 + cut, body.slice(cut)],
      [100 + cut, body.slice(cut)],
      [100, body],
    ]);
    const summary = await summarizeCapture(file, { identifiers: [secret] });
    expect(summary.identifierHits).toHaveLength(1);
  });

  it('does not join bytes across a missing segment', async () => {
    const file = writeStream([
      [100, body.slice(0, cut)],
      [100 + cut + 10, body.slice(cut)],
    ]);
    const summary = await summarizeCapture(file, { identifiers: [secret] });
    expect(summary.identifierHits).toHaveLength(0);
  });

  it('keeps the two directions and separate connections apart', async () => {
    const writer = new PcapWriter();
    writer.addFrame(1, buildTcpFrame({ ...client, flags: TCP_FLAGS.ACK, seq: 1, payload: encodeText(`x=${secret.value.slice(0, 6)}`) }));
    writer.addFrame(2, buildTcpFrame({ src: client.dst, dst: client.src, srcPort: 80, dstPort: 40000, flags: TCP_FLAGS.ACK, seq: 1, payload: encodeText(secret.value.slice(6)) }));
    writer.addFrame(3, buildTcpFrame({ ...client, srcPort: 40001, flags: TCP_FLAGS.ACK, seq: 9, payload: encodeText(secret.value.slice(6)) }));
    writer.addFrame(4, buildUdpFrame({ ...client, dstPort: 9999, payload: encodeText(secret.value) }));
    const summary = await summarizeCapture(writeTempFile('dirs.pcap', writer.toBytes()), { identifiers: [secret] });
    expect(summary.identifierHits.map((h) => [h.frame, h.protocol])).toEqual([[4, 'udp']]);
  });
});
