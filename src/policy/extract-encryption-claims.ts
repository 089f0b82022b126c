import type { EncryptionClaim, EncryptionScope } from '../model/claim.js';
import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isNegatedAt } from './detect-negation.js';
import encryption from './lexicons/encryption-terms.json' with { type: 'json' };
import { readEncryptionContext } from './read-encryption-context.js';
import { createClaimBase, type SentenceContext } from './sentence-context.js';

const TRIGGER = compilePhrasePattern(encryption.triggers);
/** "These are unencrypted": a statement that data is not encrypted is a (negative) encryption claim too. */
const NEGATIVE_TRIGGER = compilePhrasePattern(encryption.negativeTriggers);
const EXCLUSION = compilePhrasePattern(encryption.exclusions);
const SCOPES: readonly { scope: EncryptionScope; pattern: RegExp }[] = (['end-to-end', 'in-transit', 'at-rest'] as const).map(
  (scope) => ({ scope, pattern: compilePhrasePattern(encryption.scopes[scope]) }),
);
/** Acronyms are matched case-sensitively so that "ssl" in a URL path or "tls" in prose noise do not count. */
const TECHNOLOGY = compilePhrasePattern(encryption.technologies, { caseSensitive: true });
const STRENGTH = compilePhrasePattern(encryption.strengthWords);
const HEDGE = compilePhrasePattern(encryption.hedges);
const EFFORT_HEDGE = compilePhrasePattern(encryption.effortHedges);
/** What an effort hedge must be about to weaken the claim: "we try to protect", not "we try to deliver it". */
const PROTECTION_EFFORT = /^\s+(?:to\s+)?(?:[\w'’-]+\s+){0,3}?(?:protect|secur|safeguard|encrypt|ensur|maintain|use|implement|employ|apply|prevent|limit|minimi[sz]|reduce|keep\b[^,;.]*\b(?:safe|secure|confidential|private))/i;
/**
 * A clause that gives a reason or a time between a negator and the encryption word moves the
 * negation off it: in "We cannot see the media as it is encrypted" the media is encrypted.
 */
const SUBORDINATOR = /\b(?:as|because|since|so|which|once|after|before|when|whereas|if)\b/gi;
const NEGATOR_WORD = /\b(?:not|never|no|cannot|without|none|nor|neither|no\s+longer)\b|\w+n['’]t\b/gi;

/**
 * Reads one sentence for an encryption claim: its scope (end-to-end, in transit — including TLS,
 * SSL, HTTPS —, at rest, else unspecified, one claim per scope named), the technologies and strength
 * words as written ("AES-256", "industry-standard"), and hedges that weaken it ("reasonable",
 * "cannot guarantee", "where technically feasible"). Hedges are read in the claim's own sentence
 * only: a "no method is 100% secure" after it is a general disclaimer, and the trial found such a
 * neighbour hedging a claim it was not about. "These are unencrypted" is a negative claim. An unscoped word is
 * read with what governs its sentence ({@link readEncryptionContext}): one safeguard in a list, or a safeguard
 * for transfers, is marked so, and a safeguard for data "in our systems" is at rest.
 */
export function extractEncryptionClaims(context: SentenceContext): EncryptionClaim[] {
  const text = context.sentence.text;
  const excluded = findPhrases(text, EXCLUSION);
  const notExcluded = (t: PhraseMatch): boolean => !excluded.some((e) => t.start < e.end && e.start < t.end);
  const negativeTriggers = findPhrases(text, NEGATIVE_TRIGGER).filter(notExcluded);
  const triggers = [...findPhrases(text, TRIGGER).filter((t) => notExcluded(t) && isTriggerWord(t)), ...negativeTriggers].sort((a, b) => a.start - b.start);
  const first = triggers[0];
  if (first === undefined) return [];

  const scopes = SCOPES.filter(({ pattern }) => findPhrases(text, pattern).length > 0).map(({ scope }) => scope);
  // "connection" only says in-transit when it sits next to an explicit encryption word, not on its own.
  const inferredScopes = scopes.length > 0 ? dropWeakTransit(text, scopes) : [];
  // An unscoped word is read with what governs the sentence: a safeguard for data "in our systems" is about stored data.
  const governed = inferredScopes.length > 0 ? null : readEncryptionContext(context, first.start);
  const finalScopes: EncryptionScope[] = inferredScopes.length > 0 ? inferredScopes : governed?.stored === true ? ['at-rest'] : ['unspecified'];

  const technologies = unique([...findPhrases(text, TECHNOLOGY), ...findPhrases(text, STRENGTH)].sort((a, b) => a.start - b.start));
  const hedges = unique(
    [...findPhrases(text, HEDGE), ...findPhrases(text, EFFORT_HEDGE).filter((h) => PROTECTION_EFFORT.test(text.slice(h.end, h.end + 80)))].sort(
      (a, b) => a.start - b.start,
    ),
  );
  // The first encryption word sets the polarity: "not encrypted" and "unencrypted" deny, "never sent unencrypted" affirms.
  const negated = isEncryptionNegated(text, first.start);
  const polarity = negativeTriggers.includes(first) !== negated ? 'negative' : 'affirmative';

  return finalScopes.map((scope) => ({
    ...createClaimBase(context, polarity, first.start),
    kind: 'encryption' as const,
    scope,
    technologies,
    hedges,
    trigger: triggers.map((t) => t.text).filter((t, i, all) => all.indexOf(t) === i).join('; '),
    ...(governed?.safeguard !== undefined ? { safeguard: governed.safeguard } : {}),
  }));
}

/** A negator governs the encryption word unless a reason or time clause starts between them. */
function isEncryptionNegated(text: string, index: number): boolean {
  if (!isNegatedAt(text, index)) return false;
  const before = text.slice(0, index);
  let lastNegator = -1;
  NEGATOR_WORD.lastIndex = 0;
  for (let m = NEGATOR_WORD.exec(before); m !== null; m = NEGATOR_WORD.exec(before)) lastNegator = m.index + m[0].length;
  SUBORDINATOR.lastIndex = 0;
  return !SUBORDINATOR.test(before.slice(Math.max(0, lastNegator)));
}

/** Upper-case acronyms must be written in capitals ("TLS"), words may be in any case ("Encrypted"). */
function isTriggerWord(match: PhraseMatch): boolean {
  if (/^(?:tls|ssl|https)$/i.test(match.text)) return match.text === match.text.toUpperCase();
  return true;
}

const WEAK_TRANSIT = /\b(?:connections?|communication channel|transmission)\b/i;
const STRONG_TRANSIT = compilePhrasePattern(encryption.scopes['in-transit'].filter((p) => !WEAK_TRANSIT.test(p)));

function dropWeakTransit(text: string, scopes: EncryptionScope[]): EncryptionScope[] {
  if (!scopes.includes('in-transit')) return scopes;
  if (findPhrases(text, STRONG_TRANSIT).length > 0) return scopes;
  // Only a weak transit word: keep it when it is close to "encrypt" ("encrypted connection").
  const weak = WEAK_TRANSIT.exec(text);
  const near = weak !== null && /encrypt|secure/i.test(text.slice(Math.max(0, weak.index - 30), weak.index + 40));
  if (near) return scopes;
  return scopes.filter((s) => s !== 'in-transit');
}

function unique(matches: readonly PhraseMatch[]): string[] {
  const seen = new Map<string, string>();
  for (const match of matches) {
    const key = match.text.toLowerCase().replace(/\s+/g, ' ');
    if (!seen.has(key)) seen.set(key, match.text.replace(/\s+/g, ' '));
  }
  return [...seen.values()];
}
