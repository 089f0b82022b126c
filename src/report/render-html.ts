import { describeCaptureVersionNote, describeVersionDates } from './describe-policy-dates.js';
import type { RecipientSummary } from '../model/audit.js';
import type { PacketEvidence, PolicyEvidence, Severity } from '../model/finding.js';
import { arrangePolicyEvidence, isListContext } from './arrange-policy-evidence.js';
import { describeCaptureUnits } from '../model/describe-capture-units.js';
import { escapeHtml as h } from './escape-text.js';
import { renderHtmlPage } from './html-page.js';
import { abbreviateTableHash, formatEndpoint, formatEvidenceClient, formatEvidenceFrames, formatEvidenceProtocol, formatTime, type WiresharkFilter } from './format-evidence.js';
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
import { renderCountryChart, renderOrganisationChart } from './render-traffic-chart.js';
import { describeRecipientLabel, describeTrafficBytes, formatBytes, sumRecipientBytesSent, nameCountry, quoteInline } from './wording.js';

const SEVERITY_ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];


function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function renderQuote(p: PolicyEvidence, quotes: readonly PolicyEvidence[]): string {
  const section = p.sectionPath.join(' › ') || '(untitled section)';
  const c = p.context;
  const body = c
    ? `${c.span.start > c.sectionSpan.start ? '… ' : ''}${h(c.before)}<mark>${h(p.quote)}</mark>${h(c.after)}${c.span.end < c.sectionSpan.end ? ' …' : ''}`
    : `<mark>${h(p.quote)}</mark>`;
  const page = p.document;
  const origin = page ? `From the sub-processor list ${h(p.source)}, linked from the policy ${h(page.linkedFrom.source)}: section` : 'Section';
  const what = isListContext(p, quotes) ? 'a list entry quoted as context, not one naming the finding’s subject' : `${page ? 'the list entry' : 'the sentence'} the finding rests on`;
  return `<figure class="quote"><figcaption>${origin} “${h(section)}”${c ? `, quoted in context (highlighted: ${what})` : ''}</figcaption>
<blockquote><p>${body}</p></blockquote>
<p class="meta">Characters ${p.span.start}–${p.span.end} of ${page ? 'sub-processor list' : 'policy'} snapshot <code>${h(p.snapshotSha256)}</code> (${h(p.source)})${
    page ? `; the policy that links to it: snapshot <code>${h(page.linkedFrom.sha256)}</code> (${h(page.linkedFrom.source)})` : ''
  }</p>${p.link ? `<p class="meta">The sentence names the organisation by a link: “${h(p.link.text)}” leads to <code>${h(p.link.href)}</code>.</p>` : ''}</figure>`;
}

/** One quote on one line, for lists too long to quote each row in its section. */
function renderQuoteLine(p: PolicyEvidence, listSha256: string): string {
  const elsewhere = p.snapshotSha256 === listSha256 ? '' : `, ${p.document ? `${h(p.source)} ` : 'policy '}snapshot <code>${h(p.snapshotSha256)}</code>`;
  return `<q>${h(p.quote)}</q> <span class="meta">section “${h(p.sectionPath.join(' › ') || '(untitled section)')}”, characters ${p.span.start}–${p.span.end}${elsewhere}</span>`;
}

function describeListOrigin(source: string, sha256: string, linkedFrom: string | undefined): string {
  return `the sub-processor list ${h(source)} (snapshot <code>${h(sha256)}</code>${linkedFrom === undefined ? '' : `, linked from the policy ${h(linkedFrom)}`})`;
}

const MAX_OPEN_ENTRIES = 10;

/** Long lists start folded, so the finding stays readable; short ones start open. */
function openWhenShort(count: number): string {
  return count <= MAX_OPEN_ENTRIES ? ' open' : '';
}

