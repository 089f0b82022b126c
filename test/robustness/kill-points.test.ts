/**
 * Nothing lost: a writing command killed with SIGKILL at any point leaves the database exactly as
 * it was before that command (or, once it committed, exactly as after), with SQLite's integrity
 * and foreign-key checks clean. Kill points are write numbers chosen by a seeded generator, and the
 * child blocks *inside* its transaction at that write, so every kill really lands mid-write.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabaseState, type DatabaseState } from '../helpers/database-state.js';
import { runCli } from '../helpers/run-cli.js';
import { createSeededRandom } from '../helpers/seeded-random.js';
import { copyBaseDatabase, createBaseDatabase, EXAMPLE_CAPTURE, EXAMPLE_POLICY, OTHER_REAL_CAPTURE, REAL_CAPTURE, REAL_HAR } from './base-database.js';
import { runWriterUntilKilled } from './writer-child.js';

let dir = '';
let baseDb = '';
function copyBase(): string {
  return copyBaseDatabase(baseDb, dir);
}

function expectSound(state: DatabaseState): void {
  expect(state.integrity).toBe('ok');
  expect(state.foreignKeyViolations).toBe(0);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimcheck-kill-'));
  baseDb = join(dir, 'base.db');
  await createBaseDatabase(baseDb);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['import', EXAMPLE_CAPTURE, 'New app', 101],
  ['policy', EXAMPLE_POLICY, 'New app', 202],
  ['audit', 'Base', '', 303],
])('SIGKILL during %s', (mode, input, app, seed) => {
  it('at seeded write numbers leaves the database exactly as before; a completed run leaves it as after', async () => {
    const before = readDatabaseState(baseDb);
    expectSound(before);

    const completed = copyBase();
    const full = await runWriterUntilKilled([mode, completed, '0', input, app]);
    expect(full.report).toMatch(/^done \d+$/);
    const totalWrites = Number(full.report.split(' ')[1]);
    expect(totalWrites).toBeGreaterThan(2);
    const after = readDatabaseState(completed);
    expectSound(after);
    expect(after.counts).not.toEqual(before.counts);

    const random = createSeededRandom(seed);
    const killPoints = [1, totalWrites, 1 + random.int(totalWrites)];
    const trials = await Promise.all(
      killPoints.map(async (point) => {
        const path = copyBase();
        const outcome = await runWriterUntilKilled([mode, path, String(point), input, app]);
        return { point, path, outcome };
      }),
    );
    // Straight after a kill, before anything else opens it, the read-only check already finds it sound.
    const untouched = trials[1];
    if (!untouched) throw new Error('no trials');
    const checkAfterKill = runCli(['--db', untouched.path, 'db', 'check']);
    expect(checkAfterKill.stderr).toBe('');
    expect(checkAfterKill.stdout).toMatch(/^ok: /);
    for (const { point, path, outcome } of trials) {
      expect(outcome.signal, `kill point ${point}`).toBe('SIGKILL');
      expect(outcome.report).toBe(`paused ${point}`);
      const state = readDatabaseState(path);
      expectSound(state);
      expect(state.counts, `kill point ${point}`).toEqual(before.counts);
    }

    // The killed database is fully usable: the same command now runs to completion.
    const first = trials[0];
    if (!first) throw new Error('no trials');
    expect((await runWriterUntilKilled([mode, first.path, '0', input, app])).report).toBe(`done ${totalWrites}`);
    expect(readDatabaseState(first.path).counts).toEqual(after.counts);
    const check = runCli(['--db', first.path, 'db', 'check']);
    expect(check.stdout).toMatch(/^ok: /);
    expect(check.status).toBe(0);
  });
});

describe('SIGKILL during a migration', () => {
  it('leaves the previous schema version and none of the half-applied migration', async () => {
    const before = readDatabaseState(baseDb);
    const path = copyBase();
    const sql = 'CREATE TABLE extra (x); INSERT INTO extra VALUES (1); SELECT pause(); CREATE TABLE extra_two (y);';
    const outcome = await runWriterUntilKilled(['migrate', path, '1', sql, '']);
    expect(outcome.signal).toBe('SIGKILL');
    const state = readDatabaseState(path);
    expectSound(state);
    expect(state.schemaVersion).toBe(before.schemaVersion);
    expect(state.counts).toEqual(before.counts);

    // Unkilled, the same migration applies completely: the kill, not the SQL, made the difference.
    const completed = copyBase();
    expect((await runWriterUntilKilled(['migrate', completed, '0', sql, ''])).report).toBe('done 1');
    const migrated = readDatabaseState(completed);
    expect(migrated.schemaVersion).toBe(before.schemaVersion + 1);
    expect(migrated.counts).toMatchObject({ extra: 1, extra_two: 0 });
  });

  it('on a fresh database keeps every migration that finished before the kill', async () => {
    const path = join(dir, 'fresh.db');
    const outcome = await runWriterUntilKilled(['migrate', path, '1', 'CREATE TABLE extra (x); SELECT pause();', '']);
    expect(outcome.signal).toBe('SIGKILL');
    const state = readDatabaseState(path);
    expectSound(state);
    expect(state.schemaVersion).toBe(readDatabaseState(baseDb).schemaVersion);
    expect(state.counts.extra).toBeUndefined();
    expect(state.counts.apps).toBe(0);
  });
});

describe('SIGKILL of the real CLI at seeded moments', () => {
  // Several files are one transaction: a kill while a later file is parsed must also undo the earlier ones.
  it.each([
    ['import of a real capture', [REAL_CAPTURE]],
    ['import of three real captures at once', [REAL_CAPTURE, OTHER_REAL_CAPTURE, REAL_HAR]],
  ])('%s: always exactly before or exactly after, never in between', async (_name, captures) => {
    // Some of these kills land during start-up or parsing, some during or after the write: the
    // assertion holds for every moment, so the test does not depend on timing.
    const before = readDatabaseState(baseDb);
    const completed = copyBase();
    const started = process.hrtime.bigint();
    const run = runCli(['--db', completed, 'import', ...captures, '--app', 'Android']);
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(run.status, run.stderr).toBe(0);
    const after = readDatabaseState(completed);

    const random = createSeededRandom(404);
    const delays = [0.6, 0.9, 1.05].map((f) => Math.round(durationMs * f * (0.9 + 0.2 * random.next())));
    const results = await Promise.all(
      delays.map(
        (delay) =>
          new Promise<DatabaseState>((resolvePromise, reject) => {
            const path = copyBase();
            const child = spawn(process.execPath, [resolve('dist/src/cli/main.js'), '--db', path, 'import', ...captures, '--app', 'Android'], { stdio: 'ignore' });
            const timer = setTimeout(() => child.kill('SIGKILL'), delay);
            child.on('error', reject);
            child.on('close', () => {
              clearTimeout(timer);
              resolvePromise(readDatabaseState(path));
            });
          }),
      ),
    );
    for (const state of results) {
      expectSound(state);
      expect([JSON.stringify(before.counts), JSON.stringify(after.counts)]).toContain(JSON.stringify(state.counts));
    }
  });
});
