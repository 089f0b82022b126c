import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeMarkdownCode, stripControlCharacters } from '../../src/report/escape-text.js';

describe('escaping untrusted text', () => {
  it('HTML: no tag, attribute or entity survives', () => {
    const hostile = `<img src=x onerror="alert(1)">&amp;'</script>`;
    const escaped = escapeHtml(hostile);
    expect(escaped).not.toMatch(/[<>"']/);
    expect(escaped).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;&#39;&lt;/script&gt;');
  });

  it('Markdown: links, images, raw HTML, emphasis and table pipes are neutralised; newlines fold', () => {
    const hostile = '[click](javascript:alert(1)) ![x](http://evil/x.png) <b>bold</b> *a* _b_ | c `d`\n# heading';
    const escaped = escapeMarkdown(hostile);
    expect(escaped).not.toContain('\n');
    expect(escaped).not.toMatch(/(^|[^\\])[[\]<>|*_`]/);
  });

  it('Markdown code spans use a fence longer than any backtick run inside', () => {
    expect(escapeMarkdownCode('a``b')).toBe('```a``b```');
  });

  it('strips terminal escapes and bidi overrides', () => {
    expect(stripControlCharacters('ok\u001b[2Jdone\u202eevil\u0007')).toBe('okdoneevil');
    // Whole sequences go, not just the ESC byte: no "[31m" or "]0;title" residue.
    expect(stripControlCharacters('Evil\u001b[31mRED\u001b[0m Corp\u001b]0;pwned\u0007!')).toBe('EvilRED Corp!');
  });
});
