/**
 * App names and identifier labels are user text: quotes, newlines, NUL, combining marks and
 * scripts other than Latin must come back from the store exactly as given (no normalisation, no
 * truncation, no SQL interpretation), in-process and through the CLI's JSON output.
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import { findAppId, requireApp } from '../../src/store/app-repository.js';
import { loadAudit } from '../../src/store/audit-repository.js';
import { listCaptures, loadIdentifierHits } from '../../src/store/capture-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const EXAMPLE_CAPTURE = resolve('observations/example-voice-app/murmur-session.pcap');
const EXAMPLE_POLICY = resolve('policies/example-voice-app/murmur-privacy-policy.html');

const AWKWARD_NAMES = [
  `Robert'); DROP TABLE apps;--`,
  'Say "hi" and \'bye\'',
  'two\nlines\r\nand a tab\there',
  'nul\u0000inside',
  '\u00e9t\u00e9 (composed)',
  'e\u0301te\u0301 (decomposed)',
  '语音聊天 🎧 مرحبا עברית',
  '  leading and trailing spaces  ',
  '%_ like wildcards \\ backslash',
];

describe('awkward names round-trip through the store', () => {
  it('keeps every app name and identifier label exactly, each a distinct app', async () => {
    const path = join(tempDir(), 'names.db');
    const db = openDatabase(path);
    const now = (): Date => new Date('2026-11-23T00:00:00Z');
    const deps = { ...createAuditDependencies(), now };
    const policy = await analysePolicy(EXAMPLE_POLICY, { organisations: loadCatalog().organisationNames(), now });
    try {
      for (const name of AWKWARD_NAMES) {
        storePolicy(db, name, policy, now);
        await importCapture(db, EXAMPLE_CAPTURE, { appName: name, identifiers: [{ label: `${name} label`, value: 'u-48151623' }], now });
        runAudit(db, name, deps);
      }
      expect((db.prepare('SELECT count(*) AS n FROM apps').get() as { n: number }).n).toBe(AWKWARD_NAMES.length);
      for (const name of AWKWARD_NAMES) {
        const app = requireApp(db, name);
        expect(app.name).toBe(name);
        expect(findAppId(db, name)).toBe(app.id);
        const hits = loadIdentifierHits(db, listCaptures(db, app.id).map((c) => c.id));
        expect(hits.length).toBeGreaterThan(0);
        expect(new Set(hits.map((h) => h.label))).toEqual(new Set([`${name} label`]));
        expect(loadAudit(db, app)?.appName).toBe(name);
      }
      // A prefix or a LIKE pattern is not a name.
      expect(findAppId(db, 'nul')).toBeNull();
      expect(findAppId(db, '%')).toBeNull();
    } finally {
      db.close();
    }
  });

  it('through the CLI: the JSON output of audit names the app exactly as given', () => {
    const dir = tempDir();
    copyFileSync(EXAMPLE_POLICY, join(dir, 'policy.html'));
    const name = 'Quote " \' and\nnewline — 语音 🎧';
    expect(runCli(['policy', 'add', 'policy.html', '--app', name], dir).status).toBe(0);
    const audit = runCli(['audit', '--app', name, '--json'], dir);
    expect(audit.stderr).toBe('');
    expect((JSON.parse(audit.stdout) as { appName: string }).appName).toBe(name);
  });
});
