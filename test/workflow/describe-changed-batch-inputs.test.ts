import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { describeChangedBatchInputs } from '../../src/workflow/describe-changed-batch-inputs.js';
import type { BatchApp } from '../../src/workflow/read-batch-manifest.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function latestAudit(policy: string, captures: { text: string; searched?: string[] }[]): AuditResult {
  return {
    auditId: 1,
    appName: 'A',
    appDomains: [],
    createdAt: '2026-11-23T00:00:00.000Z',
    toolVersion: '0.1.0',
    inputs: {
      policy: { source: 'policy.html', sha256: sha256(policy), fetchedAt: '2026-11-23T00:00:00.000Z', title: null, claimCounts: {} },
      captures: captures.map((c, i) => ({
        file: `c${i}.pcap`,
        sha256: sha256(c.text),
        format: 'pcap' as const,
        packets: 1,
        firstTime: null,
        lastTime: null,
        warnings: 0,
        ...(c.searched ? { identifiersSearched: c.searched } : {}),
      })),
    },
    recipients: [],
    findings: [],
  } as unknown as AuditResult;
}

function row(dir: string, files: Record<string, string>, policy: string | null, captures: string[], labels: string[] = []): BatchApp {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    line: 2,
    app: 'A',
    policy: policy === null || /^https?:/.test(policy) ? policy : join(dir, policy),
    captures: captures.map((c) => join(dir, c)),
    identifiers: labels.map((label) => ({ label, value: `${label}-value` })),
    appDomains: [],
  };
}

describe('describeChangedBatchInputs', () => {
  it('is null when the policy file, every capture and every identifier label were in the latest audit', async () => {
    const dir = tempDir();
    const latest = latestAudit('P', [{ text: 'C1', searched: ['user_id'] }, { text: 'C2', searched: ['user_id', 'email'] }]);
    expect(await describeChangedBatchInputs(row(dir, { 'p.html': 'P', 'a.pcap': 'C1', 'b.pcap': 'C2' }, 'p.html', ['a.pcap', 'b.pcap'], ['user_id']), latest)).toBeNull();
  });

  it('names the changed policy, a capture not audited, a label not searched, and an unreadable file', async () => {
    const dir = tempDir();
    const latest = latestAudit('P', [{ text: 'C1', searched: ['user_id'] }]);
    expect(await describeChangedBatchInputs(row(dir, { 'p.html': 'P2', 'a.pcap': 'C1' }, 'p.html', ['a.pcap']), latest)).toBe('policy p.html differs from the one last audited');
    expect(await describeChangedBatchInputs(row(dir, { 'p.html': 'P', 'n.pcap': 'C9' }, 'p.html', ['n.pcap']), latest)).toBe('capture n.pcap was not in the last audit');
    expect(await describeChangedBatchInputs(row(dir, { 'p.html': 'P', 'a.pcap': 'C1' }, 'p.html', ['a.pcap'], ['user_id', 'email']), latest)).toBe(
      'capture a.pcap was not searched for email',
    );
    expect(await describeChangedBatchInputs(row(dir, { 'p.html': 'P' }, 'p.html', ['gone.pcap']), latest)).toBe('capture gone.pcap cannot be read');
  });

  it('does not fetch a policy URL to compare, and cannot compare labels for captures imported before searches were recorded', async () => {
    const dir = tempDir();
    const latest = latestAudit('P', [{ text: 'C1' }]);
    expect(await describeChangedBatchInputs(row(dir, { 'a.pcap': 'C1' }, 'https://example.org/privacy', ['a.pcap'], ['email']), latest)).toBeNull();
  });
});
