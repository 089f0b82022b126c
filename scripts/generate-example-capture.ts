/**
 * Generates the bundled example capture, observations/example-voice-app/murmur-session.pcap.
 * The capture is synthetic: every packet is built here, deterministically (no randomness, no clock),
 * to reproduce the shape of a real case (see observations/example-voice-app/README.md).
 *
 * Run: npm run build && node dist/scripts/generate-example-capture.js [output-file]
 */
import { writeFileSync } from 'node:fs';
import {
  PcapWriter,
  TCP_FLAGS,
  buildDnsResponse,
  buildHttpRequest,
  buildTcpFrame,
  buildTlsClientHello,
  buildUdpFrame,
  concatBytes,
  encodeText,
} from '../test/helpers/pcap-writer.js';

const PHONE = '192.168.1.23';
const RESOLVER = '192.168.1.1';
export const EXAMPLE_USER_ID = 'u-48151623';
export const EXAMPLE_ROOM_ID = 'room-7f3a9c';

/** Where each server of the story lives; addresses are real networks of the named kinds. */
const SERVERS = {
  api: { host: 'api.murmur.example', ip: '3.208.10.10' }, // Amazon (AWS us-east), United States
  cdn: { host: 'cdn.murmur.example', ip: '104.16.10.10' }, // Cloudflare, United States
  amplitude: { host: 'api2.amplitude.com', ip: '52.4.10.10' }, // Amazon network, United States
  firebase: { host: 'app-measurement.com', ip: '142.250.72.10' }, // Google, United States
  rtcSignal: { host: 'ap-cn.agora.io', ip: '47.96.20.30' }, // Alibaba Cloud Hangzhou, China
  rtcMedia: { ip: '103.98.134.10' }, // Agora Communications Pte Ltd AS56172, Singapore
} as const;

/** Deterministic pseudo-random bytes (a 32-bit LCG), standing in for encoded audio. */
function noise(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}

function dnsQuery(id: number, name: string): Uint8Array {
  const message = buildDnsResponse({ id, question: name, answers: [] });
  // Same layout as a response with no answers; flip the header to a standard recursive query.
  message[2] = 0x01;
  message[3] = 0x00;
  return message;
}

