import type { RetentionClaim, RetentionHolder, RetentionVagueness } from '../model/claim.js';
import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isNegatedAt } from './detect-negation.js';
import { findEventLimits } from './find-event-limits.js';
import { findRetentionHolder } from './find-retention-holder.js';
import { findRetentionPeriods } from './find-retention-periods.js';
import { isPlaceComplement } from './extract-transfer-claims.js';
import retention from './lexicons/retention-terms.json' with { type: 'json' };
import { createClaimBase, type SentenceContext } from './sentence-context.js';

const STRONG_VERB = /^(?:retain|retains|retained|retaining|preserve|preserves|preserved|archive|archived)$/i;
const VERB = compilePhrasePattern(retention.verbs);
const RETENTION_NOUN = compilePhrasePattern(retention.retentionNouns);
const DELETION = compilePhrasePattern(retention.deletionVerbs);
const LIMITED = compilePhrasePattern(retention.limited);
const INDEFINITE = compilePhrasePattern(retention.indefinite);
const VAGUE_DURATION = compilePhrasePattern(retention.vagueDurations);
const INDEFINITE_CANCEL = compilePhrasePattern(retention.indefiniteCancelledBy);
const DATA_NOUN = compilePhrasePattern(retention.dataNouns);
const LINGERING = new RegExp(
  `\\b(?:${retention.lingeringVerbs.join('|')})\\s+(?:\\w+\\s+){0,8}?(?:in|on|within|inside)\\s+(?:our\\s+|the\\s+|its\\s+)?(?:[\\w-]+\\s+){0,2}(?:${retention.storageNouns.join('|')})\\b`,
  'gi',
);

/** Words that cannot belong to a data-kind noun phrase; the phrase stops at them. */
const PHRASE_STOP = new Set([
  'for', 'until', 'as', 'while', 'in', 'on', 'at', 'from', 'to', 'with', 'after', 'within', 'only', 'if', 'when', 'so',
  'because', 'beyond', 'longer', 'up', 'no', 'not', 'and', 'or', 'but', 'that', 'which', 'who', 'where', 'unless', 'by',
  'is', 'are', 'was', 'were', 'be', 'been', 'will', 'may', 'can', 'indefinitely', 'temporarily', 'permanently', 'securely',
  'automatically', 'generally', 'typically', 'also', 'then', 'once', 'about', 'of', 'we', 'you', 'it', 'they', 'them',
  'this', 'these', 'those', 'such', 'any', 'all', 'some', 'certain', 'relevant', 'limited', 'most', 'other', 'its',
  // "Whether we retain your data depends on …": the main verb after the data, not part of it (Snapchat, TikTok).
  'depends', 'depend', 'varies', 'vary', 'differs', 'differ',
]);
const DETERMINER = /^(?:your|the|this|that|these|those|such|any|all|some|certain|our|their|its|a|an|relevant|limited|most|other|of)$/i;
const PASSIVE_AUX = /(?:\b(?:is|are|was|were|be|been|being|gets?)\s+(?:\w+ly\s+|not\s+|never\s+|only\s+)*)$/i;
const USER_RIGHT = /\b(?:(?<!\b(?:data|information|content|details|queries|messages)\s+(?:that\s+|which\s+)?)you\s+(?:can|may|could|have\s+(?:the\s+)?(?:right|option|ability|choice))|(?<!\b(?:our|reserves?\s+the)\s+)right\s+to|request\s+(?:that\s+)?(?:we|us)|ask\s+us\s+to|(?<!\bwe\s+(?:may\s+)?)choose\s+to|able\s+to|how\s+to|wish\s+to|want\s+to)\b[^,;]{0,40}$/i;
const STORE_NOUN_CONTEXT = /\b(?:app|play|online|retail|microsoft|windows|chrome|web)\s*$/i;

/**
 * Reads one sentence for data retention: a stated period ("for 30 days" → stated, 30), a limit
 * without a number ("temporarily", "as long as necessary", "until you delete" → limited), no limit
 * ("indefinitely" → indefinite), or keeping data with nothing said about how long (→ unspecified).
 * Deletion verbs count only together with a period or limit ("deleted after 90 days"), and a user's
 * right to delete ("you can delete your account") is not a retention statement.
 */
