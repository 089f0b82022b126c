import type { Finding, PacketEvidence } from '../model/finding.js';
import { escapeHtml as h } from './escape-text.js';
import { buildConversationFilter, buildFramesFilter, formatEndpoint, formatTime } from './format-evidence.js';
import type { ReportModel } from './report-model.js';
import { formatBytes, nameCountry } from './wording.js';

// The page runs no script at all and may load nothing: the CSP makes that a browser-enforced rule.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1b1b1b}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}
th,td{border:1px solid #d0d0d0;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.finding{border:1px solid #ccc;border-left:6px solid #888;padding:.5em 1em;margin:1.5em 0;border-radius:4px}
.sev-high{border-left-color:#b00020}.sev-medium{border-left-color:#d97706}.sev-low{border-left-color:#2563eb}.sev-info{border-left-color:#6b7280}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;background:#eee;font-size:.85em;margin-right:.3em}
blockquote{margin:.5em 0;padding:.4em 1em;background:#fff8db;border-left:4px solid #e0b400}
.meta{color:#555;font-size:.85em}
code{font-size:.9em;background:#f5f5f5;padding:0 .2em;word-break:break-all}
.columns{display:grid;grid-template-columns:1fr 1fr;gap:1em}
@media (max-width:800px){.columns{grid-template-columns:1fr}}
`;

function renderPacketTable(evidence: readonly PacketEvidence[]): string {
  const rows = evidence
    .map((e) => {
      const framesFilter = buildFramesFilter(e);
      return `<tr><td>${h(e.captureFile)}</td><td>${h(e.frames.join(', '))}</td><td>${h(formatTime(e.time))}</td><td>${h(e.protocol.toUpperCase())} ${h(
        formatEndpoint(e.client, e.clientPort),
      )} → ${h(formatEndpoint(e.server, e.serverPort))}</td><td>${h(e.host ?? '—')}</td><td>${h(e.organisation ?? '—')}</td><td>${
        e.asn !== null ? `AS${e.asn} ${h(e.asnOwner ?? '')}` : '—'
      }</td><td>${e.country ? h(`${nameCountry(e.country)} (${e.country})`) : '—'}</td><td>${h(e.detail)}<div class="meta">Wireshark: <code>${h(
        framesFilter ?? buildConversationFilter(e),
      )}</code></div></td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>Capture</th><th>Frames</th><th>First time (UTC)</th><th>Endpoints</th><th>Host</th><th>Organisation</th><th>Network</th><th>Country</th><th>Evidence</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function renderFinding(f: Finding, index: number): string {
  const quotes =
    f.policyEvidence.length > 0
      ? f.policyEvidence
          .map(
            (p) =>
              `<blockquote>${h(p.quote)}</blockquote><div class="meta">Section “${h(p.sectionPath.join(' › ') || '(top)')}”, characters ${p.span.start}–${p.span.end} of snapshot <code>${h(
                p.snapshotSha256.slice(0, 12),
              )}</code> (${h(p.source)})</div>`,
          )
          .join('\n')
      : '<p class="meta">The policy says nothing on this point.</p>';
  const packets = f.packetEvidence.length > 0 ? renderPacketTable(f.packetEvidence) : '<p class="meta">No packet evidence: this finding rests on the policy text alone.</p>';
  return `<section class="finding sev-${h(f.severity)}" id="finding-${index + 1}">
<h3>${index + 1}. ${h(f.title)}</h3>
<p><span class="badge">${h(f.ruleId)}</span><span class="badge">severity: ${h(f.severity)}</span><span class="badge">label: ${h(f.label ?? '—')}</span><span class="badge">confidence: ${h(f.confidence)}</span></p>
<p>${h(f.explanation)}</p>
<div class="columns"><div><h4>What the policy says</h4>${quotes}</div><div><h4>What the traffic shows</h4><p class="meta">${f.packetEvidence.length} evidence row(s) below.</p></div></div>
${packets}
</section>`;
}

/** Self-contained HTML view of the report: inline CSS, no script, nothing loaded from anywhere. */
export function renderHtml(report: ReportModel): string {
  const s = report.summary;
  const policy = report.inputs.policy;
  const captures = report.inputs.captures
    .map(
      (c) =>
        `<li>${h(c.file)} — ${h(c.format)}, ${c.packets} packets${c.firstTime !== null ? `, ${h(formatTime(c.firstTime))} – ${h(formatTime(c.lastTime ?? c.firstTime))}` : ''}, sha256 <code>${h(c.sha256)}</code>${c.warnings > 0 ? `, ${c.warnings} warnings` : ''}</li>`,
    )
    .join('\n');
  const recipients = report.recipients
    .map(
      (r) =>
        `<tr><td>${h(r.organisation)}</td><td>${h(r.relation)}</td><td>${h(r.label ?? '—')}</td><td>${h(r.hosts.slice(0, 6).join(', ') || '—')}</td><td>${h(
          r.countries.map((c) => `${nameCountry(c)} (${c})`).join(', ') || '—',
        )}</td><td>${r.flows}</td><td>${h(formatBytes(r.bytes))}</td><td>${h(r.confidence)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimcheck report: ${h(report.app.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>claimcheck report: ${h(report.app.name)}</h1>
<p class="meta">Audit #${report.audit.id} of ${h(report.audit.createdAt)}; generated ${h(report.generatedAt)} by claimcheck ${h(report.generator.version)}; report schema ${h(report.schemaVersion)}.</p>
<h2>Summary</h2>
<p><strong>${s.findings} finding${s.findings === 1 ? '' : 's'}</strong>: ${(['high', 'medium', 'low', 'info'] as const).map((k) => `${s.bySeverity[k]} ${k}`).join(', ')}.</p>
<table><thead><tr><th>Rule</th><th>What it checks</th><th>Findings</th></tr></thead><tbody>
${report.rules.map((r) => `<tr><td><code>${h(r.id)}</code></td><td>${h(r.description)}</td><td>${s.byRule[r.id] ?? 0}</td></tr>`).join('\n')}
</tbody></table>
<h2>What was audited</h2>
<ul>
<li>${policy ? `Policy: ${h(policy.source)} (fetched ${h(policy.fetchedAt)}), sha256 <code>${h(policy.sha256)}</code>` : 'No policy stored for this app.'}</li>
${captures}
</ul>
<h2>Who received data</h2>
<table><thead><tr><th>Organisation</th><th>Relation</th><th>Label</th><th>Hosts</th><th>Countries</th><th>Flows</th><th>Bytes</th><th>Confidence</th></tr></thead><tbody>
${recipients}
</tbody></table>
<h2>Findings</h2>
${report.findings.length === 0 ? '<p>No findings.</p>' : report.findings.map(renderFinding).join('\n')}
<h2>Methodology and data sources</h2>
<p>Host names come from TLS SNI, HTTP Host headers and DNS answers in the capture; organisations from claimcheck's entity catalog; networks and countries from pinned offline IP data (registry country of the network, not a measured location). Labels follow flow-to-policy research: consistent, vague, omitted, incorrect.</p>
<ul>
${report.dataSources.map((d) => `<li>${h(d.name)} ${h(d.version)} — ${h(d.licence)}. ${h(d.attribution)}</li>`).join('\n')}
</ul>
</body>
</html>
`;
}
