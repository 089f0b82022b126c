import type { Finding, FindingEntry, LinkedDocument, PolicyEvidence } from '../model/finding.js';

/**
 * More quotes than this from one linked list are shown one line each (collapsible in HTML) rather
 * than as quotes in context: a 60-row sub-processor list must not bury the finding. JSON keeps all.
 */
export const MAX_FULL_QUOTES_PER_LIST = 3;

/**
 * True when a quote is a row of a linked list quoted beside the row naming the finding's subject
 * (`namesSubject`, set by processor-country): it shows what else the list says (other companies'
 * locations), so views caption it as context, never as the entry the finding rests on.
 */
export function isListContext(p: PolicyEvidence, quotes: readonly PolicyEvidence[]): boolean {
  return p.document !== undefined && p.namesSubject !== true && quotes.some((q) => q.namesSubject === true);
}

/** Quotes of one linked list, shown compactly with the list's provenance stated once. */
export interface CompactQuotes {
  source: string;
  sha256: string;
  document: LinkedDocument;
  quotes: PolicyEvidence[];
}

/** A member of a grouped finding with the quotes that name it. */
export interface QuotedEntry {
  entry: FindingEntry;
  quotes: PolicyEvidence[];
}

/** How the Markdown and HTML views lay out a finding's policy evidence. */
export interface ArrangedPolicyEvidence {
  /** Members of a grouped finding, in the finding's order; empty for other findings. */
  entries: QuotedEntry[];
  /** Quotes shown in context, one after another (the policy's own, and lists with few quotes). */
  full: PolicyEvidence[];
  /** Lists with many quotes, one block each, in order of their first quote. */
  compact: CompactQuotes[];
}

/**
 * Sorts a finding's quotes into the members of its group (each quote under the entry naming it),
 * quotes shown in full, and blocks of many quotes from one linked list.
 */
export function arrangePolicyEvidence(finding: Pick<Finding, 'policyEvidence' | 'group'>): ArrangedPolicyEvidence {
  const byClaim = new Map(finding.policyEvidence.map((p) => [p.claimId, p]));
  const entries = (finding.group?.entries ?? []).map((entry) => ({
    entry,
    quotes: entry.claimIds.flatMap((id) => {
      const quote = byClaim.get(id);
      return quote ? [quote] : [];
    }),
  }));
  const inEntries = new Set(entries.flatMap((e) => e.entry.claimIds));
  const rest = finding.policyEvidence.filter((p) => !inEntries.has(p.claimId));
  const lists = new Map<string, CompactQuotes>();
  for (const p of rest) {
    // A quote naming the finding's subject is never folded away among the list's other rows.
    if (!p.document || p.namesSubject) continue;
    const key = `${p.snapshotSha256}\u0000${p.source}`;
    const list = lists.get(key) ?? { source: p.source, sha256: p.snapshotSha256, document: p.document, quotes: [] };
    list.quotes.push(p);
    lists.set(key, list);
  }
  const compact = [...lists.values()].filter((l) => l.quotes.length > MAX_FULL_QUOTES_PER_LIST);
  const compacted = new Set(compact.flatMap((l) => l.quotes));
  return { entries, full: rest.filter((p) => !compacted.has(p)), compact };
}
