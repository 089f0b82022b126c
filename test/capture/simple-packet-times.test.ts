import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildUdpFrame, encodeText, PcapngWriter } from '../helpers/pcap-writer.js';
import { writeTempFile } from './support.js';

const datagram = (port: number) => buildUdpFrame({ src: '192.168.1.10', dst: '198.51.100.9', srcPort: port, dstPort: 9000, payload: encodeText('hello') });

describe('pcapng Simple Packet Blocks, which carry no time', () => {
  it('before any timestamped packet, are left out of the capture\'s start and end, with a warning', async () => {
    const writer = new PcapngWriter();
    writer.addSimplePacket(datagram(40000));
    writer.addSimplePacket(datagram(40001));
    writer.addEnhancedPacket(1_700_000_000.25, datagram(40002));
    writer.addSimplePacket(datagram(40003));
    const summary = await summarizeCapture(writeTempFile('spb.pcapng', writer.toBytes()));
    expect(summary.packetCount).toBe(4);
    // Not 1970: the one timestamped packet starts and ends the capture (the later SPB reuses its time).
    expect([summary.firstTime, summary.lastTime]).toEqual([1_700_000_000.25, 1_700_000_000.25]);
    expect(summary.warnings.map((w) => w.message)).toContain(
      "2 packets in simple packet blocks before any timestamped packet carry no time; their evidence shows 1970-01-01, and the capture's start and end leave them out",
    );
  });

  it('alone, give a capture with no time rather than one dated 1970', async () => {
    const writer = new PcapngWriter();
    writer.addSimplePacket(datagram(40000));
    const summary = await summarizeCapture(writeTempFile('spb-only.pcapng', writer.toBytes()));
    expect([summary.packetCount, summary.firstTime, summary.lastTime]).toEqual([1, null, null]);
  });
});
