/**
 * Report-level sentences: the caveats printed under each finding, how to read labels, and the
 * methodology section. Finding titles and explanations live in wording.ts; these sit beside them so
 * an editor or a lawyer reviews everything the report asserts in two files. Caveats are derived from
 * the finding's evidence, so a rule added later gets the general ones without code here.
 */
import { findLocalClientAddresses } from '../capture/find-local-clients.js';
import type { AuditSettingsRecord, EntityListRecord } from '../model/audit.js';
import { MAX_STORED_IDENTIFIER_HITS } from '../model/capture-summary.js';
import type { CaptureTimeJump } from '../model/describe-capture-time-gap.js';
import type { ConsistencyLabel, Finding } from '../model/finding.js';
import type { AuditInputName, InputComparison } from './compare-audit-inputs.js';
import type { ChangedFinding } from './compare-reports.js';
import { evidenceCaptureFormat } from './format-evidence.js';

/** What each consistency label means, in one plain sentence. */
export const LABEL_MEANINGS: Record<ConsistencyLabel, string> = {
  consistent: 'the policy names the recipient or practice',
  vague: 'only a generic category in the policy ("service providers", "analytics providers") could cover it',
  omitted: 'the policy does not disclose it: it does not mention it, or only in a narrower statement (such as a denial about one kind of data) that does not cover it',
  incorrect: 'the policy says the opposite of what the traffic shows',
};

// Rule-specific limits of what the evidence can show; rules without an entry get only the general caveats.
const RULE_CAVEATS: Record<string, string> = {
  'undisclosed-recipient':
    'A recipient is the organisation that operates the server, judged by host name or by the network it sits in; the capture cannot show what that organisation does with the data.',
  'plaintext-identifier':
    'The identifier values were supplied by the person who made the capture; the report shows where those exact values appear unencrypted, not what the company uses them for.',
  'unencrypted-transport': 'The finding shows requests sent without TLS; it does not show what an eavesdropper did with them.',
  'undisclosed-country':
    'Whether the policy must name this country depends on the law that applies to the app; the finding shows only that the policy does not name it.',
  'vague-retention': 'Network traffic cannot show how long data is kept; this finding rests on the policy text.',
  'other-holder-retention': 'Network traffic cannot show how long another organisation keeps data; this finding rests on the policy text.',
  'processor-country':
    'A headquarters country comes from claimcheck\u2019s entity catalog and a server country from IP registry data; whether the policy must name the country depends on the law that applies to the app.',
  'claimed-not-observed':
    'A capture covers only the sessions recorded, and many processors are reached from the company\u2019s servers, which a capture on the device cannot see: not observing a processor is no evidence that it receives nothing.',
};

// What a 'vague' label leaves to judgment, by rule: for recipients a category, for countries "other countries".
// Rules whose 'vague' says something else (vague-retention: no period stated) get no such caveat.
const VAGUE_CAVEATS: Record<string, string> = {
  'undisclosed-recipient': 'Whether a generic category legally covers a named company is a matter of judgment; the policy does not name it.',
  'undisclosed-country':
    'Whether a statement that data may go to "other countries" discloses a particular country is a matter of judgment; the policy names none of the countries this finding is about.',
  'processor-country':
    'Whether a statement that data may go to "other countries" discloses this one is a matter of judgment; the policy does not name it.',
};

/** Plain-language caveats for one finding, from its rule and evidence; most important first. */
export function listCaveats(finding: Finding): string[] {
  const caveats: string[] = [];
  const ruleCaveat = RULE_CAVEATS[finding.ruleId];
  if (ruleCaveat) caveats.push(ruleCaveat);
  // A finding with no label compares nothing with the policy (an identifier in plaintext with no encryption claim).
  if (finding.policyEvidence.length === 0 && finding.label !== null) {
    caveats.push('This finding rests on the policy not saying something: check the whole policy, and any notice it links to, before reporting that it is silent.');
  }
  const vagueCaveat = finding.label === 'vague' ? VAGUE_CAVEATS[finding.ruleId] : undefined;
  if (vagueCaveat) caveats.push(vagueCaveat);
  const evidence = finding.packetEvidence;
  if (evidence.some((e) => e.host === null && e.organisation !== null)) {
    caveats.push(
      'Some rows have no host name: the organisation was inferred from the owner of the network the server address belongs to, which is weaker evidence than a host name.',
    );
  }
  if (evidence.some((e) => e.country !== null)) {
    caveats.push('Countries are where the IP address block is registered, not a measured location of the server.');
  }
  if (finding.confidence !== 'high') {
    caveats.push(`Confidence is ${finding.confidence}: read the evidence rows before relying on this finding.`);
  }
  caveats.push(...describeSampledRecords(evidence));
  return caveats;
}

