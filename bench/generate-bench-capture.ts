/**
 * Writes a large, deterministic, realistic-looking pcap for the capture benchmark: many interleaved sessions of
 * DNS lookups, HTTPS (handshake, ClientHello with SNI, sometimes split over two segments, bulk encrypted data),
 * plain HTTP with identifiers in URLs, headers and bodies, QUIC-shaped UDP, proprietary UDP carrying identifiers,
 * some IPv6. Frames are written straight into a reusable buffer, so generating a gigabyte takes seconds.
 * TCP/UDP checksums are left zero (neither tshark nor claimcheck verifies them by default).
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import type { IdentifierNeedle } from '../src/model/capture-summary.js';
import { buildDnsResponse, buildHttpRequest, buildTlsClientHello, computeInternetChecksum, encodeText } from '../test/helpers/pcap-writer.js';
import { createSeededRandom } from '../test/helpers/seeded-random.js';

/** What was written, for the benchmark's report and sanity checks. */
export interface GeneratedCapture {
  path: string;
  bytes: number;
  packets: number;
  sessions: number;
  /** The identifiers planted in plaintext payloads, to search for. */
  identifiers: IdentifierNeedle[];
}

/** The identifiers a tracking SDK might send; planted raw, URL-encoded, base64 and hashed. */
export const BENCH_IDENTIFIERS: IdentifierNeedle[] = [
  { label: 'user_id', value: '8f3a2c71-5d1e-4b9a-9c3f-2e7d1a6b4c90' },
  { label: 'email', value: 'jane.doe@example.org' },
  { label: 'imei', value: '358240051111110' },
  { label: 'phone', value: '+4915112345678' },
  { label: 'room', value: 'voice-room-4711' },
];

const TCP = 6;
const UDP = 17;
const FLAG = { FIN: 0x01, SYN: 0x02, PSH: 0x08, ACK: 0x10 } as const;
const MSS = 1448;
const OUTPUT_BUFFER = 8 * 1024 * 1024;
const ACTIVE_SESSIONS = 256;

interface Endpoints {
  v6: boolean;
  client: Uint8Array;
  server: Uint8Array;
  clientPort: number;
  serverPort: number;
}

interface PacketSpec {
  fromClient: boolean;
  protocol: number;
  flags: number;
  payload: Uint8Array;
}


