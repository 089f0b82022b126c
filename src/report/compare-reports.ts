import type { CaptureTimeJump } from '../model/describe-capture-time-gap.js';
import { compareAuditInputs, type InputComparison } from './compare-audit-inputs.js';
import type { ReportFinding, ReportModel } from './report-model.js';

/** Version of the comparison JSON (docs/report-schema.md, "Comparison"); same rules as the report schema. */
export const COMPARISON_SCHEMA_VERSION = '1.4.0';

/** One audit as a side of a comparison: when it ran and on which inputs. */
export interface ComparedAudit {
  id: number;
  createdAt: string;
  toolVersion: string;
  policySha256: string | null;
  policySource: string | null;
  policyFetchedAt: string | null;
  /** The date the user declared for the policy, an archived copy (`policy add --as-of`); absent otherwise. */
  policyDeclaredDate?: string;
  /**
   * Capture files, with the identifier labels each was searched for (absent when the audit did not record them), the
   * time of its first record, and the jump in its record times that makes its dates not one session (absent when none
   * or not recorded), so a comparison repeats the caveat the audit's report gives.
   */
  captures: { file: string; sha256: string; identifiersSearched?: string[]; firstTime: number | null; timeJump?: CaptureTimeJump }[];
  /** Linked pages (sub-processor lists) whose claims the audit used; [] when none. */
  linkedPages: { file: string; sha256: string }[];
  findings: number;
  /** Imported entity lists the audit merged (file, sha256); null when the audit did not record them. */
  entityLists: { file: string; sha256: string }[] | null;
  /** The `--jurisdictions` value the audit ran with; null when not recorded. */
  jurisdictions: string | null;
  /** Shipped data sets as "name version"; null when the audit (made by an older claimcheck) did not record them. */
  dataSources: string[] | null;
  /** The app's `--app-domain` list the audit ran with; null when the audit (made by an older claimcheck) did not record it. */
  appDomains: string[] | null;
}

/** A finding present in both audits whose severity, label or confidence differs. */
export interface ChangedFinding {
  before: ReportFinding;
  after: ReportFinding;
  /** Which of severity, label, confidence, destinations, entries differ. */
  changes: string[];
  /** For a grouped finding whose members differ: organisations only after has, and only before had. */
  entries?: { added: string[]; removed: string[] };
}

/** Findings of two audits of one app, matched: what an app update (or a policy edit) changed. */
export interface ComparisonModel {
  schemaVersion: string;
  generator: { name: 'claimcheck'; version: string };
  generatedAt: string;
  app: { name: string };
  before: ComparedAudit;
  after: ComparedAudit;
  /** True when both audits read the same policy snapshot. */
  samePolicy: boolean;
  /** True when both audits read exactly the same capture files. */
  sameCaptures: boolean;
  /**
   * True when both audits merged the same entity lists and ran with the same `--jurisdictions`;
   * null when either audit (made by an older claimcheck) did not record them.
   */
  sameConfiguration: boolean | null;
  /** Every recorded input compared: which differ (and how), which are the same, which an audit did not record. */
  inputs: InputComparison;
  summary: { added: number; removed: number; changed: number; unchanged: number };
  added: ReportFinding[];
  removed: ReportFinding[];
  changed: ChangedFinding[];
  unchanged: ReportFinding[];
}

function describeAudit(report: ReportModel): ComparedAudit {
  const policy = report.inputs.policy;
  return {
    id: report.audit.id,
    createdAt: report.audit.createdAt,
    toolVersion: report.audit.toolVersion,
    policySha256: policy?.sha256 ?? null,
    policySource: policy?.source ?? null,
    policyFetchedAt: policy?.fetchedAt ?? null,
    ...(policy?.declaredDate !== undefined ? { policyDeclaredDate: policy.declaredDate } : {}),
    captures: report.inputs.captures.map((c) => ({
      file: c.file,
      sha256: c.sha256,
      ...(c.identifiersSearched ? { identifiersSearched: [...c.identifiersSearched] } : {}),
      firstTime: c.firstTime,
      ...(c.timeJump ? { timeJump: { ...c.timeJump } } : {}),
    })),
    linkedPages: (policy?.linkedPages ?? []).map((p) => ({ file: p.source, sha256: p.sha256 })),
    findings: report.findings.length,
    entityLists: report.inputs.entityLists?.map((l) => ({ file: l.file, sha256: l.sha256 })) ?? null,
    jurisdictions: report.inputs.settings?.jurisdictions.option ?? null,
    dataSources: report.dataSourcesRecordedBy === 'audit' ? report.dataSources.map((d) => `${d.name} ${d.version}`) : null,
    appDomains: report.inputs.appDomains ? [...report.inputs.appDomains] : null,
  };
}