export function extractRetentionClaims(context: SentenceContext): RetentionClaim[] {
  const text = context.sentence.text;
  // "residual copies may remain in our backup systems" keeps data as surely as "we retain it".
  const verbs = [...findPhrases(text, VERB).filter((verb) => isRetentionVerb(text, verb)), ...findLingering(text)].sort((a, b) => a.start - b.start);
  const nouns = findPhrases(text, RETENTION_NOUN);
  const deletions = findPhrases(text, DELETION).filter(
    // "| Request to Delete | 8,260,593 | … | 15.47 days |": a kind of request named (here with its response time), not a deletion.
    (d) => !USER_RIGHT.test(text.slice(0, d.start)) && !/^[\s,]+(?:\w+\s+){0,3}requests?\b/i.test(text.slice(d.end)) && !/\brequests?\s+to\s+$/i.test(text.slice(0, d.start)) && !isUsersOwnDeletion(text, d) && !isHiddenFromView(text, d),
  );
  if (deletions.length > 0 && isRemedialDeletion(context)) return [];
  if (isCookieLifetime(text, context.leadIns ?? [])) return [];
  // "You may request that we erase the Personal Information we hold about you where: * you believe that it is no
  // longer necessary for us to hold your Personal Information": the reader's grounds for a request, not a practice.
  if (/^\s*you\s/i.test(text) && USER_REQUEST_LEAD_IN.test(context.leadIns?.[0] ?? '')) return [];
  // "we will respond to your request within 30 days" is a response time, not a retention period.
  // "copies may also remain after the 90 days for a limited time" refers back to a period stated before: not this sentence's.
  const periods = findRetentionPeriods(text).filter(
    (p) => !/\b(?:respond|responds|reply|replies|notify|notice|answer)\b[^.;]{0,180}$/i.test(text.slice(Math.max(0, p.start - 200), p.start)) && !/\b(?:after|beyond)\s+the\s+$/i.test(text.slice(Math.max(0, p.start - 12), p.start)),
  );
  const indefinite = findPhrases(text, INDEFINITE).filter((m) => !isCancelledIndefinite(text, m));
  // "automatically deleted" inside "not be automatically deleted" is no limit.
  // "until the ticket is closed", "for the duration of the call": an event's end, found by grammar; the longer of two
  // overlapping readings keeps the event in the trigger ("for the duration of" → "for the duration of the call").
  const limitPhrases = longestOfOverlapping([...findPhrases(text, LIMITED), ...findEventLimits(text), ...findMatches(text, UNTIMED_DELETION)]);
  const deniedBeyond = findDeniedBeyondEvent(text, verbs).filter((e) => !limitPhrases.some((l) => l.start < e.end && e.start < l.end));
  const limited = [...limitPhrases, ...deniedBeyond]
    .filter((l) => !indefinite.some((i) => i.start <= l.start && l.end <= i.end))
    .sort((a, b) => a.start - b.start);
  // "for some period of time" names a duration but no limit: it makes a claim, of the unspecified class.
  const vagueDurations = findPhrases(text, VAGUE_DURATION);

  for (const event of findDeletionAtEvent(text, deletions)) if (!limited.some((l) => l.start < event.end && event.start < l.end)) limited.push(event);
  // "will not be deleted upon the user's request", "does not ensure complete removal": data that stays.
  const survivals = findSurvivingData(text).filter((s) => !limited.some((l) => l.start < s.end && s.start < l.end) && !indefinite.some((i) => i.start < s.end && s.start < i.end));
  // "may not be immediately removed": deleted at some point, later (OPP-115's Limited).
  for (const survival of survivals) if (/\bimmediately\b/i.test(survival.text)) limited.push(survival);

  // "hashed values provided for matching are not kept beyond the matching operation": the limit carries the verb.
  const limitWithVerb = limited.find((l) => findPhrases(l.text, VERB).length > 0);
  // "It may take Quora up to 14 days to process your account deletion request": how long deleting takes is how long
  // the data is still kept, a period (trial 8, item 12).
  const deletionTime = periods.length > 0 ? findMatches(text, DELETION_TIME)[0] : undefined;
  const anchor = verbs[0] ?? survivals[0] ?? deletions[0] ?? nouns[0] ?? limitWithVerb ?? deletionTime;
  if (anchor === undefined) return [];
  const hasLimit = periods.length > 0 || limited.length > 0 || indefinite.length > 0 || vagueDurations.length > 0;
  // Deletion and "retention" as a noun only make a claim when a period or limit comes with them.
  if (verbs.length === 0 && survivals.length === 0 && !hasLimit) return [];

  // "to process your account deletion request": what is being deleted is the account's data.
  const deletedThing = anchor === deletionTime ? /\b(account|profile)\s+(?:deletion|erasure|removal)\b/i.exec(anchor.text)?.[1] : undefined;
  const dataKind =
    deletedThing !== undefined ? `${deletedThing.toLowerCase()} data` : anchor === deletionTime ? null : resolveForegoing(findDataKind(text, verbs[0] ?? deletions[0] ?? null), context);
  // "Our vendor may retain your data for 90 days": whose retention it is decides whom a finding may accuse.
  const holder = findRetentionHolder(context, verbs[0] ?? survivals[0] ?? deletions[0]);
  const claims: RetentionClaim[] = [];
  // `at`: where the claim's words are, so it keeps only the conditions of its own clause.
  const add = (at: number, vagueness: RetentionVagueness, trigger: string, periodDays: number | null, negative: boolean, kind: string | null = dataKind, who: RetentionHolder = holder): void => {
    claims.push({
      ...createClaimBase(context, negative ? 'negative' : 'affirmative', at),
      kind: 'retention',
      dataKind: kind,
      periodDays,
      vagueness,
      trigger,
      holder: who,
    });
  };

  // "for the life of your account, then 30 days": a stated period after an event's end is a grace period; the data is
  // kept until the event plus that long, so the claim is the limit's (with the period in its trigger), not a period.
  const tails = periods.filter((p) => p.days !== null && limited.some((l) => l.end <= p.start && GRACE_AFTER.test(text.slice(l.end, p.start))));
  const stated = periods.filter((p) => p.days !== null && !tails.includes(p));
  const vaguePeriods = periods.filter((p) => p.days === null);
  stated.forEach((period, i) => {
    const previous = stated[i - 1];
    const gapped = previous !== undefined ? findGappedDataKind(text.slice(previous.end, period.start)) : null;
    add(period.start, 'stated', period.text, period.days, false, gapped ?? dataKind);
  });
  if (stated.length === 0 && (limited.length > 0 || vaguePeriods.length > 0)) {
    // "we do not keep it after the event" is a limit stated as a denial, and keeps its polarity.
    const denial = vaguePeriods.length === 0 && limited.every((l) => deniedBeyond.includes(l));
    const limits = [...limited, ...vaguePeriods, ...tails].sort((a, b) => a.start - b.start);
    add(limits[0]?.start ?? anchor.start, 'limited', joinTriggers(limits), null, denial);
  }
  if (indefinite.length > 0) {
    // "we do not keep data indefinitely" denies indefinite retention.
    add(indefinite[0]?.start ?? anchor.start, 'indefinite', joinTriggers(indefinite), null, isNegatedAt(text, indefinite[0]?.start ?? 0));
  }
  if (claims.length === 0 && vagueDurations.length > 0) add(vagueDurations[0]?.start ?? anchor.start, 'unspecified', joinTriggers(vagueDurations), null, false);
  if (claims.length === 0) {
    // With no period or limit, the sentence must be about keeping data, not about collecting it,
    // where it sits or how it is protected ("we collect and store your IP address").
    const kept = verbs.filter((v) => !isIncidentalStorage(text, v));
    const verb = kept[0];
    if (verb !== undefined) {
      const holders = [findRetentionHolder(context, verb)];
      add(verb.start, 'unspecified', verb.text, null, isNegatedRetention(text, verb.start), dataKind, holders[0]);
      // "We do not store that financial information; such information is stored by our payment processor": another keeper.
      for (const later of kept.slice(1)) {
        const holder = findRetentionHolder(context, later);
        if (holder.kind === 'service' || holders.some((h) => h.kind !== 'service' && h.name === holder.name)) continue;
        holders.push(holder);
        add(later.start, 'unspecified', later.text, null, isNegatedRetention(text, later.start), findDataKind(text, later), holder);
      }
    } else if (survivals[0] !== undefined) add(survivals[0].start, 'unspecified', survivals[0].text, null, false);
  }
  return claims;
}

/** "takes up to 14 days to process your account deletion request", "may need 30 days to complete the deletion". */
const DELETION_TIME =
  /\b(?:take|takes|need|needs|require|requires)\b[^.;]{0,60}?\bto\s+(?:process|complete|carry\s+out|finish|fulfil+|action)\s+(?:your|the|an?|this|that|such)\s+(?:[\w-]+\s+){0,2}(?:deletion|erasure|removal)\b/gi;
/**
 * "we cannot promise that deletion will take place by a specific time": data is deleted at some point but the policy
 * will not say when, OPP-115's Limited ("deleted … at some point").
 */
const UNTIMED_DELETION =
  /\b(?:cannot|can\s*not|can['’]t|do\s+not|don['’]t|are\s+unable\s+to)\s+(?:promise|guarantee|ensure|commit)\s+(?:that\s+)?[^.;]{0,60}?\b(?:deletion|removal|erasure|deleted|removed|erased)\b[^.;]{0,40}?\b(?:by\s+a\s+(?:specific|particular|certain)\s+(?:time|date)|within\s+a\s+(?:specific|particular|certain)\s+(?:time|period))/gi;

