import type { PhraseMatch } from './compile-phrase-pattern.js';

/**
 * Retention that ends with a named event, by the grammar of English rather than a list of events: "until the
 * ticket is closed", "until your request has been resolved", "until the meeting ends", "for the duration of the
 * call", "until the end of the session", "until you leave the room". An end is stated but no length: OPP-115's
 * `Limited` ("deleted … at some point, but no specific retention period is stated").
 *
 * Not limits: "until the law allows" (a condition, not an event that happens: no end-of-event verb), "until
 * further notice" (an indefinite period; retention-terms.json lists it as indefinite), "until 30 days after …"
 * (a period, read by find-retention-periods.ts).
 */

/** A noun phrase naming the event's subject: "the ticket", "your support request", "it", "the order you placed". */
const EVENT_NP = String.raw`(?:(?:the|your|our|a|an|this|that|each|such|any|its|their|his|her)\s+(?:[\p{Ll}\p{N}'’-]+\s+){0,4}?[\p{Ll}\p{N}'’-]+|it|they|these|those|(?:[\p{Ll}'’-]+\s+){0,1}[\p{Ll}'’-]+(?=\s+(?:is|are|has|have)\b))`;
/** Participles that say something is over: "closed", "resolved", "completed", "delivered". */
const ENDED = String.raw`(?:closed|resolved|completed|complete|ended|finished|concluded|over|deleted|cancell?ed|terminated|delivered|fulfill?ed|settled|expired|withdrawn|revoked|deactivated|removed|done)`;
/** "is closed", "has been resolved", "gets deleted", "have been delivered", "is fully completed". */
const PASSIVE_END = String.raw`(?:is|are|was|were|gets|get|has\s+been|have\s+been|had\s+been|becomes|become)\s+(?:(?:fully|finally|successfully|permanently|formally)\s+)?${ENDED}`;
/** "the meeting ends", "your subscription expires", "the ticket closes". */
const ACTIVE_END = String.raw`(?:ends|ended|has\s+ended|expires|has\s+expired|closes|finishes|concludes|terminates|lapses|is\s+over)`;

const UNTIL_EVENT = new RegExp(String.raw`\buntil\s+(?:after\s+)?${EVENT_NP}\s+(?:${PASSIVE_END}|${ACTIVE_END})(?![\p{L}\p{N}])`, 'giu');
/** "until the end of the session", "until completion of the transaction", "for the duration of the call". */
const END_OF = new RegExp(
  String.raw`\b(?:until|till|through)\s+(?:the\s+)?(?:end|completion|conclusion|closure|close|termination|resolution|expiry|expiration|fulfil(?:l)?ment|cancell?ation)\s+of\s+${EVENT_NP}|\bfor\s+the\s+(?:duration|length|life(?:time)?|term)\s+of\s+${EVENT_NP}`,
  'giu',
);
/**
 * "until you leave the room", "until you opt out", "until you log out of the app": an act of the reader ends it. The
 * trigger keeps the act up to its first preposition or conjunction ("until you request removal", not "… of your Shared").
 */
const UNTIL_YOU =
  /\buntil\s+you\s+(?!(?:are|were|have|had|reach|turn)\b)[\p{L}'’-]+(?:\s+(?!(?:and|or|but|we|unless|if|when|for|which|that|whichever|of|in|on|from|with|through|via|by|at|within)\b)[\p{L}\p{N}'’-]+){0,4}/giu;
/** "until we receive your request", "until we are notified by you": the reader's request ends it, like "until you request". */
const UNTIL_YOUR_REQUEST = /\buntil\s+(?:we\s+(?:receive|get|have\s+received)|receipt\s+of)\s+(?:your|a|the\s+user['’]s)\s+(?:[\p{Ll}-]+\s+){0,2}(?:request|instructions?|notice|notification)\b/giu;

export function findEventLimits(text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const pattern of [UNTIL_EVENT, END_OF, UNTIL_YOU, UNTIL_YOUR_REQUEST]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      // A period after the event words ("for the duration of 30 days") is a stated period, read elsewhere.
      if (/\d/.test(m[0])) continue;
      const phrase = m[0].replace(/[\s,.;:]+$/, '');
      found.push({ start: m.index, end: m.index + phrase.length, text: phrase });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
