import type { TextSpan } from './claim.js';
import type { CaptureTimeJump } from './describe-capture-time-gap.js';
import type { EntityListImport } from './entity.js';
import type { Confidence, ConsistencyLabel, Finding, PolicyEvidence } from './finding.js';

/** One organisation (or network) that traffic went to, as the report's recipients table lists it. */
export interface RecipientSummary {
  organisation: string;
  entityId: string | null;
  /**
   * 'first-party' (the app itself), 'recipient' (named by host or own network), 'hosting' (cloud/CDN only),
   * 'device-background' (the operating system's own connectivity checks and network time, not the app), 'peer' (call
   * media sent directly to another participant's connection, not to a server of the service), 'unknown'.
   */
  relation: 'first-party' | 'recipient' | 'hosting' | 'device-background' | 'peer' | 'unknown';
  /** Consistency label for third-party recipients; null for first party, hosting and unknown networks. */
  label: ConsistencyLabel | null;
  hosts: string[];
  countries: string[];
  flows: number;
  packets: number;
  bytes: number;
  /**
   * Bytes on the wire the device sent (client to server; for a HAR the requests), when every flow's direction split
   * is known. Absent when one is not (flows stored before claimcheck counted directions) and in older audits.
   */
  bytesSent?: number;
  /**
   * Set when every flow to this organisation is known to carry no payload from the device (only handshakes, or only
   * the server's packets): it was contacted, not shown to receive data, so it has no label and no finding.
   */
  noDataSent?: true;
  confidence: Confidence;
  /**
   * Flows and bytes per registry country of the server addresses (null: no country known), so
   * reports can chart traffic by country. Absent in audits stored before it was recorded.
   */
  countryTraffic?: { country: string | null; flows: number; bytes: number }[];
  /**
   * The policy sentences behind the label, each once: the sentences naming the recipient (consistent),
   * the generic categories covering it (vague), or the denials naming it. Absent when there are none and
   * in audits stored before it was recorded.
   */
  policyEvidence?: PolicyEvidence[];
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

/** A data set an audit relied on, named with version and licence for the methodology section. */
export interface AuditDataSource {
  name: string;
  version: string;
  licence: string;
  attribution: string;
}

/** A user-supplied entity list merged into an audit's catalog, with how many organisations it holds. */
export interface EntityListRecord extends EntityListImport {
  /** Organisations stored from this list (those it shares with another list count for both). */
  entities: number;
}

/** User configuration the rules ran with, written down so the audit can be run again the same way. */
export interface AuditSettingsRecord {
  /** Jurisdictions of interest for `processor-country`. */
  jurisdictions: {
    mode: 'undisclosed' | 'listed' | 'off';
    /** The `--jurisdictions` value that gives this setting: 'all' (the default), 'none' or the list as written ('EU,US'). */
    option: string;
    /** ISO 3166-1 alpha-2 codes checked, regions expanded; empty unless mode is 'listed'. */
    countries: string[];
  };
}

/** A capture that began when another policy version than the audited one was in force, or before any was seen. */
export type CaptureVersionNote = {
  file: string;
  sha256: string;
  /** The capture's first record, ISO 8601 UTC. */
  began: string;
} & (
  | { kind: 'other-version'; inForce: { sha256: string; source: string; /** Declared date, else read time, of the reading that put it in force. */ date: string } }
  | { kind: 'before-every-version'; /** The date of the earliest stored reading of the policy. */ earliestVersionDate: string }
);

/** The inputs of an audit, named by hash so the audit can be reproduced. */
export interface AuditInputs {
  policy: {
    source: string;
    sha256: string;
    fetchedAt: string;
    /** The date the user declared for an archived copy (`policy add --as-of`); absent for a copy read as current. */
    declaredDate?: string;
    title: string | null;
    claimCounts: Record<string, number>;
    /** Pages the policy links to whose claims the audit used (sub-processor lists); absent when none. */
    linkedPages?: LinkedPageInput[];
    /**
     * The later reading of this version that made it the one in force at the captures' start (the policy changed and
     * came back, or the same text was read again with a new date); absent when its first reading (the dates above) did.
     */
    inForceBy?: { source: string; fetchedAt: string; declaredDate?: string };
    /**
     * Captures this version was not in force for when they began (captures spanning a policy change, or older than
     * every stored version of a policy with a history); absent when none. Their evidence is still judged against it.
     */
    captureVersionNotes?: CaptureVersionNote[];
  } | null;
  captures: {
    file: string;
    sha256: string;
    format: string;
    packets: number;
    firstTime: number | null;
    lastTime: number | null;
    warnings: number;
    /**
     * Labels of the identifiers the capture was searched for ([] = none); absent when not known (audits stored before
     * it was recorded, or captures imported before claimcheck recorded searches).
     */
    identifiersSearched?: string[];
    /** Connections stored for the capture, network plumbing included; absent in audits stored before it was recorded. */
    flows?: number;
    /**
     * Identifier hits found but not stored because the capture's stored hits reached their cap (`identifierHitCap`),
     * per identifier, most first; absent when none were left out. Counts of hits in findings are then lower bounds.
     */
    identifierHitsNotStored?: { label: string; hits: number; keptPerConnection?: number }[];
    /** The cap on stored identifier hits per capture search; present with `identifierHitsNotStored`. */
    identifierHitCap?: number;
    /**
     * The widest jump of more than 30 days between record times (a wrong device clock or joined captures), so a reader
     * does not take firstTime–lastTime for one session; absent when there is none and in audits stored before it was recorded.
     */
    timeJump?: CaptureTimeJump;
    /** Every such jump in time order (a capture joining three sessions has two); absent when none and in audits before 1.10.0. */
    timeJumps?: CaptureTimeJump[];
    /**
     * The local addresses that opened connections in the capture (findLocalClientAddresses), when there are several:
     * several devices, networks or sessions. Absent when there is at most one, and in audits before 1.10.0.
     */
    clientAddresses?: string[];
  }[];
  /** Shipped data sets (IP data, entity catalog) with versions; absent in audits stored before it was recorded. */
  dataSources?: AuditDataSource[];
  /** User-imported entity lists merged into the catalog ([] when none); absent in audits stored before it was recorded. */
  entityLists?: EntityListRecord[];
  /** User configuration of the rules; absent in audits stored before it was recorded. */
  settings?: AuditSettingsRecord;
  /**
   * The app's own domains (`--app-domain`) as the audit ran, sorted ([] when none): they decide which traffic is first
   * party, so a comparison can name a change of them. Absent in audits stored before it was recorded.
   */
  appDomains?: string[];
}

/**
 * A country the traffic went to (or a recipient is headquartered in) that the policy names only outside
 * its statements about where data goes ("our partner in Singapore"): rules treat it as disclosed and make
 * no country finding for it, so the report names the sentence that did so.
 */
export interface CountryMentionRecord {
  country: string;
  snapshotSha256: string;
  source: string;
  span: TextSpan;
  quote: string;
  /**
   * Set when the sentence names not the country but a region it belongs to: one the policy sends data out of ("outside
   * of the EEA"), or, with `transferStatement`, one a transfer statement names as where data goes.
   */
  region?: string;
  /** True when the sentence is a transfer statement that names the country (or `region`) as where data is stored or sent. */
  transferStatement?: true;
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
  /** Countries treated as disclosed by a mention outside a transfer statement; absent in audits stored before it was recorded. */
  countryMentions?: CountryMentionRecord[];
}
