/**
 * Both reports give a quote the same snapshot provenance: 12 hex digits of the sha256 in a table cell (the
 * recipients table), the whole sha256 wherever a quote stands alone (a finding's quote, a sub-processor list
 * entry, a country mention), so a reader of either report can check the quote against the same snapshot.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

/** The fixture audit with what newer audits record: the recipients' quotes and the countries merely mentioned. */
function auditWithRecipientQuotesAndMentions(): ReturnType<typeof loadFixtureAudit> {
  const audit = loadFixtureAudit();
  const vague = audit.findings.find((f) => f.ruleId === 'undisclosed-recipient' && f.subject === 'Google Analytics');
  const stored = audit.findings.find((f) => f.ruleId === 'undisclosed-country' && f.subject === 'SG')?.policyEvidence[0];
  if (vague === undefined || stored === undefined) throw new Error('fixture audit changed: no Google Analytics or SG finding');
  const recipient = audit.recipients.find((r) => r.organisation === 'Google Analytics');
  if (recipient === undefined) throw new Error('fixture audit changed: no Google Analytics recipient');
  recipient.policyEvidence = vague.policyEvidence;
  // "…servers located in the United States." names the country; as a mention it is shown with its own span.
  audit.countryMentions = [{ country: 'US', snapshotSha256: stored.snapshotSha256, source: stored.source, span: stored.span, quote: stored.quote }];
  return audit;
}

describe('snapshot hashes of quotes in Markdown and HTML', () => {
  const report = buildFixtureReport(auditWithRecipientQuotesAndMentions());
  const markdown = renderMarkdown(report);
  const html = renderHtml(report);
  const policySha = report.inputs.policy?.sha256 ?? '';
  const listSha = report.inputs.policy?.linkedPages?.[0]?.sha256 ?? '';

  it('shows 12 digits of the snapshot hash in the recipients table of both reports', () => {
    expect(policySha).toMatch(/^[0-9a-f]{64}$/);
    const row = markdown.split('\n').find((line) => line.startsWith('| Google Analytics |'));
    expect(row).toContain('(characters 673–762 of snapshot `' + policySha.slice(0, 12) + '`)');
    const cell = html.split('\n').find((line) => line.startsWith('<tr><td>Google Analytics</td>'));
    expect(cell).toContain(`(characters 673–762 of snapshot <code>${policySha.slice(0, 12)}</code>)`);
  });

  it('shows the whole hash under a finding’s quote, a list entry and a country mention in both reports', () => {
    expect(listSha).toMatch(/^[0-9a-f]{64}$/);
    for (const text of [markdown, html]) {
      const shown = [...text.matchAll(/snapshot (?:`|<code>)([0-9a-f]+)(?:`|<\/code>)/g)].map((match) => match[1] ?? '');
      const stand = shown.filter((sha) => sha.length === 64);
      expect(stand).toContain(policySha);
      expect(stand).toContain(listSha);
      // Only the one recipients-table cell is abbreviated.
      expect(shown.filter((sha) => sha.length !== 64)).toEqual([policySha.slice(0, 12)]);
    }
    expect(markdown).toContain('United States (US): “Your information is stored on servers located in the United States” (characters 1214–1281 of snapshot `' + policySha + '`)');
    expect(html).toContain(`(characters 1214–1281 of snapshot <code>${policySha}</code>)</span></li>`);
  });
});
