import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSenderRole, judgeDatagramRoles, shouldSwapRoles } from '../../src/capture/infer-flow-roles.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { isPrivateAddress } from '../../src/enrich/private-address.js';
import type { FlowSummary } from '../../src/model/capture-summary.js';
import { buildHttpRequest, buildTcpFrame, buildUdpFrame, buildTlsClientHello, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';

/** A TLS 1.2 record holding the start of a ServerHello (handshake type 2), as a server sends it. */
const SERVER_HELLO = new Uint8Array([22, 3, 3, 0, 42, 2, 0, 0, 38, 3, 3, ...new Array<number>(32).fill(7)]);

async function summarizeFrames(frames: Uint8Array[]): Promise<FlowSummary[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-roles-'));
  try {
    const writer = new PcapWriter();
    frames.forEach((frame, i) => writer.addFrame(1_700_000_000 + i, frame));
    const file = join(dir, 'mid-stream.pcap');
    writeFileSync(file, writer.toBytes());
    return (await summarizeCapture(file)).flows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ACK_PSH = TCP_FLAGS.ACK | TCP_FLAGS.PSH;

describe('roles of a TCP connection the capture joined mid-stream (no SYN)', () => {
  it('reads the sender of a first payload: ClientHello and request from the client, ServerHello and response from the server', () => {
    expect(readSenderRole(buildTlsClientHello('api.example.com'))).toBe('client');
    expect(readSenderRole(SERVER_HELLO)).toBe('server');
    expect(readSenderRole(buildHttpRequest({ host: 'a.example', path: '/x' }))).toBe('client');
    expect(readSenderRole(encodeText('HTTP/1.1 204 No Content\r\n\r\n'))).toBe('server');
    expect(readSenderRole(new Uint8Array([23, 3, 3, 0, 30, 9, 9, 9]))).toBeNull();
  });

  it('judges by well-known port, then ephemeral port, then public address, else keeps the first sender', () => {
    expect(shouldSwapRoles('95.101.24.53', 443, '192.168.2.17', 50677)).toBe(true);
    expect(shouldSwapRoles('192.168.2.16', 49510, '216.239.38.120', 5228)).toBe(false);
    expect(shouldSwapRoles('216.239.38.120', 5228, '192.168.2.16', 49510)).toBe(true);
    expect(shouldSwapRoles('10.0.0.5', 8080, '8.8.4.4', 9000)).toBe(false);
    expect(shouldSwapRoles('8.8.4.4', 8080, '10.0.0.5', 9000)).toBe(true);
    expect(shouldSwapRoles('8.8.4.4', 40000, '1.1.1.1', 50000)).toBe(false);
  });

  it('makes the sender of a ServerHello the server even when ports and addresses say nothing', async () => {
    // Both ends public and on ephemeral ports: only the payload tells. The reply was captured first.
    const [flow] = await summarizeFrames([
      buildTcpFrame({ src: '198.51.100.7', srcPort: 40443, dst: '203.0.113.9', dstPort: 51000, flags: ACK_PSH, seq: 1, payload: SERVER_HELLO }),
      buildTcpFrame({ src: '203.0.113.9', srcPort: 51000, dst: '198.51.100.7', dstPort: 40443, flags: TCP_FLAGS.ACK, seq: 9 }),
    ]);
    expect(flow).toMatchObject({ client: '203.0.113.9', clientPort: 51000, server: '198.51.100.7', serverPort: 40443, packets: 2 });
  });

  it('lets a SYN captured later still decide', async () => {
    const [flow] = await summarizeFrames([
      buildTcpFrame({ src: '10.0.0.2', srcPort: 44000, dst: '10.0.0.3', dstPort: 45000, flags: TCP_FLAGS.ACK, seq: 1 }),
      buildTcpFrame({ src: '10.0.0.3', srcPort: 45000, dst: '10.0.0.2', dstPort: 44000, flags: TCP_FLAGS.SYN, seq: 0 }),
    ]);
    expect(flow).toMatchObject({ client: '10.0.0.3', server: '10.0.0.2' });
  });

  it('never makes the phone the server in a real capture that starts with servers replying', async () => {
    // ndpi_android.pcap opens mid-connection: frame 1 is 95.101.24.53:443 → 192.168.2.17:50677 (no SYN).
    const flows = (await summarizeCapture(join('..', 'shared', 'data', 'captures', 'ndpi_android.pcap'))).flows.filter((f) => f.protocol === 'tcp');
    expect(flows.find((f) => f.firstFrame === 1)).toMatchObject({ client: '192.168.2.17', clientPort: 50677, server: '95.101.24.53', serverPort: 443 });
    expect(flows.filter((f) => isPrivateAddress(f.server) && !isPrivateAddress(f.client))).toEqual([]);
  });
});

describe('roles of a UDP flow whose first captured datagram came from the server', () => {
  const audio = new Uint8Array([0x80, 0x6f, 0, 1, 0, 0, 0, 160, 0x12, 0x34, 0x56, 0x78, 9, 9, 9, 9]);

  it('judges by well-known port, then public address; a high port alone says nothing', () => {
    expect(judgeDatagramRoles('8.8.8.8', 53, '192.168.1.5', 40000)).toBe(true);
    expect(judgeDatagramRoles('45.76.12.9', 50001, '192.168.1.5', 50002)).toBe(true);
    expect(judgeDatagramRoles('192.168.1.5', 50002, '45.76.12.9', 50001)).toBe(false);
    // A phone's SIP port against a media server's high port: the ephemeral rule would wrongly swap these.
    expect(judgeDatagramRoles('192.168.1.5', 5060, '45.76.12.9', 40000)).toBe(false);
    expect(judgeDatagramRoles('52.14.0.7', 40000, '45.76.12.9', 50000)).toBe(null);
    expect(judgeDatagramRoles('192.168.1.5', 5353, '224.0.0.251', 5353)).toBe(null);
  });

  it('makes the remote voice server the server when the capture starts with its audio arriving', async () => {
    const flows = await summarizeFrames([
      buildUdpFrame({ src: '45.76.12.9', srcPort: 50001, dst: '192.168.1.5', dstPort: 50002, payload: audio }),
      buildUdpFrame({ src: '192.168.1.5', srcPort: 50002, dst: '45.76.12.9', dstPort: 50001, payload: audio }),
      buildUdpFrame({ src: '8.8.8.8', srcPort: 53, dst: '192.168.1.5', dstPort: 40000, payload: new Uint8Array(12) }),
    ]);
    expect(flows.find((f) => f.server === '45.76.12.9')).toMatchObject({ client: '192.168.1.5', clientPort: 50002, serverPort: 50001, packets: 2 });
    expect(flows.find((f) => f.server === '8.8.8.8')).toMatchObject({ client: '192.168.1.5', clientPort: 40000, serverPort: 53 });
  });

  it('with both ends public on high ports, makes the device that opened the capture\'s connections the client', async () => {
    // A phone with a global IPv6 address: its TCP connection to an API server, then a call's audio arriving first
    // from a media server (both ports high, both addresses public), and a peer's audio to another phone.
    const phone = '2001:db8:1::5';
    const media = '2a05:d014::9';
    const flows = await summarizeFrames([
      buildTcpFrame({ src: phone, srcPort: 51000, dst: '2606:4700::1', dstPort: 443, flags: TCP_FLAGS.SYN, seq: 0 }),
      buildUdpFrame({ src: media, srcPort: 50001, dst: phone, dstPort: 40002, payload: audio }),
      buildUdpFrame({ src: phone, srcPort: 40002, dst: media, dstPort: 50001, payload: audio }),
      buildUdpFrame({ src: '2a05:d014::10', srcPort: 3478, dst: '2a05:d014::11', dstPort: 50000, payload: audio }),
    ]);
    expect(flows.find((f) => f.protocol === 'udp' && (f.server === media || f.client === media))).toMatchObject({ client: phone, clientPort: 40002, server: media, serverPort: 50001 });
    // Neither end of this one is the capture's device: the first sender stays the client.
    expect(flows.find((f) => f.protocol === 'udp' && f.client === '2a05:d014::10')).toMatchObject({ server: '2a05:d014::11' });
  });

  it('never makes a private address the server of a public client in the shared captures\' UDP flows', async () => {
    for (const name of ['ndpi_alexa-app.pcapng', 'ndpi_android.pcap', 'ndpi_viber.pcap', 'zeek_wikipedia.pcap']) {
      const flows = (await summarizeCapture(join('..', 'shared', 'data', 'captures', name))).flows.filter((f) => f.protocol === 'udp');
      expect(flows.length, name).toBeGreaterThan(0);
      expect(flows.filter((f) => isPrivateAddress(f.server) && !isPrivateAddress(f.client)), name).toEqual([]);
    }
  });
});
