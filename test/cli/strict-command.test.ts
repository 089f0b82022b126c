import { describe, expect, it } from 'vitest';
import { suggestOption } from '../../src/cli/strict-command.js';

describe('suggestOption', () => {
  const known = ['--help', '--app', '--app-domain', '--identifier', '--identifiers', '--db', '--format'];

  it('suggests the flag a typo was meant to be', () => {
    expect(suggestOption('--ap', known)).toBe('--app');
    expect(suggestOption('--identifer', known)).toBe('--identifier');
    expect(suggestOption('--fromat', known)).toBe('--format');
    expect(suggestOption('--dbb', known)).toBe('--db');
  });

  it('suggests nothing for a flag unlike any known one, or a short flag', () => {
    expect(suggestOption('--bogus', known)).toBeNull();
    expect(suggestOption('-x', known)).toBeNull();
  });
});
