/** Command-line and report wording found in the seventh new-user trial: compare causes, clock jumps, version notes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePath } from '../capture/support.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SLOW = 300_000;
const tempDir = useTempDir();

const POLICY = `# Chatterbox Privacy Policy

We share usage data with analytics partners and service providers. We keep personal data for as long as necessary.
`;

describe('trial7: reports and CLI', () => {
  it(
    'stores the clock-jump warning, shows it on the capture line and as a caveat, and names the audited version in notes',
    async () => {
      const dir = tempDir();
      const db = join(dir, 'cc.db');
      const v1 = join(dir, 'v1.md');
      const v2 = join(dir, 'v2.md');
      writeFileSync(v1, POLICY);
      writeFileSync(v2, `${POLICY}\nWe use HTTPS.\n`);
      expect((await runCliAsync(['--db', db, 'policy', 'add', v1, '--app', 'V', '--as-of', '2020-01-01'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'policy', 'add', v2, '--app', 'V', '--as-of', '2023-01-01'])).status).toBe(0);
      const imported = await runCliAsync(['--db', db, 'import', capturePath('ndpi_viber.pcap'), capturePath('ndpi_android.pcap'), '--app', 'V']);
      expect(imported.status).toBe(0);
      // One row per jump: viber joins three sessions (2018, 2022, 2024).
      expect((await runCliAsync(['--db', db, 'db', 'stats'])).stdout).toMatch(/capture_warnings\s+2\b/);

      const audit = await runCliAsync(['--db', db, 'audit', '--app', 'V']);
      expect(audit.status).toBe(0);
      // The note names the version itself: the CLI prints no policy line "above" it.
      expect(audit.stdout).not.toContain('above');
      expect(audit.stdout).toMatch(/note: ndpi_android\.pcap began 2020-02-23T[^,]+, when another version of the policy was in force \(sha256 [0-9a-f]{12}, .*v1\.md, seen as of 2020-01-01\); its evidence is judged against the version audited \(.*v2\.md, sha256 [0-9a-f]{12}, seen as of 2023-01-01\)\./);
      expect(audit.stdout).toContain(
        'note: ndpi_viber.pcap: record times jump 2 times (1,410 days, from 2018-05-24 to 2022-04-03; 768 days, from 2022-04-03 to 2024-05-10) with nothing between (a wrong device clock or joined captures), so its dates are not one session; its start, the earliest of the captures, chose the policy version audited, so check it.',
      );

      const out = join(dir, 'r');
      expect((await runCliAsync(['--db', db, 'report', '--app', 'V', '--out', out])).status).toBe(0);
      const markdown = readFileSync(join(out, 'report.md'), 'utf8');
      expect(markdown).toMatch(/- \*\*Capture:\*\* ndpi\\_viber\.pcap \(pcapng, 466 packets, 2018-05-24T[^ ]+ – 2024-05-10T[^,]+, with jumps of 1,410 days \(2018-05-24 to 2022-04-03\) and 768 days \(2022-04-03 to 2024-05-10\): not one session, sha256/);
      expect(markdown).toContain('- **Capture dates caveat:** ndpi\\_viber.pcap: record times jump 2 times (1,410 days');
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('<dt>Capture dates caveat</dt><dd>ndpi_viber.pcap: record times jump 2 times (1,410 days');
      const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { inputs: { captures: { file: string; timeJump?: unknown }[] } };
      expect(json.inputs.captures.map((c) => [c.file, c.timeJump ?? null])).toEqual([
        ['ndpi_viber.pcap', { days: 1410, from: '2018-05-24', to: '2022-04-03' }],
        ['ndpi_android.pcap', null],
      ]);
    },
    SLOW,
  );

  it(
    'report --compare names a newly searched identifier as the cause (P1-6)',
    async () => {
      const dir = tempDir();
      const db = join(dir, 'cc.db');
      const policy = join(dir, 'p.md');
      writeFileSync(policy, POLICY);
      const viber = capturePath('ndpi_viber.pcap');
      expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'C'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'import', viber, '--app', 'C'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'audit', '--app', 'C'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'import', viber, '--app', 'C', '--identifier', 'sni=apptimize'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'audit', '--app', 'C'])).status).toBe(0);
      const compared = await runCliAsync(['--db', db, 'report', '--app', 'C', '--compare', '1', '--out', join(dir, 'cmp')]);
      expect(compared.status).toBe(0);
      expect(compared.stdout).toContain('Inputs that differ, so a change in findings can come from them: the identifiers searched for in each capture (ndpi_viber.pcap: before none; after sni).');
      const markdown = readFileSync(join(dir, 'cmp', 'compare-1-to-2.md'), 'utf8');
      expect(markdown).not.toContain('differences come from the audit settings or the claimcheck version');
      expect(markdown).toContain("The same in both audits: the policy snapshot, the linked sub-processor lists, the capture files, the app's own domains (--app-domain), the imported entity lists, the --jurisdictions setting, the shipped data sets, the claimcheck version.");
    },
    SLOW,
  );

  it(
    'claimed-not-observed counts the connections the summary counts, and lists Partner2 before Partner10 (P3-14, P3-16)',
    async () => {
      const dir = tempDir();
      const db = join(dir, 'cc.db');
      const policy = join(dir, 'p.md');
      writeFileSync(policy, `${POLICY}\nWe share your information with Partner10 Corp, Partner2 Corp, and Partner1 Corp.\n`);
      expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'C'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'import', capturePath('ndpi_viber.pcap'), capturePath('ndpi_android.pcap'), '--app', 'C'])).status).toBe(0);
      expect((await runCliAsync(['--db', db, 'audit', '--app', 'C'])).status).toBe(0);
      const out = join(dir, 'r');
      expect((await runCliAsync(['--db', db, 'report', '--app', 'C', '--out', out])).status).toBe(0);
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { traffic: { flows: number }; findings: { ruleId: string; subject: string; explanation: string }[] };
      const unseen = report.findings.filter((f) => f.ruleId === 'claimed-not-observed');
      expect(unseen.map((f) => f.subject.replace(/\.$/, ''))).toEqual(['Partner1 Corp', 'Partner2 Corp', 'Partner10 Corp']);
      // The captures hold LAN peers (the router) too: neither count includes them.
      for (const f of unseen) expect(f.explanation).toContain(`None of the ${report.traffic.flows} connections in the captured traffic goes to it.`);
      const markdown = readFileSync(join(out, 'report.md'), 'utf8');
      expect(markdown).toContain(`${report.traffic.flows} connections (`);
    },
    SLOW,
  );

  it(
    'inspect prints DNS answers and queries, and the server and host each identifier hit went to (P3-19)',
    async () => {
      const run = await runCliAsync(['inspect', capturePath('ndpi_android.pcap'), '--identifier', 'model=Nokia 2.2']);
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines).toContain('DNS answers (22):');
      expect(lines).toContain('  check.googlezip.net A 173.194.79.114  ttl 259  frame 215');
      expect(lines).toContain('  check.googlezip.net A  frame 203');
      expect(lines).toContain('Identifier hits (3):');
      expect(lines).toContain('  identifier model (raw) frame 227 offset 117 PLAINTEXT  TCP 192.168.2.16:36834 → 173.194.79.114:80 check.googlezip.net');
    },
    SLOW,
  );
});
