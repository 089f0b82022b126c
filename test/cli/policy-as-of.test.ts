import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDateOption } from '../../src/cli/parse-options.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const CAPTURE = resolve('observations', 'example-voice-app', 'murmur-session.pcap');

describe('policy add --as-of (an archived copy of a policy)', () => {
  it('dates the version so that the audit of an older capture uses the version in force then', async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    // The capture was recorded on 2026-11-20. The archived 2026-01 version names Agora; the current one does not.
    writeFileSync(join(dir, 'archived.md'), '# Privacy Policy\n\n## Service providers\n\nWe share your voice data with Agora, Inc. to carry calls.\n');
    writeFileSync(join(dir, 'current.md'), '# Privacy Policy\n\n## Service providers\n\nWe share your data with service providers.\n');
    const archived = await runCliAsync(['--db', db, 'policy', 'add', join(dir, 'archived.md'), '--app', 'Murmur', '--as-of', '2026-01-15']);
    expect(archived.status, archived.stderr).toBe(0);
    expect((await runCliAsync(['--db', db, 'policy', 'add', join(dir, 'current.md'), '--app', 'Murmur'])).status).toBe(0);
    expect((await runCliAsync(['--db', db, 'import', CAPTURE, '--app', 'Murmur'])).status).toBe(0);
    const audit = await runCliAsync(['--db', db, 'audit', '--app', 'Murmur', '--json']);
    expect(audit.status, audit.stderr).toBe(0);
    const result = JSON.parse(audit.stdout) as { inputs: { policy: { fetchedAt: string; source: string } }; findings: { rule: string; title: string }[] };
    expect(result.inputs.policy.fetchedAt).toBe('2026-01-15T00:00:00.000Z');
    expect(result.inputs.policy.source).toContain('archived.md');
    expect(result.findings.filter((f) => f.rule === 'undisclosed-recipient' && f.title.includes('Agora'))).toEqual([]);
    const report = await runCliAsync(['--db', db, 'report', '--app', 'Murmur', '--format', 'md', '--out', join(dir, 'r')]);
    expect(report.status).toBe(0);
    expect(readFileSync(join(dir, 'r', 'report.md'), 'utf8')).toContain('retrieved 2026-01-15T00:00:00.000Z');
  });

  it('refuses an impossible, malformed or future date in one line, before touching the database', async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    for (const date of ['2024-02-30', '15/01/2026', '2999-01-01']) {
      const run = await runCliAsync(['--db', db, 'policy', 'add', resolve('policies', 'example-voice-app', 'murmur-privacy-policy.html'), '--app', 'M', '--as-of', date]);
      expect(run.status, date).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(date);
    }
    expect(existsSync(db)).toBe(false);
  });

  it('reads a date as midnight UTC and a full time with its zone', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    expect(parseDateOption('2024-03-01', now).toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(parseDateOption('2024-03-01T12:30:00+02:00', now).toISOString()).toBe('2024-03-01T10:30:00.000Z');
    expect(() => parseDateOption('2024-03-01T12:30:00', now)).toThrow(/expected a date/);
  });
});
