/**
 * `policy add --as-of` end to end through the CLI: archived copies of a policy dated by the user, the audit's choice
 * of the version in force when the captures began, and every refusal in one line with nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { readDatabaseState } from '../helpers/database-state.js';
import { validateJsonSchema } from '../report/json-schema-subset.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { buildSentrySessionHar as session, POLICY_NAMING_SENTRY, POLICY_WITHOUT_SENTRY } from '../helpers/policy-version-fixtures.js';

const tempDir = useTempDir();

/** The version archived in January 2025 names Sentry as the crash reporter; the June 2025 one only "service providers". */
const JANUARY = POLICY_NAMING_SENTRY;
const JUNE = POLICY_WITHOUT_SENTRY;

function writeCase(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'january.md'), JANUARY);
  writeFileSync(join(dir, 'june.md'), JUNE);
  writeFileSync(join(dir, 'march-session.har'), session('2025-03-10'));
  writeFileSync(join(dir, 'september-session.har'), session('2025-09-10'));
  return dir;
}

async function cli(dir: string, ...args: string[]): Promise<CliRun> {
  return runCliAsync(['--db', 'claimcheck.db', ...args], dir);
}

async function succeed(dir: string, ...args: string[]): Promise<CliRun> {
  const run = await cli(dir, ...args);
  expect(run.status, run.stderr).toBe(0);
  return run;
}

