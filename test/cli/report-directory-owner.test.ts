/**
 * Two app names can make the same default report directory ("Voice App" and "Vöice 🎤 App" both slug to voice-app).
 * The second app's report must not silently replace the first's: the directory records whose reports it holds.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SLOW = 300_000;
const tempDir = useTempDir();
const POLICY = resolve('policies/example-voice-app/murmur-privacy-policy.html');
const CAPTURE = resolve('observations/example-voice-app/murmur-session.pcap');

async function cli(dir: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return runCliAsync(['--db', join(dir, 'cc.db'), ...args], dir);
}

describe('default report directories of apps whose names slug alike', () => {
  it(
    'writes the second app to reports/<slug>-2 with one warning line, and each app keeps its own directory on later runs',
    async () => {
      const dir = tempDir();
      for (const app of ['Voice App', 'Vöice 🎤 App']) {
        for (const args of [['policy', 'add', POLICY], ['import', CAPTURE], ['audit']]) {
          const run = await cli(dir, ...args, '--app', app);
          expect(run.status, run.stderr).toBe(0);
        }
      }
      const first = await cli(dir, 'report', '--app', 'Voice App', '--format', 'md');
      expect(first.stderr).toBe('');
      expect(first.stdout).toBe(`wrote ${join('reports', 'voice-app', 'report.md')}\n`);

      const second = await cli(dir, 'report', '--app', 'Vöice 🎤 App', '--format', 'md');
      expect(second.status).toBe(0);
      expect(second.stderr).toBe(
        `claimcheck: warning: ${join('reports', 'voice-app')} holds the reports of app "Voice App", whose name makes the same directory name; writing to ${join('reports', 'voice-app-2')} instead\n`,
      );
      expect(second.stdout).toBe(`wrote ${join('reports', 'voice-app-2', 'report.md')}\n`);
      expect(readFileSync(join(dir, 'reports', 'voice-app', 'report.md'), 'utf8')).toMatch(/^# [^\n]*: Voice App\n/);
      expect(readFileSync(join(dir, 'reports', 'voice-app-2', 'report.md'), 'utf8')).toMatch(/^# [^\n]*: Vöice 🎤 App\n/);

      // Again: each goes to the directory it already owns; the one moved aside is told again where its reports are.
      const secondAgain = await cli(dir, 'report', '--app', 'Vöice 🎤 App', '--format', 'md');
      expect(secondAgain.stderr).toBe(second.stderr);
      expect(secondAgain.stdout).toBe(second.stdout);
      const firstAgain = await cli(dir, 'report', '--app', 'Voice App', '--format', 'md');
      expect(firstAgain.stderr).toBe('');
      expect(firstAgain.stdout).toBe(first.stdout);
      expect(JSON.parse(readFileSync(join(dir, 'reports', 'voice-app-2', '.claimcheck-app.json'), 'utf8'))).toEqual({ app: 'Vöice 🎤 App' });

      // An --out holding another app's reports is the user's choice; the other app's report files this run does not
      // replace are removed, so the directory (now Voice App's) ships no other app's report (trial 9). Other files stay.
      const other = join(dir, 'reports', 'voice-app-2');
      writeFileSync(join(other, 'report.html'), '<title>Vöice 🎤 App</title>');
      writeFileSync(join(other, 'compare-1-to-2.json'), '{}');
      writeFileSync(join(other, 'notes.txt'), 'the journalist’s own notes');
      const chosen = await cli(dir, 'report', '--app', 'Voice App', '--format', 'md', '--out', join('reports', 'voice-app-2'));
      expect(chosen.status).toBe(0);
      expect(chosen.stderr).toBe(
        `claimcheck: warning: ${join('reports', 'voice-app-2')} held the reports of app "Vöice 🎤 App"; its files of the same names were replaced and its other reports removed (compare-1-to-2.json, report.html)\n`,
      );
      expect(readdirSync(other).sort()).toEqual(['.claimcheck-app.json', 'notes.txt', 'report.md']);
      expect(readFileSync(join(other, 'report.md'), 'utf8')).toMatch(/^# [^\n]*: Voice App\n/);
    },
    SLOW,
  );

  it(
    'reads the owner of a directory written before the marker existed from its report.json',
    async () => {
      const dir = tempDir();
      for (const args of [['policy', 'add', POLICY], ['import', CAPTURE], ['audit']]) expect((await cli(dir, ...args, '--app', 'Voice App')).status).toBe(0);
      mkdirSync(join(dir, 'reports', 'voice-app'), { recursive: true });
      writeFileSync(join(dir, 'reports', 'voice-app', 'report.json'), JSON.stringify({ app: { name: 'Vöice 🎤 App' } }));
      const run = await cli(dir, 'report', '--app', 'Voice App', '--format', 'json');
      expect(run.stdout).toBe(`wrote ${join('reports', 'voice-app-2', 'report.json')}\n`);
      expect(run.stderr).toContain('holds the reports of app "Vöice 🎤 App"');
    },
    SLOW,
  );
});
