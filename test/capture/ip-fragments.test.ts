import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildDnsResponse, buildUdpFrame, encodeText, fragmentIpv4Frame, PcapWriter } from '../helpers/pcap-writer.js';
import { collectObservations, ofKind, writeTempFile } from './support.js';

const answers = Array.from({ length: 40 }, (_, i) => ({ name: `n${i}.frag.example`, type: 'A' as const, value: `192.0.2.${i + 1}`, ttl: 30 }));
const dns = buildUdpFrame({ src: '10.5.0.53', dst: '10.5.0.2', srcPort: 53, dstPort: 40000, identification: 0x4242, payload: buildDnsResponse({ id: 9, question: 'n0.frag.example', answers }) });
const secret = { label: 'uid', value: 'frag-user-3141592' };
const upload = buildUdpFrame({ src: '10.5.0.2', dst: '198.51.100.5', srcPort: 40001, dstPort: 7000, identification: 0x77, payload: encodeText(`${'x'.repeat(1490)}uid=${secret.value}`) });

function buildCapture(): Uint8Array {
  const writer = new PcapWriter();
  const dnsParts = fragmentIpv4Frame(dns, 256);
  const uploadParts = fragmentIpv4Frame(upload, 1480);
  // Out of order, interleaved with another datagram, with a duplicate.
  const order = [dnsParts[2], uploadParts[0], dnsParts[0], dnsParts[1], dnsParts[0], ...dnsParts.slice(3), uploadParts[1]];
  order.forEach((frame, i) => writer.addFrame(50 + i, frame as Uint8Array));
  return writer.toBytes();
}

describe('IP fragment reassembly', () => {
  it('decodes each datagram once, at the frame that completes it, with every fragment counted', async () => {
    const bytes = buildCapture();
    const { observations, stats } = await collectObservations(bytes, 'pcap', 131);
    expect(stats.frames).toBe(fragmentIpv4Frame(dns, 256).length + 3);
    const packets = ofKind(observations, 'packet');
    expect(packets.map((p) => [p.frame, p.protocol, p.srcPort])).toEqual([
      [fragmentIpv4Frame(dns, 256).length + 2, 'udp', 53],
      [fragmentIpv4Frame(dns, 256).length + 3, 'udp', 40001],
    ]);
    expect(ofKind(observations, 'dns-answer')).toHaveLength(40);
    expect(ofKind(observations, 'warning')).toEqual([]);
    const summary = await summarizeCapture(writeTempFile('frag.pcap', bytes), { identifiers: [secret] });
    expect(summary.identifierHits.map((h) => [h.label, h.frame])).toEqual([['uid', fragmentIpv4Frame(dns, 256).length + 3]]);
  });

  it('gives the DNS answers tshark gives for the same fragmented capture', () => {
    const file = writeTempFile('frag.pcap', buildCapture());
    const run = spawnSync('tshark', ['-n', '-r', file, '-Y', 'dns', '-T', 'fields', '-e', 'dns.a'], { encoding: 'utf8' });
    expect(run.error, 'tshark must be installed (see .ci/run)').toBeUndefined();
    expect(run.stdout.trim().split(',').sort()).toEqual(answers.map((a) => a.value).sort());
  });
});
