/**
 * Review 9 item 19: encrypted DNS (DNS over TLS on port 853, DNS over HTTPS to the public resolvers operating systems and
 * browsers use) had made the resolver a recipient of the app's data ("dns.google receives data …") and a country
 * (1.1.1.1 is registered in AU), while a resolver on port 53 is network plumbing.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { addTcpExchange, auditSyntheticCapture } from '../helpers/audit-synthetic-capture.js';
import { PcapWriter, buildTlsClientHello } from '../helpers/pcap-writer.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const SLOW = 120_000;
const POLICY = '# Privacy\n\n## Sharing\n\nWe share data with service providers.\n\n## Where data goes\n\nYour data is stored on servers in Germany.\n';
const RESOLVERS = ['8.8.8.8', '1.1.1.1', '104.16.248.249'];

async function auditCapture(): Promise<AuditResult> {
  const writer = new PcapWriter();
  // Android's Private DNS in strict mode (the resolver named), and in automatic mode (no name, only port 853).
  addTcpExchange(writer, 1_700_000_000, '8.8.8.8', 853, 41200, buildTlsClientHello('dns.google'), '');
  addTcpExchange(writer, 1_700_000_001, '1.1.1.1', 853, 41201, buildTlsClientHello(''), '');
  // Firefox's DNS over HTTPS.
  addTcpExchange(writer, 1_700_000_002, '104.16.248.249', 443, 41202, buildTlsClientHello('mozilla.cloudflare-dns.com'), '');
  // The control: the app's own HTTPS to an analytics company stays a recipient.
  addTcpExchange(writer, 1_700_000_003, '157.240.1.35', 443, 41203, buildTlsClientHello('graph.facebook.com'), '');
  return auditSyntheticCapture(tempDir(), POLICY, writer.toBytes());
}

describe('encrypted DNS is network plumbing, like a resolver on port 53 (review 9 item 19)', () => {
  it('makes no recipient or country finding for DNS over TLS or the OS and browser DoH resolvers', async () => {
    const audit = await auditCapture();
    const servers = audit.findings.flatMap((f) => f.packetEvidence.map((e) => e.server));
    for (const server of RESOLVERS) expect(servers).not.toContain(server);
    expect(audit.findings.filter((f) => f.ruleId === 'undisclosed-country' && f.subject === 'AU')).toEqual([]);
    expect(audit.recipients.filter((r) => r.relation === 'device-background').flatMap((r) => r.hosts)).toContain('mozilla.cloudflare-dns.com');
    expect(audit.findings.some((f) => f.ruleId === 'undisclosed-recipient' && f.packetEvidence.some((e) => e.host === 'graph.facebook.com'))).toBe(true);
  }, SLOW);
});
