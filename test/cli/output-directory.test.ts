import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('output directories that cannot be created', () => {
  it('a path under a regular file is one line naming it, exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'x');
    const run = runCli(['demo', '--out', join(dir, 'afile', 'sub')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('afile');
    expect(run.stderr).toMatch(/cannot create output directory/);
  });

  it('a path where the kernel refuses directories (under /proc) fails at once instead of spinning', () => {
    const run = runCli(['demo', '--out', '/proc/claimcheck-test']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^claimcheck: \/proc\/claimcheck-test.*cannot create output directory/);
  });
});
