import { describeCaptureVersionNote, describeVersionDates } from './describe-policy-dates.js';
import type { CountryMentionRecord, RecipientSummary } from '../model/audit.js';
import type { PacketEvidence, PolicyEvidence } from '../model/finding.js';
import { arrangePolicyEvidence, isListContext } from './arrange-policy-evidence.js';
import { describeCaptureUnits } from '../model/describe-capture-units.js';
import { escapeMarkdown as md, escapeMarkdownCode as code } from './escape-text.js';
import { abbreviateTableHash, formatEndpoint, formatEvidenceClient, formatEvidenceFrames, formatEvidenceProtocol, formatTime } from './format-evidence.js';
import { describeEmptyTraffic } from './describe-empty-traffic.js';
import { MAX_SHOWN_QUOTES, type ReportFinding, type ReportModel } from './report-model.js';
import {
  COUNTRY_MENTIONS_HEADING,
  TRANSFER_NAMED_HEADING,
  TRANSFER_NAMED_INTRO,
  describeNamedRegion,
  COUNTRY_MENTIONS_INTRO,
  describeOriginRegion,
  DATA_SOURCES_FROM_REPORT,
  describeEntityLists,
  describeCappedSearch,
  describeIdentifierSearch,
  describeJurisdictions,
  describeMoreQuotes,
  describeReproduction,
  LABEL_MEANINGS,
  METHODOLOGY_PARAGRAPHS,
  beganFirst,
  describeJumpsInline,
  describeLocalClientsCaveat,
  describeTimeJumpCaveat,
  listTimeJumps,
} from './report-wording.js';
import { describeRecipientLabel, describeTrafficBytes, formatBytes, sumRecipientBytesSent, nameCountry, quoteInline } from './wording.js';

function renderPacketRow(e: PacketEvidence): string {
  const client = formatEvidenceClient(e);
  const cells = [
    md(e.captureFile),
    md(formatEvidenceFrames(e)),
    formatTime(e.time),
    `${formatEvidenceProtocol(e)} ${client !== null ? `${md(client)} → ` : 'to '}${md(formatEndpoint(e.server, e.serverPort))}`,
    md(e.host ?? '—'),
    md(e.organisation ?? '—'),
    e.asn !== null ? `AS${e.asn} ${md(e.asnOwner ?? '')}` : '—',
    e.country ? md(`${nameCountry(e.country)} (${e.country})`) : '—',
  ];
  return `| ${cells.join(' | ')} |`;
}

/** Escapes text that may span paragraphs, keeping its paragraph breaks inside a blockquote. */
function quoteParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => md(paragraph))
    .join('\n>\n> ');
}

/** What the bold part of a quote in context is: what the finding rests on, or a list row shown as context. */
function describeBoldQuote(p: PolicyEvidence, quotes: readonly PolicyEvidence[]): string {
  if (isListContext(p, quotes)) return 'in bold: a list entry quoted as context; it does not name the finding’s subject';
  return `the ${p.document ? 'entry' : 'sentence'} the finding rests on in bold`;
}

function renderQuote(p: PolicyEvidence, quotes: readonly PolicyEvidence[]): string[] {
  const c = p.context;
  // The quote is bold within its section text; the markers are ours, everything between them is escaped.
  const body = c
    ? `${c.span.start > c.sectionSpan.start ? '… ' : ''}${quoteParagraphs(c.before)}**${md(p.quote)}**${quoteParagraphs(c.after)}${c.span.end < c.sectionSpan.end ? ' …' : ''}`
    : md(p.quote);
  return [
    `> ${body}`,
    '>',
    `> — ${p.document ? `sub-processor list ${md(p.source)} linked from the policy ${md(p.document.linkedFrom.source)}, ` : ''}section “${md(p.sectionPath.join(' › ') || '(untitled section)')}”${c ? ` (${describeBoldQuote(p, quotes)})` : ''}, characters ${p.span.start}–${
      p.span.end
    } of snapshot ${code(p.snapshotSha256)}`,
    ...(p.link ? ['>', `> The sentence names the organisation by a link: “${md(p.link.text)}” leads to ${code(p.link.href)}.`] : []),
    '',
  ];
}

/**
 * Rows of a list quoted as context (not the finding's subject) shown in Markdown, which has nothing to
 * fold them into; the HTML view folds all of them, and report.json keeps them all.
 */
