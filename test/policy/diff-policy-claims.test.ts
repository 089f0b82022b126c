import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffPolicyClaims } from '../../src/policy/diff-policy-claims.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { claimsOf } from './policy-test-helpers.js';

const tempDir = useTempDir();

describe('diffPolicyClaims', () => {
  it('reports retention moved from the service to another organisation as a change', () => {
    const diff = diffPolicyClaims(claimsOf('We keep logs for 90 days.'), claimsOf('Our vendor keeps logs for 90 days.'));
    expect(diff.changed.map((c) => [c.before.kind === 'retention' && c.before.holder, c.after.kind === 'retention' && c.after.holder])).toEqual([
      [{ kind: 'service' }, { kind: 'unnamed', name: 'Our vendor' }],
    ]);
    expect(diffPolicyClaims(claimsOf('We keep logs for 90 days.'), claimsOf('Logs: we keep logs for 90 days.')).unchanged).toBe(1);
  });

  it('reports added recipients, changed retention and leaves moved sentences unchanged', () => {
    const before = claimsOf('We keep recordings temporarily.\n\nWe share audio with Agora Lab, Inc. to provide calls.');
    const after = claimsOf('Introduction.\n\nWe share audio with Agora Lab, Inc. and Twilio Inc. to provide calls.\n\nWe keep recordings for 30 days.');
    const diff = diffPolicyClaims(before, after);
    expect(diff.added.map((c) => (c.kind === 'processor' ? c.name : c.kind))).toEqual(['Twilio Inc.']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.before).toMatchObject({ kind: 'retention', vagueness: 'limited' });
    expect(diff.changed[0]?.after).toMatchObject({ kind: 'retention', vagueness: 'stated', periodDays: 30 });
    expect(diff.unchanged).toBe(1);
  });

  it('treats a flipped polarity as a change and a dropped recipient as removed', () => {
    const before = claimsOf('We sell your personal information to data brokers. We share data with Agora Lab, Inc.');
    const after = claimsOf('We do not sell your personal information to data brokers.');
    const diff = diffPolicyClaims(before, after);
    expect(diff.changed.map((c) => [c.before.polarity, c.after.polarity])).toEqual([['affirmative', 'negative']]);
    expect(diff.removed).toContainEqual(expect.objectContaining({ kind: 'processor', name: 'Agora Lab, Inc.' }));
  });

  it('claimcheck policy diff --app compares the two newest stored versions', () => {
    const dir = tempDir();
    const db = join(dir, 'claimcheck.db');
    writeFileSync(join(dir, 'v1.md'), '# Privacy\n\nWe keep recordings temporarily.\n');
    writeFileSync(join(dir, 'v2.md'), '# Privacy\n\nWe keep recordings for 30 days. We share audio with Twilio Inc. to provide calls.\n');
    expect(runCli(['--db', db, 'policy', 'add', join(dir, 'v1.md'), '--app', 'voice']).status).toBe(0);
    const tooFew = runCli(['--db', db, 'policy', 'diff', '--app', 'voice']);
    expect(tooFew.status).toBe(2);
    expect(tooFew.stderr).toMatch(/needs two/);
    expect(runCli(['--db', db, 'policy', 'add', join(dir, 'v2.md'), '--app', 'voice']).status).toBe(0);
    const text = runCli(['--db', db, 'policy', 'diff', '--app', 'voice']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^\+ processor +Twilio Inc\./m);
    expect(text.stdout).toMatch(/^~ retention +limited "temporarily"/m);
    const json = JSON.parse(runCli(['--db', db, 'policy', 'diff', '--app', 'voice', '--json', '--from', '#1', '--to', '#2']).stdout) as {
      added: unknown[];
      changed: unknown[];
    };
    expect(json.added).toHaveLength(1);
    expect(json.changed).toHaveLength(1);
    expect(runCli(['--db', db, 'policy', 'diff', '--app', 'voice', '--from', '#9']).status).toBe(2);
  });
});
