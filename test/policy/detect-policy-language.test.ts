import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeUnsupportedLanguage, detectPolicyLanguage } from '../../src/policy/detect-policy-language.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const DIR = join(process.cwd(), '..', 'shared', 'data', 'policies');
const read = (prefix: string): string => readFileSync(join(DIR, readdirSync(DIR).find((f) => f.startsWith(prefix)) ?? ''), 'utf8');
const tempDir = useTempDir();

describe('detectPolicyLanguage', () => {
  it('tells the German Telegram policy from the English ones in the corpus', () => {
    const telegram = detectPolicyLanguage(read('Telegram_'));
    expect(telegram.code).toBe('de');
    expect(describeUnsupportedLanguage(telegram)).toMatch(/German \(de/);
    for (const service of ['WhatsApp_', 'Reddit_', 'LINE_']) {
      const language = detectPolicyLanguage(read(service));
      expect(language.code, service).toBe('en');
      expect(describeUnsupportedLanguage(language)).toBeNull();
    }
  });

  it('recognises French prose and leaves short snippets undetermined', () => {
    const french =
      'Nous collectons les données que vous nous fournissez lorsque vous créez un compte. Nous utilisons ces données pour fournir nos services, ' +
      'pour les améliorer et pour vous contacter. Vos données sont conservées pendant la durée de votre compte et ne sont pas vendues. ' +
      'Vous pouvez demander la suppression de vos données à tout moment. Les données sont hébergées dans des centres de données situés dans ' +
      "l'Union européenne et ne sont pas transférées vers des pays tiers sans garanties appropriées pour vos droits et votre vie privée.";
    expect(detectPolicyLanguage(french).code).toBe('fr');
    const snippet = detectPolicyLanguage('We keep recordings temporarily.');
    expect(snippet.code).toBe('und');
    expect(describeUnsupportedLanguage(snippet)).toBeNull();
  });

  it('does not count names against English: one sentence naming 400 partners (trial7 P2-9)', () => {
    const partners = Array.from({ length: 400 }, (_, i) => `Partner${i} Corp`).join(', ');
    const english =
      'We collect the information you give us when you create an account, and we use it to provide and improve the service. ' +
      `We share your information with ${partners}. We keep logs for 30 days. You can ask us to delete your data at any time.`;
    const language = detectPolicyLanguage(english);
    expect(language.code).toBe('en');
    expect(describeUnsupportedLanguage(language)).toBeNull();
    // Names do not make another language English either: a German or French policy naming the same partners is refused.
    const german =
      'Wir erheben die Daten, die Sie uns bei der Erstellung eines Kontos geben, und wir nutzen sie, um den Dienst bereitzustellen. ' +
      `Wir geben Ihre Daten an ${partners} weiter. Wir speichern die Protokolle für 30 Tage, und Sie können die Löschung Ihrer Daten jederzeit verlangen. ` +
      'Die Daten werden in der Europäischen Union verarbeitet und nicht an Dritte verkauft, die nicht in dieser Erklärung genannt sind.';
    expect(detectPolicyLanguage(german).code).toBe('de');
    expect(describeUnsupportedLanguage(detectPolicyLanguage(german))).toMatch(/German \(de/);
    const french =
      'Nous collectons les données que vous nous fournissez lorsque vous créez un compte, et nous les utilisons pour fournir le service. ' +
      `Nous partageons vos données avec ${partners}. Vos données sont conservées pendant la durée de votre compte et ne sont pas vendues. ` +
      "Vous pouvez demander la suppression de vos données à tout moment, et les données sont hébergées dans l'Union européenne.";
    expect(detectPolicyLanguage(french).code).toBe('fr');
  });

  it('leaves link texts and written-out addresses out: one English sentence with 3,000 links (trial7b item 22)', () => {
    const links = Array.from({ length: 3000 }, (_, i) => `[partner ${i}](https://www.mixpanel.com/p${i})`).join(', ');
    const dir = tempDir();
    const markdown = join(dir, 'many.md');
    writeFileSync(markdown, `# M Privacy Policy\n\nWe share personal data with service providers, including ${links}.\n`);
    const html = join(dir, 'many.html');
    const anchors = Array.from({ length: 3000 }, (_, i) => `<a href="https://www.braze.com/privacy?i=${i}">provider ${i}</a>`).join(', ');
    writeFileSync(html, `<html><body><h1>M Privacy Policy</h1><p>We share personal data with service providers, including ${anchors}.</p></body></html>`);
    for (const file of [markdown, html]) {
      const run = runCli(['extract', file]);
      expect(run.status).toBe(0);
      expect(run.stderr).not.toContain('does not look like English');
      expect(run.stdout).toContain('[service-providers] service providers');
    }
    // Addresses written out in plain text count for no language either.
    const urls = Array.from({ length: 400 }, (_, i) => `https://partner${i}.example.com/privacy-policy-and-cookies`).join(' ');
    const plain = `We share personal data with the partners listed here: ${urls}. We keep logs for thirty days and then we delete them.`;
    expect(detectPolicyLanguage(plain).englishShare).toBeGreaterThan(0.3);
    // A link in German text is left out; the German words still decide.
    const text = 'Wir geben Ihre Daten an unsere Partner weiter, die Sie in der Liste finden, und wir speichern sie nicht länger als nötig. '.repeat(4) + 'Liste der Partner';
    const span = { start: text.length - 'Liste der Partner'.length, end: text.length };
    expect(detectPolicyLanguage(text, [{ span }]).code).toBe('de');
  });

  it('policy add refuses a non-English policy with one line (exit 2) unless --any-language', () => {
    const db = join(tempDir(), 'claimcheck.db');
    const file = join(DIR, readdirSync(DIR).find((f) => f.startsWith('Telegram_')) ?? '');
    const refused = runCli(['--db', db, 'policy', 'add', file, '--app', 'telegram']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/German.*English policies only.*--any-language/);
    const forced = runCli(['--db', db, 'policy', 'add', file, '--app', 'telegram', '--any-language']);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toMatch(/warning: .*German/);
  });

  it('batch refuses a non-English policy row in one line, as policy add does, and audits nothing for it', () => {
    const dir = tempDir();
    const file = join(DIR, readdirSync(DIR).find((f) => f.startsWith('Telegram_')) ?? '');
    const capture = join(process.cwd(), 'observations', 'example-voice-app', 'murmur-session.pcap');
    writeFileSync(join(dir, 'apps.csv'), `app,policy,captures\nTelegram,"${file}","${capture}"\n`);
    const run = runCli(['batch', 'apps.csv'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/line 2: app "Telegram": .*German.*English policies only/);
    expect(run.stdout).toMatch(/1 failed/);
  });
});
