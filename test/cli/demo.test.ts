import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('claimcheck demo (end to end, compiled CLI)', () => {
  it('catches every part of the voice-chat case and writes all three reports', () => {
    const out = tempDir();
    const run = runCli(['demo', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('report.html');

    const dir = join(out, 'example-voice-app');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ReportModel;
    expect(report.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const find = (ruleId: string, predicate: (f: ReportModel['findings'][number]) => boolean = () => true) =>
      report.findings.filter((f) => f.ruleId === ruleId && predicate(f));

    // The real-time-audio provider the policy never names, attributed by DNS name and by its own network.
    const agora = find('undisclosed-recipient', (f) => f.subject.startsWith('Agora'));
    expect(agora).toHaveLength(1);
    expect(agora[0]).toMatchObject({ label: 'omitted', severity: 'high' });
    expect(agora[0]?.packetEvidence.map((e) => e.server).sort()).toEqual(['103.98.134.10', '47.96.20.30']);
    expect(agora[0]?.packetEvidence.find((e) => e.server === '103.98.134.10')).toMatchObject({ asn: 56172, country: 'SG', captureFile: 'murmur-session.pcap' });

    // The analytics SDK covered only by "other analytics providers"; the named one is consistent.
    expect(find('undisclosed-recipient', (f) => f.label === 'vague').map((f) => f.packetEvidence[0]?.host)).toEqual(['app-measurement.com']);
    expect(report.recipients.find((r) => r.hosts.includes('api2.amplitude.com'))?.label).toBe('consistent');

    // User and room IDs in plaintext UDP payloads, contradicting the encryption claim.
    const plaintext = find('plaintext-identifier');
    const labelsSent = new Set(plaintext.flatMap((f) => f.subject.split(/,\s*/)));
    expect(labelsSent).toEqual(new Set(['user_id', 'room_id']));
    expect(plaintext.every((f) => f.label === 'incorrect' && f.policyEvidence[0]?.quote.includes('industry-standard encryption'))).toBe(true);
    expect(plaintext.some((f) => f.packetEvidence.some((e) => e.protocol === 'udp' && e.frames.length > 0))).toBe(true);

    // Servers in countries the policy never mentions (it says the United States).
    expect(find('undisclosed-country').map((f) => f.subject).sort()).toEqual(['CN', 'SG']);
    // Stated as the destinations they are: Agora's nodes sit on cloud networks, not a CDN's edge near the user.
    expect(find('undisclosed-country').map((f) => `${f.subject} ${f.confidence}`).sort()).toEqual(['CN medium', 'SG medium']);

    // One plain HTTP request despite "industry-standard encryption".
    expect(find('unencrypted-transport').map((f) => f.subject)).toEqual(['cdn.murmur.example']);

    // Recordings kept "temporarily".
    const temporarily = find('vague-retention', (f) => f.policyEvidence.some((p) => p.quote.includes('temporarily')));
    expect(temporarily).toHaveLength(1);

    // Every finding carries provenance on both sides where it has evidence.
    for (const f of report.findings) {
      for (const p of f.policyEvidence) expect(p.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
      for (const e of f.packetEvidence) expect(e.captureSha256).toMatch(/^[0-9a-f]{64}$/);
    }

    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script|src="http|href="http/i);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('## Findings');
  });
});
