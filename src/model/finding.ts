import type { DirectionTotals } from './capture-summary.js';
import type { ClaimKind, TextSpan } from './claim.js';
import type { CaptureFormat, TransportProtocol } from './observation.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** PoliCheck-style consistency labels researchers already know. */
export type ConsistencyLabel = 'consistent' | 'vague' | 'omitted' | 'incorrect';

export type Confidence = 'high' | 'medium' | 'low';

/** A policy sentence a finding rests on, with its provenance. */
export interface PolicyEvidence {
  claimId: number;
  claimKind: ClaimKind;
  snapshotSha256: string;
  source: string;
  sectionPath: string[];
  span: TextSpan;
  quote: string;
  /**
   * Set when the quote comes from a page the policy links to (a sub-processor list) rather than from
   * the policy itself: `source` and `snapshotSha256` then name that page, and this names the policy.
   */
  document?: LinkedDocument;
  /**
   * Set when the quote names the finding's subject among many that do not, such as the recipient's
   * own row of a linked sub-processor list quoted with the list's other rows: views show it in full.
   */
  namesSubject?: true;
  /**
   * Set on a retention quote when the data is kept by another organisation, not by the app ("the third party
   * service may store a copy"): who keeps it, as written ('named' when the entity catalog knows the organisation).
   */
  retentionHolder?: { kind: 'named' | 'unnamed'; name: string; entityId?: string };
  /**
   * Set on a processor quote that names its organisation only by a link ("user analytics" linking to amplitude.com):
   * the link's text and target, since the quote alone does not show the name.
   */
  link?: { text: string; href: string };
  /**
   * The quote's surroundings in its section, added when a report is built from the snapshot text
   * (absent in stored findings and when the text is unavailable or no longer matches the span).
   */
  context?: QuoteContext;
}

/** A page a policy links to, as the source of a quote. */
export interface LinkedDocument {
  kind: 'subprocessor-list';
  /** The policy snapshot that links to the page. */
  linkedFrom: { source: string; sha256: string };
}

/** Text around a quoted span, cut from the same snapshot text so an editor can read the quote in place. */
export interface QuoteContext {
  /** Exactly `text.slice(span.start, quote start)`: the section text shown before the quote. */
  before: string;
  /** Exactly `text.slice(quote end, span.end)`: the section text shown after the quote. */
  after: string;
  /** Span of before + quote + after in the extracted text. */
  span: TextSpan;
  /** Span of the whole section body; when wider than `span`, the shown context was shortened. */
  sectionSpan: TextSpan;
}

/** Packets a finding rests on, with their provenance. */
export interface PacketEvidence {
  captureFile: string;
  captureSha256: string;
  /** Format of the capture: says whether `frames` are frames, HAR entries or Zeek log lines (absent in older audits). */
  captureFormat?: CaptureFormat;
  /**
   * For a HAR row, the URL scheme of its requests (a HAR records it, not the transport under it): `http` when
   * they were sent in plain HTTP. Absent for other captures and in older audits.
   */
  scheme?: 'http' | 'https';
  /** Frame numbers (1-based, as Wireshark shows them); a bounded sample. */
  frames: number[];
  /** Time of the first listed frame, seconds since the epoch. */
  time: number;
  protocol: TransportProtocol;
  client: string;
  clientPort: number;
  server: string;
  serverPort: number;
  host: string | null;
  organisation: string | null;
  asn: number | null;
  asnOwner: string | null;
  country: string | null;
  /** What these packets show, e.g. 'user_id "u-48151623" raw in UDP payload at offset 21'. */
  detail: string;
  /**
   * For a row that stands for a whole flow: what the client sent to the server and what came back (packets, bytes on
   * the wire, payload bytes). Absent when the flow's split is not known (flows stored before claimcheck counted
   * directions), for rows about single packets, and in older audits.
   */
  clientToServer?: DirectionTotals;
  serverToClient?: DirectionTotals;
}

/** One discrepancy between what the policy says and what the traffic does. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  label: ConsistencyLabel | null;
  confidence: Confidence;
  /** What the finding is about: an organisation, a country, an identifier label, a data kind. */
  subject: string;
  title: string;
  explanation: string;
  policyEvidence: PolicyEvidence[];
  packetEvidence: PacketEvidence[];
  /**
   * Set when the finding folds several of a kind into one, e.g. every company on a linked
   * sub-processor list that the traffic never reached (docs/rules/claimed-not-observed.md).
   */
  group?: FindingGroup;
}

/** The members of a grouped finding and the document they share. */
export interface FindingGroup {
  kind: 'subprocessor-list';
  /** The list the entries are on: its source and snapshot sha256. */
  source: string;
  sha256: string;
  /** How many organisations the list names; the entries are those of them the finding is about. */
  listed: number;
  entries: FindingEntry[];
}

/** One member of a grouped finding, with its own confidence and the quotes that name it. */
export interface FindingEntry {
  /** The organisation: its entity catalog name, or the name as written. */
  subject: string;
  /** The name as the document writes it. */
  nameInPolicy: string;
  confidence: Confidence;
  /** The `claimId`s of the finding's `policyEvidence` that name this entry. */
  claimIds: number[];
}

/** Numeric rank for comparisons such as `--fail-on`. */
export function rankSeverity(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Parses a severity name or returns null when it is not one. */
export function parseSeverity(text: string): Severity | null {
  const found = SEVERITIES.find((s) => s === text.toLowerCase());
  return found ?? null;
}