const MAX_LIST_LINES = 10;

/** One quote on one line: for lists too long to quote each row in its section. */
function renderQuoteLine(p: PolicyEvidence, listSha256: string): string {
  const elsewhere = p.snapshotSha256 === listSha256 ? '' : ` of ${p.document ? `${md(p.source)}, ` : 'the policy, '}snapshot ${code(p.snapshotSha256)}`;
  return `“${md(p.quote)}” (section “${md(p.sectionPath.join(' › ') || '(untitled section)')}”, characters ${p.span.start}–${p.span.end}${elsewhere})`;
}

function describeListOrigin(source: string, sha256: string, linkedFrom: string | undefined): string {
  return `the sub-processor list ${md(source)} (snapshot ${code(sha256)}${linkedFrom === undefined ? '' : `, linked from the policy ${md(linkedFrom)}`})`;
}

function renderPolicyEvidence(f: ReportFinding): string[] {
  const arranged = arrangePolicyEvidence(f);
  const lines: string[] = [];
  const group = f.group;
  if (group) {
    const linkedFrom = arranged.entries.flatMap((e) => e.quotes).find((q) => q.document)?.document?.linkedFrom.source;
    lines.push(
      '**What the sub-processor list says**',
      '',
      `Each company not seen, with its entry in ${describeListOrigin(group.source, group.sha256, linkedFrom)}:`,
      '',
    );
    for (const { entry, quotes } of arranged.entries) {
      const name = entry.nameInPolicy === entry.subject ? `**${md(entry.subject)}**` : `**${md(entry.nameInPolicy)}** (${md(entry.subject)})`;
      lines.push(`- ${name}, confidence ${entry.confidence}: ${quotes.map((q) => renderQuoteLine(q, group.sha256)).join('; ') || 'no quote recorded'}`);
    }
    lines.push('');
  }
  if (arranged.full.length > 0 || arranged.compact.length > 0) {
    lines.push('**What the policy says**', '');
    for (const p of arranged.full.slice(0, MAX_SHOWN_QUOTES)) lines.push(...renderQuote(p, f.policyEvidence));
    if (arranged.full.length > MAX_SHOWN_QUOTES) lines.push(md(describeMoreQuotes(arranged.full.length - MAX_SHOWN_QUOTES)), '');
    for (const list of arranged.compact) {
      lines.push(`${list.quotes.length} entries of ${describeListOrigin(list.source, list.sha256, list.document.linkedFrom.source)}, one line each:`, '');
      for (const q of list.quotes.slice(0, MAX_LIST_LINES)) lines.push(`- ${renderQuoteLine(q, list.sha256)}`);
      if (list.quotes.length > MAX_LIST_LINES) lines.push(`- … and ${list.quotes.length - MAX_LIST_LINES} more entries of this list, each with its characters in report.json`);
      lines.push('');
    }
  } else if (!group) {
    lines.push('**What the policy says:** nothing on this point.', '');
  }
  return lines;
}

function renderFinding(f: ReportFinding): string[] {
  const lines = [
    `### ${f.id}. ${md(f.title)}`,
    '',
    `**Severity:** ${f.severity} · **Label:** ${f.label ?? '—'} · **Confidence:** ${f.confidence} · **Rule:** ${code(f.ruleId)}`,
    '',
    md(f.explanation),
    '',
  ];
  lines.push(...renderPolicyEvidence(f));
  if (f.packetEvidence.length > 0) {
    lines.push('**What the traffic shows**', '');
    lines.push('| Capture | Frames | First time (UTC) | Endpoints | Host | Organisation | Network | Country |');
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const e of f.packetEvidence) lines.push(renderPacketRow(e));
    lines.push('');
    // Rows often say the same thing ("media traffic to Agora"): each statement once.
    const details = [...new Set(f.packetEvidence.map((e) => e.detail))];
    for (const detail of details.slice(0, 3)) lines.push(`- ${md(detail)}`);
    if (details.length > 3) lines.push(`- … and ${details.length - 3} more in the table above`);
    lines.push('');
    for (const w of f.wiresharkFilters) {
      const where = f.wiresharkFilters.length > 1 ? ` in ${md(w.captureFile)}` : '';
      if (w.frames) lines.push(`Wireshark${where}, the frames listed: ${code(w.frames)}  `);
      lines.push(`Wireshark${where}, every packet of these conversations: ${code(w.conversations)}`, '');
    }
  }
  if (f.caveats.length > 0) {
    lines.push('**Caveats**', '');
    for (const c of f.caveats) lines.push(`- ${md(c)}`);
    lines.push('');
  }
  return lines;
}

