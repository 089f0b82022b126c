import type { ProcessorClaim } from '../model/claim.js';
import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isOwnName } from './detect-first-party-names.js';
import { isNegatedAt } from './detect-negation.js';
import { findActingRecipients, NAME_WORD, type ActingRecipient } from './find-acting-recipients.js';
import { findExampleRecipients } from './find-example-recipients.js';
import { findTopicSpans, isWithin } from './detect-topic-sentences.js';
import corporate from './lexicons/corporate-suffixes.json' with { type: 'json' };
import categories from './lexicons/processor-categories.json' with { type: 'json' };
import firstPartyLexicon from './lexicons/first-party-names.json' with { type: 'json' };
import cues from './lexicons/sharing-cues.json' with { type: 'json' };
import { readPlaceNames } from './read-place-names.js';
import { createClaimBase, type SentenceContext } from './sentence-context.js';

const CUE = compilePhrasePattern(cues.verbs);
const USE_MODALS = '(?:(?:may|might|can|also|currently|will|sometimes|generally|often|do|does)\\s+){0,2}';
/** "use" counts as using a service only when its object is not the user's data ("we use such information to …"). */
const USE_VERBS = `(?:${cues.firstPersonUse.join('|')})(?!\\s+(?:(?:such|this|that|these|your|the|their|personal|any|all|certain)\\s+)*(?:information|data|details)\\b)`;
const FIRST_PERSON_USE = new RegExp(`\\b(?:we|our\\s+(?:web\\s*)?sites?|this\\s+(?:web\\s*)?site)\\s+${USE_MODALS}${USE_VERBS}\\b`, 'gi');
/** The company naming itself in the third person: "JibJab also implements …", "some Smithsonian websites may use …". */
const OWN_NAME_USE = new Map<string, RegExp>();
/**
 * "provide personally identifiable information to the appropriate authorities", "providing your email
 * to our email provider": a giving verb, user data as its object, then "to" a recipient.
 */
const GIVE_DATA_TO = new RegExp(
  `\\b(?:provide|provides|provided|providing|give|gives|giving|supply|supplies|supplied|submit|submits|submitted)(?!\\s+(?:us|you)\\b)\\s+(?:[\\w'’()-]+\\s+){0,5}?(?:${cues.givenDataNouns.join('|')})(?:\\s+[\\w'’()-]+){0,4}?(?<!\\b(?:relation|relating|related|according|due|prior|pursuant|addition|respect|regard|up|access))\\s+to\\b(?!\\s+(?:help|provide|improve|better|make|be|do|use|allow|enable|fulfil+|process|complete|assist|deliver|send|contact|respond|us|you)\\b)`,
  'gi',
);
/** "we will make your Personal Information and Other Information available to certain third parties": data between the verb and "available to". */
const MAKE_AVAILABLE_TO = new RegExp(
  `\\b(?:make|makes|made|making)\\s+(?:[\\w'’()-]+\\s+){0,4}?(?:${cues.givenDataNouns.join('|')})(?:\\s+[\\w'’()-]+){0,6}?\\s+available\\s+to\\b(?!\\s+(?:you|us)\\b)`,
  'gi',
);
/**
 * "Twitch does not provide access to your username or ID to third-party Extension developers": access to the
 * reader's data. "provide access to products and services offered by third parties" gives none.
 */
const ACCESS_TO_YOUR_DATA = /\b(?:provide|provides|provided|providing|grant|grants|granted|granting)\s+access\s+to\s+(?:your|users['’]?|the\s+user['’]s)\b/gi;
const SHARING_SECTION_WORDS = cues.sectionWords;
/**
 * "Our partners include Meta and TikTok", "The recipients of Personal Data include third parties such as our
 * subcontractors": a list of the company's recipients, with no sharing verb.
 */
const RECIPIENTS_INCLUDE =
  /\b(?:(?:our|its)\s+(?:[\w-]+\s+){0,3}?(?:partners|service\s+providers|providers|vendors|processors|sub-?processors|advertisers|suppliers|contractors)|(?:the\s+)?recipients\s+of\s+(?:(?:your|the|such|this)\s+)?(?:personal\s+)?(?:data|information))\s+include\b/gi;
/**
 * "we entrust all or a part of the Personal Data to the subcontractor", "We may subcontract certain services … to
 * a third party": handing data or work over to another company, whatever the object is called. The verb must be
 * the service's own ("we …", "is entrusted to"): "outsourced or subcontracted processing services" is a description.
 */
const ENTRUST_TO =
  /(?<=\b(?:we|is|are|was|were|be|been)\s+(?:(?:may|might|will|also|can|sometimes|then)\s+){0,2})\b(?:entrust|entrusts|entrusted|entrusting|subcontract|subcontracts|subcontracted)\s+(?:\S+\s+){0,25}?to\b(?!\s+(?:help|provide|improve|make|be|do|use|allow|enable|process|perform|us|you)\b)/gi;

const CATEGORY_BY_PHRASE = new Map<string, string>();
for (const [category, phrases] of Object.entries(categories.categories)) {
  for (const phrase of phrases) CATEGORY_BY_PHRASE.set(normalisePhrase(phrase), category);
}
/** Singular forms ("our hosting provider"), read as recipients only in a recipient's place (see {@link isRecipientSingular}). */
const SINGULAR_PHRASES = new Set<string>();
for (const [category, phrases] of Object.entries(categories.singularCategories)) {
  for (const phrase of phrases) {
    CATEGORY_BY_PHRASE.set(normalisePhrase(phrase), category);
    SINGULAR_PHRASES.add(normalisePhrase(phrase));
  }
}
const CATEGORY = compilePhrasePattern([...CATEGORY_BY_PHRASE.keys()]);

/**
 * A demand only a government, court or police can make: "Comply with any valid legal process, governmental request
 * …", "respond to a court order, judicial or other government request", "(e.g., subpoenas or warrants)". In a
 * sentence that gives data (a cue of its own, or under a sharing lead-in) the one making it is the recipient, though
 * never named.
 */
const LEGAL_DEMAND =
  /\b(?:(?:governmental|government|judicial|court|law\s+enforcement|regulatory)\s+(?:requests?|orders?|demands?)|(?:valid\s+)?legal\s+process|subpoenas?|search\s+warrants?|warrants)\b/gi;

/**
 * A sale of the company or its business, whose buyer receives its data: "merger", "acquisition" (of the business, not
 * "the acquisition of new users"), "sale of all or part of our assets", "bankruptcy", "change of control".
 */
const CORPORATE_TRANSACTION =
  /\b(?:mergers?|acquisitions?(?!\s+of\s+(?!(?:all|some|part|substantially|a\s+portion|our|us|the\s+company|another|other\s+compan|compan|business)))|(?:sale|transfer)\s+of\s+(?:(?:all|some|any)\s+or\s+(?:a\s+)?(?:part|portion|substantially\s+all|any\s+part)\s+of\s+|(?:all|substantially\s+all|some|part|a\s+portion)\s+of\s+)?(?:our|its|the|their|company|a)\s+(?:(?:company|business|corporate)\s+)?(?:assets|business(?:es)?|company|stock|shares)|bankruptcy|insolvency|change\s+(?:of|in)\s+(?:control|ownership))\b/gi;

/** Words between the determiner and the category ("the appropriate"), but not a verb or "as a": "the company is a service provider". */
const MODIFIER_WORDS = String.raw`(?:(?!(?:is|are|was|were|be|been|being|as|a|an)\b)[\w-]+\s+){0,3}`;
/**
 * A singular category is the object of a recipient word: "with our hosting provider", "to the appropriate credit
 * card company", "processed by a third-party vendor", "we use a crash reporting service", "we may tell an
 * advertiser", "service providers and a data broker", "a developer application or payment processor". "As a service
 * provider, we …", "if you are a payment processor", "the name of your mobile carrier" and "a website operated by
 * that partner" put it in another role.
 */
