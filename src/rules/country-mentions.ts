/**
 * Countries the policy names outside the transfer sentences the extractor recognised ("our partner in
 * Singapore", "our office in Frankfurt"). Rules treat such a mention as disclosing the country, preferring a
 * missed finding to a false "the policy does not mention it", except where the country describes the reader or
 * the law rather than where data goes ("if you live in the United States", "residents of Ireland", "the laws of
 * England", "certain US states", and every place of a list of them: "a user located … in Australia, Brazil, …"),
 * is where data comes from ("transfer … from the EEA, Switzerland, Brazil"), ends a postal address ("our EU Representative at …, Cork, Ireland"), is denied
 * ("we do not transfer your data to China"), belongs to a company's name or seat ("Spotify USA Inc.", "a Delaware
 * corporation", "X GmbH has been designated as its representative"), or stands alone as a heading or list entry
 * ("### Singapore" over a rights paragraph). Those never disclose a destination.
 */
import type { CountryMentionRecord } from '../model/audit.js';
import type { TextSpan } from '../model/claim.js';
import countryNames from '../policy/lexicons/countries.json' with { type: 'json' };
import { isMarketLeadIn } from '../policy/read-market-lead-in.js';
import { readPlaceNames } from '../policy/read-place-names.js';
import { continuesAsName, listSubCountryPlaceNames } from '../policy/sub-country-places.js';
import type { StoredSnapshot } from '../store/policy-repository.js';
import { deniesLocation } from './location-denial.js';