/** Streams pcap records into a file through one reusable buffer. */
class FrameSink {
  private readonly fd: number;
  private readonly buffer = Buffer.alloc(OUTPUT_BUFFER);
  private used = 0;
  bytes = 0;
  packets = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    // pcap §4 file header: little-endian microsecond magic, v2.4, snaplen 262144, Ethernet.
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262144, 16);
    header.writeUInt32LE(1, 20);
    this.append(header);
  }

  private append(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.buffer.length) this.flush();
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
    this.bytes += bytes.length;
  }

  /** Writes one Ethernet frame carrying an IPv4/IPv6 packet with a TCP or UDP segment. */
  writeFrame(time: number, ends: Endpoints, spec: PacketSpec, seq: number, ack: number): void {
    const transportLength = (spec.protocol === TCP ? 20 : 8) + spec.payload.length;
    const ipLength = (ends.v6 ? 40 : 20) + transportLength;
    const frameLength = 14 + ipLength;
    if (this.used + 16 + frameLength > this.buffer.length) this.flush();
    const b = this.buffer;
    let p = this.used;
    const seconds = Math.floor(time);
    b.writeUInt32LE(seconds, p);
    b.writeUInt32LE(Math.floor((time - seconds) * 1e6), p + 4);
    b.writeUInt32LE(frameLength, p + 8);
    b.writeUInt32LE(frameLength, p + 12);
    p += 16;
    const frameStart = p;
    // Ethernet II: fixed MACs, EtherType.
    b.fill(0, p, p + 12);
    b[p] = 0x02;
    b[p + 5] = spec.fromClient ? 0x02 : 0x01;
    b[p + 6] = 0x02;
    b[p + 11] = spec.fromClient ? 0x01 : 0x02;
    b.writeUInt16BE(ends.v6 ? 0x86dd : 0x0800, p + 12);
    p += 14;
    const src = spec.fromClient ? ends.client : ends.server;
    const dst = spec.fromClient ? ends.server : ends.client;
    if (ends.v6) {
      b.writeUInt32BE(0x60000000, p);
      b.writeUInt16BE(transportLength, p + 4);
      b[p + 6] = spec.protocol;
      b[p + 7] = 64;
      b.set(src, p + 8);
      b.set(dst, p + 24);
      p += 40;
    } else {
      b[p] = 0x45;
      b[p + 1] = 0;
      b.writeUInt16BE(ipLength, p + 2);
      b.writeUInt16BE(this.packets & 0xffff, p + 4);
      b.writeUInt16BE(0x4000, p + 6);
      b[p + 8] = 64;
      b[p + 9] = spec.protocol;
      b.writeUInt16BE(0, p + 10);
      b.set(src, p + 12);
      b.set(dst, p + 16);
      b.writeUInt16BE(computeInternetChecksum(b.subarray(p, p + 20)), p + 10);
      p += 20;
    }
    const srcPort = spec.fromClient ? ends.clientPort : ends.serverPort;
    const dstPort = spec.fromClient ? ends.serverPort : ends.clientPort;
    b.writeUInt16BE(srcPort, p);
    b.writeUInt16BE(dstPort, p + 2);
    if (spec.protocol === TCP) {
      b.writeUInt32BE(seq >>> 0, p + 4);
      b.writeUInt32BE(ack >>> 0, p + 8);
      b[p + 12] = 0x50;
      b[p + 13] = spec.flags;
      b.writeUInt16BE(65535, p + 14);
      b.writeUInt32BE(0, p + 16);
      p += 20;
    } else {
      b.writeUInt16BE(transportLength, p + 4);
      b.writeUInt16BE(0, p + 6);
      p += 8;
    }
    b.set(spec.payload, p);
    p += spec.payload.length;
    this.bytes += p - this.used;
    this.used = p;
    this.packets += 1;
    if (p - frameStart !== frameLength) throw new Error('frame length mismatch');
  }

  flush(): void {
    let offset = 0;
    while (offset < this.used) offset += writeSync(this.fd, this.buffer, offset, this.used - offset);
    this.used = 0;
  }

  close(): void {
    this.flush();
    // Written back now rather than by the kernel (after about 30 s) in the middle of a measured run: the writeback
    // of a gigabyte of dirty pages competed with whichever import or tshark run it fell on.
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}

/** The pieces every session draws on: host names, addresses, payload pools. */
class Universe {
  readonly hosts: { name: string; v4: Uint8Array; v6: Uint8Array }[] = [];
  /** Incompressible bytes standing in for ciphertext. */
  readonly noise: Uint8Array;
  /** HTML-ish text for plain HTTP responses. */
  readonly text: Uint8Array;

  constructor(readonly random: () => number) {
    const companies = ['adtrack', 'metricsly', 'pushcloud', 'voiceinfra', 'cdnfast', 'crashlog', 'socialgraph', 'mapsdk', 'paygate', 'appcore'];
    for (let i = 0; i < 400; i++) {
      const company = companies[i % companies.length] ?? 'x';
      const name = `${['api', 'events', 'cdn', 'sdk', 'rtc', 'edge'][i % 6] ?? 'api'}${Math.floor(i / 60)}.${company}${i % 7}.${['com', 'io', 'net', 'cn'][i % 4] ?? 'com'}`;
      const v4 = Uint8Array.of(34 + (i % 90), Math.floor(random() * 256), Math.floor(random() * 256), 1 + Math.floor(random() * 254));
      const v6 = new Uint8Array(16);
      v6.set([0x20, 0x01, 0x0d, 0xb8, 0, i & 0xff], 0);
      v6[15] = 1 + (i % 250);
      this.hosts.push({ name, v4, v6 });
    }
    this.noise = new Uint8Array(1 << 20);
    let x = 0x9e3779b9;
    for (let i = 0; i < this.noise.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.noise[i] = x & 0xff;
    }
    const words = 'the quick brown fox jumps over lazy dogs while privacy policies promise data is kept only temporarily '.repeat(40);
    this.text = encodeText(`<html><body><p>${words.repeat(20)}</p></body></html>`);
  }

