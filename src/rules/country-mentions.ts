/**
 * Countries the policy names outside the transfer sentences the extractor recognised ("our partner in
 * Singapore"). Rules treat such a mention as disclosing the country, preferring a missed finding to a
 * false "the policy does not mention it", except where the country describes the reader or the law
 * rather than where data goes ("if you live in the United States", "residents of Ireland", "the laws of
 * England", "certain US states"), or ends a postal address ("our EU Representative at …, Cork, Ireland").
 * Those never disclose a destination.
 */
import type { CountryMentionRecord } from '../model/audit.js';
import type { TextSpan } from '../model/claim.js';
import countryNames from '../policy/lexicons/countries.json' with { type: 'json' };
import type { StoredSnapshot } from '../store/policy-repository.js';

/** The sentence that mentions a country, with where it sits in the snapshot text. */
export interface CountryMention {
  country: string;
  span: TextSpan;
  quote: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case-sensitive, word-bounded patterns per country, like the transfer extractor's (so "us" is not the US). */
const NAME_PATTERNS = new Map<string, RegExp>(
  Object.entries(countryNames.countries).map(([code, names]) => [
    code,
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...names].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu'),
  ]),
);

/**
 * Lead-ins that make a place the reader's or the law's: residence and audience ("if you live in",
 * "residents of", "users in", "if you are located in"), rights ("under the laws of", "the courts of").
 */
const AUDIENCE_LEAD_IN = new RegExp(
  `(?:${[
    String.raw`\b(?:if|where|when|whether|while)\s+you\s+(?:are|live|reside|access|use|visit)\b[^.;:,]{0,40}?\s(?:in|within|from|outside)`,
    String.raw`\byou\s+(?:live|reside|are\s+(?:located|based|resident))\s+in`,
    String.raw`\b(?:residents?|citizens?|nationals?|users?|individuals|consumers|people|persons|customers|visitors|members|children|minors)(?:\s+who\s+(?:live|reside|are))?(?:\s+(?:located|living|residing|based|resident))?\s+(?:in|of|from|within)`,
    String.raw`\b(?:laws?|courts?|legislation|regulations?|authorit(?:y|ies)|regulators?|jurisdiction|citizenship|residency)\s+(?:of|in)`,
    // "any other jurisdiction outside of the United States": who the reader is, not where data goes.
    String.raw`\boutside(?:\s+of)?`,
  ].join('|')})\\s*$`,
  'i',
);
/** Places listed before the mention ("the United States or "), which share its lead-in. */
const PLACE_LIST_TAIL = /(?:(?:the\s+)?\p{Lu}[\p{L}.'\u2019-]*(?:\s+\p{Lu}[\p{L}.'\u2019-]*)*\s*(?:,|\bor\b|\band\b|\band\/or\b)\s*)*(?:the\s+)?$/u;
/** Adjectives of residence right after the name: "Irish residents", "United States users". */
const AUDIENCE_NOUN_AFTER = /^\s+(?:residents?|citizens?|users?|consumers|persons|customers|law|laws|courts?|states?|state\s+laws?|federal\s+laws?)\b/i;

/** Words around a name that make it part of another place or a company: "Latin America", "Bank of America". */
const NOT_THE_COUNTRY_BEFORE = /\b(?:Latin|South|Central|North|Northern|Bank\s+of)\s+$/;
/** Bare names that such a word turns into another place (North Korea, Northern Ireland, Latin America). */
const NAMES_CHANGED_BY_NORTH = new Set(['America', 'Korea', 'Ireland']);

/** Cues that a sentence gives a postal address: a representative, "Attn", a street, a postcode, a company form. */
const POSTAL_CUE =
  /\b(?:Representative|Attn\b|Attention:|write\s+to\s+us\s+at|postal\s+address|mailing\s+address|registered\s+office|Road|Street|Avenue|Unit\s+\w+|Suite\s+\w+|P\.?\s?O\.?\s+Box|Ltd|Limited|Inc|LLC|GmbH|B\.V|S\.A)\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b\d{4,5}\b/;
/** "…, Cork, " right before the name: a city then the country, as an address ends. */
const CITY_BEFORE_COUNTRY = /,\s*\p{Lu}[\p{L}.'\u2019-]*(?:\s+\p{Lu}[\p{L}.'\u2019-]*)*,\s*$/u;


