/**
 * Header values that are legal to parse but cannot be right: zero or huge snap lengths, records longer than their
 * snap length, pcapng sections that are separate captures years apart. Each is one counted warning with the byte
 * offset; every packet is still read.
 */
import { describe, expect, it } from 'vitest';
import { buildTcpFrame, buildUdpFrame, LINKTYPE, PcapngWriter, PcapWriter } from '../helpers/pcap-writer.js';
import { collectObservations, ofKind } from './support.js';

const frame = (srcPort: number, payloadBytes = 20) =>
  buildUdpFrame({ src: '192.0.2.1', dst: '198.51.100.7', srcPort, dstPort: 9999, payload: new Uint8Array(payloadBytes).fill(0x61) });

function pcapWith(snapLength: number, frames: Uint8Array[]): Uint8Array {
  const writer = new PcapWriter({ snapLength });
  frames.forEach((f, i) => writer.addFrame(1700000000 + i, f));
  return writer.toBytes();
}

async function read(bytes: Uint8Array, format: 'pcap' | 'pcapng') {
  const { observations, stats } = await collectObservations(bytes, format);
  return { packets: ofKind(observations, 'packet'), warnings: ofKind(observations, 'warning'), stats };
}

describe('pcap file header snap length', () => {
  it('warns at byte offset 16 about a snap length of 0 and still reads every packet', async () => {
    const { packets, warnings } = await read(pcapWith(0, [frame(1), frame(2)]), 'pcap');
    expect(packets.map((p) => p.srcPort)).toEqual([1, 2]);
    expect(warnings).toEqual([expect.objectContaining({ offset: 16, where: 'byte', message: expect.stringMatching(/snap length 0 in the pcap file header/) })]);
  });

  it('warns about a snap length above 256 KiB', async () => {
    const { packets, warnings } = await read(pcapWith(0x7fffffff, [frame(1)]), 'pcap');
    expect(packets).toHaveLength(1);
    expect(warnings).toEqual([expect.objectContaining({ offset: 16, message: expect.stringMatching(/snap length 2147483647 .*exceeds 256 KiB/) })]);
  });

  it('accepts the usual snap lengths without a word', async () => {
    for (const snap of [65535, 262144]) expect((await read(pcapWith(snap, [frame(1)]), 'pcap')).warnings).toEqual([]);
  });

  it('counts records longer than the snap length in one warning at the first one, reading them as recorded', async () => {
    // Records of 62 bytes (UDP, 20 payload bytes) and 142 bytes in a file that claims a 100-byte snap length.
    const frames = [frame(1), frame(2, 100), frame(3), frame(4, 100), frame(5, 100)];
    const bytes = pcapWith(100, frames);
    const { packets, warnings } = await read(bytes, 'pcap');
    expect(packets.map((p) => [p.srcPort, p.payload.length])).toEqual([
      [1, 20],
      [2, 100],
      [3, 20],
      [4, 100],
      [5, 100],
    ]);
    const secondRecordOffset = 24 + 16 + frames[0]!.length;
    expect(warnings).toEqual([
      expect.objectContaining({
        offset: secondRecordOffset,
        message: `packet record captured length ${frames[1]!.length} exceeds the snap length 100 (3 such packet records in all); read as recorded`,
      }),
    ]);
  });
});

describe('pcapng interface snap length', () => {
  it('takes 0 as "no limit" (pcapng §4.2), silently', async () => {
    const writer = new PcapngWriter({ interfaces: [{ linkType: LINKTYPE.ETHERNET, snapLength: 0 }] });
    writer.addEnhancedPacket(1700000000, frame(1, 3000));
    const { packets, warnings } = await read(writer.toBytes(), 'pcapng');
    expect(packets).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('warns at the interface block about a snap length above 256 KiB, and counts packets longer than theirs', async () => {
    const writer = new PcapngWriter({ interfaces: [{ linkType: LINKTYPE.ETHERNET, snapLength: 1 << 30 }, { linkType: LINKTYPE.ETHERNET, snapLength: 64 }] });
    writer.addEnhancedPacket(1700000000, frame(1), 0);
    writer.addEnhancedPacket(1700000001, frame(2, 200), 1);
    writer.addEnhancedPacket(1700000002, frame(3, 200), 1);
    const bytes = writer.toBytes();
    const { packets, warnings } = await read(bytes, 'pcapng');
    expect(packets.map((p) => p.srcPort)).toEqual([1, 2, 3]);
    // Section header block (28 bytes), then the first interface description block.
    expect(warnings[0]).toMatchObject({ offset: 28, message: expect.stringMatching(/snap length 1073741824 in an interface description block exceeds 256 KiB/) });
    expect(warnings[1]?.message).toMatch(/captured length \d+ exceeds the snap length 64 \(2 such packet records in all\)/);
    expect(warnings).toHaveLength(2);
    // The warning points at the enhanced packet block of the second frame.
    const offset = warnings[1]?.offset ?? -1;
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(offset, true)).toBe(6);
  });
});

describe('pcapng sections that are separate captures', () => {
  const tcp = (srcPort: number) => buildTcpFrame({ src: '10.0.0.2', dst: '203.0.113.9', srcPort, dstPort: 443, seq: 1, flags: 0x18, payload: new Uint8Array(4) });

  it('counts sections starting years away from the previous one, in one warning at the first such section', async () => {
    const writer = new PcapngWriter();
    writer.addEnhancedPacket(Date.UTC(2019, 2, 1) / 1000, tcp(1));
    const secondSection = writer.toBytes().length;
    writer.startSection('le', [{ linkType: LINKTYPE.ETHERNET }]);
    writer.addEnhancedPacket(Date.UTC(2024, 5, 1) / 1000, tcp(2));
    // A section continuing the same session a minute later is not a separate capture.
    writer.startSection('be', [{ linkType: LINKTYPE.ETHERNET }]);
    writer.addEnhancedPacket(Date.UTC(2024, 5, 1) / 1000 + 60, tcp(3));
    writer.startSection('le', [{ linkType: LINKTYPE.ETHERNET }]);
    writer.addEnhancedPacket(Date.UTC(2021, 0, 1) / 1000, tcp(4));
    const { packets, warnings } = await read(writer.toBytes(), 'pcapng');
    expect(packets).toHaveLength(4);
    expect(warnings).toEqual([
      expect.objectContaining({
        offset: secondSection,
        message: expect.stringMatching(/^2 of 4 pcapng sections start more than 30 days away from the section before \(the first 1919 days after it\)/),
      }),
    ]);
  });

  it('says nothing about sections of one session', async () => {
    const writer = new PcapngWriter();
    writer.addEnhancedPacket(1700000000, tcp(1));
    writer.startSection('le', [{ linkType: LINKTYPE.ETHERNET }]);
    writer.addEnhancedPacket(1700000100, tcp(2));
    expect((await read(writer.toBytes(), 'pcapng')).warnings).toEqual([]);
  });
});
