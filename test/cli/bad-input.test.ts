/**
 * The compiled CLI against bad input: every rejection is exit 2 with exactly one stderr line that
 * names the file (or option, or app) and the problem, nothing on stdout, and the database exactly
 * as it was (row counts of every table compared before and after).
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabaseState } from '../helpers/database-state.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { createSeededRandom } from '../helpers/seeded-random.js';

const EXAMPLE_CAPTURE = resolve('observations/example-voice-app/murmur-session.pcap');
const EXAMPLE_POLICY = resolve('policies/example-voice-app/murmur-privacy-policy.html');

let dir = '';
let db = '';

function run(args: string[]): CliRun {
  return runCli(args, dir);
}

function expectOk(result: CliRun): void {
  expect(result.stderr, result.stderr).toBe('');
  expect(result.status).toBe(0);
}

/** Runs a command that must be refused and checks the refusal's shape and the unchanged database. */
function expectRefused(args: string[], mentions: readonly string[]): string {
  const before = readDatabaseState(db);
  const result = run(args);
  const after = readDatabaseState(db);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines.at(-1)).toBe('');
  expect(lines, result.stderr).toHaveLength(2);
  const line = lines[0] ?? '';
  expect(line).toMatch(/^claimcheck: /);
  for (const text of mentions) expect(line).toContain(text);
  expect(line).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  expect(after).toEqual(before);
  expect(after.integrity).toBe('ok');
  return line;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimcheck-bad-input-'));
  db = join(dir, 'claimcheck.db');
  copyFileSync(EXAMPLE_CAPTURE, join(dir, 'session.pcap'));
  copyFileSync(EXAMPLE_CAPTURE, join(dir, 'same-bytes-other-name.pcap'));
  copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.html'));
  const capture = readFileSync(EXAMPLE_CAPTURE);
  const random = createSeededRandom(20261123);
  writeFileSync(join(dir, 'notes.txt'), 'These are my notes about the app, not a capture.\n');
  writeFileSync(join(dir, 'short.pcap'), capture.subarray(0, 10));
  writeFileSync(join(dir, 'cut.pcap'), capture.subarray(0, capture.length - 7));
  writeFileSync(join(dir, 'random.bin'), random.bytes(4096));
  writeFileSync(join(dir, 'broken.har'), '{"log": {"entries": [');
  writeFileSync(join(dir, 'prose.har'), 'this was meant to be a HAR file');
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'binary.html'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), random.bytes(512)]));
  mkdirSync(join(dir, 'a-directory'));
  const newer = new Database(join(dir, 'newer.db'));
  newer.pragma('user_version = 999');
  newer.close();

  expectOk(run(['policy', 'add', 'policy.html', '--app', 'Base', '--app-domain', 'murmur.example']));
  expectOk(run(['import', 'session.pcap', '--app', 'Base', '--app-domain', 'murmur.example']));
  expectOk(run(['audit', '--app', 'Base']));
  expectOk(run(['import', 'session.pcap', '--app', 'Capture only']));
  expectOk(run(['policy', 'add', 'policy.html', '--app', 'Policy only']));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('usage errors', () => {
  it.each([
    [['--bogus'], ['--bogus']],
    [['frobnicate'], ['frobnicate']],
    [['import', 'session.pcap', '--app', 'Base', '--nope'], ['--nope']],
    [['import', 'session.pcap'], ['--app']],
    // A typo of a required option is named as the typo, not as the missing option it was meant to be.
    [['import', 'session.pcap', '--ap', 'Base'], ["unknown option '--ap'", 'did you mean --app?']],
    [['audit', '--app', 'Base', '--jurisdiction', 'CN'], ["unknown option '--jurisdiction'", 'did you mean --jurisdictions?']],
    [['audit', '--app', 'Base', '--fail-on', 'severe'], ['severe']],
    // An option of another command is pointed there (only the command run is loaded, so no typo match finds it).
    [['audit', '--app', 'Base', '--format', 'html'], ["unknown option '--format'", 'report takes --format: claimcheck report --app <name> --format html']],
  ])('%j is refused in one line', (args, mentions) => {
    expectRefused(args, mentions);
  });
});

