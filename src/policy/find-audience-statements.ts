import { compilePhrasePattern, findPhrases } from './compile-phrase-pattern.js';
import audience from './lexicons/audience-terms.json' with { type: 'json' };

/** OPP-115 Audience Type values. */
export type AudienceKind = 'children' | 'californians' | 'europeans' | 'other-countries';

/** A mention of an audience the policy treats specially, with offsets into the searched text. */
export interface AudienceStatement {
  kind: AudienceKind;
  start: number;
  end: number;
  trigger: string;
}

/** Acronyms (CCPA, EEA, GDPR, COPPA) count only in capitals. */
const PATTERNS: readonly { kind: AudienceKind; pattern: RegExp }[] = (
  [
    ['children', audience.children],
    ['californians', audience.californians],
    ['europeans', audience.europeans],
    ['other-countries', audience.otherCountries],
  ] as const
).flatMap(([kind, phrases]) => [
  { kind, pattern: compilePhrasePattern(phrases.filter((p) => !isAcronym(p))) },
  { kind, pattern: compilePhrasePattern(phrases.filter(isAcronym), { caseSensitive: true }) },
]);

/**
 * Finds the audiences a passage addresses specially: children (age limits, parental consent),
 * Californians, Europeans and users in other countries. It reads vocabulary only; it is used to measure
 * the extractor against OPP-115's "International and Specific Audiences" and to flag such passages,
 * not to make claims that rules compare with traffic. Sorted by position.
 */
export function findAudienceStatements(text: string): AudienceStatement[] {
  const found: AudienceStatement[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of findPhrases(text, pattern)) found.push({ kind, start: match.start, end: match.end, trigger: match.text });
  }
  return found.sort((a, b) => a.start - b.start);
}

function isAcronym(phrase: string): boolean {
  return /^[A-Z]{2,}$/.test(phrase);
}
