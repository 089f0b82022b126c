import { describeComparedPolicyDates } from './describe-policy-dates.js';
import { escapeMarkdown as md, escapeMarkdownCode as code } from './escape-text.js';
import type { ComparedAudit, ComparisonModel } from './compare-reports.js';
import type { ReportFinding } from './report-model.js';
import { COMPARISON_MATCHING, describeComparedTimeJumps, describeFindingChange, describeInputComparison } from './report-wording.js';

function describeSide(name: string, a: ComparedAudit): string {
  const policy = a.policySha256 ? `policy ${md(a.policySource ?? '')} (sha256 ${code(a.policySha256.slice(0, 12))}, ${describeComparedPolicyDates(a)})` : 'no policy';
  const captures = a.captures.map((c) => `${md(c.file)} (${code(c.sha256.slice(0, 12))})`).join(', ') || 'no captures';
  return `- **${name}:** audit #${a.id} of ${a.createdAt} (claimcheck ${md(a.toolVersion)}), ${a.findings} finding${a.findings === 1 ? '' : 's'}; ${policy}; captures: ${captures}`;
}

function row(f: ReportFinding): string {
  return `| ${f.severity} | ${f.label ?? '—'} | ${code(f.ruleId)} | ${md(f.title)} |`;
}

function renderList(title: string, findings: readonly ReportFinding[]): string[] {
  if (findings.length === 0) return [`## ${title}`, '', 'None.', ''];
  return [`## ${title}`, '', '| Severity | Label | Rule | Finding |', '| --- | --- | --- | --- |', ...findings.map(row), ''];
}

/** Markdown view of a comparison of two audits: what an update added, removed and changed. */
export function renderComparisonMarkdown(c: ComparisonModel): string {
  const s = c.summary;
  const lines = [
    `# claimcheck comparison: ${md(c.app.name)}`,
    '',
    `Audit #${c.before.id} (before) compared with audit #${c.after.id} (after); generated ${c.generatedAt} by claimcheck ${md(c.generator.version)}.`,
    '',
    `**${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged.**`,
    '',
    describeSide('Before', c.before),
    describeSide('After', c.after),
    // The caveat the audit reports give: a capture whose dates are not one session may have chosen the policy version.
    ...describeComparedTimeJumps(c.before, c.after).map((caveat) => `- **${caveat.label}:** ${md(caveat.text)}`),
    '',
    ...describeInputComparison(c.inputs).flatMap((line) => [md(line), '']),
    COMPARISON_MATCHING,
    '',
    ...renderList('Added (only in the after audit)', c.added),
    ...renderList('Removed (only in the before audit)', c.removed),
  ];
  if (c.changed.length === 0) lines.push('## Changed', '', 'None.', '');
  else {
    lines.push('## Changed', '', '| Rule | Finding (after) | What changed |', '| --- | --- | --- |');
    for (const ch of c.changed) {
      const what = ch.changes.map((k) => describeFindingChange(ch, k)).join('; ');
      lines.push(`| ${code(ch.after.ruleId)} | ${md(ch.after.title)} | ${md(what)} |`);
    }
    lines.push('');
  }
  lines.push(...renderList('Unchanged', c.unchanged));
  return lines.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}
