import type { EncryptionClaim } from '../model/claim.js';
import type { SentenceContext } from './sentence-context.js';

/**
 * What governs an unscoped encryption word beyond its own sentence. A sentence such as "technical protections, such as
 * encryption and pseudonymization" or "These include pseudonymization, encryption, access, and retention policies."
 * names encryption as one safeguard among others; what the safeguards are for is said by the list's lead-in, the
 * sentence "These" refers to, or the section (trial9 item 3: Spotify's transfer safeguards had been read as a
 * promise that the app's traffic is encrypted).
 */
export interface EncryptionContext {
  /** See {@link EncryptionClaim.safeguard}. */
  safeguard?: NonNullable<EncryptionClaim['safeguard']>;
  /** True when what governs the sentence says the data is held in the service's systems or in storage. */
  stored: boolean;
}

/** Words for protective measures, in a lead-in or in the sentence a "These include" refers to. */
const SAFEGUARD_WORDS = /\b(?:safeguards?|protections?|measures?|controls?|precautions?|security practices|security policies)\b/i;
/** A sentence that continues the previous one's subject: "These include …", "Such measures include …". */
const REFERS_BACK = /^\s*(?:these|they|this|such\s+(?:measures|safeguards|protections))(?:\s+(?:measures|safeguards|protections|steps))?\s+(?:include|includes|including|consist\s+of)\b/i;
/** What introduces an enumeration inside a sentence. */
const ENUMERATION_START = /\b(?:such as|including|include|includes|like|e\.g\.,?)\s+/gi;
/** An enumeration item that starts a clause ("…, to protect your data") ends the enumeration. */
const CLAUSE_WORD = /^(?:to|which|that|so|as|in|for|when|where|if|because|we|it|our|your|the|this|these|who|with)\b/i;
/** Data held by the service: "data in our systems", "in storage", "stored". */
const STORED = /\b(?:(?:in|on|within)\s+our\s+(?:systems?|servers?|databases?|data\s*cent(?:er|re)s?)|in\s+storage|stored)\b/i;
/** A section about international transfers ("7. Transfer to other countries", "Transferring your information"); not "Asset Transfers". */
const TRANSFER_SECTION =
  /\b(?:international|cross[- ]border)\s+(?:data\s+)?transfers?\b|\btransfer(?:s|ring)?\b.*\b(?:countr(?:y|ies)|outside|abroad|international(?:ly)?|borders?)\b|^transferring\s+(?:your\s+)?(?:personal\s+)?(?:information|data)\b/i;

/**
 * Reads what governs the encryption word at `at` in an unscoped claim's sentence: whether it is named only as one
 * safeguard in a list of them (an enumeration in the sentence, a list item under a lead-in about measures, or the
 * items of a "These include" whose previous sentence is about safeguards), whether those are safeguards for
 * international transfers (the section's heading), and whether what governs the sentence is about stored data.
 */
export function readEncryptionContext(context: SentenceContext, at: number): EncryptionContext {
  const text = context.sentence.text;
  const leadIn = context.leadIns?.[0];
  const referred = REFERS_BACK.test(text) && context.previous !== null ? context.previous.text : null;
  const heading = context.sectionPath[context.sectionPath.length - 1] ?? '';
  const listed =
    isEnumerated(text, at) ||
    (leadIn !== undefined && SAFEGUARD_WORDS.test(leadIn) && !/\bwe\b/i.test(text)) ||
    (referred !== null && SAFEGUARD_WORDS.test(referred));
  const governing = [leadIn ?? '', referred ?? ''].join(' ');
  const transfers = TRANSFER_SECTION.test(heading.replace(/^[\d\\.\s]+/, ''));
  const safeguard = transfers ? 'transfers' : listed ? 'general' : undefined;
  return { ...(safeguard ? { safeguard } : {}), stored: listed && STORED.test(governing) };
}

/**
 * True when the word at `at` is one item of an enumeration of two or more ("such as encryption and pseudonymization",
 * "include pseudonymization, encryption, access, and retention policies"); "measures, including encryption, to
 * protect your data" names one measure, and the sentence keeps its full weight.
 */
function isEnumerated(text: string, at: number): boolean {
  ENUMERATION_START.lastIndex = 0;
  for (let m = ENUMERATION_START.exec(text); m !== null; m = ENUMERATION_START.exec(text)) {
    const start = m.index + m[0].length;
    if (start > at) break;
    const span = text.slice(start).split(/[.;:()]/)[0] ?? '';
    if (start + span.length <= at) continue;
    const items: { start: number; end: number }[] = [];
    const separator = /\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as well as)\s+/gi;
    let from = 0;
    for (let s = separator.exec(span); ; s = separator.exec(span)) {
      const end = s === null ? span.length : s.index;
      const item = span.slice(from, end).trim();
      if (item === '' || (items.length > 0 && CLAUSE_WORD.test(item))) break;
      items.push({ start: start + from, end: start + end });
      if (s === null) break;
      from = s.index + s[0].length;
    }
    if (items.length >= 2 && items.some((i) => i.start <= at && at < i.end)) return true;
  }
  return false;
}