/** The sentence that mentions a country, with where it sits in the snapshot text. */
export interface CountryMention {
  country: string;
  span: TextSpan;
  quote: string;
  /** The region the sentence sends data out of, when it names that region rather than the country ("outside of the EEA"). */
  region?: string;
  /** True when the sentence is a transfer statement naming the country (or `region`) as where data goes. */
  transferStatement?: true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Case-sensitive, word-bounded pattern for one country's names and its curated cities, states and cloud regions
 * (places.json), like the transfer extractor's (so "us" is not the US). Built on first use: an audit asks for the
 * few countries its traffic went to, not all 250.
 */
const namePatterns = new Map<string, RegExp | null>();
function namePatternOf(code: string): RegExp | null {
  if (namePatterns.has(code)) return namePatterns.get(code) ?? null;
  const names = (countryNames.countries as Record<string, string[] | undefined>)[code];
  const all = [...(names ?? []), ...listSubCountryPlaceNames(code)];
  const pattern =
    all.length === 0
      ? null
      : new RegExp(`(?<![\\p{L}\\p{N}])(?:${all.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  namePatterns.set(code, pattern);
  return pattern;
}

/** True when the matched name is one of the country's own names, not a city, state or cloud region in it. */
function isCountryName(code: string, name: string): boolean {
  return ((countryNames.countries as Record<string, string[] | undefined>)[code] ?? []).includes(name);
}

/**
 * Lead-ins that make a place the reader's or the law's: residence and audience ("if you live in",
 * "residents of", "users in", "if you are located in"), rights ("under the laws of", "the courts of").
 */
const AUDIENCE_LEAD_IN = new RegExp(
  `(?:${[
    // "if you are located in Europe or any other jurisdiction outside of": the reader, wherever the clause goes.
    String.raw`\b(?:if|where|when|whether|while)\s+you\s+(?:are|live|reside|access|use|visit)\b[^.;:,]{0,60}?\s(?:in|within|from|outside(?:\s+of)?)`,
    String.raw`\byou\s+(?:live|reside|are\s+(?:located|based|resident))\s+(?:in|outside(?:\s+of)?)`,
    // "Depending on where you live (e.g. EEA, Switzerland, UK, USA)": examples of the reader's place.
    String.raw`\b(?:where|wherever)\s+you\s+(?:live|reside|are(?:\s+located)?)\s*\(\s*(?:e\.g\.|for\s+example|such\s+as|like)?,?`,
    // "users located in", "a WeChat user located … in", "users using our Services in Korea", "Our users are located in"
    // (trial7b item 4: that sentence had disclosed the United States and hidden its finding).
    String.raw`\b(?:residents?|citizens?|nationals?|users?|individuals|consumers|people|persons|customers|visitors|members|children|minors)(?:\s+(?:who\s+)?(?:live|reside|are|is|were|may\s+be))?(?:\s+(?:located|living|residing|based|resident))?(?:\s+(?:using|accessing)\s+(?:our|the)\s+\p{L}+)?\s+(?:in|of|from|within|outside(?:\s+of)?)`,
    // "as required by local law outside of the United States": the law's place. A bare "outside" is not enough:
    // "service providers located in and outside the United States" says where data goes.
    String.raw`\b(?:laws?|courts?|legislation|regulations?|authorit(?:y|ies)|regulators?|jurisdictions?|citizenship|residency|rights)\s+(?:of|in|outside(?:\s+of)?)`,
  ].join('|')})\\s*$`,
  'iu',
);
/**
 * Places listed before the mention, which share its lead-in: "the United States or ", "Europe, one of the 50 U.S.
 * States, Latin America, the Middle East, ", "the United Kingdom of Great Britain and Northern Ireland, or ".
 */
/** "of" inside a place's name only after these words ("the United Kingdom of Great Britain"), not "Residents of". */
const STATE_OF = String.raw`(?<=(?:Kingdom|Republic|Federation|Islands|Union|Commonwealth|Region)\s+)of`;
const PLACE_LIST_ITEM = String.raw`(?:(?:the|both|either|one\s+of\s+the|any\s+of\s+the|some|certain|\d+)\s+)*\p{Lu}[\p{L}.'\u2019-]*(?:\s+(?:${STATE_OF}\s+(?:the\s+)?)?[\p{Lu}\d][\p{L}\p{N}.'\u2019-]*)*`;
const PLACE_LIST_SEPARATOR = String.raw`\s*(?:,\s*(?:(?:or|and|and\/or)\s+)?|(?:or|and|and\/or)\s+)(?:in\s+)?`;
// "the United Kingdom of " before "Great Britain" ends the tail too.
const PLACE_LIST_TAIL = new RegExp(`(?:${PLACE_LIST_ITEM}${PLACE_LIST_SEPARATOR})*(?:${PLACE_LIST_ITEM}\\s+${STATE_OF}\\s+)?(?:the\\s+)?$`, 'u');
/** A short name given to the place before it ("Northern Ireland (“the UK”)"): it shares that place's lead-in. */
const ALIAS_OF_PLACE_BEFORE = new RegExp(`${PLACE_LIST_ITEM}\\s*\\(\\s*["\u201c]?(?:the\\s+)?$`, 'u');
/** Parentheses closed before the mention ("(as determined by your mobile number)", "(“the EEA”)") are asides. */
const CLOSED_ASIDE = /\([^()]*\)/g;
/**
 * Where data comes from, not where it goes: "If we transfer personal information from the European Economic Area,
 * Switzerland, Brazil and/or the United Kingdom to …", "personal data received from Switzerland".
 */
const ORIGIN_LEAD_IN =
  /\b(?:transfer\w*|receiv\w*|export\w*|mov(?:e|es|ed|ing)|transmit\w*|sen[dt]\w*)\b[^.;:]{0,80}?\b(?:from|(?<!\bin\s+and\s+)outside(?:\s+of)?)\s+(?:the\s+)?$/i;
/** An adequacy decision for the place: "the EU and UK partial adequacy decisions". */
const ADEQUACY_AFTER = /^(?:['\u2019]s)?\s+(?:partial\s+)?adequacy\s+(?:decisions?|regulations?|findings?)\b/i;
/** A postcode right after the country ends an address: "London, United Kingdom EC4A 3TW". */
const POSTCODE_AFTER_COUNTRY = /^,?\s+(?:[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}|\d{4,6})\b/;
/** Adjectives of residence right after the name: "Irish residents", "United States users". */
const AUDIENCE_NOUN_AFTER =
  /^(?:['\u2019]s)?\s+(?:residents?|citizens?|users?|consumers|persons|customers|government(?:-approved)?|law|laws|courts?|states?|state\s+laws?|federal\s+laws?|disclosures?|privacy\s+(?:rights|notice|disclosures?|laws?|protection\s+agency|act)|consumer\s+(?:privacy|data|health)|civil\s+code|attorney\s+general|shine\s+the\s+light)\b/i;

/**
 * A law or an authority named after the place: "the United States Children's Online Privacy Protection Act",
 * "In Ireland, the relevant data protection authority is …".
 */
const LAW_AFTER = /^(?:['\u2019]s)?(?:\s+\p{Lu}[\p{L}'\u2019-]*){0,6}\s+(?:Act|Code|Regulations?|Directive|Addendum|Extension|GDPR)\b/u;
const AUTHORITY_AFTER = /^(?:['\u2019]s)?,?\s+(?:the\s+)?(?:relevant\s+|competent\s+|lead\s+)?(?:data\s+protection|supervisory)\s+authorit/i;

/** Words around a name that make it part of another place or a company: "Latin America", "Bank of America". */
const NOT_THE_COUNTRY_BEFORE = /\b(?:Latin|South|Central|North|Northern|Bank\s+of)\s+$/;
/** Bare names that such a word turns into another place (North Korea, Northern Ireland, Latin America). */
const NAMES_CHANGED_BY_NORTH = new Set(['America', 'Korea', 'Ireland']);

/**
 * Cues that a sentence gives a postal address: a representative or registered office, "Attn", "write to us
 * at", a street word, a unit or suite, a P.O. box, a UK postcode, a postcode before a city ("10117 Berlin,") or
 * a US state and ZIP code. A company form or a year is not enough: "hosted by Hetzner Online GmbH,
 * Gunzenhausen, Germany" and "since 2019 … Falkenstein, Germany" say where data goes.
 */
const POSTAL_CUE =
  /\b(?:[Rr]epresentative|Attn\b|Attention:|write\s+to\s+us\s+at|postal\s+address|mailing\s+address|(?:its|our|with\s+an?)\s+address\s+(?:at|is)|registered\s+office|Road|Street|Avenue|Boulevard|Lane|Terrace|Square|Quay|Plaza|Drive|Unit\s+\w+|Suite\s+\w+|Floor|P\.?\s?O\.?\s+Box)\b|\p{L}+(?:straße|strasse)\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b|\b\d{4,5}\s+\p{Lu}\p{Ll}+,|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b/u;
/**
 * "…, Cork, " right before the name: a city then the country, as an address ends. The city may follow a postcode
 * ("…, 10117 Berlin, ", "…, D-10117 Berlin, ") or carry a district number or a US state and ZIP code ("Dublin 4, ",
 * "CA 94107, "); a street with its number and a UK postcode may stand there too ("1 New Oxford Street WC1A 1BA, ").
 */
const CITY_BEFORE_COUNTRY =
  /,\s*(?:[A-Z]{1,2}-)?(?:\d{1,5}[a-z]?\s+)?\p{Lu}[\p{L}\p{N}.'\u2019-]*(?:\s+[\p{Lu}\p{N}][\p{L}\p{N}.'\u2019-]*)*,\s*$/u;
/**
 * A postcode and a city right before the name end an address by themselves: "75001 - Paris (France)", "1016 VR
 * Amsterdam Netherlands", "D-10117 Berlin, Germany". A year does not stand before a city like that.
 */
const POSTCODE_CITY_BEFORE_COUNTRY = /(?:\b[A-Z]{1,2}-)?\b\d{4,5}(?:\s?[A-Z]{2})?\s*-?\s*\p{Lu}[\p{L}'\u2019-]*(?:\s*,\s*|\s*\(\s*|\s+)$/u;

/**
 * The name inside a company's name: a capitalised word before it and a company form after it, perhaps across more
 * capitalised words ("Spotify USA Inc.", "LinkedIn Ireland Unlimited Company", "Twitch Interactive Germany, GmbH").
 */
const COMPANY_WORD_BEFORE = /\p{Lu}[\p{L}\p{N}&'\u2019-]*\s+$/u;
const COMPANY_FORM_AFTER =
  /^(?:\s+\p{Lu}[\p{L}&'\u2019-]*){0,3},?\s+(?:Inc|Incorporated|Ltd|Limited|LLC|L\.L\.C|GmbH|AG|B\.\s?V|BV|N\.\s?V|S\.\s?A|SAS|SARL|S\.\s?à\s?r\.\s?l|S\.\s?r\.\s?l|S\.\s?L|AB|ApS|A\/S|Oy|Pte|Pty|Corp|Corporation|Company|Co|plc|PLC|K\.\s?K|KK|SE)\b/u;
/** A company's nationality or seat: "a US company", "a Delaware corporation", "an Irish company". */
const COMPANY_OF_PLACE_BEFORE = /\b(?:an?|the)\s+$/i;
const COMPANY_OF_PLACE_AFTER = /^\s+(?:company|corporation|entity|subsidiary|limited\s+(?:liability\s+)?company|(?:private\s+)?limited|LLC|affiliate)\b/i;
/**
 * A representative designated for a region: "X has been designated … as its representative", "our UK representative
 * is …". Such a sentence names where a company answers for the data, not where data goes, unless it says that too.
 */
const REPRESENTATIVE = /\brepresentatives?\b/i;
const STORAGE_OR_TRANSFER = /\b(?:stor(?:e|es|ed|ing|age)|host(?:s|ed|ing)?|servers?|data\s+cent(?:er|re)s?|transfer(?:s|red|ring)?|transmit(?:s|ted)?|processed\s+(?:in|on))\b/i;

/**
 * A denied destination: a negator governs the verb before "to/in … <place>" ("we do not transfer your personal data
 * to China", "is never stored in Singapore or China"). "Never leaves Germany", "not outside the EU", "except in
 * Germany" keep data in the place, so they do not deny it.
 */
const DESTINATION_PREPOSITION_BEFORE = /\b(?:to|in|into|within|on\s+servers\s+in)\s+(?:the\s+)?$/i;
const KEEPS_DATA_THERE = /\b(?:leaves?|left|leaving|outside|beyond|other\s+than|except|but|only|unless|apart\s+from)\b/i;
/** Heading and list words that may stand with place names on a line of their own. */
const STATEMENT_WORDS = /\b(?:servers?|hosted|hosting|data\s+cent(?:er|re)s?|stor(?:e|ed|age)|processing|located|transfer)/i;


/** Abbreviations whose full stop does not end a sentence ("U.S. States", "Ametros Ltd. in Cork"). */
const ABBREVIATION_BEFORE_DOT = /(?:\b(?:U\.S|U\.K|U\.A\.E|E\.U|Inc|Ltd|Co|Corp|LLC|S\.A|B\.V|e\.g|i\.e|etc|No|St|Mr|Ms|Dr)|\b\p{Lu})$/u;

/** True when the character at `index` ends a sentence: a full stop (not an abbreviation's), "!" or "?" before a space. */
function endsSentence(text: string, index: number): boolean {
  const char = text[index];
  if (char !== '.' && char !== '!' && char !== '?') return false;
  if (!/\s|^$/.test(text[index + 1] ?? '')) return false;
  return char !== '.' || !ABBREVIATION_BEFORE_DOT.test(text.slice(Math.max(0, index - 8), index));
}

/** Start and end of the sentence around `at`: from the previous sentence end or line break to the next. */
function findSentence(text: string, at: number): TextSpan {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && !endsSentence(text, start - 2)) start -= 1;
  let end = at;
  while (end < text.length && text[end] !== '\n' && !endsSentence(text, end)) end += 1;
  if (end < text.length && text[end] !== '\n') end += 1;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  return { start, end };
}

/**
 * True when the match is not the country at all: the pronoun in an all-caps run ("CONTACT US", a heading),
 * or part of a larger place or name ("Latin America", "Bank of America", "North Korea", "Northern Ireland").
 */
function isNotTheCountry(text: string, index: number, name: string): boolean {
  if (name === 'US' && isPronounUs(text, index)) return true;
  const bare = name.replace(/^the\s+/, '');
  return NAMES_CHANGED_BY_NORTH.has(bare) && NOT_THE_COUNTRY_BEFORE.test(text.slice(Math.max(0, index - 20), index));
}

/** Verbs that take "us" in headings and links: "CONTACT US", "About Us", "Email us", "LET US KNOW". */
const US_PRONOUN_AFTER = /\b(?:contact|about|e-?mail|call|write\s+to|join|follow|help|tell|let|reach|ask|message|text)\s+$/i;
/**
 * In capitals a preposition takes it too when nothing follows ("SHARE IT WITH US.", "SEND IT TO US"), but "IN THE
 * US", "TO US SERVERS" and "with US companies" name the country.
 */
const US_PRONOUN_AFTER_IN_CAPITALS = /\b(?:WITH|TO|FOR|FROM|BY|GIVE|SEND|SHOW)\s+$/;
const NOTHING_FOLLOWS = /^\s*(?:[.,;:!?)]|$)/;

/** True when "US" at `index` is the pronoun written in capitals, not the country. */
function isPronounUs(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(lineStart, index);
  if (US_PRONOUN_AFTER.test(before)) return true;
  const lineEnd = text.indexOf('\n', index);
  return US_PRONOUN_AFTER_IN_CAPITALS.test(before) && NOTHING_FOLLOWS.test(text.slice(index + 2, lineEnd === -1 ? text.length : lineEnd));
}

/**
 * True when the name ends a postal address ("… Representative at Ametros Ltd, …, Cork, Ireland"), or is a city or
 * state in a sentence that gives one ("651 Brannan St., San Francisco, CA 94107").
 */
function isPostalAddress(text: string, sentence: TextSpan, index: number, countryName: boolean, length: number): boolean {
  const before = text.slice(sentence.start, index);
  if (countryName && POSTCODE_AFTER_COUNTRY.test(text.slice(index + length, sentence.end)) && POSTAL_CUE.test(text.slice(sentence.start, sentence.end))) return true;
  if (countryName && POSTCODE_CITY_BEFORE_COUNTRY.test(before)) return true;
  return (!countryName || CITY_BEFORE_COUNTRY.test(before)) && POSTAL_CUE.test(text.slice(sentence.start, sentence.end));
}

/** True when the name belongs to a company's name or says where a company or representative is. */
function isCompanyMention(text: string, sentence: TextSpan, index: number, length: number): boolean {
  const before = text.slice(sentence.start, index);
  const after = text.slice(index + length, sentence.end);
  if (COMPANY_WORD_BEFORE.test(before) && COMPANY_FORM_AFTER.test(after)) return true;
  if (COMPANY_OF_PLACE_BEFORE.test(before) && COMPANY_OF_PLACE_AFTER.test(after)) return true;
  // A defined name for a company: "TikTok Technology Limited, an Irish company (“TikTok Ireland”)", and the same name
  // used later ("TikTok Ireland will be responsible for …").
  if (/[“"]\p{Lu}[\p{L}\p{N}&'\u2019-]*\s+$/u.test(before) && /^[”"]/.test(after)) return true;
  const brand = /(\p{Lu}[\p{L}\p{N}&'\u2019-]*)\s+$/u.exec(before)?.[1];
  const name = text.slice(index, index + length);
  if (brand !== undefined && (text.includes(`\u201c${brand} ${name}\u201d`) || text.includes(`"${brand} ${name}"`))) return true;
  const quote = text.slice(sentence.start, sentence.end);
  if (STORAGE_OR_TRANSFER.test(quote)) return false;
  // "Please contact Twitch UK", "TikTok Ireland": a brand right before the name, not at the sentence start ("Within Germany").
  if (isRepresentativeRow(text, sentence)) return true;
  return REPRESENTATIVE.test(quote) || (COMPANY_WORD_BEFORE.test(before) && /\S\s+\S+\s+$/.test(before) && !/[,;:(]\s*\S+\s+$/.test(before));
}

/**
 * True when the line is a row of a table of representatives ("Jurisdiction | Representative | Address | Contact
 * details", under "Our Representatives in Certain Jurisdictions"): each row names where a company answers for the
 * data, not where data goes. The header row or the line over the table must say so.
 */
function isRepresentativeRow(text: string, sentence: TextSpan): boolean {
  const lineStart = text.lastIndexOf('\n', sentence.start - 1) + 1;
  const lineEnd = text.indexOf('\n', sentence.start);
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  if (!line.includes(' | ') || STORAGE_OR_TRANSFER.test(line)) return false;
  // Walk up over the rows (blank lines between them) to the header and the line above the table.
  const lines = text.slice(Math.max(0, lineStart - 20000), lineStart).split('\n').filter((l) => l.trim() !== '').reverse();
  const above = lines.findIndex((l) => !l.includes(' | '));
  const header = above === -1 ? lines[lines.length - 1] : lines[above - 1];
  return REPRESENTATIVE.test(header ?? '') || (above !== -1 && REPRESENTATIVE.test(lines[above] ?? ''));
}

/** True when the place at `index` is where the sentence says data does not go. */
function isDeniedDestination(text: string, sentence: TextSpan, index: number, denials: readonly TextSpan[]): boolean {
  if (denials.some((d) => d.start <= index && index < d.end)) return true;
  const before = text.slice(sentence.start, index).replace(PLACE_LIST_TAIL, '');
  const clause = before.split(/[;:]|\b(?:but|however|although|whereas|instead)\b/i).pop() ?? '';
  return DESTINATION_PREPOSITION_BEFORE.test(clause) && deniesLocation(clause) && !KEEPS_DATA_THERE.test(clause.slice(-60));
}

/**
 * True when the line holds nothing but place names: a heading ("### Singapore" over a rights paragraph) or an
 * entry of a list of regional notices. A list of places after a lead-in ending in a colon ("We store data in:") is
 * left to count: the line continues that sentence.
 */
function isBarePlaceLine(text: string, sentence: TextSpan): boolean {
  const lineStart = text.lastIndexOf('\n', sentence.start - 1) + 1;
  const lineEnd = text.indexOf('\n', sentence.start);
  // Markdown heading and list marks, should the text keep them.
  const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).replace(/^[\s#*\u2022>-]+/, '').trim();
  const names = readPlaceNames(line);
  if (!names.onlyPlaces || names.unspecified || STATEMENT_WORDS.test(line)) return false;
  const previous = text.slice(0, lineStart).trimEnd();
  return !previous.endsWith(':');
}

/** The sentence before the mention without closed asides and without the places listed with it: what leads into the list. */
function readListLeadIn(text: string, sentence: TextSpan, index: number): string {
  return text.slice(sentence.start, index).replace(CLOSED_ASIDE, ' ').replace(ALIAS_OF_PLACE_BEFORE, '').replace(PLACE_LIST_TAIL, '');
}

/** True when the place at `index` in the text describes the reader or the law, not where data goes. */
function isAudienceMention(text: string, sentence: TextSpan, index: number, length: number): boolean {
  const after = text.slice(index + length, sentence.end);
  return (
    AUDIENCE_LEAD_IN.test(readListLeadIn(text, sentence, index)) ||
    AUDIENCE_NOUN_AFTER.test(after) ||
    LAW_AFTER.test(after) ||
    AUTHORITY_AFTER.test(after) ||
    ADEQUACY_AFTER.test(after)
  );
}

/** True when the place at `index` is where the sentence says data comes from ("transfer … from Brazil and/or the UK to …"). */
function isOriginMention(text: string, sentence: TextSpan, index: number): boolean {
  return ORIGIN_LEAD_IN.test(readListLeadIn(text, sentence, index));
}

/** True when the place at `index` is where the service is offered ("We offer the app in Germany"), not where data goes. */
function isMarketMention(text: string, sentence: TextSpan, index: number): boolean {
  const clause = readListLeadIn(text, sentence, index).split(/[;:]|\b(?:and|but|while|whereas)\s+(?=(?:we|you|they|it|our|your)\b)/i).pop() ?? '';
  return isMarketLeadIn(clause);
}

/** Why a mention of a country does not say data goes there. */
export type DiscountReason = 'audience' | 'origin' | 'market' | 'postal-address' | 'denial' | 'company' | 'heading';

/** A mention that does not disclose the country, and why. */
export interface DiscountedMention extends CountryMention {
  reason: DiscountReason;
}

/** How the policy mentions a country outside its transfer statements. */
export interface CountryMentions {
  /** The first sentence that names it other than in the ways of {@link DiscountReason}; null when none does. */
  disclosing: CountryMention | null;
  /** The first sentence that names it only in one of those ways (the reader, the law, an address, a denial, …); null when none does. */
  discounted: DiscountedMention | null;
}

/**
 * Reads every mention of the country in the policy text. Each mention is judged on its own: "If you live in
 * Germany, your data is processed by our affiliate in Germany" names Germany as the reader's place and then as
 * where data goes, and the second mention discloses it.
 */
export function readCountryMentions(snapshot: StoredSnapshot, code: string, denials: readonly TextSpan[] = []): CountryMentions {
  const mentions: CountryMentions = { disclosing: null, discounted: null };
  const country = code.toUpperCase();
  const pattern = namePatternOf(country);
  if (!pattern) return mentions;
  const { text } = snapshot;
  for (const m of text.matchAll(pattern)) {
    if (isNotTheCountry(text, m.index, m[0])) continue;
    const sentence = findSentence(text, m.index);
    const countryName = isCountryName(country, m[0]);
    // A city, state or cloud region counts only where the sentence speaks of servers, storage or transfers: elsewhere
    // "California" is a law or an audience ("our California Notice at Collection") and "Dublin 2" an address line.
    if (!countryName && (!STORAGE_OR_TRANSFER.test(text.slice(sentence.start, sentence.end)) || continuesAsName(text.slice(m.index + m[0].length)))) continue;
    const mention: CountryMention = { country, span: sentence, quote: text.slice(sentence.start, sentence.end) };
    const reason: DiscountReason | null = isDeniedDestination(text, sentence, m.index, denials)
      ? 'denial'
      : isAudienceMention(text, sentence, m.index, m[0].length)
        ? 'audience'
        : isOriginMention(text, sentence, m.index)
          ? 'origin'
          : isMarketMention(text, sentence, m.index)
          ? 'market'
          : isPostalAddress(text, sentence, m.index, countryName, m[0].length)
          ? 'postal-address'
          : isCompanyMention(text, sentence, m.index, m[0].length)
            ? 'company'
            : isBarePlaceLine(text, sentence)
              ? 'heading'
              : null;
    if (reason === null) {
      mentions.disclosing = mention;
      break;
    }
    mentions.discounted ??= { ...mention, reason };
  }
  return mentions;
}

/** The mention as the audit records it: the sentence that stood in for a disclosure of the country. */
export function recordCountryMention(snapshot: StoredSnapshot, mention: CountryMention): CountryMentionRecord {
  return {
    country: mention.country,
    snapshotSha256: snapshot.sha256,
    source: snapshot.source,
    span: mention.span,
    quote: mention.quote,
    ...(mention.region !== undefined ? { region: mention.region } : {}),
    ...(mention.transferStatement === true ? { transferStatement: true as const } : {}),
  };
}

/**
 * The sentence that sends data out of a place as the record of why the country counts as disclosed: "Where we transfer
 * your personal information outside of the European Economic Area …" places data in Ireland before it leaves.
 */
export function originAsMention(country: string, origin: { region: string | null; claim: { span: TextSpan; quote: string } }): CountryMention {
  return { country, span: origin.claim.span, quote: origin.claim.quote, ...(origin.region !== null ? { region: origin.region } : {}) };
}

/** The mentions that silenced a finding in any rule, one per country, in country order. */
export function mergeCountryMentions(mentions: readonly CountryMentionRecord[]): CountryMentionRecord[] {
  const byCountry = new Map<string, CountryMentionRecord>();
  for (const m of mentions) if (!byCountry.has(m.country)) byCountry.set(m.country, m);
  return [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country));
}
