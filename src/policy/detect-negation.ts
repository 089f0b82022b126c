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
  const before = sentence.slice(Math.max(0, index - SCOPE_CHARS), index);
  BREAK.lastIndex = 0;
  let lastBreak = -1;
  for (let m = BREAK.exec(before); m !== null; m = BREAK.exec(before)) lastBreak = m.index + m[0].length;
  const scope = lastBreak >= 0 ? before.slice(lastBreak) : before;
  NEGATOR.lastIndex = 0;
  return NEGATOR.test(scope) || CONTRACTED.test(scope);
}