/**
 * What the record lists of evidence rows leave out, per kind of capture among the rows. Only packet captures get a
 * Wireshark filter (buildFindingFilters), so only they are sent to it.
 */
function describeSampledRecords(evidence: Finding['packetEvidence']): string[] {
  const formats = new Set(evidence.map(evidenceCaptureFormat));
  const caveats: string[] = [];
  if (formats.has('pcap') || formats.has('pcapng')) {
    caveats.push('Frame lists are a sample; the Wireshark filter for the conversations shows every packet of these connections.');
  }
  // Counted from 1 like frames: entry 244 is `log.entries[243]` to jq or Python (trial 9).
  if (formats.has('har')) caveats.push('HAR entry lists are a sample; the HAR file holds every request made to these servers. HAR entries are numbered from 1: entry N is log.entries[N-1].');
  if (formats.has('zeek')) caveats.push('Zeek log-line lists are a sample; a conn.log line is one connection, and the logs hold every record of these endpoints.');
  return caveats;
}

/** The line under a finding's quotes when some are shown only in the JSON report. */
export function describeMoreQuotes(hidden: number): string {
  return `… and ${hidden} more ${hidden === 1 ? 'sentence' : 'sentences'} of the policy on this point, quoted in report.json.`;
}

/** The heading and introduction of the list of countries treated as disclosed by a mention. */
export const COUNTRY_MENTIONS_HEADING = 'Countries treated as disclosed by a mention';
export const COUNTRY_MENTIONS_INTRO =
  'No transfer statement of the policy names these countries as where data goes, but another sentence names them, or a region they belong to that the policy sends data out of (so the data is there before it leaves), so no country finding was made for them. Check that each sentence really says data may be there.';

export const TRANSFER_NAMED_HEADING = 'Countries a transfer statement names';
export const TRANSFER_NAMED_INTRO =
  'The traffic reached these countries, and a transfer statement of the policy names each of them, or a region it belongs to, as where data is stored or sent, so no country finding was made for them. Check that each sentence really says data goes there, not only where a transfer starts.';

/** Why a country a transfer statement does not name itself counts: "a member of the European Economic Area, which the statement names". */
export function describeNamedRegion(region: string): string {
  return `a member of ${nameRegion(region)}, which the statement names`;
}

/** Region ids of transfer claims, as a reader names them. */
const REGION_NAMES: Record<string, string> = {
  EEA: 'the European Economic Area',
  EU: 'the European Union',
  EUROPE: 'Europe',
  UK: 'the United Kingdom',
  'NORTH AMERICA': 'North America',
};

/** The note after a country listed because the policy sends data out of a region it belongs to ("outside of the EEA"). */
export function describeOriginRegion(region: string): string {
  return `a member of ${nameRegion(region)}, which the sentence sends data out of`;
}

/** A region id as a reader names it ("the European Economic Area"). */
export function nameRegion(region: string): string {
  return REGION_NAMES[region.toUpperCase()] ?? region;
}

/** Methodology paragraphs shared by the Markdown and HTML reports. */
export const METHODOLOGY_PARAGRAPHS: readonly string[] = [
  'The policy is stored as an immutable snapshot (its bytes and sha256). Its text is extracted with its headings, split into sentences, and sentences that name recipients, retention periods, encryption or data locations become typed claims. Every quote in this report is cut from that snapshot text at the character span shown, so it can be checked against the snapshot.',
  'The capture files are read packet by packet. Host names come from TLS and QUIC server names (SNI), HTTP Host headers and DNS answers in the same capture. A host name leads to its registrable domain and then to an organisation in claimcheck\u2019s entity catalog. Traffic with no host name is attributed through the owner of the network (ASN) its server address belongs to; a cloud or CDN network alone only shows where a server is hosted, not who receives the data.',
  'Countries and network owners come from pinned, offline IP data sets (listed below); nothing is looked up on the network during an audit. Labels follow flow-to-policy research (PoliCheck): consistent, vague, omitted, incorrect.',
  'What a capture cannot show: what happens to data after it reaches a server, traffic the app sends on other devices, accounts or days, and the content of encrypted connections. A finding is a discrepancy between this policy snapshot and these captures, not a finding of intent or of a breach of law.',
];

