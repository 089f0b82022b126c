/**
 * Identifiers with a dot are found in DNS question names (decoded: the wire format has length bytes, not dots), in
 * the frames tshark shows the name in, once per frame and without doubling values the raw search already finds
 * (trial9 item 12: org=ncsa.uiuc.edu had 0 hits in zeek_wikipedia.pcap, o2=ncsa 8).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { buildDnsResponse, buildUdpFrame, PcapWriter } from '../helpers/pcap-writer.js';
import { capturePath, writeTempFile } from './support.js';
import { requireTshark } from './tshark-facts.js';

describe('identifiers in DNS question names', () => {
  it('finds a dotted value in the decoded name of a crafted response, as plaintext in context dns-name', async () => {
    const writer = new PcapWriter();
    const response = buildDnsResponse({ id: 7, question: 'jane.doe.u.example.net', answers: [{ name: 'jane.doe.u.example.net', type: 'A', value: '93.184.216.34', ttl: 60 }] });
    writer.addFrame(1_700_000_000, buildUdpFrame({ src: '192.168.1.1', srcPort: 53, dst: '192.168.1.5', dstPort: 40000, payload: response }));
    const summary = await summarizeCapture(writeTempFile('dns-name.pcap', writer.toBytes()), { identifiers: [{ label: 'name', value: 'jane.doe' }, { label: 'label', value: 'example' }] });
    const hits = summary.identifierHits.map((h) => [h.label, h.frame, h.context, h.encrypted, h.offset]);
    // "example" has no dot: the raw search finds it (twice: the question, and the answer's owner name, uncompressed or not).
    expect(hits.filter(([label]) => label === 'name')).toEqual([['name', 1, 'dns-name', false, 0]]);
    expect(hits.filter(([label]) => label === 'label').every(([, , context]) => context === 'payload')).toBe(true);
  });

  it('zeek_wikipedia.pcap: org=ncsa.uiuc.edu is found in the frames whose question tshark shows with it, o2=ncsa only in the raw bytes', async () => {
    requireTshark();
    const file = capturePath('zeek_wikipedia.pcap');
    const frames = spawnSync('tshark', ['-n', '-r', file, '-Y', 'dns.qry.name contains "ncsa.uiuc.edu"', '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((line) => line !== '')
      .map(Number);
    expect(frames.length).toBeGreaterThan(0);
    const summary = await summarizeCapture(file, { identifiers: [{ label: 'org', value: 'ncsa.uiuc.edu' }, { label: 'o2', value: 'ncsa' }] });
    expect(summary.identifierHits.filter((h) => h.label === 'org').map((h) => [h.frame, h.context])).toEqual(frames.map((frame) => [frame, 'dns-name']));
    expect(summary.identifierHits.filter((h) => h.label === 'o2').map((h) => [h.frame, h.context])).toEqual(frames.map((frame) => [frame, 'payload']));
  });
});