function renderPolicyEvidence(f: ReportFinding): string {
  const arranged = arrangePolicyEvidence(f);
  const parts: string[] = [];
  const group = f.group;
  if (group) {
    const linkedFrom = arranged.entries.flatMap((e) => e.quotes).find((q) => q.document)?.document?.linkedFrom.source;
    const items = arranged.entries
      .map(({ entry, quotes }) => {
        const name = entry.nameInPolicy === entry.subject ? `<strong>${h(entry.subject)}</strong>` : `<strong>${h(entry.nameInPolicy)}</strong> (${h(entry.subject)})`;
        return `<li>${name}, confidence ${h(entry.confidence)}: ${quotes.map((q) => renderQuoteLine(q, group.sha256)).join('; ') || 'no quote recorded'}</li>`;
      })
      .join('\n');
    parts.push(`<h4>What the sub-processor list says</h4>
<details class="entries"${openWhenShort(arranged.entries.length)}><summary>${plural(arranged.entries.length, 'company', 'companies')} not seen, each with its entry in ${describeListOrigin(group.source, group.sha256, linkedFrom)}</summary>
<ul class="entries">
${items}
</ul></details>`);
  }
  if (arranged.full.length > 0 || arranged.compact.length > 0) {
    const lists = arranged.compact.map(
      (list) => `<details class="entries"><summary>${plural(list.quotes.length, 'entry', 'entries')} of ${describeListOrigin(list.source, list.sha256, list.document.linkedFrom.source)}</summary>
<ul class="entries">
${list.quotes.map((q) => `<li>${renderQuoteLine(q, list.sha256)}</li>`).join('\n')}
</ul></details>`,
    );
    const hidden = arranged.full.length - MAX_SHOWN_QUOTES;
    const more = hidden > 0 ? [`<p class="meta">${h(describeMoreQuotes(hidden))}</p>`] : [];
    parts.push(`<h4>What the policy says</h4>\n${[...arranged.full.slice(0, MAX_SHOWN_QUOTES).map((p) => renderQuote(p, f.policyEvidence)), ...more, ...lists].join('\n')}`);
  } else if (!group) {
    parts.push('<h4>What the policy says</h4>\n<p class="silent">The policy says nothing on this point.</p>');
  }
  return parts.join('\n');
}

/** Client → server; a HAR row names only the server, since a HAR does not record the client. */
function renderEvidenceEndpoints(e: PacketEvidence): string {
  const client = formatEvidenceClient(e);
  return `${client !== null ? `${h(client)} →<br>` : 'to '}${h(formatEndpoint(e.server, e.serverPort))}`;
}

