import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonModel } from '../../src/report/compare-reports.js';
import type { ReportModel } from '../../src/report/report-model.js';
import { buildHttpRequest, buildTcpFrame, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { runCliAsync } from '../helpers/run-cli.js';
const APP = 'Murmur (example voice app)';

/** A capture of the "updated" app: one plain-HTTP request to a host the first capture never saw. */
function writeUpdateCapture(path: string): void {
  const pcap = new PcapWriter();
  const c = { src: '192.168.1.23', dst: '203.0.113.80', srcPort: 41000, dstPort: 80 };
  const request = buildHttpRequest({ method: 'GET', host: 'updates.murmur-cdn.example', path: '/v2/config' });
  pcap.addFrame(1_795_170_000, buildTcpFrame({ ...c, flags: TCP_FLAGS.SYN, seq: 1 }));
  pcap.addFrame(1_795_170_000.02, buildTcpFrame({ ...c, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 2, ack: 1, payload: request }));
  writeFileSync(path, pcap.toBytes());
}

// Each CLI run loads the IP data sets; on a busy machine that takes seconds, hence generous ceilings.
const SLOW = 300_000;

describe('claimcheck report', () => {
  // One demo database for the file: the tests below only add to it, in order.
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-report-'));
  const db = join(dir, 'example-voice-app', 'claimcheck-demo.db');
  beforeAll(async () => {
    const demo = await runCliAsync(['demo', '--out', dir]);
    expect(demo.status, demo.stderr).toBe(0);
  }, SLOW);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows a local policy path relative to the working directory, never absolute', () => {
    const md = readFileSync(join(dir, 'example-voice-app', 'report.md'), 'utf8');
    expect(md).toContain('policies/example-voice-app/murmur-privacy-policy.html');
    expect(md).not.toContain(process.cwd());
    const json = readFileSync(join(dir, 'example-voice-app', 'report.json'), 'utf8');
    expect(json).not.toContain(process.cwd());
  });

  it('an unknown or identical audit id is a one-line usage error (exit 2) naming the audits there are', async () => {
    const unknown = await runCliAsync(['--db', db, 'report', '--app', APP, '--compare', '7', '--out', dir]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('has no audit #7');
    expect(unknown.stderr).toContain('#1 (');
    const same = await runCliAsync(['--db', db, 'report', '--app', APP, '--compare', '1', '--out', dir]);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('is the audit being reported');
    expect((await runCliAsync(['--db', db, 'report', '--app', APP, '--audit', 'latest'])).status).toBe(2);
  }, SLOW);

  it('reports an earlier audit with --audit, and compares two audits with --compare', async () => {
    const capture = join(dir, 'update.pcap');
    writeUpdateCapture(capture);
    expect((await runCliAsync(['--db', db, 'import', capture, '--app', APP])).status).toBe(0);
    const second = await runCliAsync(['--db', db, 'audit', '--app', APP]);
    expect(second.status, second.stderr).toBeLessThanOrEqual(1);

    const out = join(dir, 'reports');
    const first = await runCliAsync(['--db', db, 'report', '--app', APP, '--audit', '1', '--format', 'json', '--out', out]);
    expect(first.status, first.stderr).toBe(0);
    const firstReport = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(firstReport.audit.id).toBe(1);

    const compared = await runCliAsync(['--db', db, 'report', '--app', APP, '--compare', '1', '--out', out]);
    expect(compared.stderr).toBe('');
    expect(compared.status).toBe(0);
    expect(compared.stdout).toMatch(/^audit #1 → #2: \d+ added, 0 removed, \d+ changed, \d+ unchanged$/m);
    const comparison = JSON.parse(readFileSync(join(out, 'compare-1-to-2.json'), 'utf8')) as ComparisonModel;
    expect(comparison.before.id).toBe(1);
    expect(comparison.after.id).toBe(2);
    expect(comparison.samePolicy).toBe(true);
    expect(comparison.sameCaptures).toBe(false);
    // Everything audit 1 found is still found; the new plain-HTTP host is new.
    expect(comparison.summary.unchanged + comparison.summary.changed).toBe(firstReport.findings.length);
    expect(comparison.added.some((f) => f.subject.includes('updates.murmur-cdn.example') || f.packetEvidence.some((e) => e.server === '203.0.113.80'))).toBe(true);
    const markdown = readFileSync(join(out, 'compare-1-to-2.md'), 'utf8');
    expect(markdown).toContain('## Added (only in the after audit)');
    const html = readFileSync(join(out, 'compare-1-to-2.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script|src=|href="http/i);
  }, SLOW);

  it('makes the earlier audit "before" whichever option names it (--audit 1 --compare 2)', async () => {
    const out = join(dir, 'reversed');
    const reversed = await runCliAsync(['--db', db, 'report', '--app', APP, '--audit', '1', '--compare', '2', '--format', 'json,md', '--out', out]);
    expect(reversed.stderr).toBe('');
    expect(reversed.stdout).toMatch(/^audit #1 → #2:/m);
    const comparison = JSON.parse(readFileSync(join(out, 'compare-1-to-2.json'), 'utf8')) as ComparisonModel;
    expect([comparison.before.id, comparison.after.id]).toEqual([1, 2]);
    expect(comparison.added.some((f) => f.packetEvidence.some((e) => e.server === '203.0.113.80'))).toBe(true);
    expect(comparison.removed).toEqual([]);
    expect(readFileSync(join(out, 'compare-1-to-2.md'), 'utf8')).toMatch(/\*\*Before:\*\* audit #1 [^]*\*\*After:\*\* audit #2 /);
  }, SLOW);
});
