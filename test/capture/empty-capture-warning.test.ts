/**
 * A capture with nothing to attribute (only ARP, or only a file header) is valid input: import and inspect accept
 * it (exit 0) but say so in one warning line naming the file, and the report says the capture held no IP traffic
 * instead of printing empty tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEthernetFrame, PcapngWriter, PcapWriter } from '../helpers/pcap-writer.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { capturePath } from './support.js';

const SLOW = 300_000;
const tempDir = useTempDir();

/** ARP frames of ndpi_android.pcap: the gateway 192.168.2.1 asks who has 192.168.2.17, and answers 192.168.2.16. */
const ARP_REQUEST = Uint8Array.from([0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0xc6, 0x2c, 0x03, 0x60, 0x6a, 0x64, 0xc0, 0xa8, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0x02, 0x11]);
const ARP_REPLY = Uint8Array.from([0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02, 0xc6, 0x2c, 0x03, 0x60, 0x6a, 0x64, 0xc0, 0xa8, 0x02, 0x01, 0x4c, 0x6a, 0xf6, 0x9f, 0xf6, 0x27, 0xc0, 0xa8, 0x02, 0x10]);

function writeArpOnly(dir: string): string {
  const pcap = new PcapWriter();
  pcap.addFrame(1582462800, buildEthernetFrame({ srcMac: 'c6:2c:03:60:6a:64', dstMac: 'c4:61:8b:35:82:a9', etherType: 0x0806, payload: ARP_REQUEST }));
  pcap.addFrame(1582462801, buildEthernetFrame({ srcMac: 'c6:2c:03:60:6a:64', dstMac: 'c4:61:8b:35:82:a9', etherType: 0x0806, payload: ARP_REQUEST }));
  pcap.addFrame(1582462802, buildEthernetFrame({ srcMac: 'c6:2c:03:60:6a:64', dstMac: '4c:6a:f6:9f:f6:27', etherType: 0x0806, payload: ARP_REPLY }));
  const file = join(dir, 'arp-only.pcap');
  writeFileSync(file, pcap.toBytes());
  return file;
}

function warningLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('warning: '));
}

describe('captures with no IP traffic', () => {
  it(
    'import and inspect warn in one line naming the file, exit 0, and store the capture',
    async () => {
      const dir = tempDir();
      const arp = writeArpOnly(dir);
      const bare = join(dir, 'header-only.pcap');
      writeFileSync(bare, new PcapWriter().toBytes());
      const bareNg = join(dir, 'header-only.pcapng');
      writeFileSync(bareNg, new PcapngWriter().toBytes());
      const db = join(dir, 'cc.db');

      const imported = await runCliAsync(['--db', db, 'import', arp, bare, bareNg, '--app', 'Empty']);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('arp-only.pcap: imported as capture #1 (pcap, 3 packets, 0 flows');
      expect(warningLines(imported.stderr)).toEqual([
        `warning: no IP traffic in ${arp}: 3 packets, none IPv4/IPv6`,
        `warning: no packets in ${bare}`,
        `warning: no packets in ${bareNg}`,
      ]);

      const inspected = await runCliAsync(['inspect', arp]);
      expect(inspected.status, inspected.stderr).toBe(0);
      expect(warningLines(inspected.stderr)).toEqual([`warning: no IP traffic in ${arp}: 3 packets, none IPv4/IPv6`]);
    },
    SLOW,
  );

  it(
    'does not warn about a capture with traffic, nor about a Zeek dns.log (it holds no connections)',
    async () => {
      const dir = tempDir();
      const dnsLog = join(dir, 'dns.log');
      writeFileSync(
        dnsLog,
        JSON.stringify({ ts: 1300475167.096535, uid: 'CHhAvVGS1DHFjwGM9', 'id.orig_h': '141.142.220.118', 'id.orig_p': 48649, 'id.resp_h': '141.142.2.2', 'id.resp_p': 53, proto: 'udp', query: 'meta.wikimedia.org', qtype_name: 'A', answers: ['208.80.152.2'], TTLs: [3600.0] }) + '\n',
      );
      const run = await runCliAsync(['--db', join(dir, 'cc.db'), 'import', capturePath('zeek_wikipedia.pcap'), dnsLog, '--app', 'Busy']);
      expect(run.status, run.stderr).toBe(0);
      expect(warningLines(run.stderr)).toEqual([]);
    },
    SLOW,
  );

  it(
    'the report says the capture held no IP traffic to attribute instead of empty tables',
    async () => {
      const dir = tempDir();
      const db = join(dir, 'cc.db');
      for (const args of [
        ['policy', 'add', join(process.cwd(), 'test', 'fixtures', 'policies', 'voice-chat.html'), '--app', 'Empty'],
        ['import', writeArpOnly(dir), '--app', 'Empty'],
        ['audit', '--app', 'Empty'],
        ['report', '--app', 'Empty', '--out', join(dir, 'out'), '--format', 'md,html'],
      ]) {
        const run = await runCliAsync(['--db', db, ...args]);
        expect(run.status, `${args[0]}: ${run.stderr}`).toBe(0);
        // "0 findings" alone would read as a clean result: the audit line says nothing was there to check.
        if (args[0] === 'audit') expect(run.stdout.split('\n').slice(0, 2)).toEqual([expect.stringMatching(/^audit #1 of Empty: \d+ findings?$/), '  note: The capture held no IP traffic to attribute.']);
      }
      const markdown = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
      const traffic = markdown.slice(markdown.indexOf('## Where the traffic went'), markdown.indexOf('## Findings'));
      expect(traffic.trim()).toBe('## Where the traffic went\n\nThe capture held no IP traffic to attribute.');
      const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
      expect(html).toContain('<p>The capture held no IP traffic to attribute.</p>');
      expect(html).not.toContain('<caption>Who received data</caption>');
    },
    SLOW,
  );
});
