import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isNegatedAt } from './detect-negation.js';
import { findTopicSpans, isWithin } from './detect-topic-sentences.js';
import terms from './lexicons/sharing-statements.json' with { type: 'json' };
import { splitSentences } from './split-sentences.js';

/**
 * How user data leaves the service, in OPP-115's terms: given to someone ('disclosure', "we may
 * disclose your information to comply with law"), collected on the site by another organisation
 * ('third-party-collection', "advertisers may use cookies to collect information"), or made visible
 * to anyone ('public', "information you post becomes public"), or passed to a new owner
 * ('business-transfer', "in the event of a merger or acquisition, user information may be among the assets").
 */
export type SharingStatementKind = 'disclosure' | 'third-party-collection' | 'public' | 'business-transfer';

/** A statement that data goes to others, with the words that say so (offsets into the searched text). */
export interface SharingStatement {
  kind: SharingStatementKind;
  start: number;
  end: number;
  trigger: string;
}

const DISCLOSURE_VERB = compilePhrasePattern(terms.disclosureVerbs);
const RECIPIENT_VERB = compilePhrasePattern(terms.recipientVerbs);
const DATA_NOUN = compilePhrasePattern(terms.dataNouns);
const COLLECTOR = compilePhrasePattern(terms.outsideCollectors);
const COLLECTION_VERB = compilePhrasePattern(terms.collectionVerbs);
const COLLECTOR_PREDICATE = new RegExp(`^\\s+(?:(?:may|might|can|also|will|often|sometimes|generally)\\s+){0,2}(?:${terms.collectorPredicates.join('|')})\\b`, 'i');
const PUBLIC = compilePhrasePattern(terms.publicPhrases);
const CORPORATE_TRANSACTION = compilePhrasePattern(terms.corporateTransactions);

/** "with us", "provide you with", "send you": the service itself or the reader is the other party. */
const FIRST_PARTY_RECIPIENT =
  /^\s+(?:us|you)\b|^([^,;.]{0,50}?)\b(?:with|to)\s+(?:us|you|our\s+(?:site|website|services?|company|staff|employees))\b/i;
/** "disclose any information you provide to us": the "to us" belongs to a clause about how the data was given. */
const GIVEN_BY_READER = /\b(?:you|users?|visitors?)\s+(?:\w+\s+){0,2}(?:provide|provides|provided|give|gave|given|submit|submits|submitted|send|sent|share|shared|disclose|disclosed|supply|supplied)\s+$/i;
/** "to third parties", "with our partners", "to the publisher", "publicly": someone receives the data. */
const ANY_RECIPIENT =
  /^[^;.]{0,80}?\b(?:to|with)\s+(?:(?:third|other|outside|any|certain|select(?:ed)?|trusted|these|those|such|the|a|an|its|their|our|law|government\w*|companies|advertisers|sponsors|partners|affiliates|vendors|publishers?|merchants?|others|anyone)\b(?!\s+(?:extent|purpose))|\p{Lu})|^[^;.]{0,60}?\bpublicly\b/iu;
/** The reader or a child doing the giving ("information you provide", "you can choose not to provide", "a child has provided"). */
const READER_SUBJECT = /\b(?:you|users?|visitors?|child|children|minors?)\s+(?:\w+\s+){0,4}$/i;
/**
 * An overview naming sharing as one of several things done with data ("how we collect, use and share
 * information", "the collection, use and sharing of your information") says nothing about a recipient.
 */
const OVERVIEW_LIST = /\b(?:collect\w*|use|uses|used|using|store\w*|process\w*)\s*(?:,\s*(?:\w+\s*,\s*)*(?:and|or|and\/or)?|\s+(?:and|or|and\/or))\s*$/i;
/**
 * A policy describing its own contents ("how we may share it", "with whom we share", "whether or not
 * to disclose") or the reader's choices ("without disclosing", "request that we not disclose").
 */
const DESCRIBED_NOT_DONE =
  /\b(?:how|with\s+whom|who|whom|whether(?:\s+or\s+not)?|what|under\s+what\s+circumstances|opportunity\s+to|without|before|request\s+that\s+we|restrict\s+the\s+way)\b(?:\s+(?:we|it|they|you|to|not|our\s+\w+|\w+\s+health|the\s+\w+(?:\s+\w+)?|this\s+information))?(?:\s+(?:may|might|can|will|would|do|does|not|uses?\s+(?:and|or)|use\s*,))*\s*$/i;
