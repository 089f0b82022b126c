/**
 * A policy that changes back (v1 in January, v2 in March, v1 again in June) through the CLI: each `policy add` is a
 * sighting, the audit of a capture uses the version seen last before it began, `policy list` shows the timeline and
 * the return, and `policy diff` compares the return (v2 -> v1).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { validateJsonSchema } from '../report/json-schema-subset.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { buildSentrySessionHar as session, POLICY_NAMING_SENTRY, POLICY_WITHOUT_SENTRY } from '../helpers/policy-version-fixtures.js';

const tempDir = useTempDir();

/** v1 names Sentry as the crash reporter; v2 only "service providers". */
const V1 = POLICY_NAMING_SENTRY;
const V2 = POLICY_WITHOUT_SENTRY;
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function writeCase(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'v1-january.md'), V1);
  writeFileSync(join(dir, 'v2-march.md'), V2);
  // The June copy: a Wayback save of the same bytes as January's.
  writeFileSync(join(dir, 'v1-june.md'), V1);
  for (const day of ['2025-02-10', '2025-04-10', '2025-07-10']) writeFileSync(join(dir, `${day}.har`), session(day));
  return dir;
}

async function succeed(dir: string, ...args: string[]): Promise<CliRun> {
  const run = await runCliAsync(['--db', 'claimcheck.db', ...args], dir);
  expect(run.status, run.stderr).toBe(0);
  return run;
}

/** Adds v1 (January), v2 (March) and v1 again (June) for `app` as archived copies; returns the three runs. */
async function addHistory(dir: string, app: string): Promise<CliRun[]> {
  return [
    await succeed(dir, 'policy', 'add', 'v1-january.md', '--app', app, '--as-of', '2025-01-15'),
    await succeed(dir, 'policy', 'add', 'v2-march.md', '--app', app, '--as-of', '2025-03-01'),
    await succeed(dir, 'policy', 'add', 'v1-june.md', '--app', app, '--as-of', '2025-06-01'),
  ];
}

async function audit(dir: string, app: string): Promise<AuditResult> {
  return JSON.parse((await succeed(dir, 'audit', '--app', app, '--json')).stdout) as AuditResult;
}

