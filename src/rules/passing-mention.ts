/**
 * A company a policy names in passing: as an example of something that is not the service's recipient
 * ("available in search results on internet search engines like Google"), as the author of another
 * document ("please visit the privacy policies of … (for example, Tumblr, Facebook, and X)", "See Amazon's
 * Generative AI Development Disclosure"), as technology on the user's device or its app store ("we use
 * Apple's TrueDepth camera", "the Apple App Store"), in a trademark notice, to say how companies are related
 * ("WhatsApp is one of the Meta Companies"), as someone whose rights are protected, as a link target or in a
 * comparison. The extractor keeps such names when the sentence has a sharing cue or sits in a sharing
 * section; none of them says the service sends data to the company, lets it collect, or uses it as a
 * provider, so none discloses it as a recipient (docs/rules/undisclosed-recipient.md, "Passing mentions").
 */
import { findNameOffsets } from './find-name-offsets.js';
import { readSharingDirection } from './read-sharing-direction.js';

/** Why a mention is in passing; the wording names it ("only as an example", "only to point to another document"). */
export type PassingMention = 'example' | 'document' | 'control' | 'device' | 'trademark' | 'affiliation' | 'protected-party' | 'link' | 'comparison';

/** "Google's ad settings", "Facebook ad preferences", "Google's opt-out page": where the user acts, not a recipient. */
const CONTROL_TAIL =
  /^(?:['’‘]s)?\s+(?:\p{Lu}[\p{L}-]*\s+){0,2}(?:[Aa]ds?\s+|[Aa]dvertising\s+|[Aa]ccount\s+|[Pp]rivacy\s+)?(?:[Ss]ettings|[Pp]references|[Cc]hoices|[Cc]ontrols?|[Dd]ashboard|[Oo]pt[-\s]?[Oo]ut(?:\s+(?:[Pp]age|[Tt]ool|[Ll]ink|[Mm]echanism))?)\b/u;
/** "opt out … at ", "adjust your preferences through ": the mention is where the reader goes to act. */
const CONTROL_LEAD = /\b(?:opt(?:[-\s]?out)?|unsubscribe|adjust|change|manage|control|disable|turn\s+off)\b[^.;]{0,80}?\b(?:at|in|on|through|via|using|from)\s+(?:the\s+)?$/iu;

/** Earlier items of the same list before the mention: "Tumblr, Facebook, and " before "X". */
const LIST_BEFORE = String.raw`(?:[\p{L}\p{N}'’.&-]+(?:\s+[\p{L}\p{N}'’.&-]+){0,3}\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*`;
const EXAMPLE_TRIGGER = String.raw`(?:like|such\s+as|e\.g\.,?|for\s+example,?|for\s+instance,?|including)`;
/**
 * Things a company can be an example of that are not where the service sends data: where public content
 * may show up, software on the user's device, other sites the user publishes to, competitors.
 */
const NON_RECIPIENT_HEAD = String.raw`(?:search\s+engines?|search\s+results|(?:AI\s+)?chat\s*bots?|(?:web\s+)?browsers?|app\s+stores?|operating\s+systems?|(?:mobile\s+)?devices?|other\s+(?:web\s*)?sites|other\s+websites|other\s+platforms|other\s+apps|(?:social\s+)?sharing\s+features|competitors?)`;
// "an AI chatbot like OpenAI’s ChatGPT": the maker's name may come first.
const EXAMPLE_LEAD = new RegExp(String.raw`\b(${NON_RECIPIENT_HEAD})\s*,?\s*\(?\s*${EXAMPLE_TRIGGER}\s+${LIST_BEFORE}(?:[\p{L}\p{N}.&-]+['’]s\s+)?$`, 'iu');

/** "the privacy policies of the third parties that provide these features (for example, ": the mention is whose document it is. */
const DOCUMENT_OF_LEAD = /\b(?:privacy\s+(?:polic(?:y|ies)|notices?|statements?)|terms(?:\s+of\s+(?:use|service))?|polic(?:y|ies)|notices?|disclosures?)\s+of\s+(?![^.;]*\b(?:we|us|our\s+partners)\b)[^.;]{0,160}$/iu;
/** "Amazon’s Generative AI Development Disclosure", "Google’s privacy policy", "Meta Platforms, Inc. Data Privacy Framework Disclosure". */
const DOCUMENT_TAIL =
  /^(?:['’‘]s)?\s+(?:\p{Lu}[\p{L}-]*\s+){0,5}(?:[Pp]rivacy\s+(?:[Pp]olic(?:y|ies)|[Nn]otices?|[Ss]tatements?)|[Tt]erms(?:\s+of\s+(?:[Uu]se|[Ss]ervice))?|[Dd]isclosures?|[Pp]olic(?:y|ies)|[Nn]otices?|[Ss]tatements?)\b/u;

/** "Apple’s TrueDepth camera", "the Apple App Store", "Google Play Store", "Apple IDFA", "Apple iOS devices". */
const DEVICE_TAIL =
  /^['’‘]s\s+(?:\p{Lu}[\p{L}-]*\s+){0,2}(?:[Cc]ameras?|APIs?|[Ss]ensors?|[Kk]eyboards?|[Dd]evices?|[Hh]ardware|[Cc]hips?|[Oo]perating\s+[Ss]ystems?)\b|^(?:['’‘]s)?\s+(?:App\s+Store|Play(?!\s+[Ss]ervices)(?:\s+Store)?|iOS|IDFA|AAID|[Aa]dvertising\s+(?:ID|[Ii]dentifier)|(?:\p{Lu}[\p{L}-]*\s+)?[Dd]evices?)\b/u;
/** "available on the ", "download it from ": the mention is where the app is distributed. */
const STORE_LEAD = /\b(?:available|download(?:ed|s|ing)?|install(?:ed|s|ing)?)\s+(?:[\w'’-]+\s+){0,3}?(?:on|in|from|through|via)\s+(?:the\s+)?$/i;

/** "WhatsApp is one of the ", "is owned by ", "a subsidiary of ". */
const AFFILIATION_LEAD = /\b(?:(?:is|are)\s+(?:one\s+of\s+the|part\s+of(?:\s+the)?|owned\s+by|controlled\s+by)|(?:a|an|the)\s+(?:member|subsidiary|affiliate|part|brand|division)\s+of(?:\s+the)?)\s+$/i;
/** "protect the rights, property and safety of our users, WhatsApp, the ". */
const PROTECTED_PARTY_LEAD = /\b(?:rights?|property|safety|security|interests?)\s+of\s+(?:[\w'’-]+,?\s+){0,8}$/i;
/** "links to ", "a link to the ". */
const LINK_LEAD = /\b(?:links?|linked|linking)\s+(?:to|from)\s+(?:[\w'’-]+\s+){0,3}$/i;
/** "compared to other services offered by the ", "unlike ". */
const COMPARISON_LEAD = /\b(?:compared\s+(?:to|with)|unlike|similar\s+to|in\s+contrast\s+to)\s+(?:[\w'’-]+\s+){0,6}$/i;
const TRADEMARK = /\btrademarks?\b|\bservice\s+marks?\b|[®™]/i;
/** A word of the service giving data away: a trademark sentence with one of these is read as sharing. */
const SHARING_WORD = /\b(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing)|sell|sells|sold|send|sends|sent|transfer(?:s|red|ring)?|provide|provides|provided)\b/i;

/** Why this one occurrence (at `at`) is in passing, or null when it may be a recipient. */
function readOccurrence(quote: string, at: number, name: string): PassingMention | null {
  const end = at + name.trim().length;
  // The tail patterns are anchored at the name and read a few words: a bounded slice keeps long sentences linear.
  const tail = quote.slice(end, end + 300);
  const lead = quote.slice(Math.max(0, at - 200), at);
  if (DOCUMENT_TAIL.test(tail) || DOCUMENT_OF_LEAD.test(lead)) return 'document';
  if (CONTROL_TAIL.test(tail) || CONTROL_LEAD.test(lead)) return 'control';
  if (DEVICE_TAIL.test(tail) || STORE_LEAD.test(lead)) return 'device';
  const example = EXAMPLE_LEAD.exec(lead);
  // "we share your posts with other sites like Facebook": the head itself receives data, so its examples do too.
  if (example?.[1] !== undefined && readSharingDirection(quote, example[1]) !== 'outbound') return 'example';
  if (AFFILIATION_LEAD.test(lead)) return 'affiliation';
  if (PROTECTED_PARTY_LEAD.test(lead)) return 'protected-party';
  if (LINK_LEAD.test(lead)) return 'link';
  if (COMPARISON_LEAD.test(lead)) return 'comparison';
  if (TRADEMARK.test(quote) && !SHARING_WORD.test(quote)) return 'trademark';
  return null;
}

/**
 * Why the sentence `quote` names `name` only in passing (see {@link PassingMention}), when every
 * occurrence of the name is; null when any occurrence may name a recipient, or the name is not in the
 * sentence (the claim then stands as written).
 */
export function readPassingMention(quote: string, name: string): PassingMention | null {
  const offsets = findNameOffsets(quote, name);
  // A sentence naming the company this often is about it, not passing by (and each reading scans the sentence).
  if (offsets.length === 0 || offsets.length > MAX_PASSING_OCCURRENCES) return null;
  let first: PassingMention | null = null;
  for (const at of offsets) {
    const kind = readOccurrence(quote, at, name);
    if (kind === null) return null;
    first ??= kind;
  }
  return first;
}

const MAX_PASSING_OCCURRENCES = 20;