const LIST_FORMAT_NAMES: Record<string, string> = { disconnect: 'Disconnect', duckduckgo: 'DuckDuckGo Tracker Radar', webxray: 'webXray' };

/** One imported entity list, for the methodology's data sources. */
export function describeEntityList(list: EntityListRecord): string {
  const sha = list.sha256.length === 64 ? `sha256 ${list.sha256}` : `sha256 beginning ${list.sha256} (recorded in part by an older claimcheck)`;
  const imported = list.importedAt === null ? 'import date not recorded' : `imported ${list.importedAt}`;
  return `User-imported entity list ${list.file}: ${LIST_FORMAT_NAMES[list.format] ?? list.format} format (claimcheck entities import --format ${list.format}), ${sha}, ${imported}, ${list.entities} ${
    list.entities === 1 ? 'organisation' : 'organisations'
  }. Its entries fill gaps in the entity catalog and never override it; claimcheck does not ship the list, whose licence is its publisher's.`;
}

/** The imported lists an audit used, or why none are named. */
export function describeEntityLists(lists: readonly EntityListRecord[] | undefined): string[] {
  if (lists === undefined) return ['User-imported entity lists: not recorded (the audit was made by a claimcheck version that did not record them).'];
  if (lists.length === 0) return ['User-imported entity lists: none; attribution used the shipped entity catalog only.'];
  return lists.map(describeEntityList);
}

/** The `processor-country` jurisdictions an audit ran with, in one sentence. */
export function describeJurisdictions(settings: AuditSettingsRecord | undefined): string {
  if (settings === undefined) return 'Jurisdictions of interest (processor-country): not recorded (the audit was made by a claimcheck version that did not record its settings).';
  const j = settings.jurisdictions;
  switch (j.mode) {
    case 'undisclosed':
      return 'Jurisdictions of interest (processor-country): every country the policy does not name, checked only when the policy names at least one place (--jurisdictions all, the default).';
    case 'off':
      return 'Jurisdictions of interest (processor-country): none; the rule was switched off (--jurisdictions none).';
    case 'listed':
      return `Jurisdictions of interest (processor-country): ${j.option}, as given with --jurisdictions ${j.option}; the countries checked were ${j.countries.join(', ')}.`;
  }
}