/** The sentence behind a recipient's label, for the recipients table; the JSON report has them all, with spans. */
function renderRecipientQuote(r: RecipientSummary): string {
  const [first, ...rest] = r.policyEvidence ?? [];
  if (!first) return '—';
  return `${md(quoteInline(first.quote))} (characters ${first.span.start}–${first.span.end} of snapshot ${code(abbreviateTableHash(first.snapshotSha256))}${rest.length > 0 ? `; ${rest.length} more in report.json` : ''})`;
}

/** Who received the traffic and where its servers are registered, as two tables, then the countries the policy names otherwise. */
function renderTrafficTables(report: ReportModel): string[] {
  const lines = [`${report.traffic.flows} connections (${describeTrafficBytes(report.traffic.bytes, sumRecipientBytesSent(report.recipients))}), excluding network plumbing such as DNS and unnamed peers on the local network such as the router.`, ''];
  lines.push('| Organisation | Relation | Label | Hosts | Countries | Flows | Bytes | Confidence | What the policy says |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of report.recipients) {
    lines.push(
      `| ${md(r.organisation)} | ${r.relation} | ${describeRecipientLabel(r)} | ${md(r.hosts.slice(0, 6).join(', ') || '—')}${r.hosts.length > 6 ? ` and ${r.hosts.length - 6} more` : ''} | ${r.countries.join(', ') || '—'} | ${r.flows} | ${describeTrafficBytes(r.bytes, r.bytesSent)} | ${r.confidence} | ${renderRecipientQuote(r)} |`,
    );
  }
  lines.push('', '| Country of server address (registry) | Flows | Bytes |', '| --- | --- | --- |');
  for (const t of report.traffic.byCountry) {
    lines.push(`| ${t.country ? md(`${nameCountry(t.country)} (${t.country})`) : 'Unknown'} | ${t.flows} | ${formatBytes(t.bytes)} |`);
  }
  lines.push('');
  return lines;
}

/** Countries the policy names without saying data goes there (where users live, whose law applies). */
function renderCountryMentions(report: ReportModel): string[] {
  const all = report.countryMentions ?? [];
  // Countries a transfer statement names are their own list: the statement, not a mention elsewhere, disclosed them.
  const lists: [string, string, CountryMentionRecord[], (region: string) => string][] = [
    [TRANSFER_NAMED_HEADING, TRANSFER_NAMED_INTRO, all.filter((m) => m.transferStatement === true), describeNamedRegion],
    [COUNTRY_MENTIONS_HEADING, COUNTRY_MENTIONS_INTRO, all.filter((m) => m.transferStatement !== true), describeOriginRegion],
  ];
  const lines: string[] = [];
  for (const [heading, intro, mentions, describeRegion] of lists) {
    if (mentions.length === 0) continue;
    lines.push(`**${heading}.** ${md(intro)}`, '');
    for (const m of mentions) {
      lines.push(`- ${md(`${nameCountry(m.country)} (${m.country})${m.region !== undefined ? `, ${describeRegion(m.region)}` : ''}`)}: ${md(quoteInline(m.quote))} (characters ${m.span.start}–${m.span.end} of snapshot ${code(m.snapshotSha256)})`);
    }
    lines.push('');
  }
  return lines;
}

