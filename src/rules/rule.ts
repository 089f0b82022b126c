import type { CountryMentionRecord } from '../model/audit.js';
import type { Finding, Severity } from '../model/finding.js';
import type { AuditView } from './audit-view.js';

/** What a rule is, for `docs/rules/<id>.md`, listings and the report's methodology section. */
export interface RuleMeta {
  /** Equals the rule's file name, test name and doc name. */
  id: string;
  title: string;
  /** One sentence: what the rule checks. */
  description: string;
  /** The highest severity the rule emits. */
  maxSeverity: Severity;
}

/** A rule: metadata plus a pure check over the read-only audit view. */
export interface Rule {
  meta: RuleMeta;
  check(view: AuditView): Finding[];
  /** For rules a policy's country mention can silence: the findings and the mentions that silenced one (the report lists them). */
  review?(view: AuditView): RuleOutcome;
}

/** What a rule found, and the country mentions that kept it from a finding. */
export interface RuleOutcome {
  findings: Finding[];
  suppressingMentions: CountryMentionRecord[];
}
