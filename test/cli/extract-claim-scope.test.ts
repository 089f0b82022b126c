/**
 * The text output of `extract` shows the clauses that scope a claim, as the JSON does: BeReal's "We do not sell
 * personal information as traditionally understood" printed as a bare "NOT third parties (implied)" (trial 7b item 18).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeClaimScope } from '../../src/cli/commands/extract-command.js';
import type { Claim } from '../../src/model/claim.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

const claim = (conditions?: Claim['conditions']): Claim => ({
  kind: 'processor',
  processorType: 'category',
  name: 'third parties (implied)',
  category: 'third-parties',
  sectionPath: [],
  span: { start: 0, end: 1 },
  quote: 'x',
  polarity: 'negative',
  ...(conditions === undefined ? {} : { conditions }),
});

describe('extract text output: claim scope', () => {
  it('names each condition, exception and purpose by kind, in sentence order, a long clause shortened', () => {
    expect(describeClaimScope(claim([{ kind: 'condition', text: 'as traditionally understood' }]))).toBe('scoped by: condition "as traditionally understood"');
    expect(
      describeClaimScope(
        claim([
          { kind: 'purpose', text: 'to provide the service' },
          { kind: 'exception', text: 'except where required by law or to protect the rights, property or safety of our users and the public' },
        ]),
      ),
    ).toBe('scoped by: purpose "to provide the service"; exception "except where required by law or to protect the rights, prop\u2026"');
    expect(describeClaimScope(claim())).toBeNull();
  });

  it('prints the scope under the claim it belongs to, and nothing for an unconditional claim', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'policy.md'),
      '# Privacy Policy\n\nWe do not sell personal information as traditionally understood.\n\nWe keep recordings for 30 days to investigate abuse reports.\n\nWe keep logs for 90 days.\n',
    );
    const run = await runCliAsync(['extract', join(dir, 'policy.md')]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const after = (prefix: string): string | undefined => lines[lines.findIndex((l) => l.startsWith(prefix)) + 1];
    expect(after('processor  NOT [third-parties] third parties (implied)')).toBe('    scoped by: condition "as traditionally understood"');
    expect(after('retention  stated 30 days')).toBe('    scoped by: purpose "to investigate abuse reports"');
    expect(after('retention  stated 90 days')).toMatch(/^ {4}Privacy Policy \[/);
  });
});
