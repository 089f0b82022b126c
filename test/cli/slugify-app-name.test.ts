import { describe, expect, it } from 'vitest';
import { slugifyAppName } from '../../src/cli/parse-options.js';

describe('slugifyAppName (the default reports/<slug>/ directory)', () => {
  it('keeps letters of every script, so apps named in other scripts get directories of their own', () => {
    expect(slugifyAppName('微信')).toBe('微信');
    expect(slugifyAppName('抖音')).toBe('抖音');
    expect(slugifyAppName('ВКонтакте')).toBe('вконтакте');
    expect(slugifyAppName('Ünïcødé 应用')).toBe('unicøde-应用');
    expect(new Set(['微信', '抖音', 'LINE', 'カカオ'].map(slugifyAppName)).size).toBe(4);
  });

  it('never yields a path, a control or format character, or an empty name', () => {
    expect(slugifyAppName('../../etc/passwd')).toBe('etc-passwd');
    expect(slugifyAppName('a\u202Eb\u200Bc\u0007d')).toBe('a-b-c-d');
    expect(slugifyAppName('!!!')).toBe('app');
    expect(slugifyAppName('Murmur (example voice app)')).toBe('murmur-example-voice-app');
  });

  it('cuts long names at 64 code points without splitting a character or ending in a dash', () => {
    const slug = slugifyAppName(`${'𝒜'.repeat(63)} b`);
    expect(Array.from(slug)).toHaveLength(63);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/);
  });
});
