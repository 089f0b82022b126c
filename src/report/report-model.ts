import type { AuditDataSource, AuditInputs, AuditResult, CountryMentionRecord, RecipientSummary } from '../model/audit.js';
import type { ConsistencyLabel, Finding, PacketEvidence, PolicyEvidence, Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import type { RuleMeta } from '../rules/rule.js';
import { formatPolicySource } from './display-source.js';
import { buildFindingFilters, type WiresharkFilter } from './format-evidence.js';
import { findQuoteContext, type PolicyText } from './quote-context.js';
import { listCaveats } from './report-wording.js';

/**
 * Version of the JSON report schema (docs/report.schema.json, docs/report-schema.md). Minor versions
 * only add fields; a major version changes or removes one.
 */
export const REPORT_SCHEMA_VERSION = '1.13.0';

/** A data set the audit relied on, named with version and licence for the methodology section. */
export type DataSource = AuditDataSource;

/** A finding as reported: the stored finding plus what a reader needs to check it. */
export interface ReportFinding extends Finding {
  /** Position in this report ("F1", "F2", …), for cross-references; not stable across audits. */
  id: string;
  /** Identity across audits of one app (rule, subject, destinations), used to compare audits. */
  matchKey: string;
  /** Wireshark display filters showing the evidence packets, one per capture file. */
  wiresharkFilters: WiresharkFilter[];
  /** Plain-language limits of the evidence. */
  caveats: string[];
}

/** Traffic to one organisation (or network), for the chart by recipient. */
export interface OrganisationTraffic {
  organisation: string;
  relation: RecipientSummary['relation'];
  label: ConsistencyLabel | null;
  flows: number;
  bytes: number;
}

/** Traffic to servers registered in one country (null: unknown), for the chart by country. */
export interface CountryTraffic {
  country: string | null;
  flows: number;
  bytes: number;
}

/** The deterministic report model; Markdown, HTML and JSON are views of it. */
export interface ReportModel {
  schemaVersion: string;
  generator: { name: 'claimcheck'; version: string };
  generatedAt: string;
  app: { name: string; domains: string[] };
  audit: { id: number; createdAt: string; toolVersion: string };
  /** What the audit read and ran with; the shipped data sets are in `dataSources`, not here. */
  inputs: Omit<AuditInputs, 'dataSources'>;
  summary: {
    findings: number;
    bySeverity: Record<Severity, number>;
    byRule: Record<string, number>;
    byLabel: Record<ConsistencyLabel | 'none', number>;
  };
  traffic: {
    flows: number;
    bytes: number;
    byOrganisation: OrganisationTraffic[];
    byCountry: CountryTraffic[];
  };
  recipients: RecipientSummary[];
  findings: ReportFinding[];
  /**
   * Countries of the traffic (or of recipients' headquarters) that rules treated as disclosed because the
   * policy names them outside a transfer statement, with the sentence; absent for audits that did not record it.
   */
  countryMentions?: CountryMentionRecord[];
  rules: RuleMeta[];
  dataSources: DataSource[];
  /**
   * 'audit' when `dataSources` are those the audit recorded; 'report' when the audit (made by an older
   * claimcheck) recorded none and they are those of the claimcheck that wrote the report.
   */
  dataSourcesRecordedBy: 'audit' | 'report';
}

/** What a report needs besides the audit; injected so the same inputs always give the same bytes. */
export interface ReportContext {
  generatedAt: Date;
  toolVersion: string;
  rules: readonly RuleMeta[];
  dataSources: readonly DataSource[];
  /** Snapshot texts by sha256, to show each quote in its section; quotes without one are shown alone. */
  policyTexts?: readonly PolicyText[];
  /** Directory local policy paths are shown relative to (see formatPolicySource). */
  workingDirectory?: string;
}

const LABELS: readonly (ConsistencyLabel | 'none')[] = ['incorrect', 'omitted', 'vague', 'consistent', 'none'];

/** How many policy quotes Markdown and HTML show per finding; the JSON report keeps them all. */
export const MAX_SHOWN_QUOTES = 3;

/** Where a finding's traffic went, as "organisation@country" names, sorted and unique. */
function describeDestinations(evidence: readonly PacketEvidence[]): string[] {
  return [...new Set(evidence.map((e) => `${e.organisation ?? e.host ?? e.server}@${e.country ?? '?'}`))].sort();
}

/**
 * Identity of a finding across audits. Rule and subject alone are not unique (one plaintext finding
 * per destination), so the destinations join them; a comparison falls back to rule and subject.
 */
export function buildMatchKey(finding: Finding): string {
  return [finding.ruleId, finding.subject, describeDestinations(finding.packetEvidence).join(',')].join('|');
}

function addContext(evidence: PolicyEvidence, texts: ReadonlyMap<string, PolicyText>, showSource: (source: string) => string): PolicyEvidence {
  const policy = texts.get(evidence.snapshotSha256);
  const context = policy ? findQuoteContext(policy, evidence.span, evidence.quote) : null;
  const shown: PolicyEvidence = { ...evidence, source: showSource(evidence.source) };
  if (evidence.document) {
    shown.document = { ...evidence.document, linkedFrom: { ...evidence.document.linkedFrom, source: showSource(evidence.document.linkedFrom.source) } };
  }
  if (context) shown.context = context;
  else delete shown.context;
  return shown;
}

function showPolicySources(policy: NonNullable<AuditInputs['policy']>, showSource: (source: string) => string): NonNullable<AuditInputs['policy']> {
  const shown = { ...policy, source: showSource(policy.source) };
  if (policy.inForceBy) shown.inForceBy = { ...policy.inForceBy, source: showSource(policy.inForceBy.source) };
  if (policy.captureVersionNotes) {
    shown.captureVersionNotes = policy.captureVersionNotes.map((note) => (note.kind === 'other-version' ? { ...note, inForce: { ...note.inForce, source: showSource(note.inForce.source) } } : note));
  }
  if (policy.linkedPages) shown.linkedPages = policy.linkedPages.map((page) => ({ ...page, source: showSource(page.source) }));
  return shown;
}

function summariseTraffic(recipients: readonly RecipientSummary[]): ReportModel['traffic'] {
  const byCountry = new Map<string | null, CountryTraffic>();
  const add = (country: string | null, flows: number, bytes: number): void => {
    const entry = byCountry.get(country) ?? { country, flows: 0, bytes: 0 };
    entry.flows += flows;
    entry.bytes += bytes;
    byCountry.set(country, entry);
  };
  for (const r of recipients) {
    if (r.countryTraffic) for (const t of r.countryTraffic) add(t.country, t.flows, t.bytes);
    // Audits stored before per-country totals existed: only a single-country recipient can be placed.
    else add(r.countries.length === 1 ? (r.countries[0] ?? null) : null, r.flows, r.bytes);
  }
  const bySize = <T extends { bytes: number; flows: number }>(a: T, b: T): number => b.bytes - a.bytes || b.flows - a.flows;
  return {
    flows: recipients.reduce((n, r) => n + r.flows, 0),
    bytes: recipients.reduce((n, r) => n + r.bytes, 0),
    byOrganisation: recipients
      .map((r) => ({ organisation: r.organisation, relation: r.relation, label: r.label, flows: r.flows, bytes: r.bytes }))
      .sort((a, b) => bySize(a, b) || a.organisation.localeCompare(b.organisation)),
    byCountry: [...byCountry.values()].sort((a, b) => bySize(a, b) || (a.country ?? '~').localeCompare(b.country ?? '~')),
  };
}

/** Builds the report model from a stored audit; clock, version and paths are injected for reproducible output. */
export function buildReportModel(audit: AuditResult, context: ReportContext): ReportModel {
  const showSource = (source: string): string => (context.workingDirectory === undefined ? source : formatPolicySource(source, context.workingDirectory));
  const texts = new Map((context.policyTexts ?? []).map((p) => [p.sha256, p]));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = Object.fromEntries(context.rules.map((r) => [r.id, 0]));
  const byLabel = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<ConsistencyLabel | 'none', number>;
  for (const finding of audit.findings) {
    bySeverity[finding.severity] += 1;
    byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
    byLabel[finding.label ?? 'none'] += 1;
  }
  const findings: ReportFinding[] = audit.findings.map((finding, index) => ({
    ...finding,
    id: `F${index + 1}`,
    matchKey: buildMatchKey(finding),
    policyEvidence: finding.policyEvidence.map((p) => addContext(p, texts, showSource)),
    ...(finding.group ? { group: { ...finding.group, source: showSource(finding.group.source) } } : {}),
    wiresharkFilters: buildFindingFilters(finding.packetEvidence),
    caveats: listCaveats(finding),
  }));
  const { policy, captures, dataSources, entityLists, settings, appDomains } = audit.inputs;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'claimcheck', version: context.toolVersion },
    generatedAt: context.generatedAt.toISOString(),
    app: { name: audit.appName, domains: audit.appDomains },
    audit: { id: audit.auditId, createdAt: audit.createdAt, toolVersion: audit.toolVersion },
    inputs: {
      policy: policy ? showPolicySources(policy, showSource) : null,
      captures,
      ...(entityLists ? { entityLists } : {}),
      ...(settings ? { settings } : {}),
      ...(appDomains ? { appDomains } : {}),
    },
    summary: { findings: audit.findings.length, bySeverity, byRule, byLabel },
    traffic: summariseTraffic(audit.recipients),
    recipients: audit.recipients.map((r) => (r.policyEvidence ? { ...r, policyEvidence: r.policyEvidence.map((p) => ({ ...p, source: showSource(p.source) })) } : r)),
    findings,
    ...(audit.countryMentions ? { countryMentions: audit.countryMentions.map((m) => ({ ...m, source: showSource(m.source) })) } : {}),
    rules: [...context.rules],
    dataSources: [...(dataSources ?? context.dataSources)],
    dataSourcesRecordedBy: dataSources ? 'audit' : 'report',
  };
}
