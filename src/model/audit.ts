import type { Confidence, ConsistencyLabel, Finding } from './finding.js';

/** One organisation (or network) that traffic went to, as the report's recipients table lists it. */
export interface RecipientSummary {
  organisation: string;
  entityId: string | null;
  /** 'first-party' (the app itself), 'recipient' (named by host or own network), 'hosting' (cloud/CDN only), 'unknown'. */
  relation: 'first-party' | 'recipient' | 'hosting' | 'unknown';
  /** Consistency label for third-party recipients; null for first party, hosting and unknown networks. */
  label: ConsistencyLabel | null;
  hosts: string[];
  countries: string[];
  flows: number;
  packets: number;
  bytes: number;
  confidence: Confidence;
  /**
   * Flows and bytes per registry country of the server addresses (null: no country known), so
   * reports can chart traffic by country. Absent in audits stored before it was recorded.
   */
  countryTraffic?: { country: string | null; flows: number; bytes: number }[];
}

/** A linked page an audit read claims from, named by hash like the policy. */
export interface LinkedPageInput {
  kind: 'subprocessor-list';
  source: string;
  sha256: string;
  fetchedAt: string;
  title: string | null;
  claimCounts: Record<string, number>;
}

/** The inputs of an audit, named by hash so the audit can be reproduced. */
export interface AuditInputs {
  policy: {
    source: string;
    sha256: string;
    fetchedAt: string;
    title: string | null;
    claimCounts: Record<string, number>;
    /** Pages the policy links to whose claims the audit used (sub-processor lists); absent when none. */
    linkedPages?: LinkedPageInput[];
  } | null;
  captures: {
    file: string;
    sha256: string;
    format: string;
    packets: number;
    firstTime: number | null;
    lastTime: number | null;
    warnings: number;
  }[];
}

/** A finished audit: what was checked, who received data, and the findings. */
export interface AuditResult {
  auditId: number;
  appName: string;
  appDomains: string[];
  createdAt: string;
  toolVersion: string;
  inputs: AuditInputs;
  recipients: RecipientSummary[];
  findings: Finding[];
}
