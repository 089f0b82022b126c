import type { RetentionClaim, RetentionVagueness } from '../model/claim.js';
import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isNegatedAt } from './detect-negation.js';
import { findRetentionPeriods } from './find-retention-periods.js';
import retention from './lexicons/retention-terms.json' with { type: 'json' };
import { createClaimBase, type SentenceContext } from './sentence-context.js';

const STRONG_VERB = /^(?:retain|retains|retained|retaining|preserve|preserves|preserved|archive|archived)$/i;
const VERB = compilePhrasePattern(retention.verbs);
const RETENTION_NOUN = compilePhrasePattern(retention.retentionNouns);
const DELETION = compilePhrasePattern(retention.deletionVerbs);
const LIMITED = compilePhrasePattern(retention.limited);
const INDEFINITE = compilePhrasePattern(retention.indefinite);
const INDEFINITE_CANCEL = compilePhrasePattern(retention.indefiniteCancelledBy);
const DATA_NOUN = compilePhrasePattern(retention.dataNouns);

/** Words that cannot belong to a data-kind noun phrase; the phrase stops at them. */
const PHRASE_STOP = new Set([
  'for', 'until', 'as', 'while', 'in', 'on', 'at', 'from', 'to', 'with', 'after', 'within', 'only', 'if', 'when', 'so',
  'because', 'beyond', 'longer', 'up', 'no', 'not', 'and', 'or', 'but', 'that', 'which', 'who', 'where', 'unless', 'by',
  'is', 'are', 'was', 'were', 'be', 'been', 'will', 'may', 'can', 'indefinitely', 'temporarily', 'permanently', 'securely',
  'automatically', 'generally', 'typically', 'also', 'then', 'once', 'about', 'of', 'we', 'you', 'it', 'they', 'them',
  'this', 'these', 'those', 'such', 'any', 'all', 'some', 'certain', 'relevant', 'limited', 'most', 'other', 'its',
]);
const DETERMINER = /^(?:your|the|this|that|these|those|such|any|all|some|certain|our|their|its|a|an|relevant|limited|most|other|of)$/i;
const PASSIVE_AUX = /(?:\b(?:is|are|was|were|be|been|being|gets?)\s+(?:\w+ly\s+|not\s+|never\s+|only\s+)*)$/i;
const USER_RIGHT = /\b(?:you\s+(?:can|may|could|have)|right\s+to|request\s+(?:that\s+)?(?:we|us)|ask\s+us\s+to|choose\s+to|able\s+to|how\s+to|wish\s+to|want\s+to)\b[^,;]{0,40}$/i;
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
  const verbs = findPhrases(text, VERB).filter((verb) => isRetentionVerb(text, verb));
  const nouns = findPhrases(text, RETENTION_NOUN);
  const deletions = findPhrases(text, DELETION).filter(
    (d) => !USER_RIGHT.test(text.slice(0, d.start)) && !/^[\s,]+(?:\w+\s+){0,3}requests?\b/i.test(text.slice(d.end)),
  );
  const periods = findRetentionPeriods(text);
  const limited = findPhrases(text, LIMITED);
  const indefinite = findPhrases(text, INDEFINITE).filter((m) => !isCancelledIndefinite(text, m));

  const anchor = verbs[0] ?? deletions[0] ?? nouns[0];
  if (anchor === undefined) return [];
  const hasLimit = periods.length > 0 || limited.length > 0 || indefinite.length > 0;
  // Deletion and "retention" as a noun only make a claim when a period or limit comes with them.
  if (verbs.length === 0 && !hasLimit) return [];

  const dataKind = findDataKind(text, verbs[0] ?? deletions[0] ?? null);
  const claims: RetentionClaim[] = [];
  const add = (vagueness: RetentionVagueness, trigger: string, periodDays: number | null, negative: boolean): void => {
    claims.push({
      ...createClaimBase(context, negative ? 'negative' : 'affirmative'),
      kind: 'retention',
      dataKind,
      periodDays,
      vagueness,
      trigger,
    });
  };

  const stated = periods.filter((p) => p.days !== null);
  const vaguePeriods = periods.filter((p) => p.days === null);
  for (const period of stated) add('stated', period.text, period.days, false);
  if (stated.length === 0 && (limited.length > 0 || vaguePeriods.length > 0)) {
    add('limited', joinTriggers([...limited, ...vaguePeriods]), null, false);
  }
  if (indefinite.length > 0) {
    // "we do not keep data indefinitely" denies indefinite retention.
    add('indefinite', joinTriggers(indefinite), null, isNegatedAt(text, indefinite[0]?.start ?? 0));
  }
  if (claims.length === 0 && verbs.length > 0) {
    const verb = verbs[0] as PhraseMatch;
    add('unspecified', verb.text, null, isNegatedAt(text, verb.start));
  }
  return claims;
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
  // Data on the user's own device, or the user doing the saving, is not the service keeping data.
  if (/^\s+(?:\w+\s+){0,4}(?:on|in)\s+your\s+(?:device|computer|browser|phone)/i.test(after)) return false;
  if (/\byou\s+(?:\w+\s+)?$/i.test(before)) return false;
  if (STRONG_VERB.test(verb.text)) {
    // "defined terms retain the same meaning": retain needs "we", a data noun or a passive.
    DATA_NOUN.lastIndex = 0;
    return /\b(?:we|us|our)\b/i.test(before) || DATA_NOUN.test(`${before} ${after}`);
  }
  if (STORE_NOUN_CONTEXT.test(text.slice(0, verb.start)) || /^Store/.test(verb.text)) return false;
  if (/^(?:keep|keeps|keeping)$/i.test(verb.text) && /^\s+(?:you|us|our\s+(?:users|community|services|platform)|things|track|in\s+mind|safe)\b/i.test(text.slice(verb.end))) {
    return false;
  }
  if (/^\s+(?:\w+\s+){1,3}(?:accurate|up[- ]to[- ]date|current|safe|secure|confidential|private)\b/i.test(after)) return false;
  // "stored in the United States" says where, not how long: that is a transfer claim.
  // So is "stored on servers located in the United States".
  if (
    /^\s+(?:(?:and|or)\s+\w+\s+)?(?:(?:on|in|at)\s+(?:our\s+|the\s+)?(?:\w+\s+)?(?:servers?|data\s+cent(?:er|re)s?|facilities|infrastructure)\s+(?:(?:located|based|hosted)\s+)?)?(?:in|within)\s+(?:the\s+)?\p{Lu}/u.test(after)
  ) {
    return false;
  }
  DATA_NOUN.lastIndex = 0;
  const dataAfter = DATA_NOUN.exec(after);
  if (dataAfter !== null && dataAfter.index < 40) return !USER_RIGHT.test(text.slice(0, verb.start));
  DATA_NOUN.lastIndex = 0;
  return PASSIVE_AUX.test(before) && DATA_NOUN.test(before);
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
    const candidate = passive !== null ? phraseBefore(before.slice(0, passive.index)) : phraseAfter(text.slice(verb.end));
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

function phraseAfter(rest: string): string | null {
  const words = rest.trimStart().split(/\s+/);
  const kept: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/[“”"‘’()]/g, '');
    const clean = word.replace(/[,.;:!?]+$/, '');
    if (kept.length === 0 && DETERMINER.test(clean)) continue;
    // Participles end the phrase: "IP addresses collected after", "correspondence relating to".
    if (clean === '' || PHRASE_STOP.has(clean.toLowerCase()) || (kept.length > 0 && /(?:ing|ed)$/i.test(clean))) break;
    kept.push(clean);
    if (clean !== word || kept.length >= 5) break;
  }
  return kept.length > 0 ? kept.join(' ') : null;
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

function joinTriggers(matches: readonly PhraseMatch[]): string {
  return [...new Set(matches.map((m) => m.text))].join('; ');
}
