import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.js';
import type { CaptureFormat } from '../../src/model/observation.js';
import {
  buildDnsResponse,
  buildHttpRequest,
  buildTcpFrame,
  buildTlsClientHello,
  buildUdpFrame,
  encodeText,
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

/** The outcome of reading a file: the observations (payload views copied), or the ImportError's message. */
async function readOutcome(bytes: Uint8Array, format: CaptureFormat, chunkSize: number): Promise<unknown> {
  try {
    const { observations, stats } = await collectObservations(bytes, format, chunkSize);
    return {
      stats,
      observations: observations.map((o) => (o.kind === 'packet' ? { ...o, payload: Array.from(o.payload) } : o.kind === 'http-request' ? { ...o, body: Array.from(o.body) } : o)),
    };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { error: error.message };
  }
}

/** Only ImportError may escape, and reading in small random pieces must give what reading whole gives. */
async function expectOnlyImportErrors(bytes: Uint8Array, format: CaptureFormat, chunkSize: number): Promise<void> {
  const whole = await readOutcome(bytes, format, Math.max(1, bytes.length));
  expect(await readOutcome(bytes, format, chunkSize)).toEqual(whole);
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
  ] as const)('%s: corrupted files yield ImportError or a result, never another exception, the same for any read size', async (format, bytes, seed) => {
    const random = createRandom(seed);
    for (let round = 0; round < 400; round++) {
      await expectOnlyImportErrors(mutate(bytes, random), format, 1 + Math.floor(random() * 200));
    }
  });

  const har = encodeText(
    JSON.stringify({
      log: {
        version: '1.2',
        entries: [
          { startedDateTime: '2024-01-02T03:04:05Z', serverIPAddress: '10.0.0.9', request: { method: 'POST', url: 'https://a.example/t?u=1', headers: [{ name: 'Cookie', value: 'x=1' }], postData: { text: 'id=1' } }, response: {} },
          { startedDateTime: '2024-01-02T03:04:06Z', request: { method: 'GET', url: 'http://b.example:8080/p', headers: [] }, response: {} },
        ],
      },
    }),
  );
  const zeekTsv = encodeText(
    [
      '#separator \\x09',
      '#set_separator\t,',
      '#empty_field\t(empty)',
      '#unset_field\t-',
      '#path\tconn',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_ip_bytes\tresp_ip_bytes',
      '1700000000.5\tC1\t10.0.0.2\t5000\t10.0.0.9\t443\ttcp\t100\t200',
      '1700000001.5\tC2\tfd00::2\t5001\t2001:db8::9\t53\tudp\t60\t-',
      '#close\t2024-01-01-00-00-00',
      '',
    ].join('\n'),
  );
  const zeekJson = encodeText(
    [
      JSON.stringify({ ts: 1700000000.5, uid: 'C1', 'id.orig_h': '10.0.0.2', 'id.orig_p': 5000, 'id.resp_h': '10.0.0.9', 'id.resp_p': 53, proto: 'udp', query: 'a.example', qtype_name: 'A', answers: ['10.0.0.7'], TTLs: [60] }),
      JSON.stringify({ ts: 1700000001.5, uid: 'C2', 'id.orig_h': '10.0.0.2', 'id.orig_p': 5001, 'id.resp_h': '10.0.0.7', 'id.resp_p': 443, server_name: 'a.example', cipher: 'TLS_AES_128_GCM_SHA256' }),
      '',
    ].join('\n'),
  );

  it.each([
    ['har', har, 11],
    ['zeek', zeekTsv, 12],
    ['zeek', zeekJson, 13],
  ] as const)('%s: corrupted text logs yield ImportError or a result, the same for any read size', async (format, bytes, seed) => {
    const random = createRandom(seed);
    for (let round = 0; round < 300; round++) {
      await expectOnlyImportErrors(mutate(bytes, random), format, 1 + Math.floor(random() * 64));
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