const SINGULAR_RECIPIENT_BEFORE = new RegExp(
  String.raw`(?:(?:\b(?:with|to|(?<!\b(?:operated|owned|run|provided|offered|hosted|made|developed|created|published|built)\s+)by|for|through|via|using|use|uses|used|engage|engages|engaged|employ|employs|employed|retain|retains|retained|hire|hires|hired|tell|tells|told|inform|informs|informed|notify|notifies|notified|show|shows|give|gives|pay|pays|paid|on|and|or|including|include|includes|included)|,)\s+(?:a|an|our|the|one|another|any|each|such\s+a|this|that|your|their|its)\s+${MODIFIER_WORDS}|\b(?:and|or)\s+)$`,
  'i',
);
/** Or the subject doing the work, or a list item, at the start of a sentence: "A third-party service provider also helps us …". */
const SINGULAR_SUBJECT_BEFORE = new RegExp(String.raw`^\W*(?:a|an|our|the|one)\s+${MODIFIER_WORDS}$`, 'i');
const SINGULAR_SUBJECT_VERB =
  /^\s+(?:(?:also|may|might|will|can|could|then|currently|automatically)\s+)*(?:helps?|process(?:es)?|collects?|receives?|stores?|hosts?|provides?|uses?|has|acts?|is|operates?|performs?|manages?|handles?|obtains?|sets?|places?|serves?|delivers?|sends?|gathers?|analy[sz]es?)\b/i;
