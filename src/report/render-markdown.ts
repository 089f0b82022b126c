import type { Finding, PacketEvidence } from '../model/finding.js';
import { escapeMarkdown as md, escapeMarkdownCode as code } from './escape-text.js';
import { buildConversationFilter, buildFramesFilter, formatEndpoint, formatTime } from './format-evidence.js';
import type { ReportModel } from './report-model.js';
import { formatBytes, nameCountry } from './wording.js';

function renderPacketRow(e: PacketEvidence): string {
  const cells = [
    md(e.captureFile),
    e.frames.join(', '),
    formatTime(e.time),
    `${e.protocol.toUpperCase()} ${md(formatEndpoint(e.client, e.clientPort))} → ${md(formatEndpoint(e.server, e.serverPort))}`,
    md(e.host ?? '—'),
    md(e.organisation ?? '—'),
    e.asn !== null ? `AS${e.asn} ${md(e.asnOwner ?? '')}` : '—',
    e.country ? md(`${nameCountry(e.country)} (${e.country})`) : '—',
  ];
  return `| ${cells.join(' | ')} |`;
}

function renderFinding(f: Finding, index: number): string[] {
  const lines = [
    `### ${index + 1}. ${md(f.title)}`,
    '',
    `**Rule:** ${code(f.ruleId)} · **Severity:** ${f.severity} · **Label:** ${f.label ?? '—'} · **Confidence:** ${f.confidence}`,
    '',
    md(f.explanation),
    '',
  ];
  if (f.policyEvidence.length > 0) {
    lines.push('**What the policy says**', '');
    for (const p of f.policyEvidence) {
      lines.push(`> ${md(p.quote)}`, '>');
      lines.push(
        `> — section “${md(p.sectionPath.join(' › ') || '(top)')}”, characters ${p.span.start}–${p.span.end} of snapshot ${code(p.snapshotSha256.slice(0, 12))}`,
        '',
      );
    }
  } else {
    lines.push('**What the policy says:** nothing on this point.', '');
  }
  if (f.packetEvidence.length > 0) {
    lines.push('**What the traffic shows**', '');
    lines.push('| Capture | Frames | First time (UTC) | Endpoints | Host | Organisation | Network | Country |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const e of f.packetEvidence) lines.push(renderPacketRow(e));
    lines.push('');
    for (const e of f.packetEvidence.slice(0, 3)) {
      lines.push(`- ${md(e.detail)}`);
      const frames = buildFramesFilter(e);
      lines.push(`  Wireshark: ${code(frames ?? buildConversationFilter(e))}`);
    }
    if (f.packetEvidence.length > 3) lines.push(`- … and ${f.packetEvidence.length - 3} more rows in the table above`);
    lines.push('');
  }
  return lines;
}

/** Markdown view of the report, for pasting into a story or a ticket. */
export function renderMarkdown(report: ReportModel): string {
  const s = report.summary;
  const lines: string[] = [
    `# claimcheck report: ${md(report.app.name)}`,
    '',
    `Audit #${report.audit.id} of ${report.audit.createdAt}, generated ${report.generatedAt} by claimcheck ${report.generator.version}.`,
    '',
    '## Summary',
    '',
    `**${s.findings} finding${s.findings === 1 ? '' : 's'}:** ${(['high', 'medium', 'low', 'info'] as const).map((k) => `${s.bySeverity[k]} ${k}`).join(', ')}.`,
    '',
    '| Rule | Findings |',
    '| --- | --- |',
    ...report.rules.map((r) => `| ${code(r.id)} | ${s.byRule[r.id] ?? 0} |`),
    '',
    '## What was audited',
    '',
  ];
  const policy = report.inputs.policy;
  lines.push(
    policy
      ? `- Policy: ${md(policy.source)} (fetched ${policy.fetchedAt}, sha256 ${code(policy.sha256)}); claims: ${Object.entries(policy.claimCounts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`
      : '- Policy: none stored for this app',
  );
  for (const c of report.inputs.captures) {
    lines.push(
      `- Capture: ${md(c.file)} (${c.format}, ${c.packets} packets${c.firstTime !== null ? `, ${formatTime(c.firstTime)} – ${formatTime(c.lastTime ?? c.firstTime)}` : ''}, sha256 ${code(c.sha256)}${c.warnings > 0 ? `, ${c.warnings} warnings` : ''})`,
    );
  }
  lines.push('', '## Who received data', '');
  lines.push('| Organisation | Relation | Label | Hosts | Countries | Flows | Bytes | Confidence |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of report.recipients) {
    lines.push(
      `| ${md(r.organisation)} | ${r.relation} | ${r.label ?? '—'} | ${md(r.hosts.slice(0, 4).join(', ') || '—')} | ${r.countries.join(', ') || '—'} | ${r.flows} | ${formatBytes(r.bytes)} | ${r.confidence} |`,
    );
  }
  lines.push('', '## Findings', '');
  if (report.findings.length === 0) lines.push('No findings.', '');
  report.findings.forEach((f, i) => lines.push(...renderFinding(f, i)));
  lines.push('## Methodology and data sources', '');
  for (const r of report.rules) lines.push(`- ${code(r.id)}: ${md(r.description)}`);
  lines.push('');
  for (const d of report.dataSources) lines.push(`- ${md(d.name)} ${md(d.version)} — ${md(d.licence)}. ${md(d.attribution)}`);
  lines.push('');
  return lines.join('\n');
}
