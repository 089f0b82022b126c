import { describe, expect, it } from 'vitest';
import { formatPolicySource } from '../../src/report/display-source.js';

describe('formatPolicySource', () => {
  it('keeps URLs as they are', () => {
    expect(formatPolicySource('https://example.com/privacy?lang=en', '/home/a')).toBe('https://example.com/privacy?lang=en');
  });

  it('shows a local file inside the working directory relative to it', () => {
    expect(formatPolicySource('/home/a/audits/policies/p.html', '/home/a/audits')).toBe('policies/p.html');
  });

  it('shows a local file outside the working directory by its name only, never the absolute path', () => {
    expect(formatPolicySource('/home/jane/private/p.html', '/srv/work')).toBe('p.html');
    expect(formatPolicySource('/home/a/audits-old/p.html', '/home/a/audits')).toBe('p.html');
  });

  it('leaves a relative path alone', () => {
    expect(formatPolicySource('policies/p.md', '/anywhere')).toBe('policies/p.md');
  });
});
