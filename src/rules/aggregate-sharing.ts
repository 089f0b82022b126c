/**
 * Whether a sharing sentence gives away only aggregated or de-identified data ("We share aggregated or
 * anonymized information with third parties for market research"). Such a sentence does not disclose a
 * recipient of the app's own traffic, which carries device and user data: it cannot cover one
 * (docs/rules/undisclosed-recipient.md). Pseudonymised data is still personal data and does not count.
 */

const QUALIFIER = String.raw`(?:aggregated?|anonymi[sz]ed|anonymous|de-?identified|non-?personal(?:ly\s+identifiable)?|non-?identifiable|statistical)`;
/** "aggregated or anonymized information", "aggregate statistics", "de-identified usage data". */
const QUALIFIED_DATA = new RegExp(
  String.raw`\b${QUALIFIER}(?:\s*(?:,|or|and|and/or)\s*${QUALIFIER})*\s+(?:(?!(?:and|or|but|with|personal|personally|pseudonymi[sz]ed|identifiable|your|user)\b)[\w-]+\s+){0,2}?(?:information|data|statistics|reports?|metrics|insights|analytics|demographics?|results|trends)\b`,
  'gi',
);
/** "information that does not identify you", "in a form that cannot identify you": a description of the same data. */
const NOT_IDENTIFYING = /\b(?:that|which)\s+(?:does|do|can|could|will)\s*(?:not|n['’]t|never)\s+(?:be\s+used\s+to\s+)?(?:personally\s+)?identify\s+(?:you|individuals?|users?|any\s+one)\b/gi;
/** Any other data the sentence gives away. */
const DATA_NOUN =
  /\b(?:information|data|details|content|identifiers?|address(?:es)?|IP|e-?mails?|names?|numbers?|profiles?|messages|photos|videos|location|contacts?|history|activity|usage|devices?|phones?|IDs?|personal|pseudonymi[sz]ed)\b/i;

/** True when every piece of data the sentence names is aggregated or de-identified. */
export function sharesOnlyAggregateData(quote: string): boolean {
  let found = false;
  const rest = quote
    .replace(QUALIFIED_DATA, () => {
      found = true;
      return ' ';
    })
    .replace(NOT_IDENTIFYING, ' ');
  return found && !DATA_NOUN.test(rest);
}
