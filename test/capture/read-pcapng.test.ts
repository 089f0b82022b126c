import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.js';
import { buildUdpFrame, LINKTYPE, PcapngWriter } from '../helpers/pcap-writer.js';
import { collectObservations, ofKind } from './support.js';

const udp = (srcPort: number) => buildUdpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort, dstPort: 53000 });
const rawUdp = (srcPort: number) => buildUdpFrame({ src: '10.9.0.1', dst: '10.9.0.2', srcPort, dstPort: 9, link: 'raw' });

describe('pcapng reader', () => {
  it.each(['le', 'be'] as const)('reads EPB, SPB and obsolete PB in a %s section', async (byteOrder) => {
    const writer = new PcapngWriter({ byteOrder });
    writer.addEnhancedPacket(1600000000.25, udp(1));
    writer.addSimplePacket(udp(2));
    writer.addObsoletePacket(1600000002.5, udp(3));
    const { observations, stats } = await collectObservations(writer.toBytes(), 'pcapng');
    const packets = ofKind(observations, 'packet');
    expect(stats.frames).toBe(3);
    expect(packets.map((p) => [p.frame, p.srcPort])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(packets[0]?.time).toBe(1600000000.25);
    // A simple packet has no timestamp of its own; it borrows the previous one.
    expect(packets[1]?.time).toBe(1600000000.25);
    expect(packets[2]?.time).toBe(1600000002.5);
    expect(ofKind(observations, 'warning')).toHaveLength(0);
  });

  it('honours per-interface link types and if_tsresol (decimal and binary)', async () => {
    const writer = new PcapngWriter({
      interfaces: [
        { linkType: LINKTYPE.ETHERNET, tsresol: 9 },
        { linkType: LINKTYPE.RAW, tsresol: 0x80 | 10 },
      ],
    });
    writer.addEnhancedPacket(1700000000.123456789, udp(1), 0);
    writer.addEnhancedPacket(1700000000.5, rawUdp(2), 1);
    const packets = ofKind((await collectObservations(writer.toBytes(), 'pcapng')).observations, 'packet');
    expect(packets[0]).toMatchObject({ srcPort: 1, time: 1700000000.123457 });
    expect(packets[1]).toMatchObject({ srcPort: 2, src: '10.9.0.1', time: 1700000000.5 });
  });

  it('restarts interfaces and byte order in a new section', async () => {
    const writer = new PcapngWriter({ byteOrder: 'le' });
    writer.addEnhancedPacket(1, udp(1));
    writer.startSection('be', [{ linkType: LINKTYPE.RAW }]);
    writer.addEnhancedPacket(2, rawUdp(2));
    const packets = ofKind((await collectObservations(writer.toBytes(), 'pcapng')).observations, 'packet');
    expect(packets.map((p) => [p.frame, p.src])).toEqual([
      [1, '10.0.0.1'],
      [2, '10.9.0.1'],
    ]);
  });

  it('skips unknown blocks with a warning and known side blocks silently', async () => {
    const writer = new PcapngWriter();
    writer.addBlock(0x12345678, new Uint8Array(8));
    writer.addBlock(5, new Uint8Array(12));
    writer.addEnhancedPacket(1, udp(1));
    const { observations, stats } = await collectObservations(writer.toBytes(), 'pcapng');
    expect(stats.frames).toBe(1);
    const warnings = ofKind(observations, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/unknown pcapng block type 0x12345678/);
  });

  it('warns about packets on undefined interfaces but keeps frame numbering', async () => {
    const writer = new PcapngWriter();
    writer.addEnhancedPacket(1, udp(1), 3);
    writer.addEnhancedPacket(2, udp(2), 0);
    const { observations } = await collectObservations(writer.toBytes(), 'pcapng');
    expect(ofKind(observations, 'packet').map((p) => p.frame)).toEqual([2]);
    expect(ofKind(observations, 'warning')[0]?.message).toMatch(/undefined interface 3/);
  });

  it('throws ImportError when the file does not start with a section header', async () => {
    await expect(collectObservations(new Uint8Array(64).fill(1), 'pcapng')).rejects.toBeInstanceOf(ImportError);
    await expect(collectObservations(new Uint8Array(64).fill(1), 'pcapng')).rejects.toThrow(/byte offset 0/);
  });

  it('warns about a truncated final block', async () => {
    const writer = new PcapngWriter();
    writer.addEnhancedPacket(1, udp(1));
    writer.addEnhancedPacket(2, udp(2));
    const bytes = writer.toBytes();
    const { observations, stats } = await collectObservations(bytes.subarray(0, bytes.length - 8), 'pcapng');
    expect(stats.frames).toBe(1);
    expect(ofKind(observations, 'warning')[0]?.message).toMatch(/truncated block/);
  });
});