  noiseSlice(length: number): Uint8Array {
    const start = Math.floor(this.random() * (this.noise.length - length));
    return this.noise.subarray(start, start + length);
  }

  textSlice(length: number): Uint8Array {
    const start = Math.floor(this.random() * (this.text.length - length));
    return this.text.subarray(start, start + length);
  }

  pickHost(): { name: string; v4: Uint8Array; v6: Uint8Array } {
    return this.hosts[Math.floor(this.random() * this.hosts.length)] ?? (this.hosts[0] as { name: string; v4: Uint8Array; v6: Uint8Array });
  }
}

function buildDnsQuery(id: number, name: string, type: number): Uint8Array {
  const labels = name.split('.').map((l) => encodeText(l));
  const out = new Uint8Array(12 + labels.reduce((n, l) => n + 1 + l.length, 0) + 5);
  out[0] = id >> 8;
  out[1] = id & 0xff;
  out[2] = 0x01;
  out[5] = 1;
  let p = 12;
  for (const label of labels) {
    out[p++] = label.length;
    out.set(label, p);
    p += label.length;
  }
  out[p++] = 0;
  out[p++] = type >> 8;
  out[p++] = type & 0xff;
  out[p++] = 0;
  out[p] = 1;
  return out;
}

function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** A DNS lookup for `host` over UDP/53, query and response. */
function* dnsSession(u: Universe, host: { name: string; v4: Uint8Array; v6: Uint8Array }, v6: boolean): Generator<PacketSpec> {
  const id = Math.floor(u.random() * 65536);
  yield { fromClient: true, protocol: UDP, flags: 0, payload: buildDnsQuery(id, host.name, v6 ? 28 : 1) };
  const alias = `${host.name.split('.')[0] ?? 'x'}.edge-${host.name.length}.cdnfast0.net`;
  const answers = [
    { name: host.name, type: 'CNAME' as const, value: alias, ttl: 300 },
    v6 ? { name: alias, type: 'AAAA' as const, value: formatIp(host.v6), ttl: 60 } : { name: alias, type: 'A' as const, value: formatIp(host.v4), ttl: 60 },
  ];
  yield { fromClient: false, protocol: UDP, flags: 0, payload: buildDnsResponse({ id, question: { name: host.name, type: v6 ? 'AAAA' : 'A' }, answers }) };
}

/** A TLS session: handshake, ClientHello (maybe split), server flight, bulk transfer, close. */
function* httpsSession(u: Universe, sni: string): Generator<PacketSpec> {
  yield { fromClient: true, protocol: TCP, flags: FLAG.SYN, payload: new Uint8Array(0) };
  yield { fromClient: false, protocol: TCP, flags: FLAG.SYN | FLAG.ACK, payload: new Uint8Array(0) };
  yield { fromClient: true, protocol: TCP, flags: FLAG.ACK, payload: new Uint8Array(0) };
  const hello = buildTlsClientHello(sni, { paddingLength: u.random() < 0.3 ? 1200 + Math.floor(u.random() * 600) : 100 + Math.floor(u.random() * 300) });
  for (let at = 0; at < hello.length; at += MSS) yield { fromClient: true, protocol: TCP, flags: FLAG.ACK | FLAG.PSH, payload: hello.subarray(at, at + MSS) };
  // Server flight: ServerHello + encrypted extensions/certificate, shaped as TLS records.
  for (let i = 0; i < 3; i++) yield { fromClient: false, protocol: TCP, flags: FLAG.ACK, payload: tlsRecord(u, i === 0 ? 22 : 23, i === 2 ? 900 : MSS - 5) };
  const exchanges = 2 + Math.floor(u.random() * 12);
  for (let e = 0; e < exchanges; e++) {
    yield { fromClient: true, protocol: TCP, flags: FLAG.ACK | FLAG.PSH, payload: tlsRecord(u, 23, 80 + Math.floor(u.random() * 600)) };
    const segments = 1 + Math.floor(u.random() * 24);
    for (let s = 0; s < segments; s++) {
      yield { fromClient: false, protocol: TCP, flags: FLAG.ACK, payload: s === 0 ? tlsRecord(u, 23, MSS - 5) : u.noiseSlice(MSS) };
      if (s % 2 === 1) yield { fromClient: true, protocol: TCP, flags: FLAG.ACK, payload: new Uint8Array(0) };
    }
  }
  yield { fromClient: true, protocol: TCP, flags: FLAG.FIN | FLAG.ACK, payload: new Uint8Array(0) };
  yield { fromClient: false, protocol: TCP, flags: FLAG.FIN | FLAG.ACK, payload: new Uint8Array(0) };
  yield { fromClient: true, protocol: TCP, flags: FLAG.ACK, payload: new Uint8Array(0) };
}

