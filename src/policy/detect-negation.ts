import negation from './lexicons/negation.json' with { type: 'json' };
import { compilePhrasePattern } from './compile-phrase-pattern.js';

const NEGATOR = compilePhrasePattern(negation.negators.filter((n) => n !== "n't"));
const CONTRACTED = /\w+n['’]t\b/i;
const BREAK = new RegExp(
  negation.clauseBreaks.map((b) => b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'gi',
);

/** How far back (in characters) a negator still governs a cue: "we do not and will never sell". */
const SCOPE_CHARS = 45;

/**
 * True when the cue at `index` is negated: a negator ("not", "never", "don't", "no longer") occurs
 * shortly before it in the same clause ("we do not share", "is never sold"). Clause breaks (commas,
 * "but", "unless") end the scope so that "we do not sell data, but we share it" keeps "share" affirmative.
 */
export function isNegatedAt(sentence: string, index: number): boolean {
  if (hasNegator(clauseBefore(sentence, index, SCOPE_CHARS))) return true;
  // "we don't store this information on our servers or share it with third parties": a verb joined by "or"/"nor"
  // to a negated one is negated too, however long the first verb's object.
  // Only when the cue is the verb right after "or": in "do not retain biometric data or facial images provided to
  // vendors" the "or" joins two nouns, and "provided" is not negated.
  const clause = clauseBefore(sentence, index, COORDINATED_SCOPE_CHARS);
  const joined = /\s(?:or|nor)\s+(?:(?:otherwise|also|even|in\s+any\s+way)\s+)?$/i.exec(clause);
  if (joined === null) return false;
  // The negated verb itself: the last "not"/"n't"/"never"/"cannot" before "or", with only that verb's object between.
  const negated = /(?:\bnot|n['’]t|\bnever|\bcannot)\s+(?!.*(?:\bnot\b|n['’]t\b|\bnever\b|\bcannot\b))(.*)$/is.exec(clause.slice(0, joined.index));
  if (negated === null) return false;
  // Not when the "or" joins verbs under another verb or a new clause: "do not require your consent to collect … or share",
  // "Even if you do not create an account we may collect … or share".
  return !OTHER_GOVERNOR.test(negated[1] ?? '');
}

/**
 * Between the negated verb and "or": an infinitive ("to collect", not the preposition of "to third parties"), a new
 * subject or a subordinate clause takes the "or" out of its reach.
 */
const OTHER_GOVERNOR =
  /\bto\s+(?:collect|use|process|store|keep|retain|share|sell|provide|send|access|obtain|gather|track|create|improve|show|deliver|help|make|do|be|have|get|offer|allow|enable|contact|request|require|verify|identify|analy[sz]e|record|monitor|combine|link|transfer|disclose)\b|\b(?:we|you|they|it|he|she|users?)\s+(?:may|might|can|could|will|would|should|must|also|then|\w+(?:s|ed))\b|\b(?:if|whether|when|unless|because|although|that|which|who|where)\b/i;

/** How far back a negator governs a verb coordinated with "or" after its own: "do not sell … or share". */
const COORDINATED_SCOPE_CHARS = 160;

/** The text before `index`, at most `chars` long, from the last clause break on. */
function clauseBefore(sentence: string, index: number, chars: number): string {
  const before = sentence.slice(Math.max(0, index - chars), index);
  BREAK.lastIndex = 0;
  let lastBreak = -1;
  for (let m = BREAK.exec(before); m !== null; m = BREAK.exec(before)) lastBreak = m.index + m[0].length;
  return lastBreak >= 0 ? before.slice(lastBreak) : before;
}

function hasNegator(scope: string): boolean {
  NEGATOR.lastIndex = 0;
  return NEGATOR.test(scope) || CONTRACTED.test(scope);
}
