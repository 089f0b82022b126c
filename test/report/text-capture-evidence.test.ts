/**
 * Evidence from HAR files and Zeek logs in reports: their frame numbers are HAR entries and log lines, Wireshark
 * cannot open them, and a HAR records neither the client nor (often) the server's address. Checked on the real
 * HARs of the shared data (nytimes without serverIPAddress, ferguson with it) and the Zeek fixture logs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { capturePath } from '../capture/support.js';
import { validateJsonSchema } from './json-schema-subset.js';

const SLOW = 300_000;
const POLICY = resolve(process.cwd(), '../shared/data/policies/Quora_privacy-policy_2025-10-23.md');
const ZEEK = resolve(process.cwd(), 'test/fixtures/zeek');

type ReportPacketEvidence = ReportModel['findings'][number]['packetEvidence'][number];

describe('report evidence from HAR files and Zeek logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-text-evidence-'));
  const db = join(dir, 'cc.db');
  let markdown = '';
  let html = '';
  let report: ReportModel;
  let swappedSslSha256 = '';
  beforeAll(async () => {
    // Zeek writes an ssl record when the handshake is analysed, not in conn.log's order: with the ssl records
    // swapped, each connection's uid sits on another line in each log, so a line number names its file.
    const sslLines = readFileSync(join(ZEEK, 'viber-ssl.log'), 'utf8').split('\n');
    const [first, second] = [sslLines[8] ?? '', sslLines[9] ?? ''];
    expect([first, second].every((line) => /^\d+\.\d+\t/.test(line))).toBe(true);
    const sslLog = join(dir, 'viber-ssl.log');
    writeFileSync(sslLog, [...sslLines.slice(0, 8), second, first, ...sslLines.slice(10)].join('\n'));
    swappedSslSha256 = createHash('sha256').update(readFileSync(sslLog)).digest('hex');
    for (const args of [
      ['policy', 'add', POLICY, '--app', 'Web'],
      ['import', capturePath('pagexray_www.nytimes.com.har'), capturePath('pagexray_ferguson.har'), join(ZEEK, 'viber-conn.log'), sslLog, '--app', 'Web'],
      ['audit', '--app', 'Web'],
      ['report', '--app', 'Web', '--out', join(dir, 'out')],
    ]) {
      const run = await runCliAsync(['--db', db, ...args]);
      expect(run.status, `${args[0]}: ${run.stderr}`).toBe(0);
    }
    markdown = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    report = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as ReportModel;
  }, SLOW);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function evidenceFrom(file: string): { finding: ReportModel['findings'][number]; evidence: ReportPacketEvidence }[] {
    return report.findings.flatMap((finding) => finding.packetEvidence.filter((e) => e.captureFile === file).map((evidence) => ({ finding, evidence })));
  }

  it('writes a report.json that conforms to the schema, every field of HAR and Zeek evidence documented', () => {
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(evidenceFrom('pagexray_ferguson.har').length).toBeGreaterThan(0);
    expect(validateJsonSchema(schema, report, { strict: true })).toEqual([]);
  });

  it('offers no Wireshark filter for HAR or Zeek evidence', () => {
    const rows = [...evidenceFrom('pagexray_www.nytimes.com.har'), ...evidenceFrom('pagexray_ferguson.har'), ...evidenceFrom('viber-conn.log')];
    expect(rows.length).toBeGreaterThan(10);
    expect(evidenceFrom('viber-conn.log').length).toBeGreaterThan(0);
    for (const { finding } of rows) expect(finding.wiresharkFilters.filter((f) => !/\.(pcap|pcapng)$/.test(f.captureFile))).toEqual([]);
    expect(markdown).not.toMatch(/frame\.number in|ip\.addr == 0\.0\.0\.0|ip\.addr == [a-z]/);
    expect(html).not.toMatch(/frame\.number in|ip\.addr == 0\.0\.0\.0/);
  });

  it('names HAR entries and Zeek log lines instead of frames', () => {
    expect(markdown).toMatch(/\| pagexray\\_www\.nytimes\.com\.har \| HAR entr(y|ies) \d+/);
    expect(markdown).toMatch(/\| viber-conn\.log \| Zeek log line \d+ \|/);
    expect(markdown).toMatch(/HAR request URL host "adadvisor\.net" \(HAR entry 140\)/);
    expect(markdown).not.toMatch(/TLS SNI "[^"]+" \(Zeek log line/);
  });

  it('credits a name joined from ssl.log to its line there, beside the conn.log line of the row', () => {
    // venetia.iad.appboy.com: conn.log line 10, ssl.log line 9 in the swapped copy.
    const venetia = evidenceFrom('viber-conn.log').filter(({ evidence }) => evidence.host === 'venetia.iad.appboy.com');
    expect(venetia.length).toBeGreaterThan(0);
    for (const { evidence } of venetia) expect(evidence.frames).toEqual([10]);
    expect(markdown).toMatch(/\| viber-conn\.log \| Zeek log line 10 \|/);
    // The log is named by its sha256 too: two imported logs may share a file name.
    expect(markdown).toContain(`TLS SNI "venetia.iad.appboy.com" (viber-ssl.log line 9, sha256 ${swappedSslSha256.slice(0, 12)})`);
    expect(html).toContain(`TLS SNI &quot;venetia.iad.appboy.com&quot; (viber-ssl.log line 9, sha256 ${swappedSslSha256.slice(0, 12)})`);
    expect(markdown).not.toMatch(/HAR request URL host "[^"]+" \(frame/);
  });

  it('shows the endpoints a HAR knows: the server address when recorded, else its host and port, never 0.0.0.0', () => {
    expect(markdown).not.toContain('0.0.0.0');
    expect(html).not.toContain('0.0.0.0');
    expect(markdown).toMatch(/\| HTTP to adadvisor\.net:80 \|/);
    const ferguson = evidenceFrom('pagexray_ferguson.har');
    expect(ferguson.length).toBeGreaterThan(0);
    for (const { evidence } of ferguson) expect(evidence.server).toMatch(/^[0-9.]+$|:/);
    const first = ferguson[0]?.evidence;
    expect(markdown).toContain(`| ${first?.scheme?.toUpperCase()} to ${first?.server}:${first?.serverPort} |`);
  });

  it('says HTTP or HTTPS for a HAR row, from the URL scheme it records (not its transport), and keeps TCP for Zeek rows', () => {
    expect(markdown).not.toMatch(/\| [^|]+\.har \| HAR entr[^|]+\| [^|]+ \| TCP /);
    expect(html).not.toMatch(/<td>[^<]+\.har<\/td><td>HAR entr[^<]*<\/td><td[^>]*>[^<]*<\/td><td>TCP<\/td>/);
    expect(html).toMatch(/<td>pagexray_ferguson\.har<\/td><td>HAR entr[^<]*<\/td><td[^>]*>[^<]*<\/td><td>HTTPS<\/td>/);
    expect(html).toMatch(/<td>pagexray_www\.nytimes\.com\.har<\/td><td>HAR entr[^<]*<\/td><td[^>]*>[^<]*<\/td><td>HTTP<\/td>/);
    // Every HAR row of a new audit records its scheme: HTTP/3 entries (filed under UDP) are HTTPS.
    expect([...evidenceFrom('pagexray_ferguson.har'), ...evidenceFrom('pagexray_www.nytimes.com.har')].filter(({ evidence }) => evidence.scheme === undefined)).toEqual([]);
    expect(markdown).not.toContain('HTTP(S)');
    expect(markdown).toMatch(/\| viber-conn\.log \| Zeek log line \d+ \| [^|]+ \| TCP 192\.168\.0\.17:\d+ → /);
  });

  it('sends readers to Wireshark for every packet only when a row comes from a packet capture', () => {
    const wireshark = 'Frame lists are a sample; the Wireshark filter for the conversations shows every packet of these connections.';
    const withRows = report.findings.filter((finding) => finding.packetEvidence.length > 0);
    expect(withRows.length).toBeGreaterThan(0);
    for (const finding of withRows) {
      const files = finding.packetEvidence.map((e) => e.captureFile);
      expect(finding.caveats).not.toContain(wireshark);
      expect(finding.caveats.some((c) => c.startsWith('HAR entry lists are a sample')), finding.title).toBe(files.some((f) => f.endsWith('.har')));
      expect(finding.caveats.some((c) => c.startsWith('Zeek log-line lists are a sample')), finding.title).toBe(files.some((f) => f.endsWith('.log')));
    }
    expect(markdown).not.toContain('Wireshark filter for the conversations');
    expect(html).not.toContain('Wireshark filter for the conversations');
  });

  it('counts HAR files in requests and Zeek logs in log records, not packets', () => {
    expect(markdown).toContain('- **Capture:** pagexray\\_ferguson.har (har, 174 requests, ');
    expect(markdown).toContain('- **Capture:** viber-conn.log (zeek, 2 log records, ');
    expect(html).toContain('viber-ssl.log — zeek, 2 log records, ');
  });

  it('looks up addresses only: no IP data line for a host name, one for a HAR server address', () => {
    expect(markdown).not.toMatch(/[a-z][a-z0-9-]*\.[a-z]{2,} → not covered by the IP data/);
    expect(markdown).not.toMatch(/adadvisor\.net → /);
    const withAddress = evidenceFrom('pagexray_ferguson.har').map(({ evidence }) => evidence.detail);
    expect(withAddress.some((detail) => /\d+\.\d+\.\d+\.\d+ → (AS\d+|not covered)/.test(detail))).toBe(true);
  });
});
