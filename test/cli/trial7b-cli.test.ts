/** Inputs, comparisons and capture-side findings from the second trial of session 7 (trial7b items 16, 19, 20). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePath } from '../capture/support.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SLOW = 300_000;
const tempDir = useTempDir();

const POLICY = `# Voxa Privacy Policy

Voxa Ltd ("we") processes personal data. We share usage data with analytics partners and service providers.
`;

describe('trial7b: audit inputs and comparisons', () => {
  it(
    "report --compare names a change of the app's --app-domain list, and repeats the capture dates caveat (items 16, 19)",
    async () => {
      const dir = tempDir();
      const db = join(dir, 'cc.db');
      const policy = join(dir, 'p.md');
      writeFileSync(policy, POLICY);
      expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'CB'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'import', capturePath('ndpi_viber.pcap'), '--app', 'CB'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'audit', '--app', 'CB'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'CB', '--app-domain', 'viber.com'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'audit', '--app', 'CB'])).status).toBe(0);
      const out = join(dir, 'cmp');
      const compared = await runCliAsync(['--db', db, 'report', '--app', 'CB', '--compare', '1', '--out', out]);
      expect(compared.status, compared.stderr).toBe(0);
      const cause = "Inputs that differ, so a change in findings can come from them: the app's own domains (--app-domain) (before none; after viber.com).";
      expect(compared.stdout).toContain(cause);
      const markdown = readFileSync(join(out, 'compare-1-to-2.md'), 'utf8');
      expect(markdown).toContain(cause);
      expect(markdown).toContain('- **Capture dates caveat (both audits):** ndpi\\_viber.pcap: record times jump 1,410 days, from 2018-05-24 to 2022-04-03');
      expect(readFileSync(join(out, 'compare-1-to-2.html'), 'utf8')).toContain('<dt>Capture dates caveat (both audits)</dt><dd>ndpi_viber.pcap: record times jump 1,410 days');
      const json = JSON.parse(readFileSync(join(out, 'compare-1-to-2.json'), 'utf8')) as {
        inputs: { differ: { input: string }[]; unrecorded: string[] };
        before: { appDomains: string[] | null; captures: { timeJump?: unknown }[] };
        after: { appDomains: string[] | null };
      };
      // The JSON says what the Markdown says: the list differs, and nothing is left unrecorded.
      expect(json.inputs.differ.map((d) => d.input)).toEqual(['app-domains']);
      expect(json.inputs.unrecorded).toEqual([]);
      expect([json.before.appDomains, json.after.appDomains]).toEqual([[], ['viber.com']]);
      expect(json.before.captures[0]?.timeJump).toEqual({ days: 1410, from: '2018-05-24', to: '2022-04-03' });
      // The report of the first audit names the domains that audit ran with, not those added since.
      const first = join(dir, 'first');
      expect((await runCliAsync(['--db', db, 'report', '--app', 'CB', '--audit', '1', '--format', 'json', '--out', first])).status).toBe(0);
      const report = JSON.parse(readFileSync(join(first, 'report.json'), 'utf8')) as { app: { domains: string[] }; inputs: { appDomains?: string[] } };
      expect([report.app.domains, report.inputs.appDomains]).toEqual([[], []]);
    },
    SLOW,
  );

  it(
    'an identifier in a DNS query to the local resolver names the name and its domain, not the router, at low or medium (item 20)',
    async () => {
      const dir = tempDir();
      const db = join(dir, 'cc.db');
      const policy = join(dir, 'p.md');
      writeFileSync(policy, POLICY);
      expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'P'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'import', capturePath('ndpi_viber.pcap'), '--app', 'P', '--identifier', 'sni=apptimize'])).status).toBe(0);
      const audit = await runCliAsync(['--db', db, 'audit', '--app', 'P', '--json']);
      expect(audit.status).toBe(0);
      const findings = (JSON.parse(audit.stdout) as { findings: { ruleId: string; severity: string; title: string; explanation: string }[] }).findings.filter(
        (f) => f.ruleId === 'plaintext-identifier',
      );
      const dns = findings.filter((f) => f.title.includes('DNS query'));
      expect(dns.map((f) => [f.severity, f.title])).toEqual([['low', 'sni sent unencrypted in a DNS query for mapi.apptimize.com through the local resolver 192.168.0.15']]);
      expect(dns[0]?.explanation).toContain('to the name servers of apptimize.com');
      // The same name in the TLS ClientHello to the server itself travels in clear too (trial9 item 4): its own finding.
      expect(findings.filter((f) => !f.title.includes('DNS query')).map((f) => f.explanation)).toEqual([
        expect.stringContaining('The connection is encrypted, but the value is in its TLS handshake (the ClientHello, with the server name)'),
      ]);
    },
    SLOW,
  );
});
