import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.js';
import type { CaptureFormat } from '../../src/model/observation.js';
import {
  buildDnsResponse,
  buildHttpRequest,
  buildTcpFrame,
  buildTlsClientHello,
  buildUdpFrame,
  PcapngWriter,
  PcapWriter,
  TCP_FLAGS,
} from '../helpers/pcap-writer.js';
import { collectObservations } from './support.js';

/** mulberry32: a tiny seeded PRNG, so failures reproduce. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildFrames(): Uint8Array[] {
  return [
    buildUdpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 53, dstPort: 4000, payload: buildDnsResponse({ id: 1, question: 'a.example', answers: [{ name: 'a.example', type: 'CNAME', value: 'b.example', ttl: 1 }, { name: 'b.example', type: 'A', value: '10.0.0.9', ttl: 1 }] }) }),
    buildTcpFrame({ src: '10.0.0.2', dst: '10.0.0.9', srcPort: 5000, dstPort: 443, flags: TCP_FLAGS.ACK, seq: 1, payload: buildTlsClientHello('a.example', { paddingLength: 600 }).subarray(0, 400) }),
    buildTcpFrame({ src: '10.0.0.2', dst: '10.0.0.9', srcPort: 5000, dstPort: 443, flags: TCP_FLAGS.ACK, seq: 401, payload: buildTlsClientHello('a.example', { paddingLength: 600 }).subarray(400) }),
    buildTcpFrame({ src: 'fd00::2', dst: 'fd00::9', srcPort: 5001, dstPort: 80, flags: TCP_FLAGS.PSH, seq: 1, payload: buildHttpRequest({ host: 'a.example', path: '/?id=1' }), vlan: 3 }),
    buildUdpFrame({ src: '10.0.0.2', dst: '10.0.0.9', srcPort: 5002, dstPort: 443, payload: Uint8Array.of(0xc3, 0, 0, 0, 1, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0x40, 0x20, ...new Array<number>(40).fill(0)) }),
  ];
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const copy = bytes.slice();
  const flips = 1 + Math.floor(random() * 8);
  for (let i = 0; i < flips; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  return random() < 0.3 ? copy.subarray(0, Math.floor(random() * copy.length)) : copy;
}

async function expectOnlyImportErrors(bytes: Uint8Array, format: CaptureFormat, chunkSize: number): Promise<void> {
  try {
    await collectObservations(bytes, format, chunkSize);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
  }
}

describe('seeded fuzzing of the binary readers', () => {
  const frames = buildFrames();
  const pcap = new PcapWriter();
  const pcapng = new PcapngWriter();
  frames.forEach((frame, i) => {
    pcap.addFrame(i, frame);
    pcapng.addEnhancedPacket(i, frame);
  });

  it.each([
    ['pcap', pcap.toBytes(), 1],
    ['pcapng', pcapng.toBytes(), 2],
  ] as const)('%s: corrupted files yield ImportError or a result, never another exception', async (format, bytes, seed) => {
    const random = createRandom(seed);
    for (let round = 0; round < 400; round++) {
      await expectOnlyImportErrors(mutate(bytes, random), format, 1 + Math.floor(random() * 200));
    }
  });

  it('frame payloads alone are decoded without exceptions', async () => {
    const random = createRandom(3);
    for (let round = 0; round < 400; round++) {
      const writer = new PcapWriter();
      const frame = frames[round % frames.length] ?? new Uint8Array(0);
      // Keep the Ethernet header intact so the damage lands in IP and above.
      const damaged = frame.slice();
      for (let i = 0; i < 4; i++) damaged[14 + Math.floor(random() * (damaged.length - 14))] = Math.floor(random() * 256);
      writer.addFrame(round, damaged.subarray(0, 14 + Math.floor(random() * (damaged.length - 14))));
      await collectObservations(writer.toBytes(), 'pcap');
    }
  });
});