function tlsRecord(u: Universe, type: number, length: number): Uint8Array {
  const record = new Uint8Array(5 + length);
  record[0] = type;
  record[1] = 3;
  record[2] = 3;
  record[3] = length >> 8;
  record[4] = length & 0xff;
  record.set(u.noiseSlice(length), 5);
  return record;
}

/** Plain HTTP: tracker-style GET/POST requests carrying identifiers in several encodings, text responses. */
function* httpSession(u: Universe, host: string): Generator<PacketSpec> {
  yield { fromClient: true, protocol: TCP, flags: FLAG.SYN, payload: new Uint8Array(0) };
  yield { fromClient: false, protocol: TCP, flags: FLAG.SYN | FLAG.ACK, payload: new Uint8Array(0) };
  yield { fromClient: true, protocol: TCP, flags: FLAG.ACK, payload: new Uint8Array(0) };
  const requests = 1 + Math.floor(u.random() * 4);
  for (let r = 0; r < requests; r++) {
    const pick = Math.floor(u.random() * 5);
    const [user, email, imei, phone] = BENCH_IDENTIFIERS.map((i) => i.value);
    const request =
      pick === 0
        ? buildHttpRequest({ host, path: `/v1/collect?uid=${user}&ev=open&ts=${r}`, headers: { 'User-Agent': 'Murmur/3.1 (Android 13)' } })
        : pick === 1
          ? buildHttpRequest({ method: 'POST', host, path: '/track', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, imei, events: ['a', 'b'] }) })
          : pick === 2
            ? buildHttpRequest({ host, path: `/p.gif?e=${encodeURIComponent(phone ?? '')}&h=${Buffer.from(email ?? '').toString('base64')}` })
            : buildHttpRequest({ host, path: `/static/app.${r}.js`, headers: { Accept: '*/*' } });
    yield { fromClient: true, protocol: TCP, flags: FLAG.ACK | FLAG.PSH, payload: request };
    const segments = 1 + Math.floor(u.random() * 10);
    yield { fromClient: false, protocol: TCP, flags: FLAG.ACK, payload: encodeText(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${segments * MSS}\r\n\r\n`) };
    for (let s = 0; s < segments; s++) {
      yield { fromClient: false, protocol: TCP, flags: FLAG.ACK, payload: u.textSlice(MSS) };
      if (s % 2 === 1) yield { fromClient: true, protocol: TCP, flags: FLAG.ACK, payload: new Uint8Array(0) };
    }
  }
  yield { fromClient: true, protocol: TCP, flags: FLAG.FIN | FLAG.ACK, payload: new Uint8Array(0) };
  yield { fromClient: false, protocol: TCP, flags: FLAG.FIN | FLAG.ACK, payload: new Uint8Array(0) };
}

/** QUIC-shaped UDP/443: an Initial-looking long-header datagram (not decryptable), then short-header data. */
function* quicSession(u: Universe): Generator<PacketSpec> {
  const initial = new Uint8Array(1200);
  initial.set(u.noiseSlice(1200));
  initial[0] = 0xc3;
  initial.set([0, 0, 0, 1, 8], 1);
  initial[14] = 0;
  initial[15] = 0;
  initial[16] = 0x44;
  initial[17] = 0x96;
  yield { fromClient: true, protocol: UDP, flags: 0, payload: initial };
  const datagrams = 10 + Math.floor(u.random() * 60);
  for (let d = 0; d < datagrams; d++) {
    const payload = u.noiseSlice(d % 3 === 0 ? 60 : 1200).slice();
    payload[0] = 0x40 | ((payload[0] ?? 0) & 0x3f);
    yield { fromClient: d % 3 === 0, protocol: UDP, flags: 0, payload };
  }
}

/** A proprietary voice/signalling protocol over UDP that sends the room and user IDs in the clear. */
function* voiceSession(u: Universe, host: string): Generator<PacketSpec> {
  const [user, , , , room] = BENCH_IDENTIFIERS.map((i) => i.value);
  yield { fromClient: true, protocol: UDP, flags: 0, payload: encodeText(`JOIN ${room} uid=${user} edge=${host} v=2`) };
  const datagrams = 20 + Math.floor(u.random() * 80);
  for (let d = 0; d < datagrams; d++) {
    const payload = u.noiseSlice(160 + Math.floor(u.random() * 60)).slice();
    payload[0] = 0x80;
    yield { fromClient: d % 2 === 0, protocol: UDP, flags: 0, payload };
  }
}

interface ActiveSession {
  ends: Endpoints;
  packets: Generator<PacketSpec>;
  clientSeq: number;
  serverSeq: number;
}

/**
 * Writes a pcap of about `targetBytes` to `path`. Deterministic for a given seed.
 */
export function generateBenchCapture(path: string, targetBytes: number, seed = 1): GeneratedCapture {
  const random = createSeededRandom(seed).next;
  const universe = new Universe(random);
  const sink = new FrameSink(path);
  let time = 1_700_000_000;
  let sessions = 0;
  let nextPort = 20000;

  const startSession = (): ActiveSession => {
    sessions += 1;
    const v6 = random() < 0.1;
    const host = universe.pickHost();
    const client = v6 ? Uint8Array.of(0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 + (sessions % 8)) : Uint8Array.of(192, 168, 1, 2 + (sessions % 8));
    const server = v6 ? host.v6 : host.v4;
    nextPort = nextPort >= 65000 ? 20000 : nextPort + 1;
    const roll = random();
    let serverPort = 443;
    let packets: Generator<PacketSpec>;
    if (roll < 0.12) {
      serverPort = 53;
      packets = dnsSession(universe, host, v6);
      return { ends: { v6, client, server: v6 ? Uint8Array.of(0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1) : Uint8Array.of(192, 168, 1, 1), clientPort: nextPort, serverPort }, packets, clientSeq: 0, serverSeq: 0 };
    }
    if (roll < 0.62) packets = httpsSession(universe, host.name);
    else if (roll < 0.77) {
      serverPort = 80;
      packets = httpSession(universe, host.name);
    } else if (roll < 0.89) packets = quicSession(universe);
    else {
      serverPort = 3478 + Math.floor(random() * 4);
      packets = voiceSession(universe, host.name);
    }
    return { ends: { v6, client, server, clientPort: nextPort, serverPort }, packets, clientSeq: Math.floor(random() * 2 ** 32), serverSeq: Math.floor(random() * 2 ** 32) };
  };

  const active: ActiveSession[] = [];
  for (let i = 0; i < ACTIVE_SESSIONS; i++) active.push(startSession());
  while (sink.bytes < targetBytes) {
    const slot = Math.floor(random() * active.length);
    const session = active[slot] as ActiveSession;
    const next = session.packets.next();
    if (next.done === true) {
      active[slot] = startSession();
      continue;
    }
    const spec = next.value;
    time += random() * 0.0004;
    const seq = spec.fromClient ? session.clientSeq : session.serverSeq;
    const ack = spec.fromClient ? session.serverSeq : session.clientSeq;
    sink.writeFrame(time, session.ends, spec, seq, spec.flags & FLAG.ACK ? ack : 0);
    const advance = spec.payload.length + (spec.flags & (FLAG.SYN | FLAG.FIN) ? 1 : 0);
    if (spec.fromClient) session.clientSeq = (session.clientSeq + advance) >>> 0;
    else session.serverSeq = (session.serverSeq + advance) >>> 0;
  }
  sink.close();
  return { path, bytes: sink.bytes, packets: sink.packets, sessions, identifiers: BENCH_IDENTIFIERS };
}
