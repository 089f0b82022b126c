import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
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
});
