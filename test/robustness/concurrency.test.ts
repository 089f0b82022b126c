/**
 * Concurrent use of one database: readers keep working while a writer holds the write lock (WAL),
 * and two writers serialise on the lock (busy timeout) or fail with one clear line — never corrupt.
 * Writers are paused inside their transaction at a chosen write, so the overlap is certain.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/cli/cli-context.js';
import { ConfigError } from '../../src/model/errors.js';
import { openDatabase } from '../../src/store/open-database.js';
import { translateStoreError } from '../../src/store/translate-store-error.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { readDatabaseState } from '../helpers/database-state.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { copyBaseDatabase, createBaseDatabase, EXAMPLE_CAPTURE, EXAMPLE_POLICY, REAL_CAPTURE } from './base-database.js';
import { startWriter } from './writer-child.js';

let dir = '';
let baseDb = '';
function copyBase(): string {
  return copyBaseDatabase(baseDb, dir);
}

/** The compiled CLI without blocking the test's event loop (which must resume the paused writer). */
function runCliAsync(args: string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve('dist/src/cli/main.js'), ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimcheck-concurrency-'));
  baseDb = join(dir, 'base.db');
  await createBaseDatabase(baseDb);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a reader while an import holds the write lock', () => {
  it('writes the report from the last committed state, and the import then commits', async () => {
    const path = copyBase();
    const before = readDatabaseState(path);
    const writer = startWriter(['import', path, '3', REAL_CAPTURE, 'Android']);
    expect(await writer.paused).toBe('paused 3');

    const out = join(dir, 'report-during-import');
    const report = runCli(['--db', path, 'report', '--app', 'Base', '--out', out, '--format', 'json']);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toContain('Base');
    const stats = runCli(['--db', path, 'db', 'stats', '--json']);
    expect(stats.status, stats.stderr).toBe(0);
    expect((JSON.parse(stats.stdout) as { rowCounts: unknown }).rowCounts).toEqual(before.counts);

    writer.resume();
    const outcome = await writer.finished;
    expect(outcome.report, outcome.stderr).toMatch(/^done \d+$/);
    const after = readDatabaseState(path);
    expect(after.integrity).toBe('ok');
    expect(after.counts.captures).toBe((before.counts.captures ?? 0) + 1);
  });
});

describe('two writers at once', () => {
  it('serialise: an import waiting on the lock completes after the first commits', async () => {
    const path = copyBase();
    const before = readDatabaseState(path);
    const writer = startWriter(['import', path, '2', EXAMPLE_CAPTURE, 'Both']);
    await writer.paused;
    const second = runCliAsync(['--db', path, 'import', REAL_CAPTURE, '--app', 'Both']);
    setTimeout(() => writer.resume(), 1500);
    const [first, other] = await Promise.all([writer.finished, second]);
    expect(first.report, first.stderr).toMatch(/^done \d+$/);
    expect(other.stderr).toBe('');
    expect(other.status).toBe(0);
    const after = readDatabaseState(path);
    expect(after.integrity).toBe('ok');
    expect(after.foreignKeyViolations).toBe(0);
    expect(after.counts.captures).toBe((before.counts.captures ?? 0) + 2);
    expect(after.counts.apps).toBe((before.counts.apps ?? 0) + 1);
  });

  it('importing the same file twice at once stores it once, the second saying so', async () => {
    const path = copyBase();
    const before = readDatabaseState(path);
    const writer = startWriter(['import', path, '2', EXAMPLE_CAPTURE, 'Twice']);
    await writer.paused;
    const second = runCliAsync(['--db', path, 'import', EXAMPLE_CAPTURE, '--app', 'Twice']);
    setTimeout(() => writer.resume(), 1500);
    const [first, other] = await Promise.all([writer.finished, second]);
    expect(first.report, first.stderr).toMatch(/^done \d+$/);
    expect(other.stderr).toBe('');
    expect(other.status).toBe(0);
    expect(other.stdout).toMatch(/already imported/);
    expect(readDatabaseState(path).counts.captures).toBe((before.counts.captures ?? 0) + 1);
  });

  it('fail with one clear error when the lock is held past the busy timeout, writing nothing', async () => {
    const path = copyBase();
    const before = readDatabaseState(path);
    const writer = startWriter(['import', path, '2', EXAMPLE_CAPTURE, 'Holder']);
    await writer.paused;
    const policy = await analysePolicy(EXAMPLE_POLICY, { organisations: loadCatalog().organisationNames(), now: () => new Date() });
    const db = openDatabase(path, { busyTimeoutMs: 100 });
    let caught: unknown;
    try {
      storePolicy(db, 'Late', policy, () => new Date());
    } catch (error) {
      caught = translateStoreError(error, path);
    } finally {
      db.close();
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toBe(`${path}: database is busy: another claimcheck process kept it locked for too long`);
    writer.kill();
    await writer.finished;
    const after = readDatabaseState(path);
    expect(after.integrity).toBe('ok');
    expect(after.counts).toEqual(before.counts);
    expect(existsSync(path)).toBe(true);
  });
});
