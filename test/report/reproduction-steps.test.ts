import { describe, expect, it } from 'vitest';
import { describeReproduction } from '../../src/report/report-wording.js';

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
      inputs: { policy: null },
    });
    expect(text).toContain('with its own domains --app-domain murmur.example --app-domain "evil.example;rm -rf ~" (claimcheck policy add, claimcheck import)');
    expect(text).not.toContain('--subprocessor-list');
  });
});
