import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import type { CaptureFormat, Observation } from '../../src/model/observation.js';
import { buildTcpFrame, buildTlsClientHello, PcapngWriter, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { capturePath, collectObservations } from './support.js';

/** Observations made comparable: payload views become arrays. */
function normalize(observations: Observation[]): unknown[] {
  return observations.map((o) => (o.kind === 'packet' ? { ...o, payload: Array.from(o.payload) } : o.kind === 'http-request' ? { ...o, body: Array.from(o.body) } : o));
}

describe('chunk boundaries', () => {
  it.each([
    ['zeek_tls_chrome-1250-tls-x25519-kyber.pcap', 'pcap', [1, 3, 17, 1500]],
    ['zeek_wikipedia.pcap', 'pcap', [7, 61, 4096]],
    ['ndpi_viber.pcap', 'pcapng', [13, 509, 8192]],
  ] as const)('%s gives identical observations for any chunk size', async (name, format, sizes) => {
    const bytes = new Uint8Array(readFileSync(capturePath(name)));
    const reference = normalize((await collectObservations(bytes, format as CaptureFormat, bytes.length)).observations);
    expect(reference.length).toBeGreaterThan(0);
    for (const size of sizes) {
      expect(normalize((await collectObservations(bytes, format as CaptureFormat, size)).observations)).toEqual(reference);
    }
  });

  it('synthetic pcap and pcapng give identical observations byte by byte', async () => {
    const pcap = new PcapWriter({ byteOrder: 'be', resolution: 'ns' });
    const pcapng = new PcapngWriter({ byteOrder: 'be' });
    const hello = buildTlsClientHello('chunks.example', { paddingLength: 2000 });
    const frames = [
      buildTcpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 5000, dstPort: 443, flags: TCP_FLAGS.SYN, seq: 9 }),
      buildTcpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 5000, dstPort: 443, flags: TCP_FLAGS.ACK, seq: 10, payload: hello.subarray(0, 1000) }),
      buildTcpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 5000, dstPort: 443, flags: TCP_FLAGS.ACK, seq: 1010, payload: hello.subarray(1000) }),
    ];
    frames.forEach((frame, i) => {
      pcap.addFrame(100 + i, frame);
      pcapng.addEnhancedPacket(100 + i, frame);
    });
    for (const [bytes, format] of [
      [pcap.toBytes(), 'pcap'],
      [pcapng.toBytes(), 'pcapng'],
    ] as const) {
      const reference = normalize((await collectObservations(bytes, format, bytes.length)).observations);
      expect(reference.filter((o) => (o as Observation).kind === 'host')).toHaveLength(1);
      expect(normalize((await collectObservations(bytes, format, 1)).observations)).toEqual(reference);
    }
  });

  it('summarizeCapture does not depend on the read size', async () => {
    const file = capturePath('ndpi_android.pcap');
    const big = await summarizeCapture(file);
    const small = await summarizeCapture(file, { chunkSize: 333 });
    expect(small).toEqual(big);
  });

  it('reports progress up to the file size', async () => {
    const file = capturePath('zeek_wikipedia.pcap');
    const calls: [number, number][] = [];
    await summarizeCapture(file, { chunkSize: 4096, onProgress: (read, total) => calls.push([read, total]) });
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.at(-1)).toEqual([27460, 27460]);
  });
});