/** "unauthorized access, use or disclosure", "we cannot ensure it will never be disclosed": a risk, not a practice. */
const THREAT = /\b(?:unauthori[sz]ed|unlawful|accidental|inadvertent|improper|(?:cannot|can['’]t|not)\s+(?:ensure|assure|guarantee|promise))\b[^.;]{0,80}$/i;
/** "transferred to the United States", "sent to other countries": a transfer claim, not sharing. */
const COUNTRY_RECIPIENT = /^[^.;]{0,60}?\b(?:to|in|into)\s+(?:(?:and|or|\/|,)\s*)*(?:(?:and\/or\s+)?(?:processed|stored|used|accessed)\s*,?\s*(?:and\s+)?)*(?:in\s+)?(?:the\s+)?(?:United\s+States|U\.S\.|US\b|USA|other\s+countries|any\s+(?:other\s+)?country|countries|jurisdictions?|servers?)/i;
/** "we do not give that business your name and e-mail address": the recipient comes first, the data after it. */
const GIVE_RECIPIENT_DATA =
  /\b(?:give|gives|provide|provides|send|sends)\s+(?:that|the|this|any|such|these|those|other|third[\s-]party)\s+(?:[\w-]+\s+){0,2}?(?:business(?:es)?|partners?|compan(?:y|ies)|advertisers?|sponsors?|merchants?|vendors?|organi[sz]ations?)\s+(?:your|their|any|personal)\b/i;
/** "make your Personal Information and Other Information available to certain third parties": the data between the verb and "available to". */
const MADE_AVAILABLE_TO = /\b(?:make|makes|made|making)\s+((?:[\w'’()-]+\s+){1,10}?)available\s+to\s+(?!(?:you|us|our\s+(?:users|visitors|members|customers))\b)/i;
const PASSIVE_BEFORE = /\b(?:is|are|was|were|be|been|being|gets?)\s+(?:\w+ly\s+|not\s+|never\s+)*$/i;

/**
 * Finds sentences that say user data goes to others: a disclosure verb with user data as its object
 * ("share your information", "personal information may be disclosed"), an outside organisation
 * collecting on the site ("third-party advertisers may collect information", "ad networks use cookies"),
 * or data made public. Reads vocabulary, not recipients: the processor extractor makes the typed
 * claims (with named recipients) that rules compare with traffic. Sorted by position.
 */
export function findSharingStatements(text: string): SharingStatement[] {
  const found: SharingStatement[] = [];
  // Questions, introductions and California "right to request a list" paragraphs name sharing as a topic.
  const topics = findTopicSpans(text);
  for (const sentence of splitSentences(text, { start: 0, end: text.length })) {
    const offset = sentence.start;
    const statement =
      findDisclosure(sentence.text) ?? findOutsideCollection(sentence.text) ?? findPublic(sentence.text) ?? findBusinessTransfer(sentence.text);
    if (statement === null || isWithin(topics, statement.start + offset, statement.end + offset)) continue;
    found.push({ ...statement, start: statement.start + offset, end: statement.end + offset });
  }
  return found;
}

function findDisclosure(sentence: string): SharingStatement | null {
  const verbs = [...findPhrases(sentence, DISCLOSURE_VERB), ...findPhrases(sentence, RECIPIENT_VERB).filter((v) => hasOutsideRecipient(sentence, v))];
  for (const verb of verbs.sort((a, b) => a.start - b.start)) {
    const before = sentence.slice(Math.max(0, verb.start - 60), verb.start);
    const after = sentence.slice(verb.end, verb.end + 90);
    if (isFirstPartyRecipient(after) || READER_SUBJECT.test(before) || THREAT.test(before) || isCountryRecipient(after)) continue;
    if (DESCRIBED_NOT_DONE.test(before) || isNounUse(verb, before, after)) continue;
    if (OVERVIEW_LIST.test(before) && !ANY_RECIPIENT.test(after)) continue;
    const objectAfter = firstWithin(DATA_NOUN, after, 50);
    const subjectBefore = PASSIVE_BEFORE.test(before) && firstWithin(DATA_NOUN, before, 60, true) !== null;
    if (objectAfter !== null || subjectBefore) return { kind: 'disclosure', ...spanOf(verb) };
  }
  const given = GIVE_RECIPIENT_DATA.exec(sentence);
  if (given !== null) return { kind: 'disclosure', start: given.index, end: given.index + given[0].length, trigger: given[0] };
  const available = MADE_AVAILABLE_TO.exec(sentence);
  if (available === null || firstWithin(DATA_NOUN, available[1] ?? '', 60) === null) return null;
  return { kind: 'disclosure', start: available.index, end: available.index + available[0].length, trigger: available[0].trim() };
}

/** "release date changes", "by trade name", "in exchange for this free content": the verb's word used as a noun. */
function isNounUse(verb: PhraseMatch, before: string, after: string): boolean {
  if (/^(?:release|trade)$/i.test(verb.text) && /^\s*(?:dates?|names?|marks?|secrets?|notes?)\b/i.test(after)) return true;
  return /^exchange$/i.test(verb.text) && /\bin\s+$/i.test(before);
}

/** The pattern ignores case, so "to us" would read as "to US": the pronoun is written in lower case. */
function isCountryRecipient(after: string): boolean {
  const match = COUNTRY_RECIPIENT.exec(after);
  return match !== null && !/\bus$/.test(match[0]);
}

function isFirstPartyRecipient(after: string): boolean {
  const match = FIRST_PARTY_RECIPIENT.exec(after);
  return match !== null && !GIVEN_BY_READER.test(match[1] ?? '');
}

/** "provide your information to third parties": the recipient is an outside organisation, named by kind. */
function hasOutsideRecipient(sentence: string, verb: PhraseMatch): boolean {
  const after = sentence.slice(verb.end, verb.end + 100);
  const recipient = /\b(?:to|with)\s+((?:(?:our|the|a|an|other|certain|select(?:ed)?|trusted|these|such|any)\s+)*)/gi;
  for (let m = recipient.exec(after); m !== null; m = recipient.exec(after)) {
    // "to any other organization": the collector may begin with one of the determiners ("other organizations").
    const determiners = m[1] ?? '';
    const starts = [...determiners.matchAll(/\S+\s+/g)].map((w) => w.index).concat(determiners.length);
    for (const start of starts) {
      const collector = findPhrases(after.slice(m.index + m[0].length - determiners.length + start), COLLECTOR)[0];
      if (collector !== undefined && collector.start === 0) return true;
    }
  }
  return false;
}

function findOutsideCollection(sentence: string): SharingStatement | null {
  for (const collector of findPhrases(sentence, COLLECTOR)) {
    // "collect from third parties": a source of data, not a collector.
    if (/\bfrom\s+(?:\w+\s+){0,2}$/i.test(sentence.slice(Math.max(0, collector.start - 30), collector.start))) continue;
    const after = sentence.slice(collector.end, collector.end + 100);
    // "advertisers may use …", "partners place …": the collector is the subject of the next verb.
    const predicate = COLLECTOR_PREDICATE.exec(after);
    const verbEnd = predicate !== null ? predicate[0].length : collectionVerbEnd(after);
    if (verbEnd === null) continue;
    return { kind: 'third-party-collection', start: collector.start, end: collector.end + verbEnd, trigger: sentence.slice(collector.start, collector.end + verbEnd) };
  }
  return null;
}

/** End of a collection verb acted by the collector just before `after`, or null. */
function collectionVerbEnd(after: string): number | null {
  // "a third party advertiser or sponsor may operate or host a contest on the Website, and collect your information":
  // a collection verb further on counts when it is coordinated with the collector's first verb.
  const near = firstWithin(COLLECTION_VERB, after, 45);
  const far = near ?? firstWithin(COLLECTION_VERB, after, 90);
  const verb = near ?? (far !== null && /^\s+(?:(?:may|might|can|also|will|often|sometimes)\s+)?\w+\b[^.;:]*,?\s+and\s+(?:(?:may|also)\s+)?$/i.test(after.slice(0, far.start)) ? far : null);
  if (verb === null) return null;
  const gap = after.slice(0, verb.start);
  // The collector must be the one acting: no clause break or second subject between them
  // ("information we collect from third parties", "third parties, which you authorise").
  if (/[;:(]|\b(?:you|we|us)\b/i.test(gap)) return null;
  // "third-party information we collect": the collector word is an adjective of the data.
  if (/^\s+(?:information|data|content|sources?)\b/i.test(after)) return null;
  return verb.end;
}

function findPublic(sentence: string): SharingStatement | null {
  for (const match of findPhrases(sentence, PUBLIC)) {
    // "not available to the public" protects data; "publicly available sources" are where data comes from.
    if (isNegatedAt(sentence, match.start) || /^\s+(?:sources?|records?|data|databases?)\b/i.test(sentence.slice(match.end))) continue;
    return { kind: 'public', ...spanOf(match) };
  }
  return null;
}

function findBusinessTransfer(sentence: string): SharingStatement | null {
  const match = findPhrases(sentence, CORPORATE_TRANSACTION)[0];
  return match === undefined ? null : { kind: 'business-transfer', ...spanOf(match) };
}

/** The first match of a phrase pattern within `limit` characters of the start (or of the end, from the back). */
function firstWithin(pattern: RegExp, text: string, limit: number, fromEnd = false): PhraseMatch | null {
  const matches = findPhrases(text, pattern);
  const match = fromEnd ? matches[matches.length - 1] : matches[0];
  if (match === undefined) return null;
  const distance = fromEnd ? text.length - match.end : match.start;
  return distance <= limit ? match : null;
}

function spanOf(match: PhraseMatch): { start: number; end: number; trigger: string } {
  return { start: match.start, end: match.end, trigger: match.text };
}
