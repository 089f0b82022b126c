/**
 * Whether a sentence denies that data goes to a place, and what it denies. The extractor's negation reads any
 * negator shortly before the verb, so "We cannot guarantee that data transferred to the United States …" is a
 * negative claim to it; printed as "the policy says data does not go there" that would be false. And a denial of one
 * kind of data ("We do not store your voice recordings in China") is not a denial of all of it: a capture shows
 * that traffic reached a country, not which data it carried (docs/rules/undisclosed-country.md).
 */
import type { TransferClaim } from '../model/claim.js';

/** Negator, then only auxiliaries and adverbs, then the verb (or another verb coordinated with it). */
const DENIED_CUE = new RegExp(
  String.raw`\b(?:not|never|no\s+longer|cannot|can['’]t|won['’]t|don['’]t|doesn['’]t|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+` +
    String.raw`(?:(?:be|been|being|ever|currently|otherwise|knowingly|intentionally|actively|physically|routinely)\s+)*` +
    String.raw`(?:(?:sell|sold|rent|rented|share|shared|disclose|disclosed)\s*,?\s+(?:or|and|nor)\s+)?` +
    String.raw`(?:transfer|stor(?:e|ed|es|ing)|send|sent|host|process|keep|kept|move|transmit|export|locat(?:e|ed)|have\s+(?:any\s+)?(?:servers|data\s+cent))`,
  'i',
);

/** True when the text denies storing or sending data: a negator governs a storage or transfer verb in it. */
export function deniesLocation(text: string): boolean {
  return DENIED_CUE.test(text);
}

/** What a denial says does not happen there: data kept there, data sent there, or data handled there. */
export type DeniedAction = 'storage' | 'transfer' | 'processing';

/** One denial of a place, read from its sentence. */
export interface LocationDenial<C extends TransferClaim = TransferClaim> {
  claim: C;
  action: DeniedAction;
  /**
   * The data the denial is about, as written, when it names one kind ("your voice recordings", "payment data"); null
   * when it is about data in general ("your data", "personal information", or no data named).
   */
  data: string | null;
  /** True when the data is a pronoun or "such data", whose antecedent is another sentence: its scope is unknown. */
  unclear: boolean;
  /** The exception or condition that limits it ("unless you use the app there"), as written; null when it has none. */
  limit: string | null;
}

/** Auxiliaries before a negator that make the verb after it passive: "is never stored", "will not be sent". */
const PASSIVE_BEFORE = /\b(?:is|are|was|were|be|been|will|shall|would|should|can|could|may|must)\s+$/i;
const PARTICIPLE = /^(?:stored|kept|hosted|located|sent|transferred|transmitted|exported|moved|processed|maintained)$/i;
/** Where the object of an active verb ends: the place, a clause of its own, or punctuation. */
const OBJECT_END = /\s+(?:to|in|into|on|at|within|inside|outside|with|from|for|anywhere|unless|except|without|if|when|via|through|across)\b|\s*[,;.:()]/i;
/** Where the subject of a passive verb starts: after a clause boundary ("Rest assured that …", "; …"). */
const SUBJECT_START = /^(?:.*(?:[,;:(]|\b(?:that|which|and|but|so|because|while|although|however))\s+)?/i;
/** Data in general: "your data", "any personal information", "user data", "information about you". */
const GENERAL_DATA =
  /^(?:(?:any|all)\s+(?:of\s+)?)?(?:(?:any|all|your|the|our\s+users['’]?|users['’]?|customers['’]?)\s+)*(?:(?:personal|personally\s+identifiable|user|customer|private|individual)\s+)*(?:data|information|info|details|anything)(?:\s+(?:about|of|relating\s+to|from)\s+(?:you|our\s+users|users|our\s+customers|customers))?(?:\s+(?:(?:that|which)\s+)?we\s+(?:collect|hold|receive|process|store|have))?$/i;
/** Words that stand for data named in another sentence. */
const PRONOUN_DATA = /^(?:it|them|they|this|that|these|those|(?:this|that|these|those|such)\s+(?:data|information|info|details))$/i;

function classifyAction(verb: string, fallback: TransferClaim['transferType']): DeniedAction {
  if (/^(?:stor|keep|kept|host|locat|have|maintain)/i.test(verb)) return 'storage';
  if (/^process/i.test(verb)) return 'processing';
  if (/^(?:transfer|send|sent|transmit|export|mov)/i.test(verb)) return 'transfer';
  return fallback;
}

const DENIED_CUES = new RegExp(DENIED_CUE.source, 'gi');

/**
 * The denial of the claim's own clause: the first whose verb is one of the claim's trigger words ("We do not store your
 * recordings in China, and we do not transfer any data to Russia": Russia's claim is triggered by "transfer"), else the
 * first of the sentence.
 */
function chooseDeniedCue(text: string, trigger: string): RegExpExecArray | null {
  const triggers = new Set(trigger.toLowerCase().split(/;\s*/));
  let first: RegExpExecArray | null = null;
  DENIED_CUES.lastIndex = 0;
  for (let m = DENIED_CUES.exec(text); m !== null; m = DENIED_CUES.exec(text)) {
    first ??= m;
    const verb = (/(\w+)$/.exec(m[0])?.[1] ?? '') + (/^[a-z]*/i.exec(text.slice(m.index + m[0].length))?.[0] ?? '');
    if (triggers.has(verb.toLowerCase())) return m;
  }
  return first;
}

/** Reads what one negative transfer claim denies; null when its negator does not govern the verb (no denial at all). */
export function readLocationDenial<C extends TransferClaim>(claim: C): LocationDenial<C> | null {
  const text = claim.quote.replace(/\s+/g, ' ');
  const cue = chooseDeniedCue(text, claim.trigger);
  if (!cue) return null;
  // The cue ends inside the verb ("transfer" of "transferred"); the whole word is the verb.
  const after = text.slice(cue.index + cue[0].length);
  const verbTail = /^[a-z]*/i.exec(after)?.[0] ?? '';
  const hasServers = /\bhave\s+(?:any\s+)?(?:servers|data\s+cent)/i.test(cue[0]);
  const verb = hasServers ? 'have' : (/(\w+)$/.exec(cue[0])?.[1] ?? '') + verbTail;
  let written = '';
  if (hasServers) {
    // "We don't have servers in Russia" names no data: it is about data in general.
    written = '';
  } else if (PASSIVE_BEFORE.test(text.slice(0, cue.index)) && PARTICIPLE.test(verb)) {
    const before = text.slice(0, cue.index).replace(PASSIVE_BEFORE, '');
    written = before.replace(SUBJECT_START, '').trim();
  } else {
    const rest = after.slice(verbTail.length);
    const end = OBJECT_END.exec(rest);
    written = (end ? rest.slice(0, end.index) : rest).trim();
  }
  // The sentence's capital belongs to the sentence, not to the data: "Your recordings" → "your recordings".
  const data = written.replace(/^\p{Lu}(?=\p{Ll})/u, (w) => w.toLowerCase()).replace(/[.]$/, '');
  const limitClause = (claim.conditions ?? []).find((c) => c.kind === 'exception' || c.kind === 'condition');
  const unclear = PRONOUN_DATA.test(data) || data.split(' ').length > 10;
  return {
    claim,
    action: classifyAction(verb, claim.transferType),
    data: data === '' || GENERAL_DATA.test(data) ? null : data,
    unclear,
    limit: limitClause ? limitClause.text : null,
  };
}
