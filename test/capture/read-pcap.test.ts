import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.js';
import {
  buildTcpFrame,
  buildUdpFrame,
  concatBytes,
  LINKTYPE,
  PcapWriter,
  TCP_FLAGS,
  type PcapWriterOptions,
} from '../helpers/pcap-writer.js';
import { collectObservations, ofKind } from './support.js';

function buildSample(options: PcapWriterOptions): Uint8Array {
  const writer = new PcapWriter(options);
  writer.addFrame(1700000000.123456, buildUdpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1111, dstPort: 2222, payload: Uint8Array.of(1, 2, 3) }));
  writer.addFrame(1700000001.5, buildTcpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 80, flags: TCP_FLAGS.SYN, seq: 100 }));
  return writer.toBytes();
}

describe('classic pcap reader', () => {
  it.each([
    ['little-endian microseconds', { byteOrder: 'le' }],
    ['big-endian microseconds', { byteOrder: 'be' }],
    ['little-endian nanoseconds', { byteOrder: 'le', resolution: 'ns' }],
    ['big-endian nanoseconds', { byteOrder: 'be', resolution: 'ns' }],
  ] as const)('reads %s', async (_name, options) => {
    const { observations, stats } = await collectObservations(buildSample(options), 'pcap');
    const packets = ofKind(observations, 'packet');
    expect(stats.frames).toBe(2);
    expect(packets.map((p) => [p.frame, p.protocol, p.srcPort, p.dstPort])).toEqual([
      [1, 'udp', 1111, 2222],
      [2, 'tcp', 40000, 80],
    ]);
    expect(packets[0]?.time).toBeCloseTo(1700000000.123456, 6);
    expect(packets[1]?.time).toBe(1700000001.5);
    expect(packets[1]?.tcpFlags).toBe(TCP_FLAGS.SYN);
    expect(Array.from(packets[0]?.payload ?? [])).toEqual([1, 2, 3]);
  });

  it('rounds nanosecond timestamps to the microsecond', async () => {
    const writer = new PcapWriter({ resolution: 'ns' });
    writer.addFrame(1700000000.000001499, buildUdpFrame({ src: '1.1.1.1', dst: '2.2.2.2', srcPort: 1, dstPort: 2 }));
    const { observations } = await collectObservations(writer.toBytes(), 'pcap');
    expect(ofKind(observations, 'packet')[0]?.time).toBe(1700000000.000001);
  });

  it.each([
    ['raw IP (101)', LINKTYPE.RAW],
    ['IPv4 (228)', LINKTYPE.IPV4],
  ])('decodes link type %s', async (_name, linkType) => {
    const writer = new PcapWriter({ linkType });
    writer.addFrame(1, buildUdpFrame({ src: '10.1.1.1', dst: '10.2.2.2', srcPort: 5, dstPort: 6, link: 'raw' }));
    const { observations } = await collectObservations(writer.toBytes(), 'pcap');
    expect(ofKind(observations, 'packet')[0]).toMatchObject({ src: '10.1.1.1', dst: '10.2.2.2', srcPort: 5, dstPort: 6 });
  });

  it('decodes raw IPv6 (229), Linux SLL (113) and BSD loopback (0)', async () => {
    const ipv6 = buildUdpFrame({ src: '2001:db8::1', dst: '2001:db8::2', srcPort: 7, dstPort: 8, link: 'raw' });
    const ipv4 = buildUdpFrame({ src: '192.0.2.1', dst: '192.0.2.2', srcPort: 9, dstPort: 10, link: 'raw' });
    const sll = concatBytes(Uint8Array.of(0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00), ipv4);
    const nullLittle = concatBytes(Uint8Array.of(2, 0, 0, 0), ipv4);
    const nullBigV6 = concatBytes(Uint8Array.of(0, 0, 0, 30), ipv6);
    const read = async (linkType: number, frame: Uint8Array) => {
      const writer = new PcapWriter({ linkType });
      writer.addFrame(1, frame);
      return ofKind((await collectObservations(writer.toBytes(), 'pcap')).observations, 'packet')[0];
    };
    expect(await read(LINKTYPE.IPV6, ipv6)).toMatchObject({ src: '2001:db8::1', dstPort: 8 });
    expect(await read(LINKTYPE.LINUX_SLL, sll)).toMatchObject({ src: '192.0.2.1', dstPort: 10 });
    expect(await read(LINKTYPE.NULL, nullLittle)).toMatchObject({ src: '192.0.2.1', dstPort: 10 });
    expect(await read(LINKTYPE.NULL, nullBigV6)).toMatchObject({ src: '2001:db8::1', dstPort: 8 });
  });

  it('steps over 802.1Q VLAN tags', async () => {
    const writer = new PcapWriter();
    writer.addFrame(1, buildTcpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 2, flags: TCP_FLAGS.ACK, seq: 1, vlan: 42 }));
    const { observations } = await collectObservations(writer.toBytes(), 'pcap');
    expect(ofKind(observations, 'packet')[0]).toMatchObject({ protocol: 'tcp', srcPort: 1, dstPort: 2 });
  });

  it('reports the original length of snapped frames', async () => {
    const writer = new PcapWriter();
    const frame = buildUdpFrame({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 2, payload: new Uint8Array(100) });
    writer.addFrame(1, frame.subarray(0, 60), frame.length);
    const packet = ofKind((await collectObservations(writer.toBytes(), 'pcap')).observations, 'packet')[0];
    expect(packet?.frameLength).toBe(frame.length);
    expect(packet?.payload.length).toBe(60 - 42);
  });

  it('throws ImportError naming the offset for a bad magic number or a short header', async () => {
    await expect(collectObservations(new Uint8Array(30).fill(7), 'pcap')).rejects.toThrow(/byte offset 0: magic number 0x07070707/);
    await expect(collectObservations(buildSample({}).subarray(0, 10), 'pcap')).rejects.toBeInstanceOf(ImportError);
    await expect(collectObservations(new Uint8Array(0), 'pcap')).rejects.toBeInstanceOf(ImportError);
  });

  it('says so when a pcapng file is read as pcap', async () => {
    const bytes = Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, ...new Array<number>(28).fill(0));
    await expect(collectObservations(bytes, 'pcap')).rejects.toThrow(/pcapng/);
  });

  it('warns about a truncated last record and keeps the frames before it', async () => {
    const bytes = buildSample({});
    const { observations, stats } = await collectObservations(bytes.subarray(0, bytes.length - 5), 'pcap');
    expect(stats.frames).toBe(1);
    const warnings = ofKind(observations, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/truncated packet record/);
    expect(warnings[0]?.offset).toBeGreaterThan(24);
  });

  it('stops with a warning at a record whose length is absurd', async () => {
    const bytes = buildSample({}).slice();
    const view = new DataView(bytes.buffer);
    const secondRecord = 24 + 16 + view.getUint32(24 + 8, true);
    view.setUint32(secondRecord + 8, 0x7fffffff, true);
    const { observations, stats } = await collectObservations(bytes, 'pcap');
    expect(stats.frames).toBe(1);
    expect(ofKind(observations, 'warning')[0]).toMatchObject({ offset: secondRecord, where: 'byte' });
  });
});
