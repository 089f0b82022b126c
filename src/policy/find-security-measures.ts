import { compilePhrasePattern, findPhrases } from './compile-phrase-pattern.js';
import security from './lexicons/security-terms.json' with { type: 'json' };

/**
 * Security Measure values in OPP-115's terms. The first three are the ones claimcheck compares with
 * traffic (transport and storage protection, and the generic "we take reasonable measures").
 */
export type SecurityMeasureKind =
  | 'secure-transfer'
  | 'secure-storage'
  | 'generic'
  | 'access-limitation'
  | 'user-authentication'
  | 'security-program';

/** A statement that the service protects data, with the words that say so (offsets into the searched text). */
export interface SecurityMeasure {
  kind: SecurityMeasureKind;
  start: number;
  end: number;
  trigger: string;
}

const CHILDREN = /\b(?:children|child|minors|kids|the\s+very\s+young)\b/i;

/** Acronyms (SSL, TLS, HTTPS, PCI) only count in capitals, so URL paths and prose noise do not. */
const PATTERNS: readonly { kind: SecurityMeasureKind; pattern: RegExp }[] = [
  { kind: 'secure-transfer', pattern: compilePhrasePattern(security.transfer.filter((p) => !isAcronym(p))) },
  { kind: 'secure-transfer', pattern: compilePhrasePattern(security.transfer.filter(isAcronym), { caseSensitive: true }) },
  { kind: 'secure-storage', pattern: compilePhrasePattern(security.storage) },
  { kind: 'generic', pattern: compilePhrasePattern(security.generic) },
  { kind: 'access-limitation', pattern: compilePhrasePattern(security.accessLimitation) },
  { kind: 'user-authentication', pattern: compilePhrasePattern(security.authentication) },
  { kind: 'security-program', pattern: compilePhrasePattern(security.program.filter((p) => !isAcronym(p))) },
  { kind: 'security-program', pattern: compilePhrasePattern(security.program.filter(isAcronym), { caseSensitive: true }) },
];

/**
 * Finds statements that data is protected ("we use reasonable security measures", "stored on secure
 * servers behind a firewall", "transmitted using SSL"), classified as OPP-115 does. This reads the
 * vocabulary of security, not its truth: the encryption extractor makes the typed claims that rules
 * compare with traffic. Sorted by position.
 */
export function findSecurityMeasures(text: string): SecurityMeasure[] {
  const found: SecurityMeasure[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of findPhrases(text, pattern)) {
      // "committed to protecting the privacy of children" is an audience statement, not a measure.
      if (CHILDREN.test(text.slice(Math.max(0, match.start - 60), match.end + 60))) continue;
      found.push({ kind, start: match.start, end: match.end, trigger: match.text });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function isAcronym(phrase: string): boolean {
  return /^[A-Z][A-Z-]+$/.test(phrase);
}