function findMatches(text: string, pattern: RegExp): PhraseMatch[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/**
 * Negation of a retention verb: "we do not, however, store" (a parenthetical adverb does not end the clause) and
 * "are prohibited from retaining, using, or disclosing" (forbidden to keep).
 */
function isNegatedRetention(text: string, index: number): boolean {
  const plain = text.replace(/,\s*(?:however|therefore|also|though|of\s+course)\s*,/gi, (m) => ' '.repeat(m.length));
  if (isNegatedAt(plain, index)) return true;
  return /\b(?:prohibited|barred|forbidden|precluded)\s+from\s+(?:\w+ing\s*,?\s*(?:or\s+|and\s+|and\/or\s+)?)*$/i.test(text.slice(0, index));
}

const USER_REQUEST_LEAD_IN = /\byou\s+(?:may|can|could|have\s+(?:the\s+)?right\s+to)\s+(?:request|ask)\b|\bright\s+to\s+(?:request|erasure|deletion|be\s+forgotten)\b/i;

const EVENT_WORD = /^(?:once|when|whenever|after|as\s+soon\s+as|upon|if)$/i;
/**
 * "If it is required by law", "if we believe", "if you wish": a condition or a judgement, not something that happens
 * to the data ("If the newsletter is declined, we … will delete" is an event).
 */
const CONDITION_NOT_EVENT =
  /^if\s+(?:(?:it\s+is\s+|this\s+is\s+)?(?:required|necessary|needed|appropriate|permitted|possible|applicable|legally|reasonably)|(?:we|you)\s+(?:\w+\s+)?(?:believe|determine|think|decide|consider|choose|wish|want|prefer|like|feel|suspect|learn|discover|become|find|are\s+aware|have\s+reason))\b/i;
/**
 * "Once your messages are delivered, they are deleted from our servers", "When your Spotify account is
 * deleted, this category of data is deleted or de-identified", "messages are removed from our servers once
 * delivered": the service deleting data when something happens is a limit (OPP-115's Limited: "deleted
 * … at some point"), and so is "If the newsletter is declined, we will not send the newsletter and will delete any
 * related personal information" (randomhouse.com). Not a request ("upon your request, we will delete" answers a right),
 * not a condition ("if required by law", "if we believe"), not the reader's own deletion; a number after "after" is a
 * period, read elsewhere.
 */
function findDeletionAtEvent(text: string, deletions: readonly PhraseMatch[]): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  const opening = /^\s*(once|when|whenever|after|as\s+soon\s+as|upon|if)\s+([^,;]{3,100}?),\s*/i.exec(text);
  for (const deletion of deletions) {
    const before = text.slice(0, deletion.start);
    // "we will not send the newsletter and will delete …": "we" is also the subject of a coordinated verb.
    const servicesDeletion = PASSIVE_AUX.test(before) || /\bwe\s+(?:\w+\s+){0,2}$/i.test(before) || /\bwe\s+[^,;.]{0,80}?\s(?:and|or)\s+(?:(?:will|may|shall|can|would|then|also)\s+)*$/i.test(before);
    // A denied deletion at an event ("it is not removed") is data that stays: see findSurvivingData.
    // "… will not send the newsletter and will delete": a new auxiliary after "and" starts an affirmative verb phrase.
    const negated = isNegatedAt(text, deletion.start) && !/\s(?:and|or)\s+(?:will|may|shall|can|would)\s+(?:also\s+)?$/i.test(before);
    if (!servicesDeletion || negated || /\bdelete\w*\s+requests?\b/i.test(text)) continue;
    // "These cookies … are deleted when the browser window is closed": a cookie's lifetime, not retention.
    if (INCIDENTAL_CONTEXT.test(text)) continue;
    let event: PhraseMatch | null = null;
    const after = /^(?:\s+(?:from|of|on|in|our|the|its|their|your|servers?|systems?|records?|databases?|it|them|and|or|de-identified|anonymi[sz]ed)){0,6}\s+(once|when|whenever|after|as\s+soon\s+as|upon)\s+([^,;.]{3,120}(?=[,;.)]|$))/i.exec(text.slice(deletion.end));
    // "If no violation is reported …, the recordings are deleted when the room ends": with an event of its own after
    // the deletion, an "if" opening is the condition, not the event.
    const openingIsEvent = opening !== null && deletion.start >= opening[0].length && !(/^if$/i.test(opening[1] ?? '') && after !== null);
    if (opening !== null && openingIsEvent) {
      event = { start: opening.index, end: opening.index + opening[0].replace(/,\s*$/, '').length, text: opening[0].replace(/,\s*$/, '').trim() };
    } else if (after !== null) {
      const start = deletion.end + after.index + after[0].length - (after[1] ?? '').length - (after[2] ?? '').length - 1;
      event = { start, end: deletion.end + after[0].length, text: text.slice(start, deletion.end + after[0].length).trim() };
    }
    if (event === null || !EVENT_WORD.test(event.text.split(/\s+/)[0] ?? '') && !/^as\s+soon/i.test(event.text)) continue;
    // "When determining the retention period, …": a participle names a topic, not an event.
    if (/^(?:once|when|whenever|after|upon|if)\s+\w+ing\b/i.test(event.text) || CONDITION_NOT_EVENT.test(event.text)) continue;
    // "upon your request", "when you ask us to": a right answered; a period ("after 30 days") is read as a period.
    if (/\b(?:requests?|ask|asks|instruct|instructs|instructions)\b/i.test(event.text) || findRetentionPeriods(event.text).length > 0) continue;
    found.push(event);
  }
  return found.filter((e, i) => found.findIndex((f) => f.start === e.start) === i);
}

/** "will not be deleted", "cannot be removed", "may not be immediately erased": a passive deletion denied. */
const DENIED_DELETION =
  /\b(?:not|never|cannot|can['’]t|won['’]t)\s+(?:be\s+|been\s+|get\s+)?(?:(?:immediately|automatically|completely|fully|entirely|permanently|necessarily|always)\s+){0,2}(?:deleted|removed|erased|purged|destroyed|discarded)\b/gi;
/** "does not ensure complete or comprehensive removal", "may not fully remove the content": deletion that leaves data behind. */
const INCOMPLETE_DELETION =
  /\b(?:not|never|cannot)\s+(?:(?:ensure|guarantee|mean|result\s+in)\s+(?:the\s+)?(?:complete|comprehensive|full|total|permanent)\s+(?:(?:or|and)\s+\w+\s+)?(?:removal|deletion|erasure)|(?:fully|completely|entirely|permanently)\s+(?:remove|delete|erase))\b/gi;

/**
 * Data that stays although deletion is expected: "Certain Information collected for … Promotions … will
 * not be deleted upon the user's request", "our removal of your post(s) does not ensure complete or
 * comprehensive removal of the content", "Deleting your Account may not fully remove the content you have
 * published". The passive needs data as its subject, not in a relative clause ("any data that cannot be
 * deleted in your settings" names data); the reader's own deletion is not the service keeping data.
 */
