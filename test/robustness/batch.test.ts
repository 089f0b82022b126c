/**
 * `claimcheck batch`: many apps from a manifest in worker threads; a failing row is reported and
 * does not stop the others; a rerun (also after a SIGKILL) skips apps already audited and audits
 * each app exactly once; the summary CSV cannot smuggle spreadsheet formulas.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readDatabaseState } from '../helpers/database-state.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { EXAMPLE_CAPTURE, EXAMPLE_POLICY } from './base-database.js';

const tempDir = useTempDir();

function prepare(): string {
  const dir = tempDir();
  copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.html'));
  copyFileSync(EXAMPLE_CAPTURE, join(dir, 'session.pcap'));
  writeFileSync(join(dir, 'notes.txt'), 'not a capture');
  writeFileSync(
    join(dir, 'apps.csv'),
    [
      'app,policy,captures,identifiers,app_domains',
      'Murmur,policy.html,session.pcap,user_id=u-48151623;room_id=room-7f3a9c,murmur.example',
      `"=cmd|' /C calc'!A0, ""quoted""",policy.html,session.pcap,,`,
      'Broken,policy.html,notes.txt,,',
      'Capture only,,session.pcap,,',
      '',
    ].join('\n'),
  );
  return dir;
}

function auditsPerApp(db: string): Record<string, number> {
  const raw = new Database(db, { readonly: true });
  try {
    const rows = raw.prepare('SELECT a.name, count(u.id) AS n FROM apps a LEFT JOIN audits u ON u.app_id = a.id GROUP BY a.id').all() as { name: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  } finally {
    raw.close();
  }
}

describe('claimcheck batch', () => {
  it('audits every good row, reports the bad one in one line, and resumes by skipping audited apps', () => {
    const dir = prepare();
    const first = runCli(['batch', 'apps.csv', '--workers', '2'], dir);
    expect(first.status).toBe(2);
    expect(first.stderr.split('\n')).toEqual([
      'claimcheck: apps.csv: line 4: app "Broken": ' + `${join(dir, 'notes.txt')}: byte offset 0: not a recognised capture format (pcap, pcapng, HAR or Zeek log) (pass --format pcap|pcapng|har|zeek if the file is one of these)`,
      expect.stringMatching(/^claimcheck: apps\.csv: line 5: app "Capture only": no policy stored for app "Capture only"/),
      '',
    ]);
    expect(first.stdout).toMatch(/^4 apps: 2 audited, 0 skipped \(already audited\), 2 failed\n/);
    const db = join(dir, 'claimcheck.db');
    expect(auditsPerApp(db)).toMatchObject({ Murmur: 1 });
    expect(auditsPerApp(db).Broken ?? 0).toBe(0);
    // The row without a policy is refused before its capture is imported: it leaves nothing behind.
    expect(auditsPerApp(db)['Capture only']).toBeUndefined();

    const summary = readFileSync(join(dir, 'batch', 'summary.csv'), 'utf8');
    expect(summary.split('\r\n')[0]).toBe('app,status,audit,findings,high,omitted,vague,incorrect,consistent recipients,third-party recipients (label),countries,error');
    expect(summary).toContain(`"'=cmd|' /C calc'!A0, ""quoted""",audited`);
    expect(summary).toMatch(/\r\nMurmur,audited,\d+,\d+,/);
    const html = readFileSync(join(dir, 'batch', 'summary.html'), 'utf8');
    expect(html).toContain('&quot;quoted&quot;');
    expect(html).not.toMatch(/<script/i);

    const before = readDatabaseState(db);
    const rerun = runCli(['batch', 'apps.csv'], dir);
    expect(rerun.stdout).toMatch(/^4 apps: 0 audited, 2 skipped \(already audited\), 2 failed\n/);
    // The failed row runs again: its policy is read again (one sighting more, decision 0010); nothing else changes.
    expect(readDatabaseState(db).counts).toEqual({ ...before.counts, policy_sightings: (before.counts.policy_sightings ?? 0) + 1 });
  });

  it('a rerun audits again a row whose policy or captures changed since its last audit, and says why', () => {
    const dir = prepare();
    writeFileSync(join(dir, 'apps.csv'), readFileSync(join(dir, 'apps.csv'), 'utf8').replace(/^(?:Broken|Capture only|"=cmd).*\n/gm, ''));
    expect(runCli(['batch', 'apps.csv'], dir).status).toBe(0);
    const db = join(dir, 'claimcheck.db');

    // A new version of the policy file: the row runs again.
    writeFileSync(join(dir, 'policy.html'), readFileSync(join(dir, 'policy.html'), 'utf8').replace('</body>', '<p>We keep support tickets for 90 days.</p></body>'));
    const afterPolicy = runCli(['batch', 'apps.csv'], dir);
    expect(afterPolicy.stdout).toMatch(/^1 apps: 1 audited, 0 skipped/);
    expect(afterPolicy.stderr).toContain('audited again: policy policy.html differs from the one last audited');
    expect(auditsPerApp(db)).toMatchObject({ Murmur: 2 });

    // An identifier the capture was not searched for.
    const manifest = readFileSync(join(dir, 'apps.csv'), 'utf8');
    writeFileSync(join(dir, 'apps.csv'), manifest.replace('user_id=u-48151623;room_id=room-7f3a9c', 'user_id=u-48151623;room_id=room-7f3a9c;email=ada@example.org'));
    const afterIdentifier = runCli(['batch', 'apps.csv'], dir);
    expect(afterIdentifier.stderr).toContain('audited again: capture session.pcap was not searched for email with the value now given');
    expect(auditsPerApp(db)).toMatchObject({ Murmur: 3 });

    // The same label with another value is another search.
    writeFileSync(join(dir, 'apps.csv'), readFileSync(join(dir, 'apps.csv'), 'utf8').replace('email=ada@example.org', 'email=grace@example.org'));
    expect(runCli(['batch', 'apps.csv'], dir).stderr).toContain('audited again: capture session.pcap was not searched for email with the value now given');

    // A second capture in the row; then the first one touched (newer mtime, same bytes) is recognised by its hash.
    copyFileSync(resolve('test/fixtures/zeek/viber-conn.log'), join(dir, 'conn.log'));
    writeFileSync(join(dir, 'apps.csv'), readFileSync(join(dir, 'apps.csv'), 'utf8').replace('session.pcap,', 'session.pcap;conn.log,'));
    expect(runCli(['batch', 'apps.csv'], dir).stderr).toContain('audited again: capture conn.log was not in the last audit');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'session.pcap'), later, later);
    expect(runCli(['batch', 'apps.csv'], dir).stdout).toMatch(/^1 apps: 0 audited, 1 skipped/);

    // A new app domain changes which traffic is first party (trial7b item 16): the row runs again.
    writeFileSync(join(dir, 'apps.csv'), readFileSync(join(dir, 'apps.csv'), 'utf8').replace(',murmur.example', ',murmur.example;agora.io'));
    expect(runCli(['batch', 'apps.csv'], dir).stderr).toContain("audited again: app domain agora.io was not among the app's own domains in the last audit");
    expect(runCli(['batch', 'apps.csv'], dir).stdout).toMatch(/^1 apps: 0 audited, 1 skipped/);

    // Nothing changed: skipped, and the database is untouched.
    const before = readDatabaseState(db);
    expect(runCli(['batch', 'apps.csv'], dir).stdout).toMatch(/^1 apps: 0 audited, 1 skipped/);
    expect(readDatabaseState(db).counts).toEqual(before.counts);
  });

  it('joins the Zeek logs of one row by connection id, as one import command does, and warns about an empty capture', () => {
    const dir = tempDir();
    copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.html'));
    for (const log of ['viber-conn.log', 'viber-ssl.log']) copyFileSync(resolve('test/fixtures/zeek', log), join(dir, log));
    // A pcap holding only its file header: valid, but nothing to attribute.
    writeFileSync(join(dir, 'empty.pcap'), Buffer.from('d4c3b2a1020004000000000000000000ffff000001000000', 'hex'));
    writeFileSync(join(dir, 'apps.csv'), 'app,policy,captures\nZeek row,policy.html,viber-conn.log;viber-ssl.log\nEmpty row,policy.html,empty.pcap\n');
    const batch = runCli(['batch', 'apps.csv'], dir);
    expect(batch.status, batch.stderr).toBe(0);
    expect(batch.stderr).toContain('app "Empty row": no packets in empty.pcap');

    const separately = join(dir, 'separate.db');
    for (const args of [
      ['policy', 'add', 'policy.html', '--app', 'Zeek row'],
      ['import', 'viber-conn.log', 'viber-ssl.log', '--app', 'Zeek row'],
    ]) {
      expect(runCli(['--db', separately, ...args], dir).status).toBe(0);
    }
    const flows = (db: string): number => {
      const raw = new Database(db, { readonly: true });
      try {
        return (raw.prepare("SELECT count(*) AS n FROM flows f JOIN captures c ON c.id = f.capture_id JOIN apps a ON a.id = c.app_id WHERE a.name = 'Zeek row'").get() as { n: number }).n;
      } finally {
        raw.close();
      }
    };
    expect(flows(join(dir, 'claimcheck.db'))).toBe(flows(separately));
  });

  it('after a SIGKILL at any moment, a rerun leaves every app audited exactly once in a sound database', async () => {
    const dir = prepare();
    writeFileSync(join(dir, 'apps.csv'), readFileSync(join(dir, 'apps.csv'), 'utf8').replace(/^(?:Broken|Capture only).*\n/gm, ''));
    await new Promise<void>((resolvePromise, reject) => {
      const child = spawn(process.execPath, [resolve('dist/src/cli/main.js'), 'batch', 'apps.csv', '--workers', '1'], { cwd: dir, stdio: 'ignore' });
      // Whether the kill lands before, during or after any row, the assertions below hold.
      const timer = setTimeout(() => child.kill('SIGKILL'), 2500);
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolvePromise();
      });
    });
    const rerun = runCli(['batch', 'apps.csv', '--workers', '1'], dir);
    expect(rerun.stderr).toBe('');
    expect(rerun.status).toBe(0);
    const db = join(dir, 'claimcheck.db');
    expect(Object.values(auditsPerApp(db))).toEqual([1, 1]);
    const state = readDatabaseState(db);
    expect(state.integrity).toBe('ok');
    expect(state.foreignKeyViolations).toBe(0);
  });

  it('refuses a manifest without an app column in one line naming it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'name,policy\nX,p.html\n');
    const result = runCli(['batch', 'bad.csv'], dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^claimcheck: bad\.csv: line 1: no "app" column \(.*\)\n$/);
  });

  it('refuses a manifest whose quoted cell is never closed in one line naming the file and line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'open.csv'), 'app,policy\nGood,p.html\n"Never closed,p.html\n');
    const result = runCli(['batch', 'open.csv', '--out', 'out'], dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('claimcheck: open.csv: line 3: a quoted field is not closed\n');
    expect(existsSync(join(dir, 'claimcheck.db'))).toBe(false);
  });
});
