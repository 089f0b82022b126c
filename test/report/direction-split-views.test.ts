/**
 * The views say which way a recipient's bytes went: an organisation the device sent nothing to is "contacted, no
 * data sent" (no label), and the JSON report carries what was sent, valid against the published schema.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { validateJsonSchema } from './json-schema-subset.js';
import { buildFixtureReport, loadFixtureAudit } from './report-fixture.js';

function auditWithContactedOnly() {
  const audit = loadFixtureAudit();
  const [first, ...rest] = audit.recipients;
  if (first === undefined) throw new Error('fixture has no recipients');
  const { policyEvidence: _quotes, ...row } = first;
  audit.recipients = [{ ...row, organisation: 'Apple Inc.', entityId: 'apple', label: null, bytesSent: 0, noDataSent: true }, ...rest];
  return audit;
}

describe('direction split in the report views', () => {
  it('lists an organisation the device sent nothing to as contacted, with no label, in Markdown and HTML', () => {
    const report = buildFixtureReport(auditWithContactedOnly());
    const row = renderMarkdown(report)
      .split('\n')
      .find((line) => line.startsWith('| Apple Inc. |'));
    expect(row).toContain('| recipient | contacted, no data sent in the capture |');
    expect(renderHtml(report)).toContain('<td>Apple Inc.</td><td>recipient</td><td>contacted, no data sent in the capture</td>');
  });

  it('writes bytesSent and noDataSent into report.json, valid against docs/report.schema.json', () => {
    const json = JSON.parse(renderJson(buildFixtureReport(auditWithContactedOnly()))) as { recipients: { organisation: string; bytesSent?: number; noDataSent?: boolean }[] };
    expect(json.recipients[0]).toMatchObject({ organisation: 'Apple Inc.', bytesSent: 0, noDataSent: true });
    const schema = JSON.parse(readFileSync('docs/report.schema.json', 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, json, { strict: true })).toEqual([]);
  });
});

describe('bytes in the recipients table', () => {
  it('say what the device sent and the total when known, else that the total counts both directions', () => {
    const audit = loadFixtureAudit();
    const [first, second] = audit.recipients;
    if (first === undefined || second === undefined) throw new Error('fixture has too few recipients');
    first.bytesSent = 3664;
    first.bytes = 30111;
    const report = buildFixtureReport(audit);
    const markdown = renderMarkdown(report).split('\n');
    expect(markdown.find((line) => line.startsWith(`| ${first.organisation} |`))).toContain('| 3.6 KB sent, 29.4 KB in all |');
    expect(markdown.find((line) => line.startsWith(`| ${second.organisation} |`))).toMatch(/\| [\d.]+ (?:B|KB|MB) in both directions \|/);
    expect(renderHtml(report)).toContain('<td class="num">3.6 KB sent, 29.4 KB in all</td>');
  });
});

describe('the traffic line', () => {
  it('states what the device sent in all when every recipient has it', () => {
    const audit = loadFixtureAudit();
    audit.recipients = audit.recipients.map((r) => ({ ...r, bytesSent: 1024 }));
    const total = audit.recipients.length * 1024;
    const markdown = renderMarkdown(buildFixtureReport(audit));
    expect(markdown).toMatch(new RegExp(`\\d+ connections \\(${(total / 1024).toFixed(1)} KB sent, [\\d.]+ KB in all\\), excluding network plumbing`));
  });
});
