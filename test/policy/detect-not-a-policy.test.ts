import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeNotAPolicy } from '../../src/policy/detect-not-a-policy.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { detectPolicyFormat } from '../../src/policy/detect-policy-format.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const POLICIES = join(process.cwd(), '..', 'shared', 'data', 'policies');
const CAPTURES = join(process.cwd(), '..', 'shared', 'data', 'captures');

function judge(path: string): string | null {
  const bytes = new Uint8Array(readFileSync(path));
  const snapshot = { source: path, bytes, sha256: '', fetchedAt: '', format: detectPolicyFormat(bytes, { path }) };
  return describeNotAPolicy(bytes, extractPolicyText(snapshot).text);
}

describe('a file that is not a privacy policy', () => {
  it('lets every real policy and the bundled example through', () => {
    const files = readdirSync(POLICIES).filter((f) => /\.(md|html|txt)$/.test(f) && f !== 'README.md');
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) expect(judge(join(POLICIES, file)), file).toBeNull();
    expect(judge(join('policies', 'example-voice-app', 'murmur-privacy-policy.html'))).toBeNull();
  });

  it('policy add and extract refuse a capture or a spreadsheet in one line naming it, storing nothing', async () => {
    const dir = tempDir();
    const zeek = join(dir, 'conn.log');
    writeFileSync(zeek, '#separator \\x09\n#set_separator\t,\n#fields\tts\tuid\tid.orig_h\n#types\ttime\tstring\taddr\n1.0\tC1\t10.0.0.1\n');
    const manifest = join(dir, 'apps.csv');
    writeFileSync(manifest, 'app,policy,captures\nMurmur,policy.html,session.pcap\n');
    const cases: [string, RegExp][] = [
      [join(CAPTURES, 'pagexray_ferguson.har'), /not a policy document: this is a HAR capture.*claimcheck import/],
      [zeek, /not a policy document: this is a Zeek log capture/],
      [manifest, /not a policy document: the text never mentions privacy/],
    ];
    for (const [file, message] of cases) {
      const db = join(dir, 'c.db');
      const added = await runCliAsync(['--db', db, 'policy', 'add', file, '--app', 'X']);
      expect(added.status, file).toBe(2);
      expect(added.stderr.trim().split('\n')).toHaveLength(1);
      expect(added.stderr).toContain(file);
      expect(added.stderr).toMatch(message);
      // Nothing is stored: the database (created to read imported entity lists) holds no app.
      if (existsSync(db)) {
        const raw = new Database(db, { readonly: true });
        expect(raw.prepare('SELECT count(*) AS n FROM apps').get()).toEqual({ n: 0 });
        raw.close();
      }
      const extracted = await runCliAsync(['extract', file]);
      expect(extracted.status, file).toBe(2);
      expect(extracted.stdout).toBe('');
    }
  });

  it('judges only English text by its vocabulary: a policy in another script is left to the language check', () => {
    const chinese = '隐私政策\n\n我们收集您的个人信息，用于提供服务。我们不会出售您的个人信息。';
    const bytes = new TextEncoder().encode(chinese);
    expect(describeNotAPolicy(bytes, chinese)).toBeNull();
    const german = 'Datenschutzerklärung. Wir verarbeiten Ihre Daten nur, soweit dies für den Betrieb erforderlich ist, und geben sie nicht an Dritte weiter.';
    expect(describeNotAPolicy(new TextEncoder().encode(german), german)).toBeNull();
  });
});
