import type { ClaimCondition } from '../model/claim.js';

/**
 * Clause markers and what they make of the clause. Longest first, so "only if" wins over "if" and
 * "in order to" over "to". Purposes introduced by a bare "to" need a verb after it ("to provide").
 */
const MARKERS: readonly { kind: ClaimCondition['kind']; pattern: string }[] = [
  { kind: 'exception', pattern: 'except(?:\\s+(?:as|where|when|if|for|that|to\\s+the\\s+extent))?' },
  { kind: 'exception', pattern: 'other\\s+than' },
  { kind: 'exception', pattern: 'unless' },
  { kind: 'exception', pattern: 'with\\s+the\\s+exception\\s+of' },
  { kind: 'condition', pattern: 'only\\s+(?:if|when|where)' },
  { kind: 'condition', pattern: 'provided\\s+that' },
  { kind: 'condition', pattern: 'if' },
  { kind: 'condition', pattern: 'when(?:ever)?' },
  { kind: 'condition', pattern: 'where\\s+(?:required|permitted|necessary|appropriate|applicable|you)' },
  { kind: 'condition', pattern: 'with\\s+your\\s+(?:consent|permission)' },
  { kind: 'condition', pattern: 'to\\s+the\\s+extent' },
  // A denial narrowed to one meaning of its verb: "we do not sell personal information as traditionally understood".
  { kind: 'condition', pattern: 'as\\s+(?:(?:that\\s+term|the\\s+term|it)\\s+is\\s+|is\\s+)?(?:traditionally|commonly|conventionally)\\s+(?:understood|defined)' },
  { kind: 'condition', pattern: 'in\\s+the\\s+(?:traditional|conventional|ordinary|usual|common|classic)\\s+sense(?:\\s+of\\s+the\\s+(?:word|term))?' },
  { kind: 'purpose', pattern: 'in\\s+order\\s+to' },
  { kind: 'purpose', pattern: 'so\\s+that' },
  { kind: 'purpose', pattern: 'for\\s+the\\s+purposes?\\s+of' },
  { kind: 'purpose', pattern: 'solely\\s+(?:to|for)' },
  {
    kind: 'purpose',
    pattern:
      'to(?=\\s+(?:help\\s+)?(?:provide|operate|improve|deliver|process|comply|protect|prevent|detect|investigate|enforce|respond|fulfil|fulfill|perform|support|maintain|personali[sz]e|show|serve|measure|analy[sz]e|send|offer|complete|verify|secure|facilitate|enable|run|develop|understand|communicate|administer|carry)\\b)',
  },
];
const MARKER = new RegExp(`(?<![\\p{L}\\p{N}])(?:${MARKERS.map((m) => `(${m.pattern})`).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
/** A clause ends at the next clause break; a purpose or condition rarely runs longer than this. */
const MAX_CLAUSE = 160;
/** More would be the whole sentence again (counted among the claim's own clause and the sentence's opening). */
const MAX_CONDITIONS = 4;

/**
 * Where a new independent clause starts: after a semicolon, or at a coordinating conjunction followed by a pronoun
 * subject ("…, and we never share …", "… but you can …"). A noun phrase after "and" ("with A and the B") is no
 * clause of its own, so only pronouns count: missing a boundary keeps the sentence-wide reading. Not after a pronoun
 * ("the ads that we or they use": one subject of two words), and not "while" or "so", which mostly open a
 * subordinate clause ("we keep it while we try to deliver it", "so we can provide").
 */
const CLAUSE_START = /;\s*|(?<!\b(?:we|you|they|it|us|them|he|she|I)),?\s+(?=(?:and|but|or|yet|whereas)\s+(?:we|you|they|it|he|she|I)\s+[\p{L}'’])|,\s+(?=(?:but|yet|whereas)\s+(?:when|if|once|where|while|after)\s)/giu;
/**
 * "If you store something in Memories, we will keep it as long as you need it, but when you Chat …, our systems are
 * designed to delete Chats … within 24 hours": a contrasting clause with a condition of its own is not under the
 * sentence's opening condition (Snapchat, trial 8 item 15).
 */
const CONTRAST_WITH_CONDITION = /^(?:but|yet|whereas)\s+(?:when|if|once|where|while|after)\s/i;
/** Words that may come before a sentence-opening condition: "However, if you …", "- Unless you opt out, …". */
const OPENING = /^[\s\p{P}\p{S}]*(?:(?:however|also|additionally|finally|in\s+addition|in\s+particular|for\s+example)[\s,]+)?$/iu;

/**
 * Start offsets of the sentence's clauses, the first at 0. A semicolon inside parentheses is an aside's, and one after
 * a colon separates the items of a list ("for the following reasons: - to investigate …; - to enforce …"), which all
 * belong to what the colon introduces.
 */
function findClauseStarts(sentence: string): number[] {
  const starts = [0];
  CLAUSE_START.lastIndex = 0;
  for (let m = CLAUSE_START.exec(sentence); m !== null; m = CLAUSE_START.exec(sentence)) {
    if (m[0].startsWith(';')) {
      const before = sentence.slice(0, m.index);
      const depth = (before.match(/[([]/g) ?? []).length - (before.match(/[)\]]/g) ?? []).length;
      if (depth > 0 || before.includes(':')) continue;
    }
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/** "When we do so", "if you do this": the condition is in another sentence; alone it means nothing (Twitch, trial 8 item 23). */
const EMPTY_CONDITION = /^(?:when(?:ever)?|if|where)\s+(?:we|you|they|it|he|she)\s+(?:do|does|did)\s+(?:so|this|that)$/i;
/**
 * ", disclosure or sharing of …": a comma inside a list of nouns, which does not end the condition ("unless we have
 * obtained your consent or such provision, disclosure or sharing of Personal Data is permitted by Applicable Laws", LINE,
 * trial 8 item 23). One or two words and then "or", "and" or another comma; not a pronoun, which starts a clause.
 */
const LIST_COMMA = /^,\s*(?!(?:we|you|they|it|he|she|i|us|our|your|their|and|or|but|where|when|if|unless|except|in|on|at|as|by|for|with|from|of|such|including|which|that)\b)[\p{L}-]+(?:\s+[\p{L}-]+)?(?:\s*,|\s+(?:or|and|and\/or)\s)/iu;

const LAST_ITEM = /^,\s*(?:and|or|and\/or)\s+(?!(?:we|you|they|it|he|she|i|us|where|when|if|unless|except|to)\b)[\p{L}-]+/iu;

/**
 * Where a condition's clause ends in the text after its marker, or null at the end of the text. `cut`: the text was cut at
 * MAX_CLAUSE, so a list running past it falls back to its first comma rather than ending mid-word.
 */
function findConditionEnd(rest: string, cut: boolean): number | null {
  const END = /[,;:()]|\.(?=\s|$)|\s[-–—]\s/g;
  let firstComma: number | null = null;
  for (let m = END.exec(rest); m !== null; m = END.exec(rest)) {
    // The list's last item after a serial comma: "to provide, maintain, and improve …", "the EEA, the UK, or Switzerland".
    if (m[0] === ',' && (LIST_COMMA.test(rest.slice(m.index)) || (firstComma !== null && LAST_ITEM.test(rest.slice(m.index))))) {
      firstComma ??= m.index;
      continue;
    }
    return m.index;
  }
  return cut ? firstComma : null;
}

/** A place noun right before the marker, "other than" between them or not: "countries or regions other than where …". */
const PLACE_NOUN_BEFORE = /\b(?:countr(?:y|ies)|regions?|jurisdictions?|territor(?:y|ies)|locations?|places?|states?|provinces?)\s+(?:other\s+than\s+)?$/i;

/**
 * "other than" or "where" after a place noun says which places (like "other countries"), not when the claim holds:
 * "group companies located in countries or regions other than where you are residing" (LINE) and "in the country where
 * you live" name no exception or condition.
 */
function isPlaceDescription(sentence: string, at: number, marker: string): boolean {
  return /^(?:other\s+than|where\b)/i.test(marker) && PLACE_NOUN_BEFORE.test(sentence.slice(Math.max(0, at - 50), at));
}

/**
 * Finds the clauses that scope a claim in its sentence: exceptions ("except as required by law",
 * "unless you opt out"), conditions ("if you connect your account", "where required by law", "with your
 * consent") and purposes ("to provide the service", "for the purposes of fraud prevention"). Each runs
 * from its marker to the next comma, semicolon, clause or sentence end. Order follows the sentence.
 *
 * With `at` (where in the sentence the words that make the claim are), only the conditions of that claim's own
 * clause, and those that open the sentence ("If you opt in, we share … and we keep …"), which scope every clause:
 * in "We do not sell your data, as traditionally understood, and we never share your audio with advertisers." the
 * qualifier narrows the sale, not the second denial.
 */
export function findClaimConditions(sentence: string, at?: number): ClaimCondition[] {
  const starts = findClauseStarts(sentence);
  const clauseEndAfter = (index: number): number => starts.find((start) => start > index) ?? sentence.length;
  const found: (ClaimCondition & { start: number })[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(sentence); m !== null; m = MARKER.exec(sentence)) {
    const index = m.slice(1).findIndex((group) => group !== undefined);
    const marker = MARKERS[index];
    if (marker === undefined || isPlaceDescription(sentence, m.index, m[0])) continue;
    const rest = sentence.slice(m.index, Math.min(m.index + MAX_CLAUSE, clauseEndAfter(m.index)));
    const end = findConditionEnd(rest.slice(m[0].length), m.index + MAX_CLAUSE < clauseEndAfter(m.index));
    // A clause end cuts before its conjunction; "and" alone does not end a condition.
    const text = rest.slice(0, end === null ? rest.length : m[0].length + end).trim().replace(/\s+(?:and|or|but)$/i, '');
    // A marker alone ("if", "to") with nothing after it says nothing, nor does one that points back ("When we do so").
    if (text.split(/\s+/).length < 2 || EMPTY_CONDITION.test(text)) continue;
    found.push({ kind: marker.kind, text, start: m.index });
    MARKER.lastIndex = m.index + text.length;
  }
  const clauseStart = at === undefined ? null : [...starts].reverse().find((start) => start <= at) ?? 0;
  // "We do not share your data with Mixpanel, and we do not share it with Google, unless you give us your consent.": an
  // exception or condition set off by a comma at the very end closes the whole sentence, as one that opens it does.
  const closesSentence = (c: { kind: ClaimCondition['kind']; text: string; start: number }): boolean =>
    c.kind !== 'purpose' && /,\s*$/.test(sentence.slice(0, c.start)) && /^[\s.!)"”’]*$/.test(sentence.slice(c.start + c.text.length));
  return found
    .filter(
      (c) =>
        clauseStart === null ||
        (c.start >= clauseStart && c.start < clauseEndAfter(clauseStart)) ||
        (OPENING.test(sentence.slice(0, c.start)) && !CONTRAST_WITH_CONDITION.test(sentence.slice(clauseStart))) ||
        closesSentence(c),
    )
    .slice(0, MAX_CONDITIONS)
    .map(({ kind, text }) => ({ kind, text }));
}
