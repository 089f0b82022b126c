import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import security from './lexicons/security-terms.json' with { type: 'json' };
import { findTopicSpans, isWithin } from './detect-topic-sentences.js';

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
/** "cookies save your password", "store your username and password": a convenience, not a protection. */
const REMEMBERED_CREDENTIALS = /\b(?:save|saves|saving|remember|remembers|remembering|store|stores|storing)\s+(?:your\s+)?(?:user\s*name\s+(?:and|or)\s+)?$/i;
/** "unauthorized use of the SIDEARM Services": misuse of the site, a ground for disclosure to authorities, not protection of data. */
const SITE_MISUSE = /^\s+of\s+(?:any|the|our|this)\s+(?:[\p{Lu}][\p{L}\p{N}.&'’-]*\s+){0,3}(?:web\s*sites?|sites?|services?)\b/iu;

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
  const topics = findTopicSpans(text);
  for (const { kind, pattern } of PATTERNS) {
    for (const match of findPhrases(text, pattern)) {
      // "committed to protecting the privacy of children" is an audience statement, not a measure.
      if (CHILDREN.test(text.slice(Math.max(0, match.start - 60), match.end + 60))) continue;
      // "What security measures do we take?" or "this policy tells you the measures we take to protect"
      // names a topic (a heading, a table of contents, an introduction), it states nothing.
      if (isWithin(topics, match.start, match.end)) continue;
      if (isOtherSubject(text, kind, match)) continue;
      found.push({ kind, start: match.start, end: match.end, trigger: match.text });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Security words used about something other than protecting data: a remembered password, misuse of the site. */
function isOtherSubject(text: string, kind: SecurityMeasureKind, match: PhraseMatch): boolean {
  const before = text.slice(Math.max(0, match.start - 40), match.start);
  const after = text.slice(match.end, match.end + 80);
  if (kind === 'user-authentication' && /password/i.test(match.text) && REMEMBERED_CREDENTIALS.test(before)) return true;
  return /^unauthori[sz]ed\s+use$/i.test(match.text) && SITE_MISUSE.test(after);
}

function isAcronym(phrase: string): boolean {
  return /^[A-Z][A-Z-]+$/.test(phrase);
}