/** Same lists (by content) and settings; null when either side did not record them. */
function compareConfiguration(a: ComparedAudit, b: ComparedAudit): boolean | null {
  if (a.entityLists === null || b.entityLists === null || a.jurisdictions === null || b.jurisdictions === null) return null;
  const lists = (x: ComparedAudit): string => (x.entityLists ?? []).map((l) => l.sha256).sort().join(',');
  return lists(a) === lists(b) && a.jurisdictions === b.jurisdictions;
}

/** Members of two versions of a grouped finding, by organisation: who joined the group and who left it. */
function compareEntries(before: ReportFinding, after: ReportFinding): { added: string[]; removed: string[] } | null {
  const subjects = (f: ReportFinding): Set<string> => new Set((f.group?.entries ?? []).map((e) => e.subject));
  const was = subjects(before);
  const now = subjects(after);
  const added = [...now].filter((s) => !was.has(s));
  const removed = [...was].filter((s) => !now.has(s));
  return added.length > 0 || removed.length > 0 ? { added, removed } : null;
}

function describeChange(before: ReportFinding, after: ReportFinding): ChangedFinding | null {
  const changes: string[] = [];
  if (before.severity !== after.severity) changes.push('severity');
  if (before.label !== after.label) changes.push('label');
  if (before.confidence !== after.confidence) changes.push('confidence');
  if (before.matchKey !== after.matchKey) changes.push('destinations');
  const entries = compareEntries(before, after);
  if (entries) changes.push('entries');
  if (changes.length === 0) return null;
  return { before, after, changes, ...(entries ? { entries } : {}) };
}

/**
 * Matches the findings of two reports of the same app. First by match key (rule, subject and where
 * the traffic went); then what is left by rule and subject alone, so a finding whose traffic moved to
 * another country shows as changed rather than as one removed and one added. A grouped finding (one
 * per sub-processor list) matches by its list and is changed when its members differ. Order follows
 * the reports (severity first).
 */
export function compareReports(before: ReportModel, after: ReportModel, context: { generatedAt: Date; toolVersion: string }): ComparisonModel {
  const unmatched = [...before.findings];
  const pairs: { before: ReportFinding; after: ReportFinding }[] = [];
  const leftover: ReportFinding[] = [];
  for (const finding of after.findings) {
    const index = unmatched.findIndex((b) => b.matchKey === finding.matchKey);
    if (index >= 0) pairs.push({ before: unmatched.splice(index, 1)[0] as ReportFinding, after: finding });
    else leftover.push(finding);
  }
  const added: ReportFinding[] = [];
  for (const finding of leftover) {
    const index = unmatched.findIndex((b) => b.ruleId === finding.ruleId && b.subject === finding.subject);
    if (index >= 0) pairs.push({ before: unmatched.splice(index, 1)[0] as ReportFinding, after: finding });
    else added.push(finding);
  }
  const order = new Map(after.findings.map((f, i) => [f, i]));
  pairs.sort((a, b) => (order.get(a.after) ?? 0) - (order.get(b.after) ?? 0));
  const changed: ChangedFinding[] = [];
  const unchanged: ReportFinding[] = [];
  for (const pair of pairs) {
    const change = describeChange(pair.before, pair.after);
    if (change) changed.push(change);
    else unchanged.push(pair.after);
  }
  const beforeAudit = describeAudit(before);
  const afterAudit = describeAudit(after);
  const captureSet = (a: ComparedAudit): string => a.captures.map((c) => c.sha256).sort().join(',');
  return {
    schemaVersion: COMPARISON_SCHEMA_VERSION,
    generator: { name: 'claimcheck', version: context.toolVersion },
    generatedAt: context.generatedAt.toISOString(),
    app: { name: after.app.name },
    before: beforeAudit,
    after: afterAudit,
    samePolicy: beforeAudit.policySha256 === afterAudit.policySha256,
    sameCaptures: captureSet(beforeAudit) === captureSet(afterAudit),
    sameConfiguration: compareConfiguration(beforeAudit, afterAudit),
    inputs: compareAuditInputs(beforeAudit, afterAudit),
    summary: { added: added.length, removed: unmatched.length, changed: changed.length, unchanged: unchanged.length },
    added,
    removed: unmatched,
    changed,
    unchanged,
  };
}
