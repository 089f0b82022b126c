/**
 * A company a policy names as a service the user chooses or connects ("if you use a data backup
 * service integrated with our Services (like iCloud or Google Account), they will receive the
 * information you share with them", "you can log in with Google", "to play content from a third-party
 * platform like YouTube"). Such a sentence says what happens when the user takes that service; it does
 * not disclose that the app itself sends data to the company, let alone to its analytics or ad products.
 */
import { findNameOffsets } from './find-name-offsets.js';

/** "log in with", "sign in using your", "register through": the mention is a sign-in provider. */
const SIGN_IN_LEAD = /\b(?:log(?:ging|s|ged)?[\s-]*(?:in|on)|sign(?:ing|s|ed)?[\s-]*(?:in|on|up)|register(?:ing|s)?|authenticat(?:e|es|ing))\s+(?:to\s+(?:[\w'’-]+\s+){1,3})?(?:with|using|through|via)\s+(?:your\s+|an?\s+|the\s+)?(?:[\w'’-]+\s+){0,2}$/i;
/** "connect your", "link their": the mention is the user's own account elsewhere. */
const CONNECT_LEAD = /\b(?:connect|connects|connected|connecting|link|links|linked|linking|sync|syncs|synced|syncing)\s+(?:your|their|his|her)\s+(?:[\w'’-]+\s+){0,2}$/i;
/** The user's own account with the company: "your Apple or Google accounts" (both names), "(like iCloud or Google Account)". */
const OWN_ACCOUNT_TAIL = /^\s+(?:(?:or|and)\s+[\w'’-]+\s+)?(?:account|accounts|ID|profile)\b/i;
/** Signing in or up through another service, with or without "you": "sign-up or log-in to the Platform using your account details from …". */
const SIGN_IN_CLAUSE = /\b(?:log(?:s|ged|ging)?[\s-]*(?:in|on)|sign(?:s|ed|ing)?[\s-]*(?:in|on|up))\b/gi;
/**
 * A clause in which the user acts: "if you use …", "when you use the in-app player to play content
 * from …", "enable you to … share videos from …". The mention must sit inside that clause (checked by
 * {@link staysInClause}).
 */
const USER_CLAUSE =
  /\b(?:(?:if|when|whenever|where|once)\s+you(?:\s+(?:choose|decide|elect|opt|want|wish)\s+to)?(?:\s+(?:also|then))?\s+(?:use|connect|link|integrate|sync|back\s+up|log\s*in|sign\s*(?:in|up)|interact|play|share|access|enable)|(?:enable|enables|allow|allows|let|lets|permit|permits)\s+you\s+to)\b/gi;
/** The company speaking in the main clause ends the user's clause: "if you use our app, we share …". */
const COMPANY_ACTS =
  /\b(?:we|our\s+partners|this\s+app)\s+(?:[\w'’]+\s+){0,2}?(?:share|shares|disclose|discloses|provide|provides|send|sends|transfer|transfers|sell|sells|use|uses|allow|allows)\b|\b(?:is|are|be|been)\s+(?:[\w'’]+\s+)?(?:shared|disclosed|sent|transferred|provided|sold|passed)\b/i;

/**
 * A sentence in which the user is the one sending: "You can automatically publish the posts you make on Tumblr
 * to other sites (like Facebook or Twitter)", "You may also choose to share information … with those Third Party
 * Services (for example, by sharing posts to Twitter or Facebook)". Every company it names is where the user
 * sends, unless the company speaks too ({@link COMPANY_ACTS}).
 */
const USER_SENDS_SENTENCE =
  /^\s*(?:[*•-]\s*)?you\s+(?:can|may|might|could)\s+(?:also\s+)?(?:automatically\s+|directly\s+|easily\s+)?(?:(?:choose|decide|elect|opt)\s+to\s+)?(?:share|publish|post|cross-post|send|connect|link)\b/i;

/** True when nothing between the clause start and the mention closes the clause: no top-level comma or colon, no company verb. */
function staysInClause(between: string): boolean {
  let depth = 0;
  for (const ch of between) {
    if (ch === '(') depth += 1;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === ',' || ch === ';' || ch === ':')) return false;
  }
  return !COMPANY_ACTS.test(between);
}


/** True when this mention (at `at`) is a service the user takes, judged by the words before it. */
function isUserChosenAt(quote: string, at: number, name: string): boolean {
  const lead = quote.slice(0, at);
  if (SIGN_IN_LEAD.test(lead) || CONNECT_LEAD.test(lead)) return true;
  if (OWN_ACCOUNT_TAIL.test(quote.slice(at + name.trim().length)) && /\b(?:your|their|a|an)\s+(?:[\w'’-]+\s+(?:or|and)\s+)?$|\b(?:like|such\s+as|e\.g\.,?)\s+(?:[\w'’-]+\s+(?:or|and)\s+)?$/i.test(lead)) return true;
  let clauseStart = -1;
  for (const match of lead.matchAll(USER_CLAUSE)) clauseStart = Math.max(clauseStart, match.index + match[0].length);
  for (const match of lead.matchAll(SIGN_IN_CLAUSE)) clauseStart = Math.max(clauseStart, match.index + match[0].length);
  return clauseStart >= 0 && staysInClause(lead.slice(clauseStart));
}

/**
 * True when every mention of `name` in the sentence is a service the user chooses or connects
 * (sign-in provider, the user's own account, a service used inside a clause where the user acts).
 * A name not found in the sentence gives false: the claim then stands as written.
 */
export function isUserChosenService(quote: string, name: string): boolean {
  const offsets = findNameOffsets(quote, name);
  if (offsets.length > 0 && USER_SENDS_SENTENCE.test(quote) && !COMPANY_ACTS.test(quote)) return true;
  return offsets.length > 0 && offsets.every((at) => isUserChosenAt(quote, at, name));
}
