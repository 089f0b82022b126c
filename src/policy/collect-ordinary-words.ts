/**
 * The words a policy writes in lower case somewhere ("backups", "analytics", "recordings"), lower-cased. A
 * capitalised word that is one of them may simply open a sentence or a title-cased heading ("Backups retain …",
 * "Data Retention"); a capitalised word the policy never writes in lower case ("Zendesk") is a name. One pass over
 * the text, once per policy.
 */
export function collectOrdinaryWords(text: string): ReadonlySet<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}'’-])\p{Ll}[\p{L}\p{N}'’-]*/gu)) words.add(m[0].replace(/['’-]+$/, ''));
  return words;
}