function findSurvivingData(text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const pattern of [DENIED_DELETION, INCOMPLETE_DELETION]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const before = text.slice(0, m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
      if (USER_RIGHT.test(before) || /\b(?:that|which|who)\s+(?:\w+\s+)?$/i.test(before) || /\byou\s+(?:\w+\s+){0,2}$/i.test(before)) continue;
      if (/^\s+(?:by\s+you|(?:in|through|via|from)\s+your\s+(?:\w+\s+)?(?:settings|account|device|browser|computer))\b/i.test(after)) continue;
      if (/^\s+(?:\w+\s+){0,2}cookies?\b/i.test(after)) continue;
      if (pattern === DENIED_DELETION && !containsDataNoun(before.split(/[.;]/).pop() ?? '') && !/\b(?:it|they|this|these|such)\s+(?:\w+\s+){0,2}$/i.test(before)) continue;
      found.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * "we do not retain e-mail addresses after they are sent", "does not keep the child's information after
 * the event is completed": keeping denied past an event says the data goes at that event (a limit).
 * Numbers after "after" are periods, read by findRetentionPeriods.
 */
function findDeniedBeyondEvent(text: string, verbs: readonly PhraseMatch[]): PhraseMatch[] {
  const denied = verbs.find((v) => isNegatedAt(text, v.start));
  if (denied === undefined) return [];
  const rest = text.slice(denied.end);
  const event = /\b(?:after|once|beyond)\s+(?:the|they|it|we|you|your|this|that|these|those|such|its|their)\b(?:(?!\s(?:or|and|but)\s)[^,;.()]){0,60}/i.exec(rest);
  if (event === null) return [];
  const start = denied.end + event.index;
  return [{ start, end: start + event[0].trimEnd().length, text: event[0].trimEnd() }];
}

/**
 * "Session cookies expire after two hours", "these are temporary cookies that expire at the end of a
 * browser session", "the blocking cookie will last for five years": how long a cookie lives on the
 * reader's device, not how long the service keeps data. The sentence names cookies and no other data
 * ("we keep information collected using cookies for 90 days" is retention).
 */
function isCookieLifetime(text: string, leadIns: readonly string[]): boolean {
  const namesOnlyCookies = (sentence: string): boolean => findPhrases(sentence, DATA_NOUN).every((noun) => /^cookies?$/i.test(noun.text));
  if (!namesOnlyCookies(text)) return false;
  if (/\bcookies?\b/i.test(text)) return true;
  // A list item that names no data, under "Cookies will:" ("Expire 60 days after being set"), speaks of the lead-in's cookies.
  const nearest = leadIns[0];
  return findPhrases(text, DATA_NOUN).length === 0 && nearest !== undefined && /\bcookies?\b/i.test(nearest) && namesOnlyCookies(nearest);
}

/**
 * "please … then delete the email from your computer", "delete your browser cookies": the reader deleting
 * something on their side. ("after you delete the information" stays: what persists afterwards is retention.)
 */
function isUsersOwnDeletion(text: string, deletion: PhraseMatch): boolean {
  const clause = text.slice(0, deletion.start).split(/[,;:]/).pop() ?? '';
  if (/\bplease\b/i.test(clause) || /^\s+your\s+(?:browser\s+)?cookies\b/i.test(text.slice(deletion.end))) return true;
  return /^\s+(?:[\w'’-]+\s+){0,5}from\s+your\s+(?:computer|device|browser|phone|inbox)\b/i.test(text.slice(deletion.end, deletion.end + 80));
}

/**
 * "we may remove Information You Provide … from public view" (TikTok): hidden from others, not deleted; the data stays.
 */
function isHiddenFromView(text: string, deletion: PhraseMatch): boolean {
  return /^\s+(?:[\w'’/-]+\s+){0,14}?from\s+(?:public\s+view|(?:the\s+)?public\s+(?:areas?|parts?)|view|being\s+(?:publicly\s+)?(?:visible|viewed|displayed))\b/i.test(text.slice(deletion.end, deletion.end + 160));
}

/**
 * "If we learn that we have collected personal information from a child under 13, we will promptly
 * delete it": deleting what should not have been collected is a remedy, not a retention practice.
 * The discovery may sit in the sentence before ("If a parent becomes aware … contact us. We will delete such information").
 */
const DISCOVERY = /\b(?:learns?|discovers?|becomes?\s+aware|are\s+aware|is\s+aware|actual\s+knowledge|finds?\s+out|(?:are|is)\s+notified)\b/i;
function isRemedialDeletion(context: SentenceContext): boolean {
  return DISCOVERY.test(context.sentence.text) || (context.previous !== null && DISCOVERY.test(context.previous.text) && !VERB.test(context.sentence.text));
}

/**
 * "retain"/"preserve" always speak about retention; "keep", "store", "hold", "save" and "maintain"
 * only with a data noun nearby ("keep your information", "logs are stored"), which rules out
 * "keep you informed", "keep our users safe" and the "App Store".
 */
function isRetentionVerb(text: string, verb: PhraseMatch): boolean {
  const before = text.slice(Math.max(0, verb.start - 80), verb.start);
  const after = text.slice(verb.end, verb.end + 60);
  if (USER_RIGHT.test(text.slice(0, verb.start))) return false;
  // "we may need to keep processing your information": "keep" before a gerund is "continue", not keeping data.
  if (/^keep(?:s|ing)?$|^kept$/i.test(verb.text) && /^\s+(?:on\s+)?(?:processing|using|sending|sharing|collecting|receiving|providing|running|working|doing|offering|showing|displaying|contacting)\b/i.test(after)) return false;
  // "the ability to take photos, view stored photos and videos": a participle naming what the reader opens, not keeping.
  if (/^(?:stored|saved)$/i.test(verb.text) && /\b(?:view|views|access|accesses|browse|select|open|read|display|pick|choose|upload|share)\s+(?:your\s+|the\s+|any\s+)?$/i.test(before)) return false;
  // "Personal Data stored in our data centers may be accessed from a third country": the participle names the data; the
  // sentence is about who may reach it, a transfer or access statement (trial 8, item 16).
  if (/^(?:stored|kept|held|saved)$/i.test(verb.text) && /\b(?:data|information|details|records?)\s+$/i.test(before) && /^\s+(?:in|on|at|within)\s+[^,.;]{0,60}?\b(?:may|might|can|could|will|is|are)\s+(?:also\s+)?(?:be\s+)?(?:accessed|transferred|processed|shared|disclosed|used|viewed|read)\b/i.test(text.slice(verb.end, verb.end + 120))) return false;
  // "a copy of the information we hold about you": the verb names the data; only a period right after makes it keeping.
  if (WEAK_OR_RETAIN.test(verb.text) && isDataReference(text, verb) && !findRetentionPeriods(text.slice(verb.end, verb.end + 40)).some((p) => p.start < 25)) return false;
  if (isHeadingWord(text, verb) || isNounOrAdjectiveUse(text, verb)) return false;
  // Data on the user's own device, or the user doing the saving, is not the service keeping data.
  if (/^\s+(?:\w+\s+){0,4}(?:on|in|to)\s+(?:your|their|the\s+user['’]s)\s+(?:own\s+)?(?:device|computer|browser|phone)/i.test(after)) return false;
  // "you save", "you can store" (but "information collected about you is stored" is a passive).
  if (/\byou\s+(?:(?!(?:is|are|was|were|be|been)\b)\w+\s+)?$/i.test(before)) return false;
  // "content you’ve saved to Memories", "information you send through or save within our Services": the reader acts.
  if (/\byou['’](?:ve|ll|d)\s+(?:\w+\s+)?$|\byou\s+(?!(?:is|are|was|were|be|been|we|us|on|in|to|for|with|at|by|from|about|of|and|or)\b)\w+\s+(?:(?!(?:we|us)\b)\w+\s+){0,2}(?:or|and|and\/or)\s+$/i.test(before)) return false;
  // "Retained for 3 months from the date of collection" (a cell of a table's retention column), "Selfie photos:
  // Stored for up to 7 days", "Location data used for all other purposes, including …, is retained for no
  // longer than 3 months": a passive or a bare participle followed at once by a stated period keeps data that long.
  const bareParticiple = /^(?:stored|retained|kept|held|saved|maintained|archived|preserved)$/i.test(verb.text) && /(?:^[\s|*•–-]*|[:,]\s*)$/.test(text.slice(0, verb.start));
  if ((PASSIVE_AUX.test(before) || bareParticiple) && findRetentionPeriods(after).some((p) => p.days !== null && p.start < 25)) {
    return true;
  }
  if (STRONG_VERB.test(verb.text)) {
    // "defined terms retain the same meaning": retain needs "we", a data noun or a passive.
    DATA_NOUN.lastIndex = 0;
    if (/\b(?:we|us|our)\b/i.test(before) || DATA_NOUN.test(`${before} ${after}`)) return true;
    // "Sentry retains crash reports for 90 days": whoever the subject, retaining something for a stated time is retention.
    if (findRetentionPeriods(after).some((p) => p.days !== null && p.start < 45)) return true;
    // "Any such information will only be used for … and will not be retained by us": the passive's subject
    // may lie further back in its clause, or the keeper be named after it.
    if (!PASSIVE_AUX.test(before)) return false;
    DATA_NOUN.lastIndex = 0;
    return /^\s+by\s+us\b/i.test(after) || DATA_NOUN.test(text.slice(Math.max(0, verb.start - 200), verb.start).split(/[,;:()]/).pop() ?? '');
  }
  if (STORE_NOUN_CONTEXT.test(text.slice(0, verb.start)) || /^Store/.test(verb.text)) return false;
  // "in a store", "our websites and stores": the shop, not the verb.
  if (/^stores?$/i.test(verb.text) && /\b(?:a|an|the|our|your|its|their|retail|and)\s+$/i.test(before) && !/\b(?:we|us)\s+(?:\w+\s+)?(?:and|or)\s+$/i.test(before)) {
    if (!/^\s+(?:your|the|this|such|any|all|certain|personal|information|data)\b/i.test(after)) return false;
  }
  if (/^(?:keep|keeps|keeping)$/i.test(verb.text) && /^\s+(?:you|us|our\s+(?:users|community|services|platform)|things|track|in\s+mind|safe|(?:\w+\s+){1,3}to\s+a\s+minimum)\b/i.test(text.slice(verb.end))) {
    return false;
  }
  // "keep your information accurate": the adjective ends the phrase ("store your private payment information" keeps data).
  if (/^\s+(?:\w+\s+){1,3}(?:accurate|up[- ]to[- ]date|current|safe|secure|confidential|private)(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|by|from|to|at|in|on|for|until|while|as|when|if|with)\b)/i.test(after)) return false;
  // "stored in the United States" says where, not how long: that is a transfer claim.
  // So is "stored on servers located in the United States".
  if (
    /^\s+(?:(?:and|or)\s+\w+\s+)?(?:(?:on|in|at)\s+(?:our\s+|the\s+)?(?:\w+\s+)?(?:servers?|data\s+cent(?:er|re)s?|facilities|infrastructure)\s+(?:(?:located|based|hosted)\s+)?)?(?:in|within)\s+(?:the\s+)?\p{Lu}/u.test(after)
  ) {
    return false;
  }
  // "the third party service may store a copy of it": a copy of something is data, whatever the pronoun stands for.
  if (/^\s+(?:a|the|this|that|any)\s+(?:[\w-]+\s+)?cop(?:y|ies)\s+of\b/i.test(after)) return true;
  DATA_NOUN.lastIndex = 0;
  const dataAfter = DATA_NOUN.exec(after);
  if (dataAfter !== null && dataAfter.index < 40) return !USER_RIGHT.test(text.slice(0, verb.start));
  // "We keep them for 30 days", "we store crash reports for up to 90 days": the service keeping something for a
  // stated time is a retention statement even when the object is a pronoun or a noun outside the data vocabulary.
  // So is keeping it until an end: "We keep your profile while your account is active", "… until you delete it".
  if (/\bwe\s+(?:\w+\s+){0,2}$/i.test(before)) {
    if (findRetentionPeriods(after).some((p) => p.days !== null && p.start < 45)) return true;
    if ([...findPhrases(after, LIMITED), ...findEventLimits(after)].some((l) => l.start < 45)) return true;
  }
  // A passive's subject can be long ("Personally identifying information that we collect for a
  // promotion through one of our websites … is saved"): look back to the start of the clause.
  DATA_NOUN.lastIndex = 0;
  const subject = text.slice(Math.max(0, verb.start - 200), verb.start).split(/[,;:()]/).pop() ?? '';
  if (!PASSIVE_AUX.test(before)) return false;
  if (DATA_NOUN.test(before)) return true;
  DATA_NOUN.lastIndex = 0;
  return DATA_NOUN.test(subject);
}

/**
 * What the reader does or may do, not what the service keeps: "opt out of having your information …
 * retained", sites that "allow visitors to … save information in those profiles", users who "keep their
 * email address off our lists", data "maintained, edited and deleted at the user's discretion".
 */
function isReadersAction(text: string, verb: PhraseMatch): boolean {
  const before = text.slice(0, verb.start);
  if (/\bopt(?:\s+|-)out\s+of\s+having\b/i.test(before)) return true;
  if (/\b(?:allows?|lets?|enables?|permits?)\s+(?:you|users|visitors|members|customers|people)\s+to\b(?:(?!\b(?:we|us|our)\b)[^.;]){0,80}$/i.test(before)) return true;
  // "seek consent to retain this information": what consent is asked for, not a practice.
  if (/\bconsent\s+to\s+$/i.test(before)) return true;
  // "when you visit one of the stores, place an order, …, save your information with us": one of a list of the reader's actions.
  if (/\b(?:when|if|once|whenever)\s+you\b(?:(?!\b(?:we|us|our|it|they|this|these|is|are|be|will|may|might|can|could|would|should|must)\b)[^.;])*(?:,\s*|\s+(?:and|or)\s+)$/i.test(before)) return true;
  const after = text.slice(verb.end, verb.end + 80);
  if (/^(?:keep|keeps|kept|keeping)$/i.test(verb.text) && /^\s+(?:[\w'’-]+\s+){1,5}off\b/i.test(after)) return true;
  return /^(?:\s*,\s*|\s+(?:and|or)\s+)(?:edited|updated|corrected|modified|changed)\b/i.test(after);
}

/**
 * "4. HOW WE STORE YOUR INFORMATION", "Information We Collect and Retain Personal Information is…": a
 * capitalised verb inside a run of capitalised words is a heading fused with the text, not a statement.
 */
function isHeadingWord(text: string, verb: PhraseMatch): boolean {
  if (verb.start === 0 || !/^\p{Lu}/u.test(verb.text)) return false;
  const previous = text
    .slice(Math.max(0, verb.start - 40), verb.start)
    .split(/\s+/)
    .filter((word) => word !== '' && !/^(?:and|or|of|the|to|for|&)$/.test(word))
    .slice(-2);
  return previous.length > 0 && previous.every((word) => /^\p{Lu}/u.test(word));
}

/**
 * "at store locations", "in an archive", "record-keeping": the noun or a compound, not the verb; and a
 * participle used as an adjective ("visitors' stored personal information may be transferred",
 * "a profile is stored information"), which names the data a sentence is about.
 */
function isNounOrAdjectiveUse(text: string, verb: PhraseMatch): boolean {
  if (text[verb.start - 1] === '-') return true;
  const before = text.slice(Math.max(0, verb.start - 20), verb.start);
  if (/^stores?$/i.test(verb.text) && /\b(?:at|in|from|per|each|every)\s+$/i.test(before)) return true;
  if (/^archive$/i.test(verb.text) && /\b(?:a|an|the|our|your|its|their|this|that)\s+$/i.test(before)) return true;
  // "activity, like saves or comments": the plural noun, as an example of activity.
  if (/^saves$/i.test(verb.text) && /(?:\b(?:like|such\s+as|including|as|of|many|your)|,)\s+$/i.test(before)) return true;
  // "your saved drafts", "their stored files": a possessive before the participle makes it an adjective, whatever the noun.
  if (/^(?:saved|stored|archived)$/i.test(verb.text) && /\b(?:your|their|his|her|my)\s+$/i.test(before) && /^\s+\p{L}/u.test(text.slice(verb.end)) && !DETERMINER.test(text.slice(verb.end).trim().split(/\s+/)[0] ?? '')) return true;
  if (!/^(?:stored|saved|archived|retained|kept|held|maintained)$/i.test(verb.text)) return false;
  if (!/(?:\b(?:the|a|an|any|all|your|our|their|its|such|this|these|those|is|are)|['’]s|s['’])\s+$/i.test(before)) return false;
  // The noun phrase follows at once, with no determiner of its own: "stored information", not "stored the information".
  const rest = text.slice(verb.end);
  if (!/^\s+[\p{L}]/u.test(rest) || DETERMINER.test(rest.trim().split(/\s+/)[0] ?? '')) return false;
  const words: string[] = [];
  for (const word of rest.trim().split(/\s+/).slice(0, 4)) {
    if (PHRASE_STOP.has(word.toLowerCase())) break;
    words.push(word);
    if (/[,.;:]$/.test(word)) break;
  }
  return containsDataNoun(words.join(' '));
}

function findLingering(text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  LINGERING.lastIndex = 0;
  for (let m = LINGERING.exec(text); m !== null; m = LINGERING.exec(text)) {
    const verb = m[0].split(/\s+/)[0] ?? '';
    found.push({ start: m.index, end: m.index + verb.length, text: verb });
  }
  return found;
}

/** Verbs that describe gathering or using data; storage coordinated with them is part of collection. */
const COLLECTION_VERB =
  '(?:collect|collects|collected|collecting|receive|receives|received|gather|gathers|gathered|obtain|obtains|obtained|use|uses|used|process|processes|processed|track|tracks|access|accesses|monitor|record|records|retrieve|retrieves|disclose|discloses|share|shares|analy[sz]e|solicit|compile|transfer|transmit)';
const COLLECTION_BEFORE = new RegExp(`\\b${COLLECTION_VERB}\\b`, 'gi');
/** A run of coordinated collection verbs right before the storage verb: "collect, use and ". */
/** A list separator: ",", "and", "or", "and/or", ", and", ", and/or". */
const LIST_SEPARATOR = '(?:\\s*,\\s*(?:(?:and\\/or|and|or)\\s+)?|\\s+(?:and\\/or|and|or)\\s+)';
// "we will also collect and may maintain your billing address": a modal after the conjunction does not end the list.
const COLLECTION_CHAIN = new RegExp(`(?:\\b${COLLECTION_VERB}\\b${LIST_SEPARATOR}(?:[a-z]+${LIST_SEPARATOR})?)+(?:(?:may|might|will|can|could|also)\\s+)*$`, 'i');
const COLLECTION_AFTER = new RegExp(`^${LIST_SEPARATOR}${COLLECTION_VERB}\\b`, 'i');
/** "collect and store", "receive and store", "gather and store": the idiom for acquiring data. */
const ACQUISITION_PAIR = /\b(?:collect|collects|collected|collecting|receive|receives|received|gather|gathers|gathered|obtain|obtains|obtained)\s+(?:and|or|and\/or|&)\s+$/i;
/**
 * "collect, use and store", "access, collect, monitor, store", "collect and maintain", "receive and
 * store": storage named as one step of acquiring or using data. Of three or more verbs always; of
 * two when the verb before is an acquisition verb ("we collect and store the following information"
 * describes what is collected; OPP-115 annotators label it Data Retention in 4 of 24 segments).
 * "store and use" is kept: it puts storage first. "maintain" never needs more.
 */
function isCoordinatedWithCollection(before: string, after: string, verb: string): boolean {
  const chain = COLLECTION_CHAIN.exec(before);
  const coordinatedBefore = chain !== null;
  const coordinatedAfter = COLLECTION_AFTER.test(after);
  if (!coordinatedBefore && !coordinatedAfter) return false;
  if (/^maintain/i.test(verb)) return true;
  // "collect and retain" keeps the strong verb: "retain" is chosen to speak about keeping.
  if (ACQUISITION_PAIR.test(before) && !STRONG_VERB.test(verb)) return true;
  // Every verb of the list counts: "collect, use and store" lists three.
  COLLECTION_BEFORE.lastIndex = 0;
  const listedBefore = chain === null ? 0 : (chain[0].match(COLLECTION_BEFORE) ?? []).length;
  return listedBefore + 1 + (coordinatedAfter ? 1 : 0) >= 3;
}

// "This text file stores information that can be read by the website operator": a cookie defined, in the words of its definition.
const INCIDENTAL_CONTEXT = /\b(?:cookies?|web\s+beacons?|pixels?|local\s+storage|web\s+storage|tracking\s+technolog\w*|(?:small\s+)?text\s+files?)\b/i;
const WEAK_VERB = /^(?:store|stores|stored|storing|save|saves|saved|hold|holds|held|maintain|maintains|maintained|keep|keeps|kept|keeping)$/i;
const CHILDREN = /\b(?:children|child|minors?|under\s+(?:the\s+age\s+of\s+)?(?:13|thirteen))\b/i;

/** Where or how data sits, said to describe security or the device, not how long it is kept. */
const PLACE_OR_PROTECTION =
  /\b(?:hard\s+drive|browser|cookies?|web\s+storage|local\s+storage|(?:your|the\s+user['’]s|a\s+user['’]s|visitor['’]s|consumer['’]s|the\s+visitor['’]s)\s+(?:\w+\s+)?(?:device|computer|browser|hard\s+drive|system)|secur(?:e|ed|ity)|restricted|controlled\s+facilit(?:y|ies)|locked|firewall|encrypted\s+(?:environment|servers?|databases?)|protected|confidential(?:ly)?|in\s+confidence|privacy(?!\s+(?:policy|notice|statement))|safeguards?)\b/i;
const MAINTAIN_NOT_DATA =
  /^\s+(?:(?:the|a|our|data|your)\s+)*(?:security|privacy|confidentiality|accuracy|integrity|secure|firewall|information\s+systems|systems|site|website|servers?)\b/i;

const WEAK_OR_RETAIN = /^(?:store|stored|save|saved|hold|held|maintain|maintained|keep|kept|retain|retained)$/i;
/** Protection described, not a purpose ("for security purposes") nor a property of the data ("encrypted backups"). */
const SECURITY_TOPIC =
  /\b(?:(?:guarantee|ensure|warrant|maintain|protect)(?:\s+(?:or|and)\s+\w+)?\s+the\s+security\s+of|secur(?:e|ed)\s+(?:servers?|databases?|environments?|facilities|locations?)|safeguards?|firewalls?|unauthori[sz]ed|limited\s+access|password[- ]protected|protect\s+(?:user|your|the|personal)\s+(?:\w+\s+)?information)\b/i;

/** "information (that) we maintain", "data retained by us": the verb only identifies which data is meant. */
function isDataReference(text: string, verb: PhraseMatch): boolean {
  const before = text.slice(Math.max(0, verb.start - 50), verb.start);
  // The subject is "we", "they" or a capitalised name; no "i" flag, so \p{Lu} stays upper case only.
  const active = /\b(?:[Ii]nformation|[Dd]ata|[Rr]ecords?|[Dd]etails)\s+(?:that\s+|which\s+)?(?:[Ww]e|[Ii]t|[Tt]hey|\p{Lu}[\p{L}\p{N}]+)\s+(?:may\s+|currently\s+|otherwise\s+)?$/u;
  const reduced = /\b(?:information|data|records?|details)\s+$/i.test(before) && /^\s+by\b/i.test(text.slice(verb.end));
  // "customer databases which may hold e-mail addresses": the place is described, whoever keeps it.
  const place = /\b(?:databases?|files|servers?|systems)\s+(?:that|which)\s+(?:may\s+|might\s+|can\s+)?$/i.test(before);
  return active.test(before) || reduced || place;
}

/**
 * True when a retention verb without any period or limit is not a retention statement: storage
 * coordinated with collection or use ("collect and store", "collect, retain and use"), storage
 * described for its place or protection ("stored on servers in secured facilities", "stored on your
 * hard drive"), "maintain security/accuracy", hiring ("we retain the services of", "retained to
 * perform"), preserving rights or settings, and bare headings ("How we store your information").
 */
function isIncidentalStorage(text: string, verb: PhraseMatch): boolean {
  const before = text.slice(Math.max(0, verb.start - 60), verb.start);
  const after = text.slice(verb.end, verb.end + 80);
  if (isCoordinatedWithCollection(before, after, verb.text)) return true;
  // "In this section, we provide you with information on how long we keep your information, why we keep your
  // information and … how we may need to keep your information", "factors we consider when we decide how long to keep
  // your information:": a question the text announces, not an answer (Snapchat, trial 8 item 21).
  if (/\b(?:how\s+long|why|how)\s+(?:we|to)\s+(?:(?:may|might|will|would|need\s+to|have\s+to|must|can|could|also)\s+)*$/i.test(before)) return true;
  // "we do not knowingly collect or store information from children": an age statement.
  if (CHILDREN.test(text) && (COLLECTION_AFTER.test(after) || /\b(?:collect|receive|gather)\s+(?:or|and|and\/or)\s+$/i.test(before))) return true;
  if (/^(?:maintain|maintains|maintained|maintaining)$/i.test(verb.text) && MAINTAIN_NOT_DATA.test(after)) return true;
  if (/^(?:retain|retains|retained|retaining)$/i.test(verb.text) && /^\s+(?:(?:the\s+)?services\s+of|to\s+(?:perform|provide|assist|help|process|conduct))\b|^\s+by\s+(?:us|our)\s+(?:\w+\s+){0,2}to\s+(?:perform|provide|assist|help)\b/i.test(after)) return true;
  if (/^retained$/i.test(verb.text) && /\b(?:have|has|had)\s+(?:\w+\s+)?$/i.test(before) && /^\s+(?:[\w-]+\s+){0,3}to\s+(?:perform|provide|assist|help)\b/i.test(after)) return true;
  if (/^(?:retain|retains|retained|retaining|preserve|preserves|preserved)$/i.test(verb.text) && /^\s+(?:\w+\s+){0,2}rights?\b/i.test(after)) return true;
  // Where data is kept ("stored in whole or in part in the United States") is a transfer claim.
  if (/^[^.;]{0,70}?\b(?:in|within|outside(?:\s+of)?)\s+(?:the\s+)?(?:United\s+States|U\.S\.|USA|European|EU\b|EEA\b|other\s+countries|countries)/i.test(after)) return true;
  if (isPlaceComplement(after)) return true;
  // Cookies and similar technologies store data on the user's device, not with the service.
  if (WEAK_VERB.test(verb.text) && INCIDENTAL_CONTEXT.test(text)) return true;
  // "you have the right to inspect records for as long as we maintain them": a user right, in the same clause.
  if (/\b(?:you\s+(?:may|can|have)|(?<!\b(?:our|reserves?\s+the)\s+)right\s+to|request\s+(?:that|for|to)|opt\s+out\s+of)\b/i.test(text.slice(Math.max(0, verb.start - 250), verb.start).split(/[,;:]/).pop() ?? '')) return true;
  if (isReadersAction(text, verb)) return true;
  // "other members … may have retained information in their own files": someone else's copy.
  if (/^[^.;]{0,100}\bin\s+their\s+own\b/i.test(after)) return true;
  // "Ownership of any information you provide will be held by": legal ownership, not storage.
  if (/^(?:hold|holds|held)$/i.test(verb.text) && /\bownership\s+of\b/i.test(text.slice(0, verb.start))) return true;
  // "Wherever we hold the data, we apply this policy": a place, said to introduce something else.
  if (/\b(?:wherever|no\s+matter\s+where)\s+(?:\w+\s+){1,2}$/i.test(text.slice(Math.max(0, verb.start - 30), verb.start))) return true;
  // "will not be held responsible": liability, not storage.
  if (/^(?:hold|holds|held)$/i.test(verb.text) && /^\s+(?:\w+\s+)?(?:responsible|liable|accountable)\b/i.test(after)) return true;
  if (/^(?:preserve|preserves|preserved)$/i.test(verb.text) && /^\s+(?:\w+\s+){0,3}(?:rights?|privacy|settings|integrity|security)\b/i.test(after)) return true;
  if (/^(?:keep|keeps|kept|keeping)$/i.test(verb.text) && /^\s+(?:[\w'’-]+\s+){0,8}(?:secure|safe|confidential|private|accurate|relevant|free)\b/i.test(after)) return true;
  if (/^(?:store|stores|stored|storing|save|saves|saved|hold|holds|held|maintain|maintains|maintained|keep|keeps|kept)$/i.test(verb.text) && PLACE_OR_PROTECTION.test(after)) return true;
  // "the information we maintain about you", "information retained by the company regarding you":
  // a relative clause that names data by where it sits, in a sentence about something else.
  if (WEAK_OR_RETAIN.test(verb.text) && isDataReference(text, verb)) return true;
  // "We use these third party services solely to process or store your information": what the service hires
  // others for, not a statement that data is kept.
  if (/\bwe\s+(?:\w+\s+)?(?:use|engage|hire|rely\s+on|work\s+with)\s+[^.;,]{0,60}?\b(?:services?|providers?|vendors?|partners?|processors?|companies|contractors?)\s+(?:\w+\s+)?to\s+(?:\w+\s+(?:and|or|and\/or)\s+)?$/i.test(before)) return true;
  // Another organisation keeping data ("fulfillment partners may keep your information") is retention
  // too: find-retention-holder.ts says whose, so a report does not present it as the service's own.
  // "all personal information collected by us is kept and treated in accordance with this privacy policy":
  // how data is handled, not how long it is kept ("retained in accordance with our retention schedule" is retention).
  if (WEAK_VERB.test(verb.text) && /^\s+(?:(?:and|or)\s+(?:treated|handled|used|processed|protected|safeguarded|managed)\s+)?in\s+accordance\s+with\s+(?:this|our|the)\s+(?:[\w-]+\s+)?(?:privacy\s+)?(?:policy|statement|notice)\b/i.test(after) && !/\bretention\b/i.test(after.slice(0, 60))) return true;
  // "we cannot guarantee the security of any database that stores": a sentence about protection.
  if (WEAK_VERB.test(verb.text) && SECURITY_TOPIC.test(text)) return true;
  // A heading or a fragment ("Where information is stored"): a topic, not a statement.
  return text.split(/\s+/).length < 8 && !/[.!:;]$/.test(text.trim());
}

function isCancelledIndefinite(text: string, match: PhraseMatch): boolean {
  if (!/^permanently$/i.test(match.text)) return false;
  // "permanently deleted" is about deletion, not about keeping data forever.
  const around = text.slice(Math.max(0, match.start - 30), match.end + 30);
  INDEFINITE_CANCEL.lastIndex = 0;
  return INDEFINITE_CANCEL.test(around);
}

/**
 * Best-effort noun phrase of what is retained: the object after an active verb ("retain logs"),
 * or the subject before a passive one ("recordings are kept"). Accepted only when it contains a
 * known data noun; otherwise the first data noun of the sentence when there is just one kind.
 */
function findDataKind(text: string, verb: PhraseMatch | null): string | null {
  if (verb !== null) {
    const before = text.slice(0, verb.start);
    const passive = PASSIVE_AUX.exec(before);
    const candidate = passive !== null ? subjectOfPassive(before.slice(0, passive.index)) : phraseAfter(skipCoordinatedVerb(text.slice(verb.end)));
    if (candidate !== null && containsDataNoun(candidate)) return candidate;
    if (passive !== null) {
      const after = phraseAfter(text.slice(verb.end));
      if (after !== null && containsDataNoun(after)) return after;
    }
  }
  const nouns = new Set(findPhrases(text, DATA_NOUN).map((m) => m.text.toLowerCase()));
  if (nouns.size === 1) return findPhrases(text, DATA_NOUN)[0]?.text ?? null;
  return null;
}

/** "the foregoing information", "the aforementioned data": data named by the sentence before. */
const FOREGOING = /^(?:the\s+)?(?:foregoing|aforementioned|above(?:-mentioned)?|afore-?said)\s+/i;
/** "highly private information such as texts, images, videos and audio data sent in a talk room between users for …". */
const SUCH_AS_LIST = /\bsuch\s+as\s+([^.;()]{3,100}?)(?=\s+(?:for|to|which|that|unless|from|is|are|will|may|between)\b|[.;(]|$)/i;

/**
 * "While we will retain the foregoing information for a minimum period, …" (LINE): a finding titled "Vague retention of
 * foregoing information" names nothing, so the data the previous sentence lists ("such as texts, images, videos and audio
 * data sent in a talk room") is the data kind; without such a list the words stay as written (trial 8, item 18).
 */
function resolveForegoing(kind: string | null, context: SentenceContext): string | null {
  if (kind === null || !FOREGOING.test(kind)) return kind;
  const listed = SUCH_AS_LIST.exec(context.previous?.text ?? '')?.[1]?.trim();
  return listed !== undefined && containsDataNoun(listed) ? listed : kind;
}

/**
 * "We keep account data for 1 year and logs for 18 months": the second period belongs to the noun phrase
 * between the two periods (the verb is left out, "gapped"), not to the sentence's first data kind.
 */
function findGappedDataKind(between: string): string | null {
  const gap = /^\s*,?\s*(?:and|but|while|whereas)\s+(.{1,60}?)(?:\s+(?:for|up\s+to|within|after))?\s*$/i.exec(between);
  // "… and delete chat logs after 24 hours": the verb of the second clause is not part of the data.
  const words = gap?.[1]?.replace(/^(?:we\s+)?(?:delete|deletes|remove|removes|erase|erases|purge|purges|keep|keeps|store|stores|retain|retains|anonymi[sz]e|anonymi[sz]es)\s+/i, '');
  const phrase = words === undefined ? null : phraseAfter(words);
  return phrase !== null && containsDataNoun(phrase) ? phrase : null;
}

/** "retain/preserve your information", "retain and/or preserve your data": the object comes after the second verb. */
function skipCoordinatedVerb(rest: string): string {
  return rest.replace(/^(?:\s*\/\s*|\s*,?\s+(?:and\/or|and|or)\s+)[a-z]+(?=\s+(?:your|the|this|such|any|all|certain|some|our|their|personal|information|data)\b)/i, '');
}

function phraseAfter(rest: string): string | null {
  const words = rest.trimStart().split(/\s+/);
  const kept: string[] = [];
  for (const raw of words) {
    // A parenthesis after the noun is an aside: "certain information (e.g., insights about Services use)".
    if (kept.length > 0 && /^[([]/.test(raw)) break;
    const word = raw.replace(/[“”"‘’()]/g, '');
    const clean = word.replace(/[,.;:!?]+$/, '');
    if (kept.length === 0 && DETERMINER.test(clean)) continue;
    // Participles end the phrase: "IP addresses collected after", "correspondence relating to".
    // A dash opens an aside: "your basic account details – like your name …" (Snapchat).
    // "your list of friends", "a copy of your content": the container's "of" belongs to the phrase (Snapchat, trial 8 item 18).
    if (kept.at(-1) === 'of' && DETERMINER.test(clean)) continue;
    if (kept.length > 0 && clean.toLowerCase() === 'of' && /^(?:list|lists|copy|copies)$/i.test(kept.at(-1) ?? '')) {
      kept.push(clean);
      continue;
    }
    if (clean === '' || /^[-\u2013\u2014]+$/.test(clean) || PHRASE_STOP.has(clean.toLowerCase()) || (kept.length > 0 && /(?:ing|ed)$/i.test(clean))) break;
    kept.push(clean);
    if (clean !== word || kept.length >= 5) break;
  }
  return kept.length > 0 ? kept.join(' ') : null;
}

/** List and table markers a subject can start with in extracted text: "- Geo-tagged posts", "| Chat messages". */
const LINE_MARKER = /^[\s\-\u2013\u2014\u2022*|>]+/;

/**
 * The subject of a passive retention verb. Read from the start of its clause, so a reduced relative clause
 * does not become the data ("Location data used to provide location-based features is retained" → "Location
 * data"; "Aggregated registration data (which does not contain …) is retained"); else the words before the verb.
 */
function subjectOfPassive(head: string): string | null {
  const clause = head
    .slice(Math.max(head.lastIndexOf(','), head.lastIndexOf(';'), head.lastIndexOf(':')) + 1)
    .replace(LINE_MARKER, '')
    // "Personal Data will be retained", "Copies … may also be retained": the modal is not part of the subject.
    .replace(/(?:\s+(?:may|will|can|could|should|must|might|shall|would|also|only|not|generally|usually|typically|normally))+\s*$/i, '');
  // A short clause with no relative clause in it is the subject whole: "Log in data", "Registration data and login data".
  const words = clause.trim().split(/\s+/).filter((w) => w !== '');
  while (words.length > 0 && (DETERMINER.test(words[0] ?? '') || /^(?:and|or|and\/or)$/i.test(words[0] ?? ''))) words.shift();
  const simple = words.length > 0 && words.length <= 6 && !words.some((w, i) => /[([]/.test(w) || /^(?:which|that|who|whose)$/i.test(w) || (i > 0 && /(?:ing|ed)$/i.test(w)));
  if (simple && containsDataNoun(words.join(' '))) return words.join(' ').replace(/[“”"‘’]/g, '');
  const fromStart = phraseAfter(clause);
  if (fromStart !== null && containsDataNoun(fromStart)) return fromStart;
  const before = phraseBefore(head);
  return before === null ? null : before.replace(LINE_MARKER, '') || null;
}

function phraseBefore(head: string): string | null {
  const words = head.trimEnd().split(/\s+/).reverse();
  const kept: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/[“”"‘’()]/g, '');
    if (/[,.;:]$/.test(word) || word === '') break;
    if (DETERMINER.test(word) || PHRASE_STOP.has(word.toLowerCase())) break;
    kept.unshift(word);
    if (kept.length >= 5) break;
  }
  return kept.length > 0 ? kept.join(' ') : null;
}

function containsDataNoun(phrase: string): boolean {
  DATA_NOUN.lastIndex = 0;
  return DATA_NOUN.test(phrase);
}

/** Of overlapping matches, the longest; the rest in text order. */
function longestOfOverlapping(matches: readonly PhraseMatch[]): PhraseMatch[] {
  const kept: PhraseMatch[] = [];
  for (const m of [...matches].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    if (!kept.some((k) => k.start < m.end && m.start < k.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Between an event limit and a period: ", then", "and then for", "and thereafter", "after which". */
const GRACE_AFTER = /^[^.;]{0,40}?\b(?:then|thereafter|after\s+(?:that|which|this)|afterwards)\b[^.;]{0,20}$/i;

function joinTriggers(matches: readonly PhraseMatch[]): string {
  return [...new Set(matches.map((m) => m.text))].join('; ');
}
