/** A processor named only by a link: the quote cannot show the name, so both views print the link under it, escaped. */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

describe('a quote naming its organisation by a link', () => {
  const audit = loadFixtureAudit();
  const finding = audit.findings.find((f) => f.policyEvidence.some((p) => p.claimKind === 'processor'));
  const quote = finding?.policyEvidence.find((p) => p.claimKind === 'processor');
  if (finding === undefined || quote === undefined) throw new Error('fixture audit changed: no processor quote');
  quote.link = { text: 'user <b>analytics</b>', href: 'https://amplitude.com/privacy?a=1&b="x"' };
  const report = buildFixtureReport(audit);

  it('prints the link text and target under the quote in Markdown and HTML', () => {
    expect(renderMarkdown(report)).toContain('> The sentence names the organisation by a link: “user \\<b\\>analytics\\</b\\>” leads to `https://amplitude.com/privacy?a=1&b="x"`.');
    const html = renderHtml(report);
    expect(html).toContain('The sentence names the organisation by a link: “user &lt;b&gt;analytics&lt;/b&gt;” leads to <code>https://amplitude.com/privacy?a=1&amp;b=&quot;x&quot;</code>.');
    expect(html).not.toContain('href="https://amplitude.com');
  });
});