/** Builds the whole session; returns pcap bytes. */
export function buildExampleCapture(): Uint8Array {
  const pcap = new PcapWriter();
  let time = Date.UTC(2026, 10, 20, 9, 0, 0) / 1000;
  const tick = (seconds: number): number => {
    time += seconds;
    return time;
  };
  let dnsId = 0x1a00;
  let ephemeral = 50000;

  const resolve = (name: string, ip: string): void => {
    const port = ephemeral++;
    const id = dnsId++;
    pcap.addFrame(tick(0.01), buildUdpFrame({ src: PHONE, dst: RESOLVER, srcPort: port, dstPort: 53, payload: dnsQuery(id, name) }));
    pcap.addFrame(
      tick(0.02),
      buildUdpFrame({ src: RESOLVER, dst: PHONE, srcPort: 53, dstPort: port, payload: buildDnsResponse({ id, question: name, answers: [{ name, type: 'A', value: ip, ttl: 300 }] }) }),
    );
  };

  /** A TCP connection: handshake, the client's first segment, a server reply, and a FIN exchange. */
  const tcpSession = (server: string, serverPort: number, firstSegment: Uint8Array, reply: Uint8Array): void => {
    const port = ephemeral++;
    const c = { src: PHONE, dst: server, srcPort: port, dstPort: serverPort };
    const s = { src: server, dst: PHONE, srcPort: serverPort, dstPort: port };
    let cseq = 1000;
    let sseq = 9000;
    pcap.addFrame(tick(0.01), buildTcpFrame({ ...c, flags: TCP_FLAGS.SYN, seq: cseq }));
    pcap.addFrame(tick(0.03), buildTcpFrame({ ...s, flags: TCP_FLAGS.SYN | TCP_FLAGS.ACK, seq: sseq, ack: cseq + 1 }));
    cseq += 1;
    sseq += 1;
    pcap.addFrame(tick(0.001), buildTcpFrame({ ...c, flags: TCP_FLAGS.ACK, seq: cseq, ack: sseq }));
    pcap.addFrame(tick(0.001), buildTcpFrame({ ...c, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: cseq, ack: sseq, payload: firstSegment }));
    cseq += firstSegment.length;
    pcap.addFrame(tick(0.04), buildTcpFrame({ ...s, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: sseq, ack: cseq, payload: reply }));
    sseq += reply.length;
    pcap.addFrame(tick(0.01), buildTcpFrame({ ...c, flags: TCP_FLAGS.FIN | TCP_FLAGS.ACK, seq: cseq, ack: sseq }));
    pcap.addFrame(tick(0.03), buildTcpFrame({ ...s, flags: TCP_FLAGS.FIN | TCP_FLAGS.ACK, seq: sseq, ack: cseq + 1 }));
    pcap.addFrame(tick(0.001), buildTcpFrame({ ...c, flags: TCP_FLAGS.ACK, seq: cseq + 1, ack: sseq + 1 }));
  };
  // A TLS 1.2-style server flight: handshake then application data records (opaque bytes).
  const tlsReply = (seed: number): Uint8Array =>
    concatBytes(Uint8Array.of(22, 3, 3, 0, 64), noise(seed, 64), Uint8Array.of(23, 3, 3, 0, 128), noise(seed + 1, 128));

  // 1. The app's own API over TLS (Amazon, United States): disclosed storage location.
  resolve(SERVERS.api.host, SERVERS.api.ip);
  tcpSession(SERVERS.api.ip, 443, buildTlsClientHello(SERVERS.api.host), tlsReply(11));

  // 2. Analytics SDKs over HTTPS: Amplitude (named in the policy) and Firebase/Google Analytics (not named).
  resolve(SERVERS.amplitude.host, SERVERS.amplitude.ip);
  tcpSession(SERVERS.amplitude.ip, 443, buildTlsClientHello(SERVERS.amplitude.host), tlsReply(21));
  resolve(SERVERS.firebase.host, SERVERS.firebase.ip);
  tcpSession(SERVERS.firebase.ip, 443, buildTlsClientHello(SERVERS.firebase.host), tlsReply(31));

  // 3. Real-time audio provider signalling over UDP, in plaintext, to a server in China.
  resolve(SERVERS.rtcSignal.host, SERVERS.rtcSignal.ip);
  const signalPort = ephemeral++;
  const join = concatBytes(
    Uint8Array.of(0x00, 0x4a, 0x01, 0x02),
    encodeText(JSON.stringify({ cname: EXAMPLE_ROOM_ID, uid: EXAMPLE_USER_ID, sdk: '3.4.1', net: 'wifi' })),
  );
  pcap.addFrame(tick(0.02), buildUdpFrame({ src: PHONE, dst: SERVERS.rtcSignal.ip, srcPort: signalPort, dstPort: 8000, payload: join }));
  pcap.addFrame(
    tick(0.09),
    buildUdpFrame({
      src: SERVERS.rtcSignal.ip,
      dst: PHONE,
      srcPort: 8000,
      dstPort: signalPort,
      payload: concatBytes(Uint8Array.of(0x00, 0x4b, 0x01, 0x02), encodeText(`{"code":0,"edge":"${SERVERS.rtcMedia.ip}:4700"}`)),
    }),
  );
  for (let i = 0; i < 4; i++) {
    // Keep-alives carry the room and user IDs in every datagram.
    const ping = concatBytes(Uint8Array.of(0x00, 0x10, 0x00, i), encodeText(`${EXAMPLE_ROOM_ID}|${EXAMPLE_USER_ID}|ping`));
    pcap.addFrame(tick(0.5), buildUdpFrame({ src: PHONE, dst: SERVERS.rtcSignal.ip, srcPort: signalPort, dstPort: 8000, payload: ping }));
  }

  // 4. Audio over UDP to the provider's media edge (Singapore), addressed by IP only.
  const mediaPort = ephemeral++;
  const hello = concatBytes(Uint8Array.of(0x80, 0x01), encodeText(`join ${EXAMPLE_ROOM_ID} ${EXAMPLE_USER_ID}`));
  pcap.addFrame(tick(0.05), buildUdpFrame({ src: PHONE, dst: SERVERS.rtcMedia.ip, srcPort: mediaPort, dstPort: 4700, payload: hello }));
  for (let i = 0; i < 60; i++) {
    const outbound = i % 2 === 0;
    const header = Uint8Array.of(0x80, 0x6f, (i >> 8) & 0xff, i & 0xff);
    const frame = buildUdpFrame(
      outbound
        ? { src: PHONE, dst: SERVERS.rtcMedia.ip, srcPort: mediaPort, dstPort: 4700, payload: concatBytes(header, noise(1000 + i, 160)) }
        : { src: SERVERS.rtcMedia.ip, dst: PHONE, srcPort: 4700, dstPort: mediaPort, payload: concatBytes(header, noise(2000 + i, 160)) },
    );
    pcap.addFrame(tick(0.02), frame);
  }

  // 5. One plain-HTTP request to the app's own CDN, with the user ID in the URL.
  resolve(SERVERS.cdn.host, SERVERS.cdn.ip);
  tcpSession(
    SERVERS.cdn.ip,
    80,
    buildHttpRequest({ host: SERVERS.cdn.host, path: `/avatars/${EXAMPLE_USER_ID}.png`, headers: { 'User-Agent': 'Murmur/2.3 (Android 14)' } }),
    encodeText('HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 0\r\n\r\n'),
  );
  return pcap.toBytes();
}

const output = process.argv[2] ?? 'observations/example-voice-app/murmur-session.pcap';
if (process.argv[1]?.endsWith('generate-example-capture.js')) {
  writeFileSync(output, buildExampleCapture());
  process.stdout.write(`wrote ${output}\n`);
}