/** The singular ends its noun phrase: "hosting provider." or "hosting provider (AWS)", not "payment processor fees". */
const SINGULAR_PHRASE_ENDS = /^(?:\s*(?:$|[,.;:)(\[”"–—]|-\s)|\s+(?:\p{Lu}|(?:that|who|which|whom|without|for|to|in|when|unless|if|with|and|or|as|under|except|may|will|would|is|are|has|have|on|at|by|of|so|we|you|where|whose|acting|such|like|including|located|based|called|named|during|how|what|whether|about|through|via|e\.g\.|i\.e\.)\b))/u;

function isRecipientSingular(text: string, match: PhraseMatch): boolean {
  const before = text.slice(Math.max(0, match.start - 80), match.start);
  const after = text.slice(match.end);
  if (!SINGULAR_PHRASE_ENDS.test(after) && !SINGULAR_SUBJECT_VERB.test(after)) return false;
  return SINGULAR_RECIPIENT_BEFORE.test(before) || SINGULAR_SUBJECT_BEFORE.test(text.slice(0, match.start));
}

/**
 * Singular "third party" names a recipient only when a function word or punctuation follows it
 * ("to a third party without consent"); otherwise it is an adjective ("third-party cookies").
 */
const THIRD_PARTY_AS_NOUN =
  /^\s*(?:$|[,.;:)”"]|(?:that|who|which|whom|without|for|to|in|when|unless|if|with|and|or|as|under|except|may|will|would|is|are|has|have|on|at|by|of|so|we|you|where|whose|acting)\b)/i;

/**
 * A mention right after these is where data comes from, not where it goes ("we receive data from
 * advertisers"), also later in the list ("from many ad networks, ad serving vendors and other service providers").
 * A request from someone is the opposite: "disclosing information to adhere to a legal request from courts".
 */
const SOURCE_LEAD_IN =
  /(?:(?<!\b(?:request|requests|order|orders|subpoena|subpoenas|demand|demands)\s+)\bfrom|\b(?:information|data|content|details|lists?|signals?|numbers?)\s+(?:\w+\s+){0,2}(?:shared|provided|sent|supplied|given|received|obtained)\s+(?:to\s+us\s+|with\s+us\s+)?by|\b(?:shared|sent|supplied)\s+(?:to\s+us\s+|with\s+us\s+)?by)\s+(?:(?:the|our|other|certain|trusted|some|various|such|these|those|any|many|participating|numerous|several)\s+)*(?:[\w'’-]+(?:\s+[\w'’-]+){0,2}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,4}(?:(?:the|our|other|certain|trusted|some|various|such|these|those|any|many|participating|numerous|several)\s+)*$/i;

/**
 * A mention that is what a message is about ("offers about our partners' products, services, sponsors and
 * affiliates") or on whose behalf it is sent ("send you offers on behalf of other businesses") receives nothing.
 */
const TOPIC_LEAD_IN =
  /\b(?:offers?|promotions?|newsletters?|advertisements?|ads|e-?mails?|messages?|communications?|products|services|news|updates|marketing)\b(?:\s+[\w,/-]+){0,8}?\s+(?:about|regarding|relating\s+to|related\s+to|concerning|from|on\s+behalf\s+of)\s+(?:us\s*,?\s*(?:and\/or|and|or)\s+)?(?:[\w'’-]+(?:\s+[\w'’-]+){0,2}(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)){0,4}(?:(?:the|our|its|their|other|certain|such|these|those|select(?:ed)?)\s+)*$/i;

/** A {@link TOPIC_LEAD_IN}, also with a company's name before the mention ("e-mail offers sent to you on behalf of MediaNews advertisers"). */
function isTopicOfMessage(before: string): boolean {
  return TOPIC_LEAD_IN.test(before) || TOPIC_LEAD_IN.test(before.replace(/\s\p{Lu}[\p{L}\p{N}'’.-]*\s+$/u, ' '));
}

/**
 * The company naming itself: "The Website is operated by the Minnesota Vikings Football, LLC", or a
 * name the policy defines as "we" ("Meredith Corporation or our affiliates (collectively, "Meredith," "we" or "us")").
 */
const SELF_OPERATED_LEAD_IN = /\b(?:this|the|our)\s+(?:web\s*)?(?:site|website|app|application|service)s?\s+(?:is|are)\s+(?:owned\s+and\s+)?(?:operated|owned|run|provided)\s+by\s+(?:the\s+)?$/i;
/** `(collectively, "we" or "us")`, and unquoted `(collectively we or us)`. */
const DEFINES_WE = /^[^.()]{0,100}\([^()]{0,160}?(?:[“"'‘]\s*(?:we|us)\s*[,.]?\s*[”"'’]|\b(?:collectively|together)\s*,?\s+(?:we|us)\b)/i;

/**
 * "we send you newsletters" is the service writing to the reader, and "links to sites operated by
 * third parties" says who runs a linked site: neither gives data to anyone.
 */
function isCommunicationOrAuthorship(text: string, cue: PhraseMatch): boolean {
  if (/^(?:send|sends|sent\s+to)$/i.test(cue.text) && /^\s+(?:you|us|the\s+user)\b/i.test(text.slice(cue.end))) return true;
  // "the Safe Harbor Privacy Principles of notice, choice, onward transfer, security …": a principle's name, not a transfer.
  if (/^transfer$/i.test(cue.text) && /\b(?:notice|choice)\s*,\s*onward\s+$/i.test(text.slice(Math.max(0, cue.start - 30), cue.start))) return true;
  // "inadvertently send an email or text message to a person", "newsletters to share information with you about our affiliates".
  if (/^(?:send|sends|sent\s+to)$/i.test(cue.text) && /^\s+(?:(?:an?|the|our|these|such|promotional|marketing|periodic)\s+)*(?:e-?mails?|messages?|text\s+messages?|newsletters?|notifications?|communications?|alerts?)\b/i.test(text.slice(cue.end))) return true;
  if (/^(?:share|shares|shared|sharing)$/i.test(cue.text) && /^\s+(?:[\w'’-]+\s+){0,3}?with\s+you\b(?!\s*(?:,|and\b|or\b))/i.test(text.slice(cue.end))) return true;
  return /\b(?:operated|provided|offered|owned|hosted)\s+by$/i.test(cue.text) && /\blinks?\s+(?:to|from)\b|\blinked\b/i.test(text);
}

/** LINE's settings item "Whether to allow third parties to view your Personal Data …": a choice the reader makes, not a practice. */
function isChoiceOffered(text: string, cue: PhraseMatch): boolean {
  return /\bwhether\s+(?:or\s+not\s+)?to\s+$/i.test(text.slice(Math.max(0, cue.start - 30), cue.start));
}

/** "Inadvertent disclosures may result … when third parties misrepresent their identities": a risk, not a practice. */
function isThreat(text: string, cue: PhraseMatch): boolean {
  return /^disclosures?$/i.test(cue.text) && /\b(?:unauthori[sz]ed|inadvertent|accidental|unlawful|illegal|improper)\s+(?:[\w-]+\s+)?$/i.test(text.slice(Math.max(0, cue.start - 40), cue.start));
}

const READER_GIVES = /\b(?:you|users?|visitors?|members?)\s+(?:(?:may|might|can|choose\s+to|decide\s+to|elect\s+to|also|directly|voluntarily)\s+){0,2}$/i;

/**
 * A mention that is the subject of giving data to us is a source too: "advertisers and other partners
 * share information with us", "third party platforms provide us with information", "(such as Facebook or
 * Google), they will furnish certain information to us".
 */
const SOURCE_AS_SUBJECT =
  /^[^.;:]{0,80}?\b(?:share|shares|sharing|provide|provides|send|sends|give|gives|disclose|discloses|supply|supplies|pass|passes|furnish|furnishes|transmit|transmits)\b(?:[^.;:]{0,60}?\b(?:with|to)\s+us\b|\s+us\b)/i;

/**
 * A mention that sends or shows something to the reader is a sender, not a recipient of data; not a purpose
 * ("works with third parties to serve ads to you": they are engaged, so they receive data).
 */
const SENDS_TO_READER =
  /^[^.;:]{0,40}?(?<!\bto\s)\b(?:send|sends|display|displays|show|shows|present|presents|deliver|delivers|serve|serves)\b(?:\s+or\s+\w+)?\s+(?:[\w'’-]+\s+){0,3}?to\s+you\b/i;

/** Section titles about what is collected or received, even when they say "third parties". */
const SOURCE_SECTION = /\b(?:collect|collected|receive|received|from|provided by|obtain|sources?)\b/i;

/** Verb + "with"/"by" followed directly by company names: "we partner with Nielsen and Quantcast". */
const NAME_LIST_LEAD = /\b(?:(?:work|works|worked|working|partner|partners|partnered|partnering|contract|contracts|contracted|collaborate|collaborates)\s+with|(?:provided|powered|operated|offered|hosted|processed|supplied|run|handled|carried|delivered|stored|transmitted|relayed|managed|served|performed|conducted|facilitated|administered|maintained)\s+by|routed\s+(?:via|through))\s+/gi;

/** "Voice calls are carried by Agora's network", "Payments are handled by Stripe": a service done by a named company. */
const DONE_BY_NAME =
  /\b(?:provided|powered|operated|hosted|processed|handled|carried|delivered|stored|transmitted|relayed|routed|served|performed|conducted|facilitated|administered|maintained)\s+(?:by|via|through)\s+(?=\p{Lu})/gu;

const SUFFIXES = [...corporate.suffixes].sort((a, b) => b.length - a.length);
const CORPORATE_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:${NAME_WORD}\\s+(?:(?:of|and|&|de|du|der|für|y)\\s+)?){0,5}${NAME_WORD}),?\\s+(${SUFFIXES.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
const NOT_NAME_WORDS = new Set(corporate.notNameWords);
const GENERIC_WORDS = new Set(firstPartyLexicon.genericWords);
const ORDINARY_SUBJECT = /^(?:Browsers?|Servers?|Devices?|Computers?|Systems?|Pages?|Emails?|Ads|Advertisements?|Links?|Websites?|Visitors?|People|Others|Everyone|Anyone|Someone)$/;

/**
 * A company outside the catalog named as the one collecting ("Adzerk receives information about your
 * visits", "DoubleClick sets cookies on your browser"): the verb is the cue, the name before it the recipient.
 */
const NAMED_COLLECTOR = new RegExp(
  `(?<![\\p{L}\\p{N}]|\\p{Lu}[\\p{L}\\p{N}.'’-]*\\s+(?:&|and|of|for|de)\\s+)(${NAME_WORD}(?:\\s+(?:&\\s+)?${NAME_WORD}){0,3})\\s+(?:(?:may|might|also|will|can|could|automatically)\\s+){0,2}(?:receives?|collects?|gathers?|obtains?|sets?|places?|serves?|uses?\\s+cookies|has\\s+access\\s+to)\\s+(?:[\\w'’-]+\\s+){0,3}?(?:information|data|cookies?|web\\s+beacons?|pixel\\s+tags?|identifiers?|IP\\s+address(?:es)?)\\b`,
  'gu',
);
/** "we use Zendesk to manage support requests", "we have engaged Adzerk for ad serving": a service named on its own. */
const USED_NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){0,2}(?:,?\\s+(?:${SUFFIXES.map(escapeRegExp).join('|')}))?`;
const WE_USE_NAME = new RegExp(
  `\\b(?:we|We)\\s+(?:(?:may|also|currently|sometimes|will)\\s+){0,2}(?:use|engage|employ|have\\s+engaged|rely\\s+on|retain(?:ed)?)\\s+(${USED_NAME}(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)${USED_NAME}){0,5})\\s*,?\\s+(?:to|for|as)\\b`,
  'gu',
);
/** Where the names of a "we use A, B and C to …" list part: commas and "and", not a suffix's comma ("Acme, Inc."). */
const USED_NAMES_SEPARATOR = new RegExp(`\\s*,\\s*(?:and\\s+)?(?!(?:${SUFFIXES.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}]))|\\s+and\\s+`, 'gu');

const ENUMERATION_HEAD = compilePhrasePattern([...CATEGORY_BY_PHRASE.keys(), ...categories.enumerationHeads]);
/** "providers such as", "partners (e.g.,", "service providers we use include". */
const ENUMERATION_TRIGGER =
  /^(?:\s+(?:that\s+)?we\s+(?:use|engage|work\s+with|rely\s+on))?\s*,?\s*\(?\s*(?:such\s+as|including(?:\s+but\s+not\s+limited\s+to)?|includes?|like|e\.g\.,?|for\s+example,?|for\s+instance,?|namely|incl\.)\s+/i;
const ENUMERATION_STOP = new Set(categories.enumerationStopWords);
const DATA_WORDS =
  /\b(?:Data|Information|Identifiers?|Address(?:es)?|Numbers?|IDs?|Content|Cookies?|Settings|Preferences|History|Location|Contacts?|Messages?|Terms|Policy|Notice|Rights?|Law|Act)\b/;
const CONNECTOR = /^(?:of|for|and|&|by|de|the)$/;

/**
 * Finds recipients of data in one sentence: organisations from the entity catalog, company names
 * with a legal suffix ("Agora Lab, Inc."), capitalised names listed after "such as"/"including"
 * behind a recipient noun, and generic categories ("service providers", "advertising partners").
 * Only sentences about sharing, disclosing, selling or using a service (or any sentence in a section
 * about sharing) count, so that a company mentioned in passing is not reported as a recipient.
 */
export function extractProcessorClaims(context: SentenceContext): ProcessorClaim[] {
  const text = context.sentence.text;
  // Matched once per sentence: the catalog's names and the recipient kinds serve several finders below.
  const catalogMatches = context.organisations.find(text);
  const kindPhrases = findPhrases(text, CATEGORY);
  const namedServices = findNamedServices(text, context.organisations, context.firstPartyNames, kindPhrases);
  const givenTo = findNamesGivenData(text);
  const appositives = findAppositiveNames(text, kindPhrases);
  const cueMatches = [
    ...findPhrases(text, CUE).filter((cue) => !isCommunicationOrAuthorship(text, cue) && !isThreat(text, cue) && !isChoiceOffered(text, cue)),
    ...findFirstPersonUse(text, context.firstPartyNames),
    // "In the event that you provide personal information to any third party": the reader giving, not the service.
    ...findAll(GIVE_DATA_TO, text).filter((give) => !READER_GIVES.test(text.slice(Math.max(0, give.start - 40), give.start))),
    ...findAll(RECIPIENTS_INCLUDE, text),
    ...findAll(ENTRUST_TO, text),
    ...findAll(ACCESS_TO_YOUR_DATA, text),
    ...findAll(MAKE_AVAILABLE_TO, text),
    // "operated by Barnes & Noble": the company itself doing it is no recipient.
    ...findAll(DONE_BY_NAME, text).filter((done) => !isOwnName(text.slice(done.end, done.end + 60), context.firstPartyNames)),
    ...namedServices.map((found) => found.cue),
    ...givenTo.map((found) => found.cue),
    ...appositives.flatMap((found) => (found.cue === null ? [] : [found.cue])),
  ].sort(
    (a, b) => a.start - b.start,
  );
  const sharingSection = isSharingSection(context.sectionPath);
  // "We share your information with … partners …. For example, you can use OpenTable within Snapchat …": an instance of them.
  const previous = context.previous?.text ?? '';
  const examples = findExampleRecipients(text, findPhrases(previous, CUE).length > 0 && findCategories(previous).length > 0, context.firstPartyNames, context.ordinaryWords);
  // With no cue of its own, the example's names are all the sentence gives: "… by Google Analytics via …" in it stays a mention.
  const onlyExamples = cueMatches.length === 0 && !sharingSection && !isUnderSharingLeadIn(context.leadIns ?? []);
  if (onlyExamples && examples.length === 0) return [];

  const mentions: Mention[] = [];
  for (const match of catalogMatches) {
    mentions.push({ ...match, processorType: 'named', name: match.text, entityId: match.entityId });
  }
  for (const match of findCorporateNames(text, catalogMatches)) {
    const entityId = context.organisations.resolve(match.text);
    mentions.push({ ...match, processorType: 'named', name: match.text, ...(entityId ? { entityId } : {}) });
  }
  for (const match of [
    ...findEnumeratedNames(text),
    ...findNamesAfterLead(text),
    ...namedServices.flatMap((found) => (found.name === null ? [] : [found.name])),
    ...givenTo.map((found) => found.name),
    ...appositives.map((found) => found.name),
    ...examples,
  ]) {
    const entityId = context.organisations.resolve(match.text);
    mentions.push({ ...match, processorType: 'named', name: match.text, ...(entityId ? { entityId } : {}) });
  }
  const named = [...mentions];
  for (const match of findCategories(text, kindPhrases)) {
    // "Our hosting provider is AWS", "our crash reporting service, Sentry", "Agora, our real-time audio partner, …": the
    // kind describes the company named beside it, and discloses no other company of that kind.
    if (describesNamedMention(text, match, named)) continue;
    const category = CATEGORY_BY_PHRASE.get(normalisePhrase(match.text));
    if (category !== undefined) mentions.push({ ...match, processorType: 'category', name: match.text, category });
  }
  // Only with a cue of the sentence's own or a sharing lead-in: "Our Transparency Report has additional information
  // about how we respond to government requests" under a sharing heading discloses nothing.
  if (!mentions.some((m) => m.category === 'law-enforcement') && (cueMatches.length > 0 || isUnderSharingLeadIn(context.leadIns ?? []))) {
    const demand = findAll(LEGAL_DEMAND, text)[0];
    if (demand !== undefined) mentions.push({ ...demand, processorType: 'category', name: demand.text, category: 'law-enforcement' });
  }
  // The same for a company sale: "In the event of a merger, acquisition … or sale of assets, BeReal may share, sell or
  // transfer information about you" gives data to the buyer, though never named.
  if (!mentions.some((m) => m.category === 'acquirers') && cueMatches.length > 0) {
    // The sentence's own word, not a bold lead-in's ("Change in Ownership: In the event of a merger, …").
    const transactions = findAll(CORPORATE_TRANSACTION, text);
    const transaction = transactions.find((t) => /^\p{Ll}/u.test(t.text)) ?? transactions[0];
    if (transaction !== undefined) mentions.push({ ...transaction, processorType: 'category', name: transaction.text, category: 'acquirers' });
  }

  if (onlyExamples) mentions.splice(0, mentions.length, ...mentions.filter((m) => examples.some((e) => e.start === m.start && e.end === m.end)));
  const claims: ProcessorClaim[] = [];
  const seen = new Set<string>();
  // "With whom do we share?", "you may request a list of the third parties to whom we disclosed …": no recipient is stated.
  const topics = findTopicSpans(text, { overviews: false });
  const unhedged = maskDisclaimers(text);
  for (const mention of selectNonOverlapping(mentions)) {
    if (isWithin(topics, mention.start, mention.end)) continue;
    if (SOURCE_LEAD_IN.test(text.slice(Math.max(0, mention.start - 80), mention.start))) continue;
    if (isTopicOfMessage(text.slice(Math.max(0, mention.start - 80), mention.start))) continue;
    if (SELF_OPERATED_LEAD_IN.test(text.slice(Math.max(0, mention.start - 80), mention.start)) || DEFINES_WE.test(text.slice(mention.end, mention.end + 260))) continue;
    if (SOURCE_AS_SUBJECT.test(text.slice(mention.end, mention.end + 160)) && !/\bwe\b/i.test(text.slice(Math.max(0, mention.start - 40), mention.start))) continue;
    // Quora: "content … that we or our third party content publishers or advertisers may send or display to you".
    // Not when the sentence gives it data first: "We share your device identifier with Google, which shows ads to you".
    if (SENDS_TO_READER.test(text.slice(mention.end, mention.end + 100)) && !/\b(?:with|to)\s+(?:[\w'’-]+\s+){0,3}$/i.test(text.slice(Math.max(0, mention.start - 60), mention.start))) continue;
    if (mention.processorType === 'named' && isOwnName(mention.name, context.firstPartyNames)) continue;
    // "we use Apple's TrueDepth camera", "Google's Android operating system": the company's product on the reader's
    // device, which runs there and receives nothing from the service.
    if (mention.processorType === 'named' && ON_DEVICE_PRODUCT_AFTER.test(text.slice(mention.end, mention.end + 60))) continue;
    // "We are not responsible for how those partners use your information", "the privacy practices of those third
    // parties": a disclaimer or another company's practices, unless a sharing cue follows ("…, with whom we share").
    if (isDisclaimedOrDescribed(text, mention) && !SHARED_WITH_IT.test(text.slice(mention.end, mention.end + 60))) continue;
    if (NOT_A_RECIPIENT_ROLE_BEFORE.test(text.slice(Math.max(0, mention.start - 80), mention.start))) continue;
    const key = `${mention.processorType}|${mention.category ?? mention.entityId ?? ''}|${mention.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cue = nearestCueBefore(cueMatches, mention.start);
    // The cue's negation, or the name's own clause: "We share usage data with Google Analytics but never with Meta",
    // "… but we do not use the Meta Pixel".
    // The name's own verb, negated after it: "Google does not receive your messages, and Mixpanel stores usage events".
    const ownVerbNegated = mention.processorType === 'named' && NAME_OWN_VERB_NEGATED.test(unhedged.slice(mention.end, mention.end + 60));
    const polarity = (cue !== null && isNegatedAt(unhedged, cue.start)) || isNegatedAt(unhedged, mention.start) || ownVerbNegated ? 'negative' : 'affirmative';
    claims.push({
      ...createClaimBase(context, polarity, mention.start),
      kind: 'processor',
      processorType: mention.processorType,
      name: mention.name,
      ...(mention.category !== undefined ? { category: mention.category } : {}),
      ...(mention.entityId !== undefined ? { entityId: mention.entityId } : {}),
    });
  }

  if (claims.length === 0) {
    const implicit = findImplicitDenial(text, cueMatches);
    if (implicit !== null) {
      claims.push({
        ...createClaimBase(context, 'negative', implicit.start),
        kind: 'processor',
        processorType: 'category',
        name: 'third parties (implied)',
        category: 'third-parties',
      });
    }
  }
  return claims;
}

/** A company's own verb negated right after its name: "Google does not receive", "Meta never gets", "Acme won't see". */
const NAME_OWN_VERB_NEGATED =
  /^\s*(?:(?:does|do|did|will|would|shall|can|could|may|might|is|are|has|have)\s+(?:not|never)\b|(?:doesn['’]t|don['’]t|didn['’]t|won['’]t|can['’]t|cannot|isn['’]t|aren['’]t|never)\b)/i;

/** A relative clause giving the company data: "…, with whom we share your data", "to which we disclose". */
const SHARED_WITH_IT = /^[^.;:]{0,40}?\b(?:with|to)\s+(?:whom|which)\s+we\b/i;

/** The possessive of a device maker, then hardware or an operating system: "‘s TrueDepth camera", "’s Face ID sensor", "'s iOS". */
const ON_DEVICE_PRODUCT_AFTER =
  /^['’‘]s\s+(?:[\w-]+\s+){0,2}?(?:cameras?|sensors?|chips?|hardware|firmware|keyboards?|operating\s+systems?|OS|iOS|iPadOS|watchOS|macOS|Android|Face\s+ID|Touch\s+ID|Secure\s+Enclave|biometric\s+(?:sensors?|authentication))\b(?!\s+(?:team|teams|division|unit|group|store|services?|developers?)\b)/;

/** "not responsible for", "cannot be held liable for": a disclaimer, whose negation denies no sharing. */
const DISCLAIMER = /(?:\bnot|n['’]t|\bcannot|\bnever)\s+(?:be\s+)?(?:held\s+)?(?:responsible|liable|accountable)\b/gi;
/**
 * The text before a mention that makes it the subject of a disclaimer or the owner of other practices, or of the
 * services a policy applies to ("the privacy policy that is applicable to the individual services provided by our
 * group companies").
 */
const DISCLAIMED_OR_DESCRIBED_BEFORE = new RegExp(
  String.raw`(?:(?:\bnot|n['’]t|\bcannot|\bnever)\s+(?:be\s+)?(?:held\s+)?(?:responsible|liable|accountable)\s+for\b[^.;:,]*|\b(?:privacy\s+)?(?:policies|practices|terms|notices|statements)\s+of\s+(?:(?:the|those|these|any|every|such|all|other)\s+)*|\b(?:privacy\s+)?(?:polic(?:y|ies)|terms|notices?)\s+(?:that\s+(?:is|are)\s+|which\s+(?:is|are)\s+)?(?:applicable\s+to|that\s+appl(?:y|ies)\s+to)\b[^.;:]*)$`,
  'i',
);

/**
 * A mention in a role no later cue changes: a document's title in quotes, case as written ("in “List of Group
 * Companies”"; a plain "a list of our partners" is not), or the one whose interests are a legal basis ("legitimate
 * interests pursued by us or by a third party", "the legitimate interests of a third-party, such as our users").
 */
const NOT_A_RECIPIENT_ROLE_BEFORE = /[‘'“"]\s*List\s+of\s+$|\binterests\s+(?:pursued\s+)?(?:by|of)\s+(?:us\s+or\s+(?:by\s+)?)?(?:an?\s+|the\s+|any\s+)?$/;

function isDisclaimedOrDescribed(text: string, mention: PhraseMatch): boolean {
  const before = text.slice(Math.max(0, mention.start - 120), mention.start);
  return DISCLAIMED_OR_DESCRIBED_BEFORE.test(before);
}

/** The sentence with the negators of disclaimers blanked (same length), so that they decide no polarity. */
function maskDisclaimers(text: string): string {
  return text.replace(DISCLAIMER, (phrase) => phrase.replace(/\bnot\b|n['’]t\b|\bcannot\b|\bnever\b/i, (negator) => ' '.repeat(negator.length)));
}

/** The words between a kind of recipient and the name it describes: an appositive, a parenthesis or a copula. */
const KIND_THEN_NAME = /^(?:\s*,\s*|\s*\(\s*|\s+(?:is|are)\s+)$/i;
const NAME_THEN_KIND = new RegExp(String.raw`^,\s+(?:our|a|an|the|its)\s+${MODIFIER_WORDS}$`, 'i');

function describesNamedMention(text: string, kind: PhraseMatch, named: readonly PhraseMatch[]): boolean {
  return named.some((name) => {
    if (name.start >= kind.end) {
      if (!KIND_THEN_NAME.test(text.slice(kind.end, name.start))) return false;
      // "our partners are Meta and Google": an exhaustive copula; "(Mixpanel)", ", Sentry." an appositive that ends.
      return /^\s+(?:is|are)\s+$/i.test(text.slice(kind.end, name.start)) ? /^(?:our|its)\s/i.test(kind.text) || KIND_IS_LEAD.test(text.slice(Math.max(0, kind.start - 80), kind.start)) : /^\s*(?:[,.;)]|$)/.test(text.slice(name.end));
    }
    // "Agora, our real-time audio partner, stores …"; a plural there is a list item ("Time Inc., our agents, customers").
    return name.end <= kind.start && SINGULAR_PHRASES.has(normalisePhrase(kind.text)) && NAME_THEN_KIND.test(text.slice(name.end, kind.start)) && /^\s*,/.test(text.slice(kind.end));
  });
}

interface Mention extends PhraseMatch {
  processorType: 'named' | 'category';
  name: string;
  category?: string;
  entityId?: string;
}

function findFirstPersonUse(text: string, firstPartyNames: readonly string[]): PhraseMatch[] {
  return [...findAll(FIRST_PERSON_USE, text), ...findAll(ownNameUse(firstPartyNames), text)];
}

function ownNameUse(firstPartyNames: readonly string[]): RegExp {
  const names = firstPartyNames.filter((name) => name.length >= 3).map(escapeRegExp);
  const key = names.join('|');
  let pattern = OWN_NAME_USE.get(key);
  if (pattern === undefined) {
    pattern =
      names.length === 0
        ? /(?!)/g
        : new RegExp(`(?<![\\p{L}\\p{N}])(?:${key})(?:['’]s)?(?:\\s+(?:web\\s*)?sites?)?\\s+${USE_MODALS}(?:${USE_VERBS}|implements?)\\b`, 'giu');
    OWN_NAME_USE.set(key, pattern);
  }
  return pattern;
}

function findAll(pattern: RegExp, text: string): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    matches.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return matches;
}

function isSharingSection(sectionPath: readonly string[]): boolean {
  const path = sectionPath.slice(-2).join(' / ').toLowerCase();
  if (path === '' || SOURCE_SECTION.test(sectionPath[sectionPath.length - 1] ?? '')) return false;
  // Substrings on purpose: "disclos" covers disclose/disclosure/disclosing.
  return SHARING_SECTION_WORDS.some((word) => path.includes(word));
}

function findCategories(text: string, phrases: readonly PhraseMatch[] = findPhrases(text, CATEGORY)): PhraseMatch[] {
  return phrases.filter((match) => {
    // Singular "third party" is only a recipient when it is not an adjective ("third-party cookies").
    if (/^third[\s-]+party$/i.test(match.text)) return THIRD_PARTY_AS_NOUN.test(text.slice(match.end));
    if (SINGULAR_PHRASES.has(normalisePhrase(match.text))) return isRecipientSingular(text, match);
    return true;
  });
}

/**
 * Capitalised word runs ending in a legal-form suffix, minus leading function words ("The", "With"); a run that
 * holds more than one company is split (see {@link splitAtInnerSuffix}).
 */
function findCorporateNames(text: string, known: readonly PhraseMatch[]): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  CORPORATE_NAME.lastIndex = 0;
  for (let m = CORPORATE_NAME.exec(text); m !== null; m = CORPORATE_NAME.exec(text)) {
    const knownEnds = new Set(known.filter((k) => k.start >= m.index && k.end < m.index + m[0].length).map((k) => k.end - m.index));
    for (const piece of splitAtInnerSuffix(m[0], m.index, knownEnds)) {
      const name = trimCorporateName(text, piece);
      if (name !== null) found.push(name);
    }
  }
  return found;
}

const SUFFIX_WORDS = new Set(SUFFIXES.filter((s) => !/\s/.test(s)));

/**
 * "Acme Corp and Beta Corp", "Beta LLC and Gamma GmbH": a legal suffix ends a company's name, so one followed
 * by "and"/"&" inside the run closes one company and the next begins after the conjunction. Names that contain
 * "and" or "&" ("Barnes & Noble, Inc.", "Ernst & Young LLP") have no suffix before it and stay whole. A catalog
 * name followed by "and" ends there too ("Johnson and Johnson and Acme Corp.", "Google and Acme Corp."), but
 * not one followed by "&", which is more often part of a longer name.
 */
function splitAtInnerSuffix(run: string, offset: number, knownEnds: ReadonlySet<number>): PhraseMatch[] {
  const tokens = [...run.matchAll(/\S+/g)];
  const pieces: PhraseMatch[] = [];
  let pieceStart = 0;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const word = tokens[i]?.[0] ?? '';
    const end = (tokens[i]?.index ?? 0) + word.length;
    // A suffix closes a name only after at least one word of it ("Acme Corp and …", not a run starting "Corp and …").
    const closes =
      (SUFFIX_WORDS.has(word) && (tokens[i]?.index ?? 0) > pieceStart && /^(?:and|&)$/i.test(tokens[i + 1]?.[0] ?? '')) || (knownEnds.has(end) && /^and$/i.test(tokens[i + 1]?.[0] ?? ''));
    if (!closes) continue;
    pieces.push({ start: offset + pieceStart, end: offset + end, text: run.slice(pieceStart, end) });
    pieceStart = tokens[i + 2]?.index ?? run.length;
    i += 1;
  }
  pieces.push({ start: offset + pieceStart, end: offset + run.length, text: run.slice(pieceStart) });
  return pieces;
}

/** A name run minus its leading function words, or null when nothing but function or generic words is left. */
function trimCorporateName(text: string, run: PhraseMatch): PhraseMatch | null {
  const suffix = SUFFIXES.find((s) => new RegExp(`${escapeRegExp(s)}$`).test(run.text));
  // A catalog name split off a run ("Google" in "Google and Acme Corp.") is found by the catalog itself.
  if (suffix === undefined) return null;
  const words = run.text.slice(0, run.text.length - suffix.length).replace(/,?\s*$/, '').split(/\s+/);
  let skipped = 0;
  while (words.length > 0 && NOT_NAME_WORDS.has(words[0] ?? '')) {
    skipped += (words.shift() ?? '').length;
    const rest = run.text.slice(skipped);
    skipped += rest.length - rest.trimStart().length;
  }
  if (words.length === 0 || words.every((w) => NOT_NAME_WORDS.has(w) || CONNECTOR.test(w))) return null;
  // Bare "Limited"/"Corporation" after one generic word ("Data Limited") is too weak a signal.
  if (words.length === 1 && /^(?:Limited|Corporation|Incorporated|Co\.)$/.test(suffix) && NOT_NAME_WORDS.has(words[0] ?? '')) return null;
  const start = run.start + skipped;
  return { start, end: run.end, text: text.slice(start, run.end) };
}

/**
 * Names listed after a recipient noun: "analytics providers such as Google Analytics and Mixpanel",
 * "partners (e.g., Amplitude, Branch)". Each list item must be a short run of capitalised words that
 * is not a data term ("Usage Data") or a policy term ("Services").
 */
function findEnumeratedNames(text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const head of findPhrases(text, ENUMERATION_HEAD)) {
    // "our Services, such as Snapchat" lists the company's own products.
    if (/\bour\s+$/i.test(text.slice(Math.max(0, head.start - 5), head.start))) continue;
    const after = text.slice(head.end);
    const trigger = ENUMERATION_TRIGGER.exec(after);
    if (trigger === null) continue;
    found.push(...findNamesInList(text, head.end + trigger[0].length));
  }
  return found;
}

/** The names of a list that starts at `listStart` ("Nielsen, Quantcast and comScore"), each item trimmed and checked as a name. */
function findNamesInList(text: string, listStart: number): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  const list = text.slice(listStart, findListEnd(text, listStart));
  const itemPattern = /[^,;]+/g;
  for (let item = itemPattern.exec(list); item !== null; item = itemPattern.exec(list)) {
    for (const part of splitConjunctions(item[0], listStart + item.index)) {
      const name = trimItem(text, part);
      if (name !== null) found.push(name);
    }
  }
  return found;
}

/** Company names right after "partner with" / "provided by": each item validated like an enumeration item. */
function findNamesAfterLead(text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  NAME_LIST_LEAD.lastIndex = 0;
  for (let m = NAME_LIST_LEAD.exec(text); m !== null; m = NAME_LIST_LEAD.exec(text)) {
    const listStart = m.index + m[0].length;
    if (!/^\p{Lu}/u.test(text.slice(listStart))) continue;
    found.push(...findNamesInList(text, listStart));
  }
  return found;
}

/**
 * "We share your email address with Mailchimp", "we may disclose your name and order details to Shopify and
 * ShipStation": a giving verb, its object, then the companies right after "with" (sharing only) or "to". No
 * "to"/"with" may stand between verb and names, so "disclose it to comply with COPPA" names nobody.
 */
const GIVEN_TO = new RegExp(
  String.raw`\b(?:(shar(?:e|es|ed|ing))|disclos(?:e|es|ed|ing)|transfer(?:s|red|ring)?|sen(?:d|ds|t|ding)|provid(?:e|es|ed|ing)|sell(?:s|ing)?|sold|rent(?:s|ed|ing)?|pass(?:es|ed|ing)?(?:\s+(?:on|along))?|forward(?:s|ed|ing)?|made\s+available|make\s+available)((?:\s+(?!(?:with|to|by|such|like|when|if|which|that|who|whom|where|because|unless|including|except)\b)[^\s.;:()]+){0,10}?)\s+(with|to)\s+`,
  'giu',
);
/** "you may share your photos with Facebook", "content you've shared with My AI": the reader giving, not the service. */
const READER_OR_USER_GIVES = /\b(?:you(?:['’](?:ve|ll|d|re))?|users?|visitors?|members?|people|others|they)\s+(?:(?:may|might|can|choose\s+to|decide\s+to|elect\s+to|also|directly|voluntarily|want\s+to|wish\s+to)\s+){0,2}$/i;

/** Companies data is given to by name, each with the verb as its cue; places ("transferred to Canada") are not companies. */
function findNamesGivenData(text: string): { name: PhraseMatch; cue: PhraseMatch }[] {
  const found: { name: PhraseMatch; cue: PhraseMatch }[] = [];
  GIVEN_TO.lastIndex = 0;
  for (let m = GIVEN_TO.exec(text); m !== null; m = GIVEN_TO.exec(text)) {
    const isSharing = m[1] !== undefined;
    if (m[3]?.toLowerCase() === 'with' && !isSharing) continue;
    if (!/^[\p{Lu}\d]/u.test(text.slice(m.index + m[0].length))) continue;
    // "Shared Information and content saved to Favorites": a capitalised verb inside a sentence is a title's adjective.
    const clauseStart = Math.max(text.lastIndexOf('.', m.index), text.lastIndexOf(':', m.index), text.lastIndexOf(';', m.index)) + 1;
    if (/^\p{Lu}/u.test(m[0]) && text.slice(clauseStart, m.index).trim() !== '') continue;
    if (READER_OR_USER_GIVES.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    // "send you to Google's site", "provide us to": no data of the reader's is the object.
    if (/^\s+(?:you|us)\s*$/i.test(m[2] ?? '')) continue;
    const cue = { start: m.index, end: m.index + m[0].length, text: m[0] };
    const names = findNamesInList(text, cue.end);
    // "Sharing to Provide Bluesky and Services", "Information Disclosed to Comply With Legal Requirements": a heading.
    if (isTitleCase(text.slice(clauseStart, names.at(-1)?.end ?? cue.end))) continue;
    for (const name of names) {
      // "with Advertisers" is a kind of recipient, found as such by findCategories.
      if (isCompanyName(name)) found.push({ name, cue });
    }
  }
  return found;
}

/**
 * A list item read as a company where no verb or suffix says so: not a place ("to Canada", "(EU)"), a word that
 * is never a name, a kind of recipient ("with Advertisers", found as such by findCategories), nor two suffixed
 * companies in one run ("Acme Inc & Beta Ltd", which findCorporateNames splits).
 */
function isCompanyName(name: PhraseMatch): boolean {
  if (readPlaceNames(name.text).onlyPlaces || NOT_NAME_WORDS.has(name.text) || findCategories(name.text).length > 0) return false;
  return splitAtInnerSuffix(name.text, name.start, new Set()).length === 1;
}

/** Most longer words capitalised: a title ("Information Shared with Our Agents"), not a sentence. */
function isTitleCase(text: string): boolean {
  const words = text.split(/[^\p{L}]+/u).filter((w) => w.length >= 4);
  return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.6;
}

/** "our payment processor, Braintree, receives …", "a third-party service (Onfido) to verify …": a kind, then its name. */
const APPOSITIVE_LEAD = /\b(?:our|the|its|a|an)\s+(?:[\w-]+\s+){0,3}$/i;

/** What a company set beside its kind does with the data: "Braintree, receives your card", "Adzerk, will set a cookie". */
const APPOSITIVE_ACTS =
  /^\s*[,)]\s*(?:(?:may|might|also|will|can|could|then|automatically|only)\s+){0,2}(?:receives?|collects?|gathers?|obtains?|sets?|places?|serves?|stores?|process(?:es)?|hosts?|handles?|carr(?:y|ies)|transmits?|relays?|routes?|analy[sz]es?|delivers?|provides?|powers?|operates?|runs?|manages?|has\s+access|uses?|reads?|tracks?|records?|accesses)\b/i;

/**
 * Names set beside a kind of recipient, after a comma or in brackets ("Our third-party advertising partner, Adzerk,
 * will set a cookie"). The kind says what the company is; only when the name then acts on data is the aside a
 * sharing cue of its own ("So that our Affiliates, including our parent company, Microsoft, can detect threats"
 * names Microsoft but says nothing is given to it).
 */
function findAppositiveNames(text: string, kindPhrases: readonly PhraseMatch[]): { name: PhraseMatch; cue: PhraseMatch | null }[] {
  const found: { name: PhraseMatch; cue: PhraseMatch | null }[] = [];
  for (const kind of kindPhrases) {
    if (!APPOSITIVE_LEAD.test(text.slice(Math.max(0, kind.start - 60), kind.start)) && !/^(?:our|its)\s/i.test(kind.text)) continue;
    const opener = /^\s*(?:,|\()\s*(?=[\p{Lu}\d])/u.exec(text.slice(kind.end));
    if (opener === null) continue;
    const listStart = kind.end + opener[0].length;
    for (const name of findNamesInList(text, listStart)) {
      const after = text.slice(name.end);
      // The name closes the aside ("Braintree, receives", "(Onfido)") or the sentence; not "Google Analytics data".
      if (!/^\s*(?:[,);.]|$)/.test(after) || !isCompanyName(name)) continue;
      const acts = APPOSITIVE_ACTS.exec(after);
      found.push({ name, cue: acts === null ? null : { start: kind.start, end: name.end + acts[0].length, text: text.slice(kind.start, name.end + acts[0].length) } });
    }
  }
  return found;
}

/**
 * Companies named as collectors or as services "we use … to". An unknown name, validated like a list
 * item, becomes a mention; a kind of recipient ("Advertisers collect …") or a catalog name ("Google
 * Analytics collects …") is found by the other finders, and only gets the verb as its cue. The company
 * itself collecting ("Reddit may receive …") gives nothing.
 */
function findNamedServices(
  text: string,
  organisations: SentenceContext['organisations'],
  firstPartyNames: readonly string[],
  kindPhrases: readonly PhraseMatch[],
): { name: PhraseMatch | null; cue: PhraseMatch }[] {
  const found: { name: PhraseMatch | null; cue: PhraseMatch }[] = [];
  const candidates: ActingRecipient[] = [...findActingRecipients(text), ...findCopularRecipients(text, kindPhrases)];
  for (const pattern of [NAMED_COLLECTOR, WE_USE_NAME]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const run = m[1] ?? '';
      const runStart = m.index + m[0].indexOf(run);
      const cue = { start: m.index, end: m.index + m[0].length, text: m[0] };
      // "We use Global Payments and Verisign as intermediaries": each name of the list is a service used.
      const parts = pattern === WE_USE_NAME ? splitAt(run, runStart, USED_NAMES_SEPARATOR) : [{ start: runStart, end: runStart + run.length, text: run }];
      for (const name of parts) candidates.push({ name, cue });
    }
  }
  for (const { name: { text: run, start: runStart }, cue } of candidates) {
    // "WHAT INFORMATION DO WE GATHER- PBS collects", "Passive Information Collection SCEA may collect": a heading
    // fused before the name; the name is the shortest run of last words that is the company's own or a valid name.
    const words = run.split(/\s+/);
    const tails = words.map((_, i) => words.slice(words.length - 1 - i).join(' '));
    // "Reddit may receive limited information about your activity": the company itself collecting is no sharing.
    if (tails.some((tail) => isOwnName(tail, firstPartyNames))) continue;
    if (tails.some((tail) => organisations.find(tail)[0]?.start === 0) || findCategories(run).length > 0) {
      found.push({ name: null, cue });
      continue;
    }
    const name = [...tails]
      .reverse()
      .map((tail) => trimItem(text, { start: runStart + run.length - tail.length, end: runStart + run.length, text: tail }))
      .find((item) => item !== null && !/[-:]$/.test(item.text.split(/\s+/)[0] ?? ''));
    if (name === undefined || name === null) continue;
    // "Browsers receive …", "Servers collect …": one ordinary word is no company.
    if (!NOT_NAME_WORDS.has(name.text) && !(name.text.split(/\s+/).length === 1 && (GENERIC_WORDS.has(name.text.toLowerCase()) || ORDINARY_SUBJECT.test(name.text)))) found.push({ name, cue });
  }
  return found;
}

/** "Our hosting provider is AWS", "our partners are Meta and Google": a kind of recipient, then the names that are it. */
const KIND_IS_LEAD = /\b(?:our|the|its)\s+(?:[\w-]+\s+){0,3}$/i;
const KIND_IS_VERB = /^\s+(?:is|are|include|includes)\s+(?=\p{Lu})/u;
/** "Stripe is our payment processor": the name, then the kind of recipient it is. */
const NAME_IS_KIND = new RegExp(`(?<![\\p{L}\\p{N}'’])(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3}(?:,?\\s+(?:${SUFFIXES.map(escapeRegExp).join('|')}))?)\\s+(?:is|are)\\s+(?:our|the\\s+app['’]s|the\\s+service['’]s)\\s+(?:[\\w-]+\\s+){0,3}$`, 'u');

/**
 * Names given as what a kind of recipient is: "Our hosting provider is AWS.", "Our payment processors are Stripe and
 * Adyen.", "Stripe is our payment processor." The copula says the company is one of the app's recipients of that kind.
 */
function findCopularRecipients(text: string, kindPhrases: readonly PhraseMatch[]): ActingRecipient[] {
  const found: ActingRecipient[] = [];
  for (const kind of kindPhrases) {
    const before = text.slice(Math.max(0, kind.start - 80), kind.start);
    const verb = KIND_IS_VERB.exec(text.slice(kind.end));
    if (verb !== null && (KIND_IS_LEAD.test(before) || /^(?:our|its)\s/i.test(kind.text))) {
      const listStart = kind.end + verb[0].length;
      const cue = { start: kind.start, end: listStart, text: text.slice(kind.start, listStart) };
      // "Our hosting provider is Ireland-based": a description, not a name.
      for (const name of findNamesInList(text, listStart)) if (!/-\p{Ll}+$/u.test(name.text)) found.push({ name, cue });
    }
    const named = NAME_IS_KIND.exec(before);
    if (named !== null && /^\s*(?:[.,;:)]|$|\s+(?:for|to|in|and|who|which|that)\b)/.test(text.slice(kind.end))) {
      const start = kind.start - before.length + named.index;
      const run = named[1] ?? '';
      found.push({ name: { start, end: start + run.length, text: run }, cue: { start, end: kind.end, text: text.slice(start, kind.end) } });
    }
  }
  return found;
}

function findListEnd(text: string, start: number): number {
  const rest = text.slice(start);
  const stop = /[);:]|\.(?=\s|$)|\s(?:to|for|that|which|who|whose|in order|so that|when|where|if|with|in|on|by|as well as)\s/.exec(rest);
  return start + (stop ? stop.index : rest.length);
}

/** Parts of `run` (which starts at `offset`) between the separator's matches. */
function splitAt(run: string, offset: number, separator: RegExp): PhraseMatch[] {
  const parts: PhraseMatch[] = [];
  let last = 0;
  separator.lastIndex = 0;
  for (let m = separator.exec(run); m !== null; m = separator.exec(run)) {
    parts.push({ start: offset + last, end: offset + m.index, text: run.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  parts.push({ start: offset + last, end: offset + run.length, text: run.slice(last) });
  return parts;
}

function splitConjunctions(item: string, offset: number): PhraseMatch[] {
  const parts: PhraseMatch[] = [];
  const pattern = /\s+(?:and\/or|and|or)\s+/gi;
  let last = 0;
  for (let m = pattern.exec(item); m !== null; m = pattern.exec(item)) {
    parts.push({ start: offset + last, end: offset + m.index, text: item.slice(last, m.index) });
    last = m.index + m[0].length;
  }
  parts.push({ start: offset + last, end: offset + item.length, text: item.slice(last) });
  return parts;
}

function trimItem(text: string, part: PhraseMatch): PhraseMatch | null {
  let start = part.start;
  let end = part.end;
  while (start < end && /[\s"“”'‘’(]/.test(text[start] ?? '')) start++;
  while (end > start && /[\s"“”'‘’).]/.test(text[end - 1] ?? '')) end--;
  // "Microsoft and" before "with advertisers": a list cut short at its next preposition leaves the conjunction.
  const trailing = /\s+(?:and|or|&|of|for|by|de|the)$/i.exec(text.slice(start, end));
  if (trailing) end -= trailing[0].length;
  const leading = /^(?:the|our|their|its)\s+/i.exec(text.slice(start, end));
  if (leading) start += leading[0].length;
  const item = text.slice(start, end);
  const words = item.split(/\s+/);
  if (item === '' || words.length > 5 || item.length > 60) return null;
  // Names start with a capital or are camel-cased brands ("iCloud", "eBay").
  const isNameWord = (w: string): boolean => /^[\p{Lu}\d]/u.test(w) || /^[a-z]+[A-Z]/.test(w);
  if (!isNameWord(words[0] ?? '')) return null;
  if (!words.every((w) => isNameWord(w) || CONNECTOR.test(w))) return null;
  // One generic word ("Advisors", "Services", "Usage Data") makes it a description, not a name.
  if (words.some((w) => ENUMERATION_STOP.has(w.replace(/['’]s$/, ''))) || DATA_WORDS.test(item)) return null;
  return { start, end, text: item };
}

/** Keeps the longest of overlapping mentions; on a tie the earlier kind (catalog match) wins. */
function selectNonOverlapping(mentions: Mention[]): Mention[] {
  const sorted = mentions
    .map((mention, order) => ({ mention, order }))
    .sort((a, b) => b.mention.end - b.mention.start - (a.mention.end - a.mention.start) || a.order - b.order);
  const chosen: Mention[] = [];
  for (const { mention } of sorted) {
    const overlapping = chosen.find((c) => mention.start < c.end && c.start < mention.end);
    if (overlapping === undefined) chosen.push(mention);
    else if (overlapping.entityId === undefined && mention.entityId !== undefined && mention.processorType === 'named') {
      // "Agora Lab, Inc." found by suffix and "Agora" from the catalog: keep the full name, add the entity.
      overlapping.entityId = mention.entityId;
    }
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Cues that give data away; "Why and how we process your information:" introduces purposes, not recipients. */
const GIVING_CUE = /^(?:shar|disclos|sell|sold|sale|rent|trad|transfer|provid|make|made|give|given|ha(?:ve|s)\s+access)/i;

/**
 * A list item under "We may share your information with:" names recipients without a verb of its own;
 * the lead-in's verb is its cue. A question heading ending in a colon states nothing.
 */
function isUnderSharingLeadIn(leadIns: readonly string[]): boolean {
  return leadIns.some((leadIn) => {
    const topics = findTopicSpans(leadIn, { overviews: false });
    const cues = [...findPhrases(leadIn, CUE).filter((cue) => GIVING_CUE.test(cue.text) && !isCommunicationOrAuthorship(leadIn, cue)), ...findAll(GIVE_DATA_TO, leadIn)];
    return cues.some((cue) => !isWithin(topics, cue.start, cue.end));
  });
}

function nearestCueBefore(cueMatches: readonly PhraseMatch[], index: number): PhraseMatch | null {
  let best: PhraseMatch | null = null;
  for (const cue of cueMatches) {
    if (cue.start <= index) best = cue;
    else break;
  }
  return best ?? cueMatches[0] ?? null;
}


const IMPLICIT_VERBS = new Set(cues.implicitSaleVerbs);
const PERSONAL_DATA = compilePhrasePattern(cues.personalDataNouns);

/** "We do not sell your personal information": a denial with no recipient named. */
/** "if you do not want to disclose …", "you need not share …": the reader withholding data, not the service denying sharing. */
const READER_WITHHOLDS =
  /\b(?:ask|asks|require|requires|request|requests|encourage|encourages)\s+(?:you|users?|visitors?|children|a\s+child|minors?|kids)\s+to\s+(?:[\w-]+\s+){0,2}$|\byou\s+(?:(?:do|does|did|need|may|can|might|should|would|will|want|wish|prefer|choose|decide|have)\s+)*(?:not|never)\b(?:(?!\b(?:we|us|our|be|is|are|been|being)\b)[^.;,]){0,30}$/i;

function findImplicitDenial(text: string, cueMatches: readonly PhraseMatch[]): PhraseMatch | null {
  PERSONAL_DATA.lastIndex = 0;
  if (!PERSONAL_DATA.test(text) || /\b(?:except|unless|other than|without)\b/i.test(text)) return null;
  for (const cue of cueMatches) {
    if (!IMPLICIT_VERBS.has(cue.text.toLowerCase()) || !isNegatedAt(text, cue.start)) continue;
    // "if you do not want to disclose certain personal information to us": the reader keeping data from the service.
    if (READER_WITHHOLDS.test(text.slice(Math.max(0, cue.start - 60), cue.start))) continue;
    return cue;
  }
  return null;
}

function normalisePhrase(phrase: string): string {
  return phrase.toLowerCase().replace(/[\s-]+/g, ' ').replace(/['’]/g, "'").trim();
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}