function renderPacketTable(evidence: readonly PacketEvidence[]): string {
  // Each evidence row is followed by a full-width row saying what the packets show, so the narrow
  // columns (frames, times, endpoints) stay readable and the long attribution chain gets the width.
  const rows = evidence
    .map(
      (e) =>
        `<tr class="row"><td>${h(e.captureFile)}</td><td>${h(formatEvidenceFrames(e) || '—')}</td><td class="nowrap">${h(formatTime(e.time).replace('T', ' '))}</td><td>${h(formatEvidenceProtocol(e))}</td><td>${renderEvidenceEndpoints(e)}</td><td>${h(e.host ?? '—')}</td><td>${h(e.organisation ?? '—')}</td><td>${
          e.asn !== null ? `AS${e.asn} ${h(e.asnOwner ?? '')}` : h(e.asnOwner ?? '—')
        }</td><td>${e.country ? h(`${nameCountry(e.country)} (${e.country})`) : '—'}</td></tr>
<tr class="detail"><td colspan="9">${h(e.detail)}</td></tr>`,
    )
    .join('\n');
  return `<div class="table-scroll"><table class="packets"><thead><tr><th>Capture file</th><th>Frames</th><th>First frame (UTC)</th><th>Protocol</th><th>Client → server</th><th>Host name</th><th>Organisation</th><th>Network owner</th><th>Country (registry)</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

function renderFilters(filters: readonly WiresharkFilter[]): string {
  if (filters.length === 0) return '';
  const items = filters
    .map(
      (f) =>
        `${filters.length > 1 ? `<dt>In ${h(f.captureFile)}:</dt>` : ''}${
          f.frames ? `<dt>Only the frames listed</dt><dd><code>${h(f.frames)}</code></dd>` : ''
        }<dt>Every packet of these conversations</dt><dd><code>${h(f.conversations)}</code></dd>`,
    )
    .join('\n');
  return `<p>To see these packets in Wireshark, open the capture file and paste a display filter:</p><dl class="filters">${items}</dl>`;
}

function renderFinding(f: ReportFinding): string {
  const packets =
    f.packetEvidence.length > 0
      ? `${renderPacketTable(f.packetEvidence)}\n${renderFilters(f.wiresharkFilters)}`
      : '<p class="silent">No packet evidence: this finding rests on the policy text alone.</p>';
  const label = f.label ? `<span class="badge">label: ${h(f.label)} — ${h(LABEL_MEANINGS[f.label] ?? '')}</span>` : '';
  return `<article class="finding sev-${h(f.severity)}" id="${h(f.id)}">
<h3><span class="fid">${h(f.id)}</span>${h(f.title)}</h3>
<p><span class="sev sev-${h(f.severity)}">${h(f.severity)}</span> ${label}<span class="badge">confidence: ${h(f.confidence)}</span><span class="badge">rule: <code>${h(f.ruleId)}</code></span></p>
<p>${h(f.explanation)}</p>
${renderPolicyEvidence(f)}
<h4>What the traffic shows</h4>
${packets}
${f.caveats.length > 0 ? `<h4>Caveats</h4>\n<ul class="caveats">${f.caveats.map((c) => `<li>${h(c)}</li>`).join('')}</ul>` : ''}
</article>`;
}

function renderSummary(report: ReportModel): string {
  const s = report.summary;
  const policy = report.inputs.policy;
  const captures = report.inputs.captures;
  const times = captures.flatMap((c) => [c.firstTime, c.lastTime]).filter((t): t is number => t !== null);
  const packets = captures.reduce((n, c) => n + c.packets, 0);
  const trafficLine =
    captures.length > 0
      ? `${plural(captures.length, 'capture file')} (${h(captures.map((c) => c.file).join(', '))}), ${plural(packets, 'packet')}${
          times.length > 0 ? `, recorded ${h(formatTime(Math.min(...times)))} to ${h(formatTime(Math.max(...times)))}` : ''
        }`
      : 'No capture imported.';
  const policyLine = policy
    ? `${policy.title ? `“${h(policy.title)}”, ` : ''}${h(policy.source)}, ${h(describeVersionDates(policy, (source) => source))}; snapshot sha256 <code>${h(policy.sha256)}</code>`
    : 'No policy stored for this app.';
  const pagesLine = (policy?.linkedPages ?? [])
    .map((page) => `<dt>Sub-processor list</dt><dd>${page.title ? `“${h(page.title)}”, ` : ''}${h(page.source)}, linked from the policy, retrieved ${h(page.fetchedAt)}; snapshot sha256 <code>${h(page.sha256)}</code></dd>`)
    .join('\n');
  const tiles = SEVERITY_ORDER.map((k) => `<div class="tile sev-${k}"><strong>${s.bySeverity[k]}</strong>${k}</div>`).join('');
  const overview =
    report.findings.length > 0
      ? `<div class="table-scroll"><table><thead><tr><th>#</th><th>Severity</th><th>Label</th><th>Finding</th></tr></thead><tbody>
${report.findings
  .map((f) => `<tr><td><a href="#${h(f.id)}">${h(f.id)}</a></td><td><span class="sev sev-${h(f.severity)}">${h(f.severity)}</span></td><td>${h(f.label ?? '—')}</td><td><a href="#${h(f.id)}">${h(f.title)}</a></td></tr>`)
  .join('\n')}
</tbody></table></div>`
      : '<p>No findings: the rules found no discrepancy between this policy and these captures.</p>';
  return `<section id="summary">
<h2>Summary</h2>
<p class="lede">claimcheck compared what the privacy policy of <strong>${h(report.app.name)}</strong> says with what the app’s captured network traffic shows, and found <strong>${plural(
    s.findings,
    'discrepancy',
    'discrepancies',
  )}</strong>.</p>
<dl class="facts">
<dt>App</dt><dd>${h(report.app.name)}${report.app.domains.length > 0 ? ` (own domains: ${h(report.app.domains.join(', '))})` : ''}</dd>
<dt>Audit</dt><dd>#${report.audit.id}, run ${h(report.audit.createdAt)} with claimcheck ${h(report.audit.toolVersion)}</dd>
<dt>Policy version</dt><dd>${policyLine}</dd>${(policy ? (policy.captureVersionNotes ?? []).map((note) => `\n<dt>Policy version caveat</dt><dd>${h(describeCaptureVersionNote(note, policy, (text) => text))}</dd>`) : []).join('')}${pagesLine === '' ? '' : `\n${pagesLine}`}
<dt>Traffic</dt><dd>${trafficLine}</dd>${captures.flatMap((c) => (c.timeJump ? [`\n<dt>Capture dates caveat</dt><dd>${h(describeTimeJumpCaveat(c.file, listTimeJumps(c), beganFirst(c, captures)))}</dd>`] : [])).join('')}${captures
  .flatMap((c) => (c.clientAddresses ? [`\n<dt>Capture devices caveat</dt><dd>${h(describeLocalClientsCaveat(c.file, c.clientAddresses))}</dd>`] : []))
  .join('')}
</dl>
<div class="tiles">${tiles}</div>
${overview}
</section>`;
}

/** The sentence behind a recipient's label, for the recipients table; the JSON report has them all, with spans. */
function renderRecipientQuote(r: RecipientSummary): string {
  const [first, ...rest] = r.policyEvidence ?? [];
  if (!first) return '—';
  return `${h(quoteInline(first.quote))} <span class="meta">(characters ${first.span.start}–${first.span.end} of snapshot <code>${h(abbreviateTableHash(first.snapshotSha256))}</code>${
    rest.length > 0 ? `; ${rest.length} more in report.json` : ''
  })</span>`;
}

function renderTraffic(report: ReportModel): string {
  const t = report.traffic;
  const recipients = report.recipients
    .map(
      (r) =>
        `<tr><td>${h(r.organisation)}</td><td>${h(r.relation)}</td><td>${h(describeRecipientLabel(r))}</td><td>${h(r.hosts.slice(0, 6).join(', ') || '—')}${
          r.hosts.length > 6 ? ` and ${r.hosts.length - 6} more` : ''
        }</td><td>${h(r.countries.map((c) => `${nameCountry(c)} (${c})`).join(', ') || '—')}</td><td class="num">${r.flows}</td><td class="num">${h(describeTrafficBytes(r.bytes, r.bytesSent))}</td><td>${h(r.confidence)}</td><td>${renderRecipientQuote(r)}</td></tr>`,
    )
    .join('\n');
  const mentions = report.countryMentions ?? [];
  // Countries a transfer statement names are their own list: the statement, not a mention elsewhere, disclosed them.
  const renderList = (heading: string, intro: string, listed: typeof mentions, describeRegion: (region: string) => string): string =>
    listed.length > 0
      ? `\n<h3>${h(heading)}</h3>\n<p>${h(intro)}</p>\n<ul>${listed
          .map(
            (m) =>
              `<li>${h(`${nameCountry(m.country)} (${m.country})${m.region !== undefined ? `, ${describeRegion(m.region)}` : ''}`)}: ${h(quoteInline(m.quote))} <span class="meta">(characters ${m.span.start}–${m.span.end} of snapshot <code>${h(m.snapshotSha256)}</code>)</span></li>`,
          )
          .join('')}</ul>`
      : '';
  const mentionList =
    renderList(TRANSFER_NAMED_HEADING, TRANSFER_NAMED_INTRO, mentions.filter((m) => m.transferStatement === true), describeNamedRegion) +
    renderList(COUNTRY_MENTIONS_HEADING, COUNTRY_MENTIONS_INTRO, mentions.filter((m) => m.transferStatement !== true), describeOriginRegion);
  const noTraffic = describeEmptyTraffic(report);
  if (noTraffic !== null) return `<section id="traffic">\n<h2>Where the traffic went</h2>\n<p>${h(noTraffic)}</p>${mentionList}\n</section>`;
  return `<section id="traffic">
<h2>Where the traffic went</h2>
<p>${plural(t.flows, 'connection')} (${h(describeTrafficBytes(t.bytes, sumRecipientBytesSent(report.recipients)))}), excluding network plumbing such as DNS and unnamed peers on the local network such as the router. “Recipient” means a host name or the company’s own network names the organisation; “hosting” means only a cloud or CDN network is known, which shows where a server runs, not who receives the data.</p>
<div class="charts">
<div>${renderOrganisationChart(t.byOrganisation)}</div>
<div>${renderCountryChart(t.byCountry)}</div>
</div>
<div class="table-scroll"><table><caption>Who received data</caption><thead><tr><th>Organisation</th><th>Relation</th><th>Label</th><th>Host names</th><th>Countries (registry)</th><th class="num">Flows</th><th class="num">Bytes</th><th>Confidence</th><th>What the policy says</th></tr></thead><tbody>
${recipients}
</tbody></table></div>${mentionList}
</section>`;
}

function renderMethodology(report: ReportModel): string {
  const labels = (Object.keys(LABEL_MEANINGS) as (keyof typeof LABEL_MEANINGS)[]).map((l) => `<li><strong>${h(l)}</strong>: ${h(LABEL_MEANINGS[l])}</li>`).join('');
  const captures = report.inputs.captures
    .map(
      (c) =>
        `<li>${h(c.file)} — ${h(c.format)}, ${h(describeCaptureUnits(c.format, c.packets))}${
          c.firstTime !== null ? `, ${h(formatTime(c.firstTime))} to ${h(formatTime(c.lastTime ?? c.firstTime))}${
                c.timeJump ? `, with ${h(describeJumpsInline(listTimeJumps(c)))}: not one session` : ''
              }` : ''
        }, sha256 <code>${h(c.sha256)}</code>${c.warnings > 0 ? `, ${plural(c.warnings, 'damaged record')} skipped` : ''}${h(describeIdentifierSearch(c.identifiersSearched))}${h(describeCappedSearch(c))}</li>`,
    )
    .join('\n');
  const policy = report.inputs.policy;
  return `<section id="methodology">
<h2>Methodology</h2>
${METHODOLOGY_PARAGRAPHS.map((p) => `<p>${h(p)}</p>`).join('\n')}
<h3>Labels</h3>
<ul>${labels}</ul>
<h3>Rules applied</h3>
<div class="table-scroll"><table><thead><tr><th>Rule</th><th>What it checks</th><th class="num">Findings</th></tr></thead><tbody>
${report.rules.map((r) => `<tr><td><code>${h(r.id)}</code></td><td>${h(r.description)}</td><td class="num">${report.summary.byRule[r.id] ?? 0}</td></tr>`).join('\n')}
</tbody></table></div>
<h3>Inputs</h3>
<ul>
<li>${
    policy
      ? `Policy: ${h(policy.source)}, ${h(describeVersionDates(policy, (source) => source))}, sha256 <code>${h(policy.sha256)}</code>; claims found: ${h(
          Object.entries(policy.claimCounts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') || 'none',
        )}`
      : 'Policy: none stored for this app'
  }</li>${(policy?.linkedPages ?? [])
    .map(
      (page) =>
        `\n<li>Sub-processor list linked from the policy: ${h(page.source)}, retrieved ${h(page.fetchedAt)}, sha256 <code>${h(page.sha256)}</code>; claims found: ${h(
          Object.entries(page.claimCounts)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ') || 'none',
        )}</li>`,
    )
    .join('')}
${captures}
</ul>
<h3>Tool and data sources</h3>
<ul>
<li>claimcheck ${h(report.audit.toolVersion)} ran the audit; claimcheck ${h(report.generator.version)} wrote this report (report schema ${h(report.schemaVersion)}) at ${h(
    report.generatedAt,
  )}.</li>
${report.dataSources.map((d) => `<li>${h(d.name)}, version ${h(d.version)}. Licence: ${h(d.licence)}. ${h(d.attribution)}</li>`).join('\n')}
${describeEntityLists(report.inputs.entityLists).map((line) => `<li>${h(line)}</li>`).join('\n')}
</ul>
${report.dataSourcesRecordedBy === 'report' ? `<p>${h(DATA_SOURCES_FROM_REPORT)}</p>\n` : ''}<h3>Settings</h3>
<ul><li>${h(describeJurisdictions(report.inputs.settings))}</li></ul>
<h3>Reproducing this audit</h3>
<p>${describeReproduction(report).map((part) => (part.command ? `<code>${h(part.text)}</code>` : h(part.text))).join('')}</p>
</section>`;
}

/** Self-contained HTML view of the report: inline CSS, no script, nothing loaded from anywhere. */
export function renderHtml(report: ReportModel): string {
  return renderHtmlPage(
    `claimcheck report: ${report.app.name}`,
    `<header>
<h1>What the privacy policy says, and what the app does: ${h(report.app.name)}</h1>
<p class="meta">claimcheck audit #${report.audit.id} of ${h(report.audit.createdAt)} · report generated ${h(report.generatedAt)} · report schema ${h(report.schemaVersion)}</p>
</header>
${renderSummary(report)}
${renderTraffic(report)}
<section id="findings">
<h2>Findings</h2>
${report.findings.length === 0 ? '<p>No findings.</p>' : report.findings.map(renderFinding).join('\n')}
</section>
${renderMethodology(report)}`,
  );
}