describe('policy add --as-of (archived copies of a policy)', () => {
  it('keeps the real fetch time, and the audit uses the version dated last before the captures began', async () => {
    const dir = writeCase();
    // Stored newest first, as a journalist finds the older copy later: the declared dates decide, not the order.
    const june = await succeed(dir, 'policy', 'add', 'june.md', '--app', 'March', '--as-of', '2025-06-01');
    expect(june.stdout).toMatch(/^stored policy june\.md for March: snapshot #1, \d+ claims? \(sha256 [0-9a-f]{12}\), dated 2025-06-01 by the user \(archived copy\)\n$/);
    await succeed(dir, 'policy', 'add', 'january.md', '--app', 'March', '--as-of', '2025-01-15T09:30:00+01:00');
    for (const [app, capture] of [['March', 'march-session.har'], ['September', 'september-session.har']]) {
      if (app === 'September') {
        await succeed(dir, 'policy', 'add', 'january.md', '--app', app, '--as-of', '2025-01-15');
        await succeed(dir, 'policy', 'add', 'june.md', '--app', app, '--as-of', '2025-06-01');
      }
      await succeed(dir, 'import', capture as string, '--app', app as string);
    }
    const audit = async (app: string): Promise<AuditResult> => JSON.parse((await succeed(dir, 'audit', '--app', app, '--json')).stdout) as AuditResult;

    const march = await audit('March');
    expect(march.inputs.policy?.source).toBe('january.md');
    expect(march.inputs.policy?.declaredDate).toBe('2025-01-15T08:30:00.000Z');
    // The real retrieval time is kept: today, not the declared date.
    expect(Date.parse(march.inputs.policy?.fetchedAt ?? '')).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    expect(march.recipients.find((r) => r.entityId === 'sentry')?.label).toBe('consistent');

    const september = await audit('September');
    expect(september.inputs.policy?.source).toBe('june.md');
    expect(september.inputs.policy?.declaredDate).toBe('2025-06-01');
    expect(september.recipients.find((r) => r.entityId === 'sentry')?.label).not.toBe('consistent');

    await succeed(dir, 'report', '--app', 'March', '--out', 'out');
    const markdown = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(markdown).toMatch(/january\.md, dated 2025-01-15T08:30:00\.000Z by the user \(archived copy\); fetched 20\d\d-\d\d-\d\dT[\d:.]+Z, sha256/);
    expect(markdown).toContain('claimcheck policy add --as-of 2025-01-15T08:30:00.000Z');
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('dated 2025-01-15T08:30:00.000Z by the user (archived copy); fetched ');
    const json = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as { inputs: { policy: { declaredDate?: string } } };
    expect(json.inputs.policy.declaredDate).toBe('2025-01-15T08:30:00.000Z');
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, json, { strict: true })).toEqual([]);

    const list = await succeed(dir, 'policy', 'list', '--app', 'March');
    expect(list.stdout.split('\n')[1]).toMatch(/^#2 january\.md: dated 2025-01-15T08:30:00\.000Z by the user \(archived copy\); fetched \S+, sha256 [0-9a-f]{12}, \d+ claims?$/);
    expect(list.stdout.split('\n')[2]).toMatch(/^#1 june\.md: dated 2025-06-01 by the user/);
    const diff = await succeed(dir, 'policy', 'diff', '--app', 'March');
    expect(diff.stdout.split('\n')[0]).toMatch(/^policy versions of March: #2 january\.md \(dated 2025-01-15T08:30:00\.000Z by the user \(archived copy\); fetched \S+, sha256 [0-9a-f]{12}\) -> #1 june\.md \(dated 2025-06-01/);
  }, 120_000);

  it('records every date the same copy is added with; the version keeps its first dates', async () => {
    const dir = writeCase();
    await succeed(dir, 'policy', 'add', 'january.md', '--app', 'M', '--as-of', '2025-01-15');
    const again = await succeed(dir, 'policy', 'add', 'january.md', '--app', 'M', '--as-of', '2025-02-01');
    expect(again.stdout).toBe('policy january.md is already stored for M (snapshot #1, same sha256): seen again as of 2025-02-01; nothing changed in content\n');
    expect(again.stderr).toBe('');
    // The same date again records nothing.
    const same = await succeed(dir, 'policy', 'add', 'january.md', '--app', 'M', '--as-of', '2025-01-15');
    expect(same.stdout).toBe('policy january.md is already stored for M (snapshot #1, same sha256), already seen as of 2025-01-15; nothing changed\n');
    expect(same.stderr).toBe('');
    // An earlier date than any it had.
    const earlier = await succeed(dir, 'policy', 'add', 'january.md', '--app', 'M', '--as-of', '2024-12-01');
    expect(earlier.stdout).toBe('policy january.md is already stored for M (snapshot #1, same sha256): recorded as seen as of 2024-12-01, earlier than any date it had\n');
    await succeed(dir, 'policy', 'add', 'june.md', '--app', 'M');
    // An archived copy of the version read as current, dated before that reading: in force from its date on.
    const undated = await succeed(dir, 'policy', 'add', 'june.md', '--app', 'M', '--as-of', '2025-06-01');
    expect(undated.stdout).toBe('policy june.md is already stored for M (snapshot #2, same sha256): recorded as seen as of 2025-06-01, earlier than any date it had\n');
    expect(undated.stderr).toBe('');
    const list = (await succeed(dir, 'policy', 'list', '--app', 'M')).stdout.split('\n');
    expect(list[0]).toBe('2 stored policy versions of M, seen 5 times, oldest first:');
    expect(list[1]).toMatch(/^#1 january\.md: dated 2024-12-01 by the user \(archived copy\); fetched \S+, sha256 [0-9a-f]{12}, \d+ claims?$/);
    expect(list[2]).toMatch(/^#1 january\.md: dated 2025-01-15 by the user .*, the same version again$/);
    expect(list[3]).toMatch(/^#1 january\.md: dated 2025-02-01 by the user .*, the same version again$/);
    expect(list[4]).toMatch(/^#2 june\.md: dated 2025-06-01 by the user .*, \d+ claims?$/);
    expect(list[5]).toMatch(/^#2 june\.md: retrieved \S+, sha256 [0-9a-f]{12}, the same version again$/);
  }, 60_000);

  it.each([
    ['an impossible date', ['--as-of', '2024-02-30'], '"2024-02-30" is not a valid date'],
    ['a date in another notation', ['--as-of', '15/01/2025'], '"15/01/2025" is not a date like 2024-03-01'],
    ['a time without its zone', ['--as-of', '2025-01-15T10:00:00'], 'is not a date like 2024-03-01 or a time with its zone'],
    ['a future date', ['--as-of', '2999-01-01'], '"2999-01-01" is in the future'],
    // A local policy's list is read from disk beside it, not "fetched" (trial7 P2-13).
    ['--follow-subprocessors', ['--as-of', '2025-01-15', '--follow-subprocessors'], '--as-of cannot be used with --follow-subprocessors: the linked list would be read now (a file beside the policy as it is on disk today, or a linked URL fetched today), not as of the declared date'],
    ['--follow-subprocessors on a URL', ['--as-of', '2025-01-15', '--follow-subprocessors'], 'the linked list would be fetched now, not as of the declared date', 'https://murmur.example/privacy'],
    ['a URL', ['--as-of', '2025-01-15'], 'is a URL, fetched now: not an archived copy', 'https://murmur.example/privacy'],
    ['a sub-processor list URL', ['--as-of', '2025-01-15', '--subprocessor-list', 'https://murmur.example/subprocessors'], 'is a URL, fetched now: not an archived copy'],
  ])('refuses %s in one line, exit 2, writing nothing', async (_, options, message, source = 'january.md') => {
    const dir = writeCase();
    const run = await cli(dir, 'policy', 'add', source, '--app', 'M', ...options);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 'claimcheck.db'))).toBe(false);
  });

  it('batch: an as_of column dates each row\'s policy; a bad one is refused naming its line before anything runs', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'apps.csv'), 'app,policy,captures,as_of\nMarch,january.md,march-session.har,2025-01-15\nToday,june.md,,\n');
    await succeed(dir, 'batch', 'apps.csv', '--workers', '1');
    const list = await succeed(dir, 'policy', 'list', '--app', 'March');
    // Batch rows name their files by absolute path.
    expect(list.stdout).toContain(`#1 ${join(dir, 'january.md')}: dated 2025-01-15 by the user (archived copy); fetched `);
    expect((await succeed(dir, 'policy', 'list', '--app', 'Today')).stdout).toContain(`#2 ${join(dir, 'june.md')}: retrieved `);

    for (const [row, message] of [
      ['Bad,january.md,,2025-13-01', 'apps.csv: line 2: as_of "2025-13-01" is not a valid date'],
      ['Web,https://murmur.example/privacy,,2025-01-15', 'apps.csv: line 2: as_of dates an archived copy, but the policy https://murmur.example/privacy is a URL, fetched now'],
    ] as const) {
      const other = tempDir();
      writeFileSync(join(other, 'january.md'), JANUARY);
      writeFileSync(join(other, 'apps.csv'), `app,policy,captures,as_of\n${row}\n`);
      const run = await cli(other, 'batch', 'apps.csv');
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
      expect(readDatabaseState(join(other, 'claimcheck.db')).counts.policy_snapshots ?? 0).toBe(0);
    }
  }, 60_000);
});
