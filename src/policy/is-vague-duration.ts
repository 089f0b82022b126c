import { compilePhrasePattern } from './compile-phrase-pattern.js';
import retention from './lexicons/retention-terms.json' with { type: 'json' };

const VAGUE_DURATION = compilePhrasePattern(retention.vagueDurations);

/**
 * Whether a retention claim's trigger is a length without a number ("for a given period of time", "for a long period",
 * "for different lengths of time"). OPP-115 labels such sentences Unspecified, so the claim keeps that class; but a
 * reader learns no more from them than from "as long as necessary", so vague-retention shows them (trial 8, item 12).
 */
export function isVagueDuration(trigger: string): boolean {
  VAGUE_DURATION.lastIndex = 0;
  return VAGUE_DURATION.test(trigger);
}
