/** A sentence naming hundreds of companies is read whole (trial7 P2-10): no name after a chunk cut is dropped. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOverlongPassages, MAX_JOINED_SENTENCE, splitSentences } from '../../src/policy/split-sentences.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const partners = (n: number): string => Array.from({ length: n }, (_, i) => `Partner${i} Corp`).join(', ');

describe('long sentences naming many companies', () => {
  it('keeps a 400-name sentence whole, and still splits the sentences around it', () => {
    const sentence = `We share your information with ${partners(400)}.`;
    const text = `We collect data. ${sentence} We keep logs for 30 days.`;
    const sentences = splitSentences(text).map((s) => s.text);
    expect(sentences).toEqual(['We collect data.', sentence, 'We keep logs for 30 days.']);
    expect(describeOverlongPassages(text)).toBeNull();
  });

  it('says so when a passage is too long to rebuild, rather than reading it short silently', () => {
    const blob = `We share data with ${'partners and providers '.repeat(Math.ceil(MAX_JOINED_SENTENCE / 20))}`;
    expect(describeOverlongPassages(`Intro.\n${blob}`)).toMatch(/^a passage \(from character 7\) runs more than 50,000 characters without a sentence end and was read in pieces: names after a cut may have no claim$/);
  });

  it(
    'extract makes a processor claim for every one of 400 partners',
    async () => {
      const file = join(tempDir(), 'policy.md');
      writeFileSync(file, `# Privacy Policy\n\nWe collect personal data to run the service. We share your information with ${partners(400)}.\n\nWe keep logs for 30 days.\n`);
      const run = await runCliAsync(['extract', '--json', file]);
      expect(run.status).toBe(0);
      expect(run.stderr).not.toContain('read in pieces');
      const claims = (JSON.parse(run.stdout) as { claims: { kind: string; name?: string }[] }).claims;
      const names = new Set(claims.filter((c) => c.kind === 'processor').map((c) => (c.name ?? '').replace(/\.$/, '')));
      // Before the fix only Partner0 to Partner121 had claims: the sentence was cut at 2,000 characters.
      expect(Array.from({ length: 400 }, (_, i) => `Partner${i} Corp`).filter((n) => !names.has(n))).toEqual([]);
    },
    120_000,
  );
});
