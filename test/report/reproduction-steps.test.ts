import { describe, expect, it } from 'vitest';
import { describeReproduction as describeParts, describeReproductionText } from '../../src/report/report-wording.js';

const describeReproduction = (report: Parameters<typeof describeParts>[0]): string => describeReproductionText(describeParts(report));

const PAGE = { kind: 'subprocessor-list' as const, sha256: 'ab'.repeat(32), fetchedAt: '2026-11-01T00:00:00.000Z', title: null, claimCounts: { processor: 2 } };

describe('describeReproduction', () => {
  it('names each sub-processor list the audit read, shell-quoted, as --subprocessor-list of policy add', () => {
    const text = describeReproduction({
      app: { name: 'Murmur', domains: ['murmur.example'] },
      audit: { toolVersion: '0.1.0' },
      inputs: { policy: { linkedPages: [{ ...PAGE, source: 'https://murmur.example/legal/sub processors.html' }, { ...PAGE, source: 'vendors.html' }] } },
    });
    expect(text).toContain(
      '(claimcheck policy add --subprocessor-list "https://murmur.example/legal/sub processors.html" --subprocessor-list vendors.html, claimcheck import)',
    );
  });

  it('shell-quotes an app domain like the app name, and mentions no list when the audit read none', () => {
    const text = describeReproduction({
      app: { name: 'Murmur', domains: ['murmur.example', 'evil.example;rm -rf ~'] },
      audit: { toolVersion: '0.1.0' },
      inputs: { policy: null, appDomains: ['evil.example;rm -rf ~', 'murmur.example'] },
    });
    expect(text).toContain('with its own domains --app-domain "evil.example;rm -rf ~" --app-domain murmur.example (claimcheck policy add, claimcheck import)');
    expect(text).not.toContain('--subprocessor-list');
  });

  it('does not offer the app\'s current domains as those of an audit that did not record them (review 8)', () => {
    const text = describeReproduction({ app: { name: 'Murmur', domains: ['murmur.example', 'mixpanel.com'] }, audit: { toolVersion: '0.1.0' }, inputs: { policy: null } });
    expect(text).not.toContain('--app-domain murmur');
    expect(text).toContain("with the own domains (--app-domain) it had then, which this audit did not record (the app's list now: murmur.example, mixpanel.com)");
  });

  it('gives every command as a part of its own, so Markdown shows it as code a reader can copy unescaped (trial 9)', () => {
    const parts = describeParts({ app: { name: '<script>&', domains: [] }, audit: { toolVersion: '0.1.0' }, inputs: { policy: null, appDomains: ['a.example'] } });
    expect(parts.filter((p) => p.command).map((p) => p.text)).toEqual(['"<script>&"', '--app-domain a.example', 'claimcheck policy add', 'claimcheck import', 'claimcheck audit --app "<script>&"']);
  });
});

describe('withoutCodeSpans (test helper)', () => {
  it('blanks code spans of any fence and leaves the rest, so a live tag outside one is still seen', async () => {
    const { withoutCodeSpans } = await import('../helpers/markdown-code-spans.js');
    expect(withoutCodeSpans('run `a <script>` and ``b ` <img>`` then <svg>')).toBe('run `` and ```` then <svg>');
    expect(withoutCodeSpans('an unclosed ` <script>')).toBe('an unclosed ` <script>');
  });
});