/** Start and end of the sentence around `at`: from the previous sentence end or blank line to the next. */
function findSentence(text: string, at: number): TextSpan {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && !/^[.!?]\s$/.test(text.slice(start - 2, start))) start -= 1;
  let end = at;
  while (end < text.length && !/^[.!?](?:\s|$)|^\n/.test(text.slice(end, end + 2))) end += 1;
  if (end < text.length && text[end] !== '\n') end += 1;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  return { start, end };
}

/**
 * True when the match is not the country at all: the pronoun in an all-caps run ("CONTACT US", a heading),
 * or part of a larger place or name ("Latin America", "Bank of America", "North Korea", "Northern Ireland").
 */
function isNotTheCountry(text: string, index: number, name: string): boolean {
  if (name === 'US') {
    const lineStart = text.lastIndexOf('\n', index - 1) + 1;
    const lineEnd = text.indexOf('\n', index);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    if (!/\p{Ll}/u.test(line) || /\b\p{Lu}{2,}\s+$/u.test(text.slice(lineStart, index)) || /^\s+\p{Lu}{2,}\b/u.test(text.slice(index + 2, lineEnd === -1 ? undefined : lineEnd))) return true;
  }
  const bare = name.replace(/^the\s+/, '');
  return NAMES_CHANGED_BY_NORTH.has(bare) && NOT_THE_COUNTRY_BEFORE.test(text.slice(Math.max(0, index - 20), index));
}

/** True when the name ends a postal address: "… Representative at Ametros Ltd, …, Cork, Ireland". */
function isPostalAddress(text: string, sentence: TextSpan, index: number): boolean {
  const before = text.slice(sentence.start, index);
  return CITY_BEFORE_COUNTRY.test(before) && POSTAL_CUE.test(text.slice(sentence.start, sentence.end));
}

/** True when the place at `index` in the text describes the reader or the law, not where data goes. */
function isAudienceMention(text: string, sentence: TextSpan, index: number, length: number): boolean {
  const before = text.slice(sentence.start, index).replace(PLACE_LIST_TAIL, '');
  return AUDIENCE_LEAD_IN.test(before) || AUDIENCE_NOUN_AFTER.test(text.slice(index + length, sentence.end));
}

/** How the policy mentions a country outside its transfer statements. */
export interface CountryMentions {
  /** The first sentence that names it other than as the reader's residence or the law; null when none does. */
  disclosing: CountryMention | null;
  /** The first sentence that names it as the reader's residence or the law; null when none does. */
  audience: CountryMention | null;
}

/** Reads every mention of the country in the policy text, telling residence and law apart from the rest. */
export function readCountryMentions(snapshot: StoredSnapshot, code: string): CountryMentions {
  const mentions: CountryMentions = { disclosing: null, audience: null };
  const pattern = NAME_PATTERNS.get(code.toUpperCase());
  if (!pattern) return mentions;
  const { text } = snapshot;
  // A sentence that names the country as the reader's place says nothing of destinations by naming it again.
  const sentences = new Map<number, { mention: CountryMention; audience: boolean; other: boolean }>();
  for (const m of text.matchAll(pattern)) {
    if (isNotTheCountry(text, m.index, m[0])) continue;
    const sentence = findSentence(text, m.index);
    const entry = sentences.get(sentence.start) ?? {
      mention: { country: code.toUpperCase(), span: sentence, quote: text.slice(sentence.start, sentence.end) },
      audience: false,
      other: false,
    };
    if (isAudienceMention(text, sentence, m.index, m[0].length)) entry.audience = true;
    else if (!isPostalAddress(text, sentence, m.index)) entry.other = true;
    sentences.set(sentence.start, entry);
  }
  for (const { mention, audience, other } of sentences.values()) {
    if (audience) mentions.audience ??= mention;
    else if (other) mentions.disclosing ??= mention;
  }
  return mentions;
}

/** The mention as the audit records it: the sentence that stood in for a disclosure of the country. */
export function recordCountryMention(snapshot: StoredSnapshot, mention: CountryMention): CountryMentionRecord {
  return { country: mention.country, snapshotSha256: snapshot.sha256, source: snapshot.source, span: mention.span, quote: mention.quote };
}

/** The mentions that silenced a finding in any rule, one per country, in country order. */
export function mergeCountryMentions(mentions: readonly CountryMentionRecord[]): CountryMentionRecord[] {
  const byCountry = new Map<string, CountryMentionRecord>();
  for (const m of mentions) if (!byCountry.has(m.country)) byCountry.set(m.country, m);
  return [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country));
}
