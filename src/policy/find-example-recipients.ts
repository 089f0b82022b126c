import type { PhraseMatch } from './compile-phrase-pattern.js';
import { isOwnName } from './detect-first-party-names.js';
import { NAME_WORD } from './find-acting-recipients.js';
import categories from './lexicons/processor-categories.json' with { type: 'json' };

/** "For example, …", "For instance, …", "E.g. …": the sentence gives an instance of the one before. */
const EXAMPLE_OPENING = /^\W*(?:for\s+example|for\s+instance|e\.g\.)\s*,?\s*/i;
const NAME_RUN = new RegExp(`(?<![\\p{L}\\p{N}'’])${NAME_WORD}(?:\\s+${NAME_WORD}){0,3}`, 'gu');
/** Capitalised words that are the policy's own vocabulary (features, headings), never a company's name. */
const STOP_WORDS = new Set([...categories.enumerationStopWords, 'You', 'We', 'I', 'Our', 'Your', 'If', 'When', 'This', 'That', 'The'].map((w) => w.toLowerCase()));

const CAPITALISED_BEFORE = /\p{Lu}[\p{L}\p{N}'’-]*\s+$/u;
/** "our Website and Application", "the Platform": a defined term of the service's, not another company. */
const OWNED_BEFORE = /\b(?:our|your|the|this|their|its|my)\s+(?:\p{Lu}[\p{L}\p{N}'’-]*\s+(?:and|or|&)\s+)?$/iu;
/** After a company's name: punctuation, the end, or a word that is not a noun it modifies. */
const NAME_ENDS =
  /^(?:\s*(?:[,.;:)(]|$)|\s+(?:within|in|on|to|for|with|and|or|as|at|by|from|via|through|when|if|which|who|that|is|are|was|were|may|might|can|could|will|would|has|have|uses?|provides?|receives?|helps?)\b)/i;

/**
 * The companies an example sentence names as instances of the recipients the sentence before shares data with:
 * "We share your information with business and integrated partners in order to provide the Services. For example, you
 * can use OpenTable within Snapchat to reserve a table." names OpenTable as one of those partners. A name is a run of
 * capitalised words none of which the policy writes in lower case (`ordinaryWords`), not the service's own and not
 * its vocabulary. `sharesWithRecipients` says whether the sentence before gives data to a kind of recipient.
 */
export function findExampleRecipients(
  text: string,
  sharesWithRecipients: boolean,
  firstPartyNames: readonly string[],
  ordinaryWords: ReadonlySet<string> | undefined,
): PhraseMatch[] {
  const opening = EXAMPLE_OPENING.exec(text);
  if (opening === null || !sharesWithRecipients || ordinaryWords === undefined) return [];
  const found: PhraseMatch[] = [];
  NAME_RUN.lastIndex = opening[0].length;
  for (let m = NAME_RUN.exec(text); m !== null; m = NAME_RUN.exec(text)) {
    const words = m[0].split(/\s+/);
    if (words.some((w) => ordinaryWords.has(w.toLowerCase()) || STOP_WORDS.has(w.toLowerCase()))) continue;
    if (isOwnName(m[0], firstPartyNames)) continue;
    // The tail of a longer title ("… Opt-out Browser Add-on"), a modifier of a noun ("the LINE official account", "Irish
    // law enforcement", "IP address") or the service's own defined term ("our Website and Application") is no company.
    const before = text.slice(0, m.index);
    if (CAPITALISED_BEFORE.test(before) || OWNED_BEFORE.test(before) || !NAME_ENDS.test(text.slice(m.index + m[0].length))) continue;
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found;
}
