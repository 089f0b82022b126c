import { describe, expect, it } from 'vitest';
import { arrangePolicyEvidence, MAX_FULL_QUOTES_PER_LIST } from '../../src/report/arrange-policy-evidence.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

/** The fixture's China finding: the policy's storage sentence and the eight location rows of its linked list. */
function chinaFinding(audit = loadFixtureAudit()) {
  const finding = audit.findings.find((f) => f.ruleId === 'undisclosed-country' && f.subject === 'CN');
  if (!finding) throw new Error('the fixture has a China finding');
  return { audit, finding };
}

describe('arrangePolicyEvidence', () => {
  it('shows the policy text in full and many rows of one list one line each', () => {
    const { finding } = chinaFinding();
    const arranged = arrangePolicyEvidence(finding);
    expect(arranged.full.map((p) => p.quote)).toEqual(['Your information is stored on servers located in the United States.']);
    expect(arranged.compact).toHaveLength(1);
    expect(arranged.compact[0]?.quotes).toHaveLength(8);
    expect(arranged.compact[0]?.source).toBe('https://murmur.example/legal/subprocessors.html');
    expect(arranged.entries).toEqual([]);
  });

  it('keeps the row naming the finding\'s subject in full, folding only the others; Markdown shows ten rows of a long list', () => {
    const { audit, finding } = chinaFinding();
    const agora = finding.policyEvidence.find((p) => p.quote.startsWith('Agora Lab'));
    if (!agora) throw new Error('the list has a row for Agora');
    agora.namesSubject = true;
    const arranged = arrangePolicyEvidence(finding);
    expect(arranged.full.map((p) => p.quote.slice(0, 15))).toEqual(['Your informatio', 'Agora Lab, Inc.']);
    expect(arranged.compact[0]?.quotes).toHaveLength(7);
    const rows = finding.policyEvidence.filter((p) => p.document);
    finding.policyEvidence.push(...Array.from({ length: 5 }, (_, i) => ({ ...(rows[i % rows.length] ?? agora), claimId: 1000 + i, namesSubject: undefined })));
    const md = renderMarkdown(buildFixtureReport(audit));
    expect(md).toContain('12 entries of the sub-processor list');
    expect(md).toContain('- … and 2 more entries of this list, each with its characters in report.json');
  });

  it(`quotes a list in full when it gives no more than ${MAX_FULL_QUOTES_PER_LIST} rows`, () => {
    const { audit, finding } = chinaFinding();
    finding.policyEvidence = finding.policyEvidence.slice(0, 1 + MAX_FULL_QUOTES_PER_LIST);
    expect(arrangePolicyEvidence(finding)).toMatchObject({ compact: [] });
    expect(arrangePolicyEvidence(finding).full).toHaveLength(1 + MAX_FULL_QUOTES_PER_LIST);
    const md = renderMarkdown(buildFixtureReport(audit));
    expect(md).toContain('> — sub-processor list https://murmur.example/legal/subprocessors.html linked from the policy https://murmur.example/privacy, section');
    expect(md).not.toContain('entries of the sub-processor list');
  });

  it('captions only the row naming the subject as what the finding rests on; other rows of the list are context', () => {
    const { audit, finding } = chinaFinding();
    // The policy sentence and two list rows: few enough that each is quoted in full, in its section.
    finding.policyEvidence = finding.policyEvidence.slice(0, 3);
    const [, own, ...others] = finding.policyEvidence;
    if (!own || others.length === 0) throw new Error('the China finding quotes list rows');
    own.namesSubject = true;
    const report = buildFixtureReport(audit);
    const md = renderMarkdown(report);
    const html = renderHtml(report);
    const count = (text: string, part: string): number => text.split(part).length - 1;
    expect(count(md, '(the entry the finding rests on in bold)')).toBe(1);
    expect(count(md, 'in bold: a list entry quoted as context; it does not name the finding’s subject')).toBe(others.length);
    expect(count(html, 'highlighted: the list entry the finding rests on')).toBe(1);
    expect(count(html, 'highlighted: a list entry quoted as context, not one naming the finding’s subject')).toBe(others.length);
  });

  it('puts each quote of a grouped finding under the entry it names, and nowhere else', () => {
    const report = buildFixtureReport();
    const list = report.findings.find((f) => f.group);
    const arranged = arrangePolicyEvidence(list ?? { policyEvidence: [] });
    expect(arranged.entries.map((e) => [e.entry.nameInPolicy, e.quotes.map((q) => q.quote.split(' | ')[0])])).toEqual([
      ['Amazon Web Services, Inc.', ['Amazon Web Services, Inc.']],
      ['Twilio Inc.', ['Twilio Inc.']],
      ['Functional Software, Inc. (Sentry)', ['Functional Software, Inc. (Sentry)']],
      ['Zendesk, Inc.', ['Zendesk, Inc.']],
      ['Kestrel Analytics GmbH', ['Kestrel Analytics GmbH']],
    ]);
    expect(arranged.full).toEqual([]);
    expect(arranged.compact).toEqual([]);
  });

  it('HTML folds long lists and keeps short ones open; both escape the rows', () => {
    const { audit, finding } = chinaFinding();
    const row = finding.policyEvidence[1];
    if (!row) throw new Error('the China finding quotes list rows');
    row.quote = 'Evil <script>alert(1)</script> | Tracking | China';
    const html = renderHtml(buildFixtureReport(audit));
    expect(html).toContain('<details class="entries"><summary>8 entries of the sub-processor list https://murmur.example/legal/subprocessors.html');
    expect(html).toContain('<details class="entries" open><summary>5 companies not seen, each with its entry');
    expect(html).toContain('<q>Evil &lt;script&gt;alert(1)&lt;/script&gt; | Tracking | China</q>');
    expect(html).not.toContain('<script>alert');
  });
});
