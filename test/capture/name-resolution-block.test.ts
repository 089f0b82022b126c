import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildTcpFrame, PcapngWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { collectObservations, ofKind, writeTempFile } from './support.js';

function buildCapture(byteOrder: 'le' | 'be'): Uint8Array {
  const writer = new PcapngWriter({ byteOrder });
  writer.addNameResolution([
    { address: '198.51.100.7', names: ['Rtc.VoiceInfra.example.', 'edge7.voiceinfra.example'] },
    { address: '2001:db8::44', names: ['v6.cdn.example'] },
    { address: '198.51.100.8', names: ['not a host name'] },
  ]);
  writer.addEnhancedPacket(10, buildTcpFrame({ src: '10.0.0.2', dst: '198.51.100.7', srcPort: 5000, dstPort: 443, flags: TCP_FLAGS.SYN, seq: 1 }));
  writer.addEnhancedPacket(11, buildTcpFrame({ src: 'fd00::2', dst: '2001:db8::44', srcPort: 5001, dstPort: 443, flags: TCP_FLAGS.SYN, seq: 1 }));
  writer.addEnhancedPacket(12, buildTcpFrame({ src: '10.0.0.2', dst: '198.51.100.9', srcPort: 5002, dstPort: 443, flags: TCP_FLAGS.SYN, seq: 1 }));
  return writer.toBytes();
}

describe('pcapng Name Resolution Blocks', () => {
  it.each(['le', 'be'] as const)('are read as address names (%s), skipping names that are not host names', async (byteOrder) => {
    const { observations } = await collectObservations(buildCapture(byteOrder), 'pcapng', 7);
    expect(ofKind(observations, 'address-name').map((o) => [o.address, o.name, o.frame, o.offset])).toEqual([
      ['198.51.100.7', 'rtc.voiceinfra.example', 0, 48],
      ['198.51.100.7', 'edge7.voiceinfra.example', 0, 48],
      ['2001:db8::44', 'v6.cdn.example', 0, 48],
    ]);
    expect(ofKind(observations, 'warning')).toHaveLength(0);
  });

  it('credit their names to the flows of those servers, marked as name-resolution-block evidence', async () => {
    const summary = await summarizeCapture(writeTempFile('nrb.pcapng', buildCapture('le')));
    const byServer = new Map(summary.flows.map((f) => [f.server, f.hostNames]));
    expect(byServer.get('198.51.100.7')).toEqual([
      { host: 'rtc.voiceinfra.example', source: 'name-resolution-block', frame: 0 },
      { host: 'edge7.voiceinfra.example', source: 'name-resolution-block', frame: 0 },
    ]);
    expect(byServer.get('2001:db8::44')).toEqual([{ host: 'v6.cdn.example', source: 'name-resolution-block', frame: 0 }]);
    expect(byServer.get('198.51.100.9')).toEqual([]);
  });

  it('are written in a form tshark reads as name resolution', () => {
    const file = writeTempFile('nrb.pcapng', buildCapture('le'));
    // With name resolution from the file enabled, tshark shows the recorded name instead of the address.
    const run = spawnSync('tshark', ['-r', file, '-N', 'n', '-T', 'fields', '-e', 'ip.dst_host', '-e', 'ipv6.dst_host'], { encoding: 'utf8' });
    expect(run.error, 'tshark must be installed (see .ci/run)').toBeUndefined();
    const [first, second, third] = run.stdout.split('\n').map((l) => l.trim().toLowerCase());
    // tshark shows one of the names recorded for an address (the last one); we keep them all.
    expect(['rtc.voiceinfra.example', 'edge7.voiceinfra.example']).toContain(first);
    expect([second, third]).toEqual(['v6.cdn.example', '198.51.100.9']);
  });
});