/** A command-line word, quoted when the shell would split it. */
function shellWord(text: string): string {
  return /^[\w,.@:/+-]+$/.test(text) ? text : `"${text.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** Why the listed data sources may differ from those the audit used. */
export const DATA_SOURCES_FROM_REPORT =
  'The audit did not record its data sources (it was made by an older claimcheck); those listed are the ones of the claimcheck that wrote this report and may differ.';

/** A piece of the reproduction line: prose, or a command a reader copies (shown as code, never escaped for prose). */
export interface ReproductionPart {
  text: string;
  command: boolean;
}

const prose = (text: string): ReproductionPart => ({ text, command: false });
const command = (text: string): ReproductionPart => ({ text, command: true });

/**
 * The app's own domains as the audit ran with them. An audit made before they were recorded cannot say: the app's list
 * now may differ, and it decides which traffic is first party, so it is not offered as the audit's (review 8).
 */
function ownDomains(report: { app: { domains: string[] }; inputs: { appDomains?: readonly string[] } }): ReproductionPart[] {
  const recorded = report.inputs.appDomains;
  if (recorded === undefined) {
    return [
      prose(
        ` with the own domains (--app-domain) it had then, which this audit did not record${report.app.domains.length > 0 ? ` (the app's list now: ${report.app.domains.join(', ')})` : ''}`,
      ),
    ];
  }
  return recorded.length > 0 ? [prose(' with its own domains '), command(recorded.map((d) => `--app-domain ${shellWord(d)}`).join(' '))] : [];
}

/** How to run the audit again from the inputs this report names by hash, with the commands as parts of their own. */
export function describeReproduction(report: {
  app: { name: string; domains: string[] };
  audit: { toolVersion: string };
  inputs: {
    entityLists?: readonly EntityListRecord[];
    settings?: AuditSettingsRecord;
    policy?: { declaredDate?: string; linkedPages?: readonly { source: string }[] } | null;
    appDomains?: readonly string[];
  };
}): ReproductionPart[] {
  const lists = report.inputs.entityLists ?? [];
  // The stored copies, not --follow-subprocessors: a list fetched again today may have changed.
  const subprocessorLists = (report.inputs.policy?.linkedPages ?? []).map((page) => ` --subprocessor-list ${shellWord(page.source)}`).join('');
  // An archived copy is chosen by its declared date: without it, the audit may use another version.
  const declared = report.inputs.policy?.declaredDate;
  const asOf = declared !== undefined ? ` --as-of ${shellWord(declared)}` : '';
  const steps: ReproductionPart[][] = [
    [prose(`install claimcheck ${report.audit.toolVersion}`)],
    ...(lists.length > 0 ? [[prose(`import the entity ${lists.length === 1 ? 'list' : 'lists'} above (`), command('claimcheck entities import <file> --format <format>'), prose(')')]] : []),
    [
      prose('store the policy snapshot and capture files named above by sha256 for an app named '),
      command(shellWord(report.app.name)),
      ...ownDomains(report),
      prose(' ('),
      command(`claimcheck policy add${asOf}${subprocessorLists}`),
      prose(', '),
      command('claimcheck import'),
      prose(')'),
    ],
    [prose('run '), command(`claimcheck audit --app ${shellWord(report.app.name)}${report.inputs.settings ? ` --jurisdictions ${shellWord(report.inputs.settings.jurisdictions.option)}` : ''}`)],
  ];
  return [prose('To run this audit again: '), ...steps.flatMap((step, i) => (i === 0 ? step : [prose('; '), ...step])), prose('.')];
}

/** The reproduction line as plain text. */
export function describeReproductionText(parts: readonly ReproductionPart[]): string {
  return parts.map((part) => part.text).join('');
}

/** How a comparison matches findings, for both its views. */
export const COMPARISON_MATCHING =
  'Findings are matched by rule, subject and where the traffic went (organisation and country); a finding for a sub-processor list by the list. A finding matched by rule and subject only, or whose severity, label, confidence or listed companies differ, is listed as changed.';

/** One way a finding changed between two audits, in words (see compareReports for the kinds). */
export function describeFindingChange(change: ChangedFinding, kind: string): string {
  const { before, after } = change;
  switch (kind) {
    case 'severity':
      return `severity ${before.severity} → ${after.severity}`;
    case 'label':
      return `label ${before.label ?? '—'} → ${after.label ?? '—'}`;
    case 'confidence':
      return `confidence ${before.confidence} → ${after.confidence}`;
    case 'entries': {
      const added = change.entries?.added ?? [];
      const removed = change.entries?.removed ?? [];
      return [
        ...(added.length > 0 ? [`now also not seen: ${added.join('; ')}`] : []),
        ...(removed.length > 0 ? [`no longer among those not seen (seen in the traffic, named in the policy itself, or off the list): ${removed.join('; ')}`] : []),
      ].join('; ');
    }
    default:
      return 'where the traffic went';
  }
}

const INPUT_NAMES: Record<AuditInputName, string> = {
  policy: 'the policy snapshot',
  'linked-pages': 'the linked sub-processor lists',
  captures: 'the capture files',
  identifiers: 'the identifiers searched for in each capture',
  'app-domains': "the app's own domains (--app-domain)",
  'entity-lists': 'the imported entity lists',
  jurisdictions: 'the --jurisdictions setting',
  'data-sets': 'the shipped data sets',
  'claimcheck-version': 'the claimcheck version',
};

/** Inputs by name, as a comparison lists them. */
const nameInputs = (list: readonly AuditInputName[]): string => list.map((i) => INPUT_NAMES[i]).join(', ');

/** The inputs that differ (with what each side had), or null when none does. */
function describeDifferingInputs(inputs: InputComparison): string | null {
  if (inputs.differ.length === 0) return null;
  const differ = inputs.differ.map((d) => `${INPUT_NAMES[d.input]} (${d.details.join('; ')})`).join('; ');
  return `Inputs that differ, so a change in findings can come from them: ${differ}.`;
}

/** The inputs an older audit did not record, or null when both recorded every one. */
function describeUnrecordedInputs(inputs: InputComparison): string | null {
  return inputs.unrecorded.length === 0 ? null : `Not recorded by an audit made by an older claimcheck, so these may differ too: ${nameInputs(inputs.unrecorded)}.`;
}

/**
 * Where a change between two audits can come from, from what each recorded: the inputs that differ (with what
 * each side had), those that are the same, and those an older audit did not record. Never a guess: when every
 * recorded input is the same it says so.
 */
export function describeInputComparison(inputs: InputComparison): string[] {
  const differ = describeDifferingInputs(inputs);
  const unrecorded = describeUnrecordedInputs(inputs);
  return [
    ...(differ !== null ? [differ] : []),
    ...(inputs.same.length > 0 ? [`The same in both audits: ${nameInputs(inputs.same)}.`] : []),
    ...(unrecorded !== null ? [unrecorded] : []),
    ...(differ === null && unrecorded === null ? ['No recorded input differs.'] : []),
  ];
}

/** The one line of {@link describeInputComparison} that names the possible cause, for a terminal summary. */
export function describeInputCause(inputs: InputComparison): string {
  return describeDifferingInputs(inputs) ?? describeUnrecordedInputs(inputs) ?? 'No recorded input differs.';
}

/**
 * What a capture was searched for, as a clause after its description: without it a reader cannot tell "no
 * identifier travelled in plaintext" from "no identifier was looked for". Empty for audits that did not record it.
 */
/**
 * One line saying that identifier hits were capped, which identifiers went past the cap and by how much, so that
 * a count in a finding is read as a lower bound; null when nothing was left out.
 */
export function describeHitsNotStored(counts: readonly { label: string; hits: number; keptPerConnection?: number }[] | undefined, cap = MAX_STORED_IDENTIFIER_HITS): string | null {
  if (counts === undefined || counts.length === 0) return null;
  const total = counts.reduce((sum, c) => sum + c.hits, 0);
  const listed = counts.map((c) => `${c.label} ${c.hits.toLocaleString('en-US')}`).join(', ');
  const capped = `identifier hits were capped at ${cap.toLocaleString('en-US')} stored`;
  const counted = `${total.toLocaleString('en-US')} more were found and only counted (${listed}), so hit counts in findings are lower bounds`;
  const kept = counts.every((c) => c.keptPerConnection !== undefined) ? Math.min(...counts.map((c) => c.keptPerConnection ?? 0)) : null;
  if (kept === null) {
    // Imported before the first hits per connection were kept: a destination reached only past the cap has no finding.
    return `${capped}; ${counted}, and a destination an identifier reached only after the cap may be missing from the findings`;
  }
  return `${capped}, and past that the first ${kept} of each identifier on each connection, so every destination keeps located hits; ${counted}`;
}

/** The cap note of a capture as the report's input list gives it: '' when nothing was left out. */
export function describeCappedSearch(capture: { identifierHitsNotStored?: { label: string; hits: number; keptPerConnection?: number }[]; identifierHitCap?: number }): string {
  const note = describeHitsNotStored(capture.identifierHitsNotStored, capture.identifierHitCap);
  return note === null ? '' : `; ${note}`;
}

export function describeIdentifierSearch(labels: readonly string[] | undefined): string {
  if (labels === undefined) return '';
  if (labels.length === 0) return '; searched for no user identifiers (plaintext identifiers are reported only for values given with --identifier or --identifiers)';
  return `; searched for identifiers: ${labels.join(', ')}`;
}

/** Every jump of a capture as an audit recorded it: the list (from 1.10.0), else the widest, the only one older audits kept. */
export function listTimeJumps(capture: { timeJump?: CaptureTimeJump; timeJumps?: CaptureTimeJump[] }): CaptureTimeJump[] {
  return capture.timeJumps ?? (capture.timeJump ? [capture.timeJump] : []);
}

/** "a 1,410-day jump from 2018-05-24 to 2022-04-03", or "jumps of 1,410 days (2018-05-24 to 2022-04-03) and 768 days (…)", for a capture line. */
export function describeJumpsInline(jumps: readonly CaptureTimeJump[]): string {
  const [only] = jumps;
  if (jumps.length === 1 && only) return `a ${only.days.toLocaleString('en-US')}-day jump from ${only.from} to ${only.to}`;
  const spans = jumps.map((j) => `${j.days.toLocaleString('en-US')} days (${j.from} to ${j.to})`);
  return `jumps of ${spans.slice(0, -1).join(', ')} and ${spans.at(-1) ?? ''}`;
}

/**
 * A capture whose record times jump by more than 30 days, as reports and `audit` say it: the span shown is not one
 * session; when the capture began first its start chose the policy version, so a wrong clock can mean the wrong version.
 */
export function describeTimeJumpCaveat(file: string, jumps: readonly CaptureTimeJump[], choseVersion: boolean): string {
  const version = choseVersion ? '; its start, the earliest of the captures, chose the policy version audited, so check it' : '';
  const spans = jumps.map((j) => `${j.days.toLocaleString('en-US')} days, from ${j.from} to ${j.to}`);
  const which = spans.length === 1 ? `jump ${spans[0] ?? ''}` : `jump ${spans.length} times (${spans.join('; ')})`;
  return `${file}: record times ${which} with nothing between (a wrong device clock or joined captures), so its dates are not one session${version}.`;
}

/** The import's warning for a capture in which several local addresses opened connections, or null when at most one did. */
export function describeLocalClients(file: string, flows: Parameters<typeof findLocalClientAddresses>[0]): string | null {
  const addresses = findLocalClientAddresses(flows);
  return addresses.length > 1 ? describeLocalClientsCaveat(file, addresses) : null;
}

/**
 * A capture in which several local addresses opened connections, as the import, `audit` and reports say it: several
 * devices, networks or sessions (or one device that changed address), all of whose traffic is audited as the app's.
 */
export function describeLocalClientsCaveat(file: string, addresses: readonly string[]): string {
  const shown = addresses.slice(0, 5).join(', ') + (addresses.length > 5 ? ` and ${addresses.length - 5} more` : '');
  return `${file}: connections were opened from ${addresses.length} local addresses (${shown}): several devices, networks or sessions, or one device that changed address; all their traffic is audited as the app's, so check that each is the device under test.`;
}

/**
 * The capture dates caveats of the two audits a comparison lists, as the audit reports give them: one per caveat,
 * labelled with the audit that gives it, or once for both when both give it word for word.
 */
export function describeComparedTimeJumps(
  before: { captures: readonly { file: string; firstTime: number | null; timeJump?: CaptureTimeJump }[] },
  after: { captures: readonly { file: string; firstTime: number | null; timeJump?: CaptureTimeJump }[] },
): { label: string; text: string }[] {
  const caveats = (side: typeof before): string[] =>
    side.captures.flatMap((c) => (c.timeJump ? [describeTimeJumpCaveat(c.file, listTimeJumps(c), beganFirst(c, side.captures))] : []));
  const was = caveats(before);
  const now = caveats(after);
  return [
    ...was.map((text) => ({ label: now.includes(text) ? 'Capture dates caveat (both audits)' : 'Capture dates caveat (before)', text })),
    ...now.filter((text) => !was.includes(text)).map((text) => ({ label: 'Capture dates caveat (after)', text })),
  ];
}

/** Whether a capture began first among an audit's captures, so its start chose the policy version audited. */
export function beganFirst(capture: { firstTime: number | null }, captures: readonly { firstTime: number | null }[]): boolean {
  const starts = captures.map((c) => c.firstTime).filter((t): t is number => t !== null);
  return capture.firstTime !== null && starts.length > 0 && capture.firstTime === Math.min(...starts);
}
