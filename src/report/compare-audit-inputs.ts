import type { ComparedAudit } from './compare-reports.js';

/** An input an audit records, in the order a comparison names them. */
export type AuditInputName =
  | 'policy'
  | 'linked-pages'
  | 'captures'
  | 'identifiers'
  | 'app-domains'
  | 'entity-lists'
  | 'jurisdictions'
  | 'data-sets'
  | 'claimcheck-version';

/** One recorded input whose value differs between two audits, with what each side had. */
export interface InputDifference {
  input: AuditInputName;
  /** What differs, in words ("ndpi_viber.pcap: before none; after sni"), one item per capture or list where that helps. */
  details: string[];
}

/**
 * Which recorded inputs of two audits differ, which are the same and which one side did not record. A comparison
 * names the real cause of a change from these facts rather than guessing it from the policy and capture hashes alone.
 */
export interface InputComparison {
  differ: InputDifference[];
  same: AuditInputName[];
  /** Inputs at least one audit (made by an older claimcheck) did not record: they may differ too. */
  unrecorded: AuditInputName[];
}

const sortedJoin = (values: readonly string[]): string => [...values].sort().join('\n');
const listOrNone = (values: readonly string[]): string => (values.length === 0 ? 'none' : [...values].sort().join(', '));

/** Identifiers searched per capture both audits read (by content): one detail per capture whose searches differ; null if unrecorded. */
function compareIdentifierSearches(before: ComparedAudit, after: ComparedAudit): string[] | null {
  const details: string[] = [];
  let unrecorded = false;
  for (const capture of after.captures) {
    const earlier = before.captures.find((c) => c.sha256 === capture.sha256);
    if (!earlier) continue;
    if (earlier.identifiersSearched === undefined || capture.identifiersSearched === undefined) {
      unrecorded = true;
      continue;
    }
    if (sortedJoin(earlier.identifiersSearched) !== sortedJoin(capture.identifiersSearched)) {
      details.push(`${capture.file}: before ${listOrNone(earlier.identifiersSearched)}; after ${listOrNone(capture.identifiersSearched)}`);
    }
  }
  return unrecorded && details.length === 0 ? null : details;
}

/** Items only one side has, as "before only: …; after only: …". */
function describeSetChange(before: readonly string[], after: readonly string[]): string[] {
  const onlyBefore = before.filter((b) => !after.includes(b));
  const onlyAfter = after.filter((a) => !before.includes(a));
  return [...(onlyBefore.length > 0 ? [`before only: ${onlyBefore.join(', ')}`] : []), ...(onlyAfter.length > 0 ? [`after only: ${onlyAfter.join(', ')}`] : [])];
}

/** Captures named by file and hash prefix, so two versions of one file name are told apart. */
const captureNames = (a: ComparedAudit): string[] => a.captures.map((c) => `${c.file} (${c.sha256.slice(0, 12)})`);
const listNames = (lists: readonly { file: string; sha256: string }[]): string[] => lists.map((l) => `${l.file} (${l.sha256.slice(0, 12)})`);

/** Compares every input two audits recorded; an input either side lacks is "unrecorded", never assumed equal. */
export function compareAuditInputs(before: ComparedAudit, after: ComparedAudit): InputComparison {
  const result: InputComparison = { differ: [], same: [], unrecorded: [] };
  const record = (input: AuditInputName, details: string[] | null): void => {
    if (details === null) result.unrecorded.push(input);
    else if (details.length > 0) result.differ.push({ input, details });
    else result.same.push(input);
  };
  const short = (sha: string | null): string => (sha === null ? 'no policy' : `sha256 ${sha.slice(0, 12)}`);
  record('policy', before.policySha256 === after.policySha256 ? [] : [`before ${before.policySource ?? ''} (${short(before.policySha256)}); after ${after.policySource ?? ''} (${short(after.policySha256)})`]);
  record('linked-pages', describeSetChange(listNames(before.linkedPages), listNames(after.linkedPages)));
  record('captures', describeSetChange(captureNames(before), captureNames(after)));
  record('identifiers', compareIdentifierSearches(before, after));
  record(
    'app-domains',
    before.appDomains === null || after.appDomains === null
      ? null
      : sortedJoin(before.appDomains) === sortedJoin(after.appDomains)
        ? []
        : [`before ${listOrNone(before.appDomains)}; after ${listOrNone(after.appDomains)}`],
  );
  record('entity-lists', before.entityLists === null || after.entityLists === null ? null : describeSetChange(listNames(before.entityLists), listNames(after.entityLists)));
  record(
    'jurisdictions',
    before.jurisdictions === null || after.jurisdictions === null ? null : before.jurisdictions === after.jurisdictions ? [] : [`before ${before.jurisdictions}; after ${after.jurisdictions}`],
  );
  record('data-sets', before.dataSources === null || after.dataSources === null ? null : describeSetChange(before.dataSources, after.dataSources));
  record('claimcheck-version', before.toolVersion === after.toolVersion ? [] : [`before ${before.toolVersion}; after ${after.toolVersion}`]);
  return result;
}
