/**
 * Nothing escapes: hostile text in a policy and in a HAR (terminal escape sequences, bidi
 * overrides, HTML and `javascript:` links, newlines) goes through every command that prints or
 * writes it without reaching the terminal as control characters or the reports as live markup,
 * and app names never become paths under --out.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { withoutCodeSpans } from '../helpers/markdown-code-spans.js';

/** C0 controls other than tab and newline, DEL, C1 controls (0x9b is a one-byte CSI), bidi overrides. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ESC = '\u001b';

const POLICY = `<!DOCTYPE html><html><head><title>Policy${ESC}]0;pwned\u0007</title></head><body>
<h1>Privacy ${ESC}[31mPolicy\u202e</h1>
<h2>Sharing <img src=x onerror=alert(1)></h2>
<p>We share your data with Google Analytics${ESC}[2J and with <a href="javascript:alert(1)">service providers</a>.</p>
<p>We keep voice recordings temporarily.\u009b2J</p>
<script>alert("policy")</script>
</body></html>`;

const HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    entries: [
      {
        startedDateTime: '2026-11-01T10:00:00.000Z',
        serverIPAddress: '93.184.215.14',
        request: {
          method: 'GET',
          url: `http://tracker.example/collect?u=u-48151623&x=${encodeURIComponent(`${ESC}[2J<script>alert(1)</script>`)}`,
          headers: [{ name: 'Host', value: 'tracker.example' }, { name: 'X-Evil', value: `${ESC}]0;title\u0007<b>bold</b>` }],
        },
        response: { status: 200, headers: [] },
      },
      {
        startedDateTime: '2026-11-01T10:00:01.000Z',
        serverIPAddress: '93.184.215.15',
        request: { method: 'GET', url: `http://${'x'.repeat(10)}.example/%1B%5B31m?id=u-48151623`, headers: [] },
        response: { status: 200, headers: [] },
      },
    ],
  },
});

const APP = `Evil ${ESC}[31mApp\u202e/../../escape\n<script>`;

let dir = '';

function run(args: string[]): CliRun {
  const result = runCli(args, dir);
  expect(result.stdout, 'stdout').not.toMatch(TERMINAL_CONTROL);
  expect(result.stderr, 'stderr').not.toMatch(TERMINAL_CONTROL);
  return result;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimcheck-hostile-'));
  writeFileSync(join(dir, 'policy.html'), POLICY);
  writeFileSync(join(dir, 'session.har'), HAR);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('hostile input through every printing command', () => {
  it('prints no control characters from extract, policy add, inspect, import, audit, report, db check', () => {
    expect(run(['extract', 'policy.html']).status).toBe(0);
    expect(run(['policy', 'add', 'policy.html', '--app', APP]).status).toBe(0);
    expect(run(['inspect', 'session.har', '--identifier', 'user_id=u-48151623']).status).toBe(0);
    expect(run(['import', 'session.har', '--app', APP, '--identifier', `user${ESC}[1m_id=u-48151623`]).status).toBe(0);
    const audit = run(['audit', '--app', APP]);
    expect(audit.status).toBe(0);
    // Whole escape sequences are removed, not just the ESC byte, so no "[31m" residue either.
    expect(audit.stdout).toContain('Evil App');
    expect(audit.stdout).not.toContain('[31m');
    expect(run(['report', '--app', APP]).status).toBe(0);
    // JSON output keeps the text exact for parsers, with the controls written as \u escapes.
    const json = run(['audit', '--app', APP, '--json']);
    expect((JSON.parse(json.stdout) as { appName: string }).appName).toBe(APP);
    expect(run(['extract', 'policy.html', '--json']).status).toBe(0);
    expect(run(['inspect', 'session.har', '--json']).status).toBe(0);
    expect(run(['db', 'check']).status).toBe(0);
    expect(run(['audit', '--app', `${APP} missing`]).status).toBe(2);
  });

  it('keeps the reports free of live markup and writes them only under reports/<slug>/', () => {
    // The default --out is reports/<slug of the app name>: letters, digits and dashes only.
    expect(readdirSync(join(dir, 'reports'))).toEqual(['evil-31mapp-escape-script']);
    expect(existsSync(join(dir, 'escape'))).toBe(false);
    const html = readFileSync(join(dir, 'reports', 'evil-31mapp-escape-script', 'report.html'), 'utf8');
    expect(html).not.toMatch(TERMINAL_CONTROL);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(html).not.toMatch(/<b>bold/);
    const markdown = readFileSync(join(dir, 'reports', 'evil-31mapp-escape-script', 'report.md'), 'utf8');
    expect(markdown).not.toMatch(TERMINAL_CONTROL);
    // Markdown shows markup as text by backslash-escaping it; an unescaped tag or link target would be live.
    // Code spans (the reproduction's commands, which quote the app name) show their content as text.
    expect(withoutCodeSpans(markdown)).not.toMatch(/(?<!\\)<(script|img)/i);
    expect(markdown).not.toMatch(/\]\(\s*javascript:/i);
    const json = readFileSync(join(dir, 'reports', 'evil-31mapp-escape-script', 'report.json'), 'utf8');
    // JSON keeps the text exactly (escaped as \\u001b by the encoder), which is its job as the canonical record.
    expect(json).not.toMatch(TERMINAL_CONTROL);
    expect(JSON.stringify(JSON.parse(json))).toContain('Evil');
  });
});