describe('bad capture files', () => {
  it.each([
    ['missing.pcap', ['missing.pcap', 'not found']],
    ['a-directory', ['a-directory', 'directory']],
    ['notes.txt', ['notes.txt', 'not a recognised capture format']],
    ['short.pcap', ['short.pcap', 'truncated']],
    ['random.bin', ['random.bin', 'not a recognised capture format']],
    ['broken.har', ['broken.har', 'JSON']],
    ['prose.har', ['prose.har']],
  ])('import %s is refused in one line naming the file', (file, mentions) => {
    expectRefused(['import', file, '--app', 'Base'], mentions);
  });

  it('leaves no database file behind when the first command on a new --db path is refused (trial 9)', () => {
    const fresh = join(dir, 'never-created.db');
    const refused = run(['--db', fresh, 'import', 'short.pcap', '--app', 'Fresh']);
    expect(refused.status, refused.stderr).toBe(2);
    expect(['', '-wal', '-shm'].filter((suffix) => existsSync(`${fresh}${suffix}`))).toEqual([]);
    // An existing database is never removed, even when it holds nothing yet.
    const empty = join(dir, 'kept-empty.db');
    expect(run(['--db', empty, 'db', 'stats']).status).not.toBe(0);
    new Database(empty).close();
    expect(run(['--db', empty, 'import', 'short.pcap', '--app', 'Fresh']).status).toBe(2);
    expect(existsSync(empty)).toBe(true);
  });

  it('refuses random bytes read with an explicit --format', () => {
    expectRefused(['import', 'random.bin', '--app', 'Base', '--format', 'pcapng'], ['random.bin']);
  });

  it('imports a capture cut mid-record, with one warning line naming the file and the byte offset', () => {
    const before = readDatabaseState(db);
    const result = run(['import', 'cut.pcap', '--app', 'Base']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^cut\.pcap: imported as capture #\d+ .*1 warning\)\n$/);
    expect(result.stderr).toMatch(/^warning: cut\.pcap: byte \d+: truncated[^\n]*\n$/);
    expect(readDatabaseState(db).counts.captures).toBe((before.counts.captures ?? 0) + 1);
  });

  it('never lets control characters or newlines of a file name reach the terminal', () => {
    const line = expectRefused(['import', 'evil\u001b[2J\u001b]0;owned\u0007\nname.pcap', '--app', 'Base'], ['not found']);
    expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('bad policy files', () => {
  it.each([
    ['empty.html', ['empty.html', 'empty']],
    ['binary.html', ['binary.html', 'binary']],
    ['missing.html', ['missing.html', 'not found']],
  ])('policy add %s is refused in one line naming the file', (file, mentions) => {
    expectRefused(['policy', 'add', file, '--app', 'Base'], mentions);
  });
});

describe('bad database and app names', () => {
  it('refuses an audit of an unknown app, naming it', () => {
    expectRefused(['audit', '--app', 'Nobody'], ['"Nobody"']);
  });

  it('refuses to audit an app with captures but no stored policy, even with --fail-on, and stores no audit', () => {
    for (const extra of [[], ['--fail-on', 'info']]) {
      expectRefused(['audit', '--app', 'Capture only', ...extra], ['no policy stored for app "Capture only"', 'claimcheck policy add']);
    }
  });

  it('refuses a report of an app never audited', () => {
    expectRefused(['report', '--app', 'Capture only'], ['"Capture only"', 'not been audited']);
  });

  it('refuses a --db that is not a database, is from a newer claimcheck, or cannot be created', () => {
    const notes = readFileSync(join(dir, 'notes.txt'));
    expectRefused(['--db', 'notes.txt', 'audit', '--app', 'Base'], ['notes.txt', 'not a claimcheck database']);
    expect(readFileSync(join(dir, 'notes.txt')).equals(notes)).toBe(true);
    expectRefused(['--db', 'newer.db', 'audit', '--app', 'Base'], ['newer.db', 'newer than this claimcheck supports']);
    expectRefused(['--db', 'no-such-dir/x.db', 'import', 'session.pcap', '--app', 'Base'], ['no-such-dir/x.db', 'cannot open database']);
  });

  it('commands that read stored data refuse a --db that does not exist instead of creating an empty one', () => {
    for (const args of [
      ['audit', '--app', 'Base'],
      ['report', '--app', 'Base'],
      ['export', '--out', 'exported'],
      ['policy', 'diff', '--app', 'Base'],
      ['entities', 'list'],
      ['db', 'stats'],
    ]) {
      expectRefused(['--db', 'mistyped.db', ...args], ['mistyped.db', 'no such database']);
      expect(existsSync(join(dir, 'mistyped.db')), args.join(' ')).toBe(false);
    }
    expect(existsSync(join(dir, 'exported'))).toBe(false);
  });
});

describe('--fail-on', () => {
  it('exits 1 when a finding reaches the threshold, 0 when none does', () => {
    const failing = run(['audit', '--app', 'Base', '--fail-on', 'high']);
    expect(failing.stderr).toBe('');
    expect(failing.stdout).toMatch(/\[high/);
    expect(failing.status).toBe(1);
    // Without captures nothing can reach high: the policy alone gives at most retention findings.
    const clean = run(['audit', '--app', 'Policy only', '--fail-on', 'high']);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).not.toMatch(/\[high/);
    expect(clean.status).toBe(0);
    expectOk(run(['audit', '--app', 'Base']));
  });
});

describe('re-importing', () => {
  it('the same capture (by content, whatever its name) changes nothing and says so', () => {
    for (const file of ['session.pcap', 'same-bytes-other-name.pcap']) {
      const before = readDatabaseState(db);
      const result = run(['import', file, '--app', 'Base']);
      expectOk(result);
      expect(result.stdout).toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}: already imported for this app .*its traffic is not stored twice\\n$`));
      expect(readDatabaseState(db)).toEqual(before);
    }
  });

  it('the same capture with a new --app-domain records the domain and says so (trial 7b P2-15)', () => {
    const result = run(['import', 'session.pcap', '--app', 'Base', '--app-domain', 'newdomain.example']);
    expectOk(result);
    expect(result.stdout).toMatch(/already imported for this app .*\nrecorded app domain newdomain\.example for Base\n$/);
    expect(run(['import', 'session.pcap', '--app', 'Base', '--app-domain', 'newdomain.example']).stdout).not.toContain('recorded app domain');
  });

  it('the same policy stores no new version, only when it was read again, and says nothing changed', () => {
    const before = readDatabaseState(db);
    const result = run(['policy', 'add', 'policy.html', '--app', 'Base']);
    expectOk(result);
    expect(result.stdout).toMatch(/already stored .*: seen again on \S+; nothing changed in content\n$/);
    expect(readDatabaseState(db)).toEqual({ ...before, counts: { ...before.counts, policy_sightings: (before.counts.policy_sightings ?? 0) + 1 } });
  });
});