describe('a policy that changes back (v1, v2, v1)', () => {
  it('audits a capture of each period against the version in force then', async () => {
    const dir = writeCase();
    const [, , june] = await addHistory(dir, 'February');
    expect(june?.stdout).toBe(
      'policy v1-june.md is already stored for February (snapshot #1, same sha256): recorded as a return to that version as of 2025-06-01, after snapshot #2 (seen as of 2025-03-01); first seen as of 2025-01-15\n',
    );
    expect(june?.stderr).toBe('');
    await addHistory(dir, 'April');
    await addHistory(dir, 'July');
    const expected: [string, string, string][] = [
      ['February', '2025-02-10.har', sha(V1)],
      ['April', '2025-04-10.har', sha(V2)],
      ['July', '2025-07-10.har', sha(V1)],
    ];
    for (const [app, capture, policySha] of expected) {
      await succeed(dir, 'import', capture, '--app', app);
      const result = await audit(dir, app);
      expect(result.inputs.policy?.sha256, app).toBe(policySha);
      // v1 names Sentry; v2 does not.
      expect(result.recipients.find((r) => r.entityId === 'sentry')?.label === 'consistent', app).toBe(policySha === sha(V1));
      // The version keeps its first dates; only July's was chosen by a later reading (the June return), said as such.
      expect(result.inputs.policy?.declaredDate, app).toBe(policySha === sha(V1) ? '2025-01-15' : '2025-03-01');
      expect(result.inputs.policy?.inForceBy === undefined ? undefined : [result.inputs.policy.inForceBy.source, result.inputs.policy.inForceBy.declaredDate], app).toEqual(
        app === 'July' ? ['v1-june.md', '2025-06-01'] : undefined,
      );
    }
    await succeed(dir, 'report', '--app', 'July', '--out', 'out');
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')), { strict: true })).toEqual([]);
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).toMatch(
      /\*\*Policy version:\*\* “Murmur Privacy Policy”, v1-january\.md, dated 2025-01-15 by the user \(archived copy\); fetched \S+; in force at the captures' start by a later reading: v1-june\.md, dated 2025-06-01 by the user \(archived copy\); fetched \S+, sha256/,
    );
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toContain('in force at the captures&#39; start by a later reading: v1-june.md, dated 2025-06-01 by the user');

    // The timeline: every sighting oldest first, the return said as such.
    const list = (await succeed(dir, 'policy', 'list', '--app', 'July')).stdout.split('\n');
    expect(list[0]).toBe('2 stored policy versions of July, seen 3 times, oldest first:');
    expect(list[1]).toMatch(new RegExp(`^#5 v1-january\\.md: dated 2025-01-15 by the user \\(archived copy\\); fetched \\S+, sha256 ${sha(V1).slice(0, 12)}, \\d+ claims?$`));
    expect(list[2]).toMatch(new RegExp(`^#6 v2-march\\.md: dated 2025-03-01 by the user \\(archived copy\\); fetched \\S+, sha256 ${sha(V2).slice(0, 12)}, \\d+ claims?$`));
    expect(list[3]).toMatch(
      new RegExp(`^#5 v1-june\\.md: dated 2025-06-01 by the user \\(archived copy\\); fetched \\S+, sha256 ${sha(V1).slice(0, 12)}, back to version #5 \\(first seen as of 2025-01-15\\) after #6$`),
    );
    const json = JSON.parse((await succeed(dir, 'policy', 'list', '--app', 'July', '--json')).stdout) as {
      versions: { snapshot: number; declaredDate?: string }[];
      timeline: { snapshot: number; source: string; declaredDate?: string; change: string; after?: number }[];
    };
    expect(json.versions.map((v) => [v.snapshot, v.declaredDate])).toEqual([
      [5, '2025-01-15'],
      [6, '2025-03-01'],
    ]);
    expect(json.timeline.map((g) => [g.snapshot, g.source, g.declaredDate, g.change, g.after])).toEqual([
      [5, 'v1-january.md', '2025-01-15', 'first', undefined],
      [6, 'v2-march.md', '2025-03-01', 'first', undefined],
      [5, 'v1-june.md', '2025-06-01', 'return', 6],
    ]);

    // The export carries the timeline, so an analysis can redo the choice.
    await succeed(dir, 'export', '--app', 'July', '--out', 'export');
    const sightings = readFileSync(join(dir, 'export', 'policy_sightings.csv'), 'utf8').trim().split('\r\n');
    expect(sightings[0]).toBe('sighting_id,app_id,app_name,snapshot_id,snapshot_sha256,source,read_at,declared_date');
    expect(sightings.slice(1).map((row) => row.split(',')).map((c) => [c[3], c[5], c[7]])).toEqual([
      ['5', 'v1-january.md', '2025-01-15'],
      ['6', 'v2-march.md', '2025-03-01'],
      ['5', 'v1-june.md', '2025-06-01'],
    ]);

    // The default diff is the latest change: v2 -> v1 (Sentry named again), each side as seen at the change.
    const diff = (await succeed(dir, 'policy', 'diff', '--app', 'July')).stdout.split('\n');
    expect(diff[0]).toMatch(/^policy versions of July: #6 v2-march\.md \(dated 2025-03-01 by the user \(archived copy\); fetched \S+, sha256 [0-9a-f]{12}\) -> #5 v1-june\.md \(dated 2025-06-01 by the user/);
    expect(diff.some((line) => line.startsWith('+ ') && line.includes('Sentry'))).toBe(true);
    const diffJson = JSON.parse((await succeed(dir, 'policy', 'diff', '--app', 'July', '--json')).stdout) as { from: { snapshot: number }; to: { snapshot: number; declaredDate?: string } };
    expect([diffJson.from.snapshot, diffJson.to.snapshot, diffJson.to.declaredDate]).toEqual([6, 5, '2025-06-01']);
  }, 180_000);

  it('says which captures began under another version than the one audited, or before any version was seen', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, '2024-12-01.har'), session('2024-12-01'));
    await addHistory(dir, 'Span');
    await succeed(dir, 'import', '2025-02-10.har', '2025-04-10.har', '--app', 'Span');
    const run = await succeed(dir, 'audit', '--app', 'Span');
    // The earliest capture (February) chose v1; April's capture began under v2.
    expect(run.stdout).toMatch(/note: 2025-04-10\.har began 2025-04-10T\S+, when another version of the policy was in force \(sha256 [0-9a-f]{12}, v2-march\.md, seen as of 2025-03-01\)/);
    const spanning = await audit(dir, 'Span');
    expect(spanning.inputs.policy?.sha256).toBe(sha(V1));
    expect(spanning.inputs.policy?.captureVersionNotes?.map((n) => [n.file, n.kind])).toEqual([['2025-04-10.har', 'other-version']]);

    await addHistory(dir, 'Early');
    await succeed(dir, 'import', '2024-12-01.har', '--app', 'Early');
    const early = await audit(dir, 'Early');
    expect(early.inputs.policy?.captureVersionNotes?.map((n) => [n.file, n.kind, n.kind === 'before-every-version' ? n.earliestVersionDate : null])).toEqual([
      ['2024-12-01.har', 'before-every-version', '2025-01-15'],
    ]);
    await succeed(dir, 'report', '--app', 'Early', '--out', 'early');
    expect(readFileSync(join(dir, 'early', 'report.md'), 'utf8')).toContain(
      '- **Policy version caveat:** 2024-12-01.har began 2024-12-01T',
    );
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, JSON.parse(readFileSync(join(dir, 'early', 'report.json'), 'utf8')), { strict: true })).toEqual([]);

    // A policy read once, as current, long after the capture (the capture's date is in 2025, the policy read today):
    // the text read today may not be the one in force then, so the caveat is there too (trial 9). A capture made
    // within the month before the reading gets none (test/audit/check-capture-versions.test.ts).
    await succeed(dir, 'policy', 'add', 'v1-january.md', '--app', 'Usual');
    await succeed(dir, 'import', '2025-02-10.har', '--app', 'Usual');
    expect((await audit(dir, 'Usual')).inputs.policy?.captureVersionNotes?.map((n) => [n.file, n.kind])).toEqual([['2025-02-10.har', 'before-every-version']]);
  }, 120_000);

  it('reads as current: re-adding the current version says nothing changed; re-adding an earlier one is a return', async () => {
    const dir = writeCase();
    await succeed(dir, 'policy', 'add', 'v1-january.md', '--app', 'Now');
    const same = await succeed(dir, 'policy', 'add', 'v1-january.md', '--app', 'Now');
    expect(same.stdout).toMatch(/^policy v1-january\.md is already stored for Now \(snapshot #1, same sha256\): seen again on \S+Z; nothing changed in content\n$/);
    await succeed(dir, 'policy', 'add', 'v2-march.md', '--app', 'Now');
    const back = await succeed(dir, 'policy', 'add', 'v1-june.md', '--app', 'Now');
    expect(back.stdout).toMatch(/^policy v1-june\.md is already stored for Now \(snapshot #1, same sha256\): recorded as a return to that version on \S+Z, after snapshot #2 \(seen on \S+Z\); first seen on \S+Z\n$/);
    // A capture older than every reading: the version seen last is used (v1, not v2 as before sightings).
    await succeed(dir, 'import', '2025-02-10.har', '--app', 'Now');
    expect((await audit(dir, 'Now')).inputs.policy?.sha256).toBe(sha(V1));
    const list = (await succeed(dir, 'policy', 'list', '--app', 'Now')).stdout.split('\n');
    expect(list[0]).toBe('2 stored policy versions of Now, seen 4 times, oldest first:');
    expect(list[2]).toMatch(/^#1 v1-january\.md: retrieved \S+, sha256 [0-9a-f]{12}, the same version again$/);
    expect(list[4]).toMatch(/^#1 v1-june\.md: retrieved \S+, sha256 [0-9a-f]{12}, back to version #1 \(first seen on \S+\) after #2$/);
  }, 60_000);

  it('batch: a row whose policy file went back to an earlier version is audited again with it, then skipped', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'policy.md'), V1);
    writeFileSync(join(dir, 'apps.csv'), 'app,policy,captures\nMurmur,policy.md,2025-02-10.har\n');
    const runBatch = async (): Promise<CliRun> => succeed(dir, 'batch', 'apps.csv', '--workers', '1');
    await runBatch();
    const audited = async (): Promise<string | undefined> => (await audit(dir, 'Murmur')).inputs.policy?.sha256;
    writeFileSync(join(dir, 'policy.md'), V2);
    expect((await runBatch()).stderr).toContain('audited again: policy policy.md differs from the one last audited');
    expect(await audited()).toBe(sha(V2));
    writeFileSync(join(dir, 'policy.md'), V1);
    const back = await runBatch();
    expect(back.stderr).toContain('audited again: policy policy.md differs from the one last audited');
    expect(back.stdout).toMatch(/^1 apps: 1 audited, 0 skipped/);
    // Before sightings, the row kept being audited against v2 (v1's only date was its first) and ran again forever.
    expect(await audited()).toBe(sha(V1));
    expect((await runBatch()).stdout).toMatch(/^1 apps: 0 audited, 1 skipped/);
  }, 90_000);
});
