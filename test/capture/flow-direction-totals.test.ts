/**
 * Flows count what each end sent (client → server, server → client), also when the roles are settled only after
 * the first packets (a capture joined mid-connection), and stand-ins of whole exchanges bring their own figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import type { FlowSummary } from '../../src/model/capture-summary.js';
import { buildTcpFrame, buildTlsClientHello, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { writeTempFile } from './support.js';

const ACK_PSH = TCP_FLAGS.ACK | TCP_FLAGS.PSH;
const FIN_PSH_ACK = TCP_FLAGS.FIN | TCP_FLAGS.PSH | TCP_FLAGS.ACK;

async function summarizeFrames(frames: Uint8Array[]): Promise<FlowSummary[]> {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-directions-'));
  try {
    const writer = new PcapWriter();
    frames.forEach((frame, i) => writer.addFrame(1_700_000_000 + i, frame));
    const file = join(dir, 'directions.pcap');
    writeFileSync(file, writer.toBytes());
    return (await summarizeCapture(file)).flows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('per-direction totals of a flow', () => {
  it('counts a server re-sending FINs to a silent device as nothing sent by the client (ndpi_android, Apple)', async () => {
    // Apple's servers retransmit [FIN, PSH, ACK] with an encrypted alert; the device (192.168.2.17) never answers.
    const alert = new Uint8Array([21, 3, 3, 0, 26, ...new Array<number>(26).fill(0x5a)]);
    const frames = [0, 1, 2].map((i) =>
      buildTcpFrame({ src: '17.248.176.75', srcPort: 443, dst: '192.168.2.17', dstPort: 50584, flags: FIN_PSH_ACK, seq: 1000, payload: alert, identification: i }),
    );
    const [flow] = await summarizeFrames(frames);
    expect(flow).toMatchObject({ client: '192.168.2.17', server: '17.248.176.75', packets: 3 });
    expect(flow?.clientToServer).toEqual({ packets: 0, bytes: 0, payloadBytes: 0 });
    expect(flow?.serverToClient).toEqual({ packets: 3, bytes: 3 * frames[0]!.length, payloadBytes: 3 * alert.length });
  });

  it('moves the counts with the roles when a later packet shows the first sender was the server', async () => {
    // Both ends public on high ports: the first packet's sender starts as client, until the ClientHello names the real one.
    const hello = buildTlsClientHello('api.example.com');
    const ack = buildTcpFrame({ src: '198.51.100.7', srcPort: 40443, dst: '203.0.113.9', dstPort: 51000, flags: TCP_FLAGS.ACK, seq: 1 });
    const request = buildTcpFrame({ src: '203.0.113.9', srcPort: 51000, dst: '198.51.100.7', dstPort: 40443, flags: ACK_PSH, seq: 9, payload: hello });
    const [flow] = await summarizeFrames([ack, request]);
    expect(flow).toMatchObject({ client: '203.0.113.9', server: '198.51.100.7' });
    expect(flow?.clientToServer).toEqual({ packets: 1, bytes: request.length, payloadBytes: hello.length });
    expect(flow?.serverToClient).toEqual({ packets: 1, bytes: ack.length, payloadBytes: 0 });
  });

  it('counts a HAR request (headers and body) as sent and its response as received, measuring headers the HAR leaves at -1', async () => {
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: [
          {
            startedDateTime: '2026-01-01T00:00:00.000Z',
            time: 1,
            serverIPAddress: '151.101.1.1',
            request: { method: 'POST', url: 'https://collect.example.com/e', httpVersion: 'h2', headers: [{ name: 'x-id', value: 'abc' }], headersSize: -1, bodySize: 5, postData: { mimeType: 'text/plain', text: 'hello' } },
            response: { status: 200, httpVersion: 'h2', headers: [], headersSize: 100, bodySize: 900, _transferSize: 1200, content: { size: 900 } },
            timings: { send: 0, wait: 1, receive: 0 },
          },
        ],
      },
    };
    const summary = await summarizeCapture(writeTempFile('exchange.har', JSON.stringify(har)));
    const [flow] = summary.flows;
    // "POST /e HTTP/1.1\r\n" (18 bytes), "x-id: abc" (9) and the blank line (4); the body 5.
    expect(flow?.clientToServer).toEqual({ packets: 1, bytes: 36, payloadBytes: 36 });
    expect(flow?.serverToClient).toEqual({ packets: 1, bytes: 1200, payloadBytes: 1200 });
    expect(flow?.bytes).toBe(1236);
  });

  it("takes a Zeek connection's split from conn.log's orig and resp counts, and leaves it unknown when a count is missing", async () => {
    const header = [
      '#separator \\x09',
      '#path\tconn',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tcount\tcount\tcount\tcount',
    ];
    const rows = [
      '1700000000.0\tC1\t10.0.0.2\t50000\t93.184.216.34\t443\ttcp\tssl\t1.0\t300\t5000\tSF\t6\t620\t8\t5420',
      '1700000001.0\tC2\t10.0.0.2\t50001\t93.184.216.35\t443\ttcp\t-\t1.0\t-\t-\tS0\t1\t60\t0\t0',
    ];
    const summary = await summarizeCapture(writeTempFile('conn.log', [...header, ...rows, ''].join('\n')), { format: 'zeek' });
    const known = summary.flows.find((f) => f.server === '93.184.216.34');
    expect(known?.clientToServer).toEqual({ packets: 6, bytes: 620, payloadBytes: 300 });
    expect(known?.serverToClient).toEqual({ packets: 8, bytes: 5420, payloadBytes: 5000 });
    const unknown = summary.flows.find((f) => f.server === '93.184.216.35');
    expect(unknown).toBeDefined();
    expect(unknown?.clientToServer).toBeUndefined();
  });

  it('leaves the split unknown for a flow known only from a Zeek ssl.log, whose conn.log was not given: not "nothing sent"', async () => {
    const ssl = [
      '#separator \\x09',
      '#path\tssl',
      '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tversion\tserver_name',
      '#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring',
      '1700000000.0\tC1\t10.0.0.2\t50000\t93.184.216.34\t443\tTLSv13\tapi.example.com',
      '',
    ].join('\n');
    const summary = await summarizeCapture(writeTempFile('ssl.log', ssl), { format: 'zeek' });
    const [flow] = summary.flows;
    expect(flow?.hostNames.map((h) => h.host)).toEqual(['api.example.com']);
    expect(flow?.clientToServer).toBeUndefined();
  });
});
