/**
 * Who keeps retained data, end to end through the CLI: a policy saying the app keeps recordings "temporarily", that
 * Sentry (a catalogued company the capture reaches) keeps crash reports for 90 days, and that "the third party
 * service" may store a copy of shared playlists. Extraction gives each retention claim its holder, the store keeps it,
 * the audit accuses only the app of its own vague retention, and every report and the export say who keeps what.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';
import { buildSentrySessionHar } from '../helpers/policy-version-fixtures.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { validateJsonSchema } from '../report/json-schema-subset.js';

const tempDir = useTempDir();

const POLICY = `# Murmur Privacy Policy

## How long we keep data

We keep recordings temporarily.

Sentry retains crash logs for 90 days.

When you share a playlist, the third party service may store a copy of it to support their features.
`;

async function succeed(dir: string, ...args: string[]): Promise<CliRun> {
  const run = await runCliAsync(['--db', 'claimcheck.db', ...args], dir);
  expect(run.status, run.stderr).toBe(0);
  return run;
}

describe('retention held by another organisation', () => {
  it('is extracted, stored, audited and reported as that organisation\u2019s, never as the app\u2019s own', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'policy.md'), POLICY);
    writeFileSync(join(dir, 'session.har'), buildSentrySessionHar('2025-03-10'));

    const extracted = JSON.parse((await succeed(dir, 'extract', 'policy.md', '--json')).stdout) as { claims: { kind: string; holder?: unknown; quote: string }[] };
    expect(extracted.claims.filter((c) => c.kind === 'retention').map((c) => c.holder)).toEqual([
      { kind: 'service' },
      { kind: 'named', name: 'Sentry', entityId: 'sentry' },
      { kind: 'unnamed', name: 'the third party service' },
    ]);
    expect((await succeed(dir, 'extract', 'policy.md')).stdout).toContain('retention  stated 90 days "for 90 days" — crash logs (kept by Sentry)');

    await succeed(dir, 'policy', 'add', 'policy.md', '--app', 'Murmur');
    await succeed(dir, 'import', 'session.har', '--app', 'Murmur');
    const audit = JSON.parse((await succeed(dir, 'audit', '--app', 'Murmur', '--json')).stdout) as AuditResult;
    const retention = audit.findings.filter((f) => f.ruleId === 'vague-retention' || f.ruleId === 'other-holder-retention');
    // The app's own vague retention is vague-retention's; another organisation's is listed by other-holder-retention.
    expect(retention.map((f) => [f.ruleId, f.subject, f.severity, f.label])).toEqual([
      ['vague-retention', 'recordings', 'medium', 'vague'],
      ['other-holder-retention', 'Sentry', 'info', null],
      ['other-holder-retention', 'the third party service', 'info', null],
    ]);
    const sentry = retention[1];
    expect(sentry?.title).toBe('Data kept by another organisation: Sentry');
    expect(sentry?.explanation).toContain('Sentry keeps crash logs "for 90 days"');
    expect(sentry?.explanation).toContain('not the app\u2019s own');
    // The capture reaches Sentry: its traffic is attached as context.
    expect(sentry?.packetEvidence.map((e) => e.host)).toEqual(['o450123.ingest.sentry.io']);
    expect(sentry?.policyEvidence[0]?.retentionHolder).toEqual({ kind: 'named', name: 'Sentry', entityId: 'sentry' });

    await succeed(dir, 'report', '--app', 'Murmur', '--out', 'out');
    const markdown = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(markdown).toContain('Data kept by another organisation: the third party service');
    expect(markdown).toContain('an organisation it does not name ("the third party service") keeps data, with no period or limit stated');
    const json = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as Record<string, unknown>;
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, json, { strict: true })).toEqual([]);

    await succeed(dir, 'export', '--format', 'csv', '--out', 'export');
    const claims = readFileSync(join(dir, 'export', 'claims.csv'), 'utf8');
    expect(claims).toContain('""holder"":{""kind"":""named"",""name"":""Sentry"",""entityId"":""sentry""}');
  });
});
