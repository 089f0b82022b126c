import type { PhraseMatch } from './compile-phrase-pattern.js';

/**
 * Nouns for kinds of recipient a transfer sentence sends data to or places somewhere. Not "company", "team" or "staff":
 * as a subject they are mostly the service itself ("The company stores data in …"). "third party" alone only before
 * punctuation or a function word: "third party messaging services" is an adjective.
 */
const HEAD = String.raw`(?:(?:service\s+)?providers?|(?:sub-?)?processors?|vendors?|suppliers?|(?:sub-?)?contractors?|partners?|affiliates?|subsidiar(?:y|ies)|(?:group\s+)?companies|entities|third[-\s]parties|third[-\s]party(?=\s*(?:$|[,.;:)]|\s(?:and|or|in|located|based|that|who|which|to|for|outside|with)\b))|agents?|advertisers?|recipients?)`;
/** Words that cannot be a modifier inside a recipient's name: they start a clause, a place or another role. */
const NOT_MODIFIER = String.raw`(?:and|or|to|with|by|in|of|on|at|for|from|that|which|who|where|we|you|us|it|is|are|be|may|can|will|located|based|outside|within|including|such|as|data|information|personal)\b`;
/** "our affiliates", "third party service providers", "Spotify group companies", "certain entities in our Corporate Group". */
const ITEM = String.raw`(?:(?:some|certain|many|most|all|any|several)\s+(?:of\s+)?)?(?:(?:our|its|their|the|these|those|such)\s+)?(?:(?!${NOT_MODIFIER})[\p{L}\p{N}-]+\s+){0,3}?${HEAD}(?:\s+(?:in|of)\s+(?:our|the|its)\s+(?:corporate\s+)?(?:group|family(?:\s+of\s+companies)?))?(?![\p{L}\p{N}-])`;
/** Items coordinated in one list, an aside between them skipped: "certain entities in our Corporate Group (as described here) and third parties". */
const SEPARATOR = String.raw`(?:\s*\([^()]{0,40}\))?(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|and\/or)\s+)`;
const RECIPIENT_LIST = new RegExp(`(?<![\\p{L}\\p{N}-])${ITEM}(?:${SEPARATOR}${ITEM})*`, 'giu');

/** The object of the verb: "transfer it to our affiliates", "transfers personal data internationally with group companies", "processed by our group companies". */
const OBJECT_LEAD = /^[^,;:.()]{0,80}?\b(?:to|with|by)\s+$/i;
/** "transferred by us to": the service itself is no recipient. */
const BY_US = /\bby\s+(?:us|ourselves)\s+$/i;
/** Before a subject: nothing of its clause ("Some of the partners … are located", "These third parties can be located"). */
const SUBJECT_CLAUSE_START = /(?:^|[.;:]|,\s*(?:and|but|while|whereas|although|though)\s)\W*$/i;
/** Between a subject and its verb: a short relative or participle ("referred to in this policy", "we currently use"), modals, a comma. */
const SUBJECT_TO_VERB = /^(?:\s+[^,;:.()]{0,50}?)?\s*,?\s*$/;
/** "third parties located in", "partners (that are) based in": a reduced relative placing the recipients there. */
const PLACED_BY_OWN_VERB = /^\s*,?\s+(?:(?:who|that|which)\s+(?:are|is)\s+)?$/i;
/** Verbs that say where the recipients are, not what is done with the data. */
const PLACING_VERB = /^(?:located|based)$/i;

/** Recipients read for one cue: the words as written (a leading determiner dropped) and whether the cue places them. */
export interface CueRecipients {
  /** "affiliates, service providers, and other third parties", "partners and service providers". */
  recipients: string;
  /** True when the cue says where the recipients are ("located", "based"): their being there is the transfer. */
  placesThem: boolean;
}

/**
 * The recipients a storage or transfer cue sends data to or places somewhere: the object after "to", "with" or "by"
 * ("we may transfer it to our affiliates, service providers, and other third parties located in …"), the subject when
 * it opens the clause ("Some of the partners and service providers referred to in this policy are located outside of
 * the European Union", "our service providers may process your data in other countries"), or recipients right before
 * "located"/"based". Null when the data goes to no recipient the clause names ("we and our service providers may
 * transfer …" is the service's own transfer too).
 */
export function findCueRecipients(text: string, cue: PhraseMatch): CueRecipients | null {
  const lists = findRecipientLists(text);
  const placing = PLACING_VERB.test(cue.text);
  if (!placing) {
    const object = lists.find((list) => {
      if (list.start < cue.end) return false;
      const lead = text.slice(cue.end, list.start);
      return OBJECT_LEAD.test(lead) && !BY_US.test(lead);
    });
    if (object !== undefined) return { recipients: trimDeterminer(object.text), placesThem: false };
  }
  for (const list of lists) {
    if (list.end > cue.start) break;
    const between = text.slice(list.end, cue.start);
    if (placing && PLACED_BY_OWN_VERB.test(between)) return { recipients: trimDeterminer(list.text), placesThem: true };
    if (SUBJECT_CLAUSE_START.test(text.slice(0, list.start)) && SUBJECT_TO_VERB.test(between)) {
      return { recipients: trimDeterminer(list.text), placesThem: placing };
    }
  }
  return null;
}

function findRecipientLists(text: string): PhraseMatch[] {
  RECIPIENT_LIST.lastIndex = 0;
  return [...text.matchAll(RECIPIENT_LIST)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** "Some of the partners" → "partners", "our affiliates, …" → "affiliates, …" (the wording reads "its partners"); asides dropped. */
function trimDeterminer(recipients: string): string {
  return recipients
    .replace(/\s*\([^()]*\)/g, '')
    .replace(/^(?:(?:some|certain|many|most|all|any|several)\s+(?:of\s+)?)?(?:(?:our|its|their|the|these|those|such)\s+)?/i, '')
    .replace(/\s+/g, ' ');
}
