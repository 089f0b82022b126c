import { describeComparedPolicyDates } from './describe-policy-dates.js';
import type { ChangedFinding, ComparedAudit, ComparisonModel } from './compare-reports.js';
import { escapeHtml as h } from './escape-text.js';
import { renderHtmlPage } from './html-page.js';
import type { ReportFinding } from './report-model.js';
import { COMPARISON_MATCHING, describeComparedTimeJumps, describeFindingChange, describeInputComparison } from './report-wording.js';

function describeSide(a: ComparedAudit): string {
  const policy = a.policySha256
    ? `${h(a.policySource ?? '')}, ${h(describeComparedPolicyDates(a))}, sha256 <code>${h(a.policySha256)}</code>`
    : 'no policy';
  const captures = a.captures.map((c) => `${h(c.file)} (<code>${h(c.sha256.slice(0, 12))}</code>)`).join(', ') || 'no captures';
  return `audit #${a.id} of ${h(a.createdAt)} (claimcheck ${h(a.toolVersion)}), ${a.findings} finding${a.findings === 1 ? '' : 's'}<br>Policy: ${policy}<br>Captures: ${captures}`;
}

function renderRows(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return '<p>None.</p>';
  return `<div class="table-scroll"><table><thead><tr><th>Severity</th><th>Label</th><th>Rule</th><th>Finding</th></tr></thead><tbody>
${findings
  .map((f) => `<tr><td><span class="sev sev-${h(f.severity)}">${h(f.severity)}</span></td><td>${h(f.label ?? '—')}</td><td><code>${h(f.ruleId)}</code></td><td>${h(f.title)}<div class="meta">${h(f.explanation)}</div></td></tr>`)
  .join('\n')}
</tbody></table></div>`;
}

function renderChanged(changed: readonly ChangedFinding[]): string {
  if (changed.length === 0) return '<p>None.</p>';
  return `<div class="table-scroll"><table><thead><tr><th>Rule</th><th>Before</th><th>After</th><th>What changed</th></tr></thead><tbody>
${changed
  .map((c) => `<tr><td><code>${h(c.after.ruleId)}</code></td><td>${h(c.before.title)}</td><td>${h(c.after.title)}</td><td>${h(c.changes.map((k) => describeFindingChange(c, k)).join('; '))}</td></tr>`)
  .join('\n')}
</tbody></table></div>`;
}

/** Self-contained HTML view of a comparison of two audits of one app (no script, nothing loaded). */
export function renderComparisonHtml(c: ComparisonModel): string {
  const s = c.summary;
  const tiles = (
    [
      ['added', s.added, 'sev-high'],
      ['removed', s.removed, 'sev-low'],
      ['changed', s.changed, 'sev-medium'],
      ['unchanged', s.unchanged, 'sev-info'],
    ] as const
  )
    .map(([name, count, tone]) => `<div class="tile ${tone}"><strong>${count}</strong>${name}</div>`)
    .join('');
  const notes = [
    ...describeInputComparison(c.inputs),
    COMPARISON_MATCHING,
  ].filter((n) => n !== '');
  return renderHtmlPage(
    `claimcheck comparison: ${c.app.name}`,
    `<header>
<h1>Before and after: ${h(c.app.name)}</h1>
<p class="meta">claimcheck comparison of audit #${c.before.id} with audit #${c.after.id} · generated ${h(c.generatedAt)} by claimcheck ${h(c.generator.version)}</p>
</header>
<section id="summary">
<h2>Summary</h2>
<div class="tiles">${tiles}</div>
<dl class="facts"><dt>Before</dt><dd>${describeSide(c.before)}</dd><dt>After</dt><dd>${describeSide(c.after)}</dd>${describeComparedTimeJumps(c.before, c.after)
  .map((caveat) => `\n<dt>${h(caveat.label)}</dt><dd>${h(caveat.text)}</dd>`)
  .join('')}</dl>
${notes.map((n) => `<p>${h(n)}</p>`).join('\n')}
</section>
<section id="added"><h2>Added (only in the after audit)</h2>
${renderRows(c.added)}</section>
<section id="removed"><h2>Removed (only in the before audit)</h2>
${renderRows(c.removed)}</section>
<section id="changed"><h2>Changed</h2>
${renderChanged(c.changed)}</section>
<section id="unchanged"><h2>Unchanged</h2>
${renderRows(c.unchanged)}</section>`,
  );
}
