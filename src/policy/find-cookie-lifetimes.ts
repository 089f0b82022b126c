import type { RetentionVagueness, TextSpan } from '../model/claim.js';
import { findRetentionPeriods } from './find-retention-periods.js';
import { followListLeadIns } from './find-list-lead-ins.js';
import { splitSentences, type SentenceSpan } from './split-sentences.js';

/**
 * How long a cookie lives on the reader's device, as a policy states it: "Session cookies expire after
 * two hours", "These cookies … are deleted when the browser window is closed", "The 'persistent' cookie
 * … will expire six months after it was set". Offsets are into the searched text.
 */
export interface CookieLifetime {
  start: number;
  end: number;
  /** The sentence that states the lifetime. */
  sentence: string;
  /**
   * In OPP-115's Retention Period terms: a duration is `stated`; an end that is an event ("when you close
   * your browser", "until they expire") is `limited` (the manual: "deleted … at some point, but no
   * specific retention period is stated"); "permanently" is `indefinite`; otherwise `unspecified`.
   */
  vagueness: RetentionVagueness;
  periodDays: number | null;
  trigger: string;
}

const COOKIE = /\bcookies?\b/i;
/** A verb or noun of a cookie's life or end. */
const LIFETIME_WORD =
  /\b(?:expire|expires|expired|expiry|expiration|lasts?|remains?|persists?|stays?|stored|kept|deleted|erased|removed|cleared|disappears?|terminates?)\b/i;
/** The end of a browsing session, or of the cookie itself. */
const END_EVENT =
  /\b(?:(?:when|once|after|upon|as\s+soon\s+as)\s+(?:\w+\s+){0,4}(?:close|closes|closed|closing|exit|exits|quit|quits|leave|leaves|left|log\s+out|logs\s+out|sign\s+out|shut\s+down)|(?:at\s+)?the\s+end\s+of\s+(?:\w+\s+){0,2}(?:session|visit)|until\s+(?:\w+\s+){0,3}(?:expire|expires|expiry|expiration|deleted|deletion|delete))\b/i;
const INDEFINITE = /\b(?:permanently|indefinitely|forever)\b/i;
/** The reader removing cookies ("can be removed by following your browser's directions", "if you delete your cookies"). */
const READERS_ACTION =
  /\b(?:you|users?|visitors?)\s+(?:\w+\s+){0,2}(?:can|may|could|choose\s+to|wish\s+to|want\s+to)\b|\bcan\s+(?:be\s+)?(?:deleted|removed|erased|cleared)\b|\bby\s+following\b|\b(?:if|when|once)\s+you\s+(?:\w+\s+){0,2}(?:delete|remove|clear|erase)\b/i;

/**
 * Finds sentences that state how long cookies live on the reader's device. They are not retention
 * claims (the service keeping data; see `extract-retention-claims.ts`): a cookie's expiry would count as
 * the policy stating a retention period and "temporary cookies" as vague retention. OPP-115 counts them as
 * Data Retention ("Cookies and tracking elements: identifiers locally stored on user's device"), so the
 * evaluator reads them; a vocabulary finder, like the sharing and security finders. A list item that
 * names no data is read with its lead-in ("Cookies will:" / "Expire 60 days after being set").
 */
export function findCookieLifetimes(text: string, leadIns: readonly string[] = []): CookieLifetime[] {
  const found: CookieLifetime[] = [];
  // Blocks are lines, as in extractClaims: each is read with the lead-ins of the list it belongs to.
  const blocks: TextSpan[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') blocks.push({ start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  const blockLeadIns = followListLeadIns(blocks.map((b) => text.slice(b.start, b.end)), leadIns);
  blocks.forEach((block, index) => {
    const nearest = blockLeadIns[index]?.[0];
    const underCookieLeadIn = nearest !== undefined && COOKIE.test(nearest);
    for (const sentence of splitSentences(text, block)) {
      const lifetime = readLifetime(sentence, underCookieLeadIn);
      if (lifetime !== null) found.push(lifetime);
    }
  });
  return found;
}

function readLifetime(sentence: SentenceSpan, underCookieLeadIn: boolean): CookieLifetime | null {
  const words = sentence.text;
  if (!COOKIE.test(words) && !underCookieLeadIn) return null;
  const word = LIFETIME_WORD.exec(words);
  if (word === null) return null;
  // The reader's own removal ("Persistent cookies can be removed by following your browser's directions"),
  // up to the lifetime word: "… will last for five years; however, if you delete your browser cookies, …"
  // and "… for up to 20 years unless you choose to delete them" still state a lifetime.
  const clauseStart = words.lastIndexOf(';', word.index) + 1;
  const clauseEnd = words.indexOf(';', word.index);
  if (READERS_ACTION.test(words.slice(clauseStart, word.index + word[0].length + 25))) return null;
  const rest = words.slice(word.index, clauseEnd === -1 ? words.length : clauseEnd);
  const period = findRetentionPeriods(rest).find((p) => p.days !== null);
  const end = END_EVENT.exec(rest);
  const forever = INDEFINITE.exec(rest);
  const make = (vagueness: RetentionVagueness, trigger: string, periodDays: number | null): CookieLifetime => ({
    start: sentence.start,
    end: sentence.end,
    sentence: words,
    vagueness,
    periodDays,
    trigger,
  });
  if (period !== undefined) return make('stated', period.text, period.days);
  if (forever !== null) return make('indefinite', forever[0], null);
  // "will remain on your computer after you have left our site" says how long it stays, not when it goes.
  if (end !== null && !(/^(?:remain|persist|stay)/i.test(word[0]) && /^after\b/i.test(end[0]))) return make('limited', end[0], null);
  return null;
}
