import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { makeSnapshot } from './policy-test-helpers.js';

describe('extractPolicyText — HTML', () => {
  const html = `<!doctype html><html><head><title>Acme Privacy Policy</title>
    <script>window.pwned = true; document.write("SCRIPT TEXT")</script><style>p { color: red }</style></head>
    <body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
    <nav>Menu item</nav>
    <main><h1>Privacy&nbsp;Policy</h1><p>We   collect
      data &amp; more.</p>
    <h2>Sharing</h2><p>We share data with <b>service providers</b>.</p>
    <ul><li>Analytics partners</li><li>Payment processors</li></ul>
    <h3>Table</h3><table><tr><th>Data</th><th>Retention</th></tr><tr><td>Logs</td><td>30 days</td></tr></table>
    <img src=x onerror="alert('ONERROR TEXT')"><noscript>NOSCRIPT TEXT</noscript><template>TEMPLATE TEXT</template>
    <svg><text>SVG TEXT</text></svg><iframe srcdoc="<p>IFRAME TEXT</p>"></iframe>
    <h2>Retention</h2><p>We keep logs for 30 days.</p></main>
    <footer>Footer links</footer></body></html>`;
  const policy = extractPolicyText(makeSnapshot(html, 'html'));

  it('drops scripts, styles, navigation, footers and embedded content without executing anything', () => {
    for (const hidden of ['SCRIPT TEXT', 'pwned', 'color: red', 'Home', 'Menu item', 'ONERROR', 'NOSCRIPT', 'TEMPLATE', 'SVG TEXT', 'IFRAME', 'Footer']) {
      expect(policy.text, hidden).not.toContain(hidden);
    }
    expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('decodes entities, collapses whitespace and separates blocks by blank lines', () => {
    expect(policy.text).toContain('We collect data & more.');
    expect(policy.text).toContain('Analytics partners\n\nPayment processors');
    expect(policy.text).toContain('Logs | 30 days');
    expect(policy.title).toBe('Acme Privacy Policy');
  });

  it('builds heading paths and section spans', () => {
    const paths = policy.sections.map((s) => s.headingPath.join(' > '));
    expect(paths).toEqual(['Privacy Policy', 'Privacy Policy > Sharing', 'Privacy Policy > Sharing > Table', 'Privacy Policy > Retention']);
    const retention = policy.sections[3];
    expect(retention && policy.text.slice(retention.span.start, retention.span.end)).toBe('We keep logs for 30 days.');
  });

  it('survives deeply nested and large hostile markup', () => {
    const deep = `${'<div>'.repeat(20000)}We retain logs for 7 days.${'</div>'.repeat(20000)}`;
    const nested = extractPolicyText(makeSnapshot(deep, 'html'));
    expect(nested.text).toBe('We retain logs for 7 days.');
    const big = `<html><body>${'<p>We share data with vendors. &lt;script&gt;</p>'.repeat(20000)}</body></html>`;
    // Speed on big inputs is measured by `npm run bench -- policy`, not asserted here.
    const large = extractPolicyText(makeSnapshot(big, 'html'));
    expect(large.text.startsWith('We share data with vendors. <script>')).toBe(true);
    expect(large.text.split('\n\n')).toHaveLength(20000);
  });
});

describe('extractPolicyText — Markdown', () => {
  const markdown = [
    'Acme Privacy Policy',
    '===================',
    '',
    'Intro with a [link](https://example.com) and **bold** and _emphasis_ and `code`.',
    '',
    '## [](#sharing)2\\. Sharing',
    '',
    '*   We share data with **service providers**.',
    '*   We share data with [Google Analytics](https://google.com).',
    '',
    'Retention',
    '---------',
    '',
    '| Data | Period |',
    '| --- | --- |',
    '| Logs | 30 days<br>then deleted |',
    '',
    '### ',
    '',
    'Security',
    '',
    'We use TLS.',
  ].join('\n');
  const policy = extractPolicyText(makeSnapshot(markdown, 'markdown'));

  it('turns ATX and setext headings into heading paths', () => {
    expect(policy.title).toBe('Acme Privacy Policy');
    expect(policy.sections.map((s) => s.headingPath.join(' > '))).toEqual([
      'Acme Privacy Policy',
      'Acme Privacy Policy > 2. Sharing',
      'Acme Privacy Policy > Retention',
      'Acme Privacy Policy > Retention > Security',
    ]);
  });

  it('strips inline syntax, keeping link text, and makes list items and table rows blocks', () => {
    expect(policy.text).toContain('Intro with a link and bold and emphasis and code.');
    expect(policy.text).toContain('We share data with service providers.\n\nWe share data with Google Analytics.');
    expect(policy.text).toContain('Logs | 30 days then deleted');
    expect(policy.text).not.toContain('https://');
    expect(policy.text).not.toContain('| --- |');
  });

  it('shows a list inside a table cell with bullets, each item still a sentence of its own (trial 9: Spotify quotes read "| * User Data * Usage Data |")', () => {
    const md = '# Policy\n\n| Recipients | Data | Why |\n| --- | --- | --- |\n| Advertising partners | *   User Data<br>*   Usage Data | To measure ads.<br><br>- temporarily store information about ad clicks |\n';
    const text = extractPolicyText(makeSnapshot(md, 'markdown')).text;
    expect(text).toContain('Advertising partners | • User Data • Usage Data | To measure ads. • temporarily store information about ad clicks');
    const retention = extractClaims(extractPolicyText(makeSnapshot(md, 'markdown'))).filter((c) => c.kind === 'retention');
    expect(retention.map((c) => c.quote)).toEqual(['• temporarily store information about ad clicks']);
  });
});

describe('extractPolicyText — plain text', () => {
  it('splits paragraphs on blank lines and finds capitalised or numbered headings', () => {
    const text = 'PRIVACY POLICY\n\n1. Data We Collect\nWe collect your email\naddress.\n\n2. Retention\n\nWe keep logs for 30 days.\n- first item\n- second item';
    const policy = extractPolicyText(makeSnapshot(text, 'text'));
    expect(policy.sections.map((s) => s.headingPath.join(' > '))).toEqual(['1. Data We Collect', '2. Retention']);
    expect(policy.text).toContain('We collect your email address.');
    expect(policy.text).toContain('We keep logs for 30 days.\n\nfirst item\n\nsecond item');
  });
});

describe('extractPolicyText — terminal escape sequences', () => {
  it('drops whole escape sequences from policy text, leaving no fragments to mistake for names', async () => {
    const { extractPolicyText: extract } = await import('../../src/policy/extract-policy-text.js');
    const html = '<p>We share data with Evil\u001b[31mRED\u001b[0m Corp\u001b]0;pwned\u0007 partners.</p>';
    const snapshot = { source: 'evil.html', bytes: new TextEncoder().encode(html), sha256: '0'.repeat(64), fetchedAt: '2026-01-01T00:00:00.000Z', format: 'html' as const };
    expect(extract(snapshot).text).toBe('We share data with EvilRED Corp partners.');
  });
});