/** Markdown view of the report, for pasting into a story or a ticket. */
export function renderMarkdown(report: ReportModel): string {
  const s = report.summary;
  const policy = report.inputs.policy;
  const lines: string[] = [
    `# What the privacy policy says, and what the app does: ${md(report.app.name)}`,
    '',
    `claimcheck audit #${report.audit.id} of ${report.audit.createdAt} (claimcheck ${md(report.audit.toolVersion)}); report generated ${report.generatedAt} by claimcheck ${md(
      report.generator.version,
    )}, report schema ${report.schemaVersion}.`,
    '',
    '## Summary',
    '',
    `**${s.findings} finding${s.findings === 1 ? '' : 's'}:** ${(['high', 'medium', 'low', 'info'] as const).map((k) => `${s.bySeverity[k]} ${k}`).join(', ')}.`,
    '',
    policy
      ? `- **Policy version:** ${policy.title ? `“${md(policy.title)}”, ` : ''}${md(policy.source)}, ${describeVersionDates(policy, md)}, sha256 ${code(policy.sha256)}; claims found: ${
          Object.entries(policy.claimCounts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') || 'none'
        }`
      : '- **Policy:** none stored for this app',
    ...(policy ? (policy.captureVersionNotes ?? []).map((note) => `- **Policy version caveat:** ${describeCaptureVersionNote(note, policy, md)}`) : []),
    ...report.inputs.captures.flatMap((c) => (c.timeJump ? [`- **Capture dates caveat:** ${md(describeTimeJumpCaveat(c.file, listTimeJumps(c), beganFirst(c, report.inputs.captures)))}`] : [])),
    ...report.inputs.captures.flatMap((c) => (c.clientAddresses ? [`- **Capture devices caveat:** ${md(describeLocalClientsCaveat(c.file, c.clientAddresses))}`] : [])),
    ...(policy?.linkedPages ?? []).map(
      (page) =>
        `- **Sub-processor list linked from the policy:** ${page.title ? `“${md(page.title)}”, ` : ''}${md(page.source)}, retrieved ${page.fetchedAt}, sha256 ${code(page.sha256)}; claims found: ${
          Object.entries(page.claimCounts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') || 'none'
        }`,
    ),
  ];
  for (const c of report.inputs.captures) {
    lines.push(
      `- **Capture:** ${md(c.file)} (${c.format}, ${describeCaptureUnits(c.format, c.packets)}${c.firstTime !== null ? `, ${formatTime(c.firstTime)} – ${formatTime(c.lastTime ?? c.firstTime)}${c.timeJump ? `, with ${describeJumpsInline(listTimeJumps(c))}: not one session` : ''}` : ''}, sha256 ${code(c.sha256)}${c.warnings > 0 ? `, ${c.warnings} damaged record${c.warnings === 1 ? '' : 's'} skipped` : ''})${md(describeIdentifierSearch(c.identifiersSearched))}${md(describeCappedSearch(c))}`,
    );
  }
  lines.push('');
  if (report.findings.length > 0) {
    lines.push('| # | Severity | Label | Finding |', '| --- | --- | --- | --- |');
    for (const f of report.findings) lines.push(`| ${f.id} | ${f.severity} | ${f.label ?? '—'} | ${md(f.title)} |`);
    lines.push('');
  }
  lines.push('## Where the traffic went', '');
  const noTraffic = describeEmptyTraffic(report);
  lines.push(...(noTraffic !== null ? [md(noTraffic), ''] : renderTrafficTables(report)));
  lines.push(...renderCountryMentions(report));
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('No findings.', '');
  for (const f of report.findings) lines.push(...renderFinding(f));
  lines.push('## Methodology', '');
  for (const p of METHODOLOGY_PARAGRAPHS) lines.push(md(p), '');
  lines.push('Labels:', '');
  for (const [label, meaning] of Object.entries(LABEL_MEANINGS)) lines.push(`- **${label}**: ${md(meaning)}`);
  lines.push('', 'Rules applied:', '');
  for (const r of report.rules) lines.push(`- ${code(r.id)} (${s.byRule[r.id] ?? 0}): ${md(r.description)}`);
  lines.push('', 'Data sources:', '');
  for (const d of report.dataSources) lines.push(`- ${md(d.name)}, version ${md(d.version)}. Licence: ${md(d.licence)}. ${md(d.attribution)}`);
  for (const line of describeEntityLists(report.inputs.entityLists)) lines.push(`- ${md(line)}`);
  if (report.dataSourcesRecordedBy === 'report') lines.push('', md(DATA_SOURCES_FROM_REPORT));
  lines.push('', 'Settings:', '', `- ${md(describeJurisdictions(report.inputs.settings))}`);
  // Commands as code spans, so a copied command keeps no Markdown escapes (trial 9: `\<script\>` in an app name).
  lines.push('', describeReproduction(report).map((part) => (part.command ? code(part.text) : md(part.text))).join(''), '');
  return lines.join('\n');
}
