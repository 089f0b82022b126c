import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('--app', () => {
  it('refuses an empty or blank app name in one line, before touching the database', () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    for (const name of ['', '   ']) {
      const run = runCli(['--db', db, 'policy', 'add', 'policies/example-voice-app/murmur-privacy-policy.html', '--app', name]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('the app name is empty');
    }
    expect(existsSync(db)).toBe(false);
  });

  it('warns when a new app differs from an existing one only in letter case or spacing, and still creates it', async () => {
    const dir = tempDir();
    const db = join(dir, 'c.db');
    const policy = 'policies/example-voice-app/murmur-privacy-policy.html';
    const capture = 'observations/example-voice-app/murmur-session.pcap';
    expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'Murmur'])).stderr).toBe('');
    const same = await runCliAsync(['--db', db, 'import', capture, '--app', 'Murmur']);
    expect(same.stderr).toBe('');
    for (const [typo, existing] of [
      ['murmur', '"Murmur"'],
      ['Murmur ', '"Murmur", "murmur"'],
    ] as const) {
      const run = await runCliAsync(['--db', db, 'import', capture, '--app', typo]);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe(`claimcheck: warning: creating a new app ${JSON.stringify(typo)}; this database already has ${existing} (app names are exact: letter case and spaces count)\n`);
    }
    // Once created, using it again is no longer a surprise.
    expect((await runCliAsync(['--db', db, 'policy', 'add', policy, '--app', 'murmur'])).stderr).toBe('');
  });
});
