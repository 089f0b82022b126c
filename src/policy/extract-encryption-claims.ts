import type { EncryptionClaim, EncryptionScope } from '../model/claim.js';
import { compilePhrasePattern, findPhrases, type PhraseMatch } from './compile-phrase-pattern.js';
import { isNegatedAt } from './detect-negation.js';
import encryption from './lexicons/encryption-terms.json' with { type: 'json' };
import { createClaimBase, type SentenceContext } from './sentence-context.js';

const TRIGGER = compilePhrasePattern(encryption.triggers);
const EXCLUSION = compilePhrasePattern(encryption.exclusions);
const SCOPES: readonly { scope: EncryptionScope; pattern: RegExp }[] = (['end-to-end', 'in-transit', 'at-rest'] as const).map(
  (scope) => ({ scope, pattern: compilePhrasePattern(encryption.scopes[scope]) }),
);
/** Acronyms are matched case-sensitively so that "ssl" in a URL path or "tls" in prose noise do not count. */
const TECHNOLOGY = compilePhrasePattern(encryption.technologies, { caseSensitive: true });
const STRENGTH = compilePhrasePattern(encryption.strengthWords);
const HEDGE = compilePhrasePattern(encryption.hedges);
const NEIGHBOUR_HEDGE = compilePhrasePattern(encryption.neighbourHedges);

/**
 * Reads one sentence for an encryption claim: its scope (end-to-end, in transit — including TLS,
 * SSL, HTTPS —, at rest, else unspecified, one claim per scope named), the technologies and strength
 * words as written ("AES-256", "industry-standard"), and hedges that weaken it ("reasonable",
 * "cannot guarantee"). Hedges of the "no method is 100% secure" kind are also taken from the
 * neighbouring sentences of the section, where policies usually put them.
 */
export function extractEncryptionClaims(context: SentenceContext): EncryptionClaim[] {
  const text = context.sentence.text;
  const excluded = findPhrases(text, EXCLUSION);
  const triggers = findPhrases(text, TRIGGER).filter(
    (t) => !excluded.some((e) => t.start < e.end && e.start < t.end) && isTriggerWord(t),
  );
  const first = triggers[0];
  if (first === undefined) return [];

  const scopes = SCOPES.filter(({ pattern }) => findPhrases(text, pattern).length > 0).map(({ scope }) => scope);
  // "connection" only says in-transit when it sits next to an explicit encryption word, not on its own.
  const inferredScopes = scopes.length > 0 ? dropWeakTransit(text, scopes) : [];
  const finalScopes: EncryptionScope[] = inferredScopes.length > 0 ? inferredScopes : ['unspecified'];

  const technologies = unique([...findPhrases(text, TECHNOLOGY), ...findPhrases(text, STRENGTH)].sort((a, b) => a.start - b.start));
  const hedges = unique([
    ...findPhrases(text, HEDGE),
    ...(context.previous ? findPhrases(context.previous.text, NEIGHBOUR_HEDGE) : []),
    ...(context.next ? findPhrases(context.next.text, NEIGHBOUR_HEDGE) : []),
  ]);
  const polarity = isNegatedAt(text, first.start) || /\bunencrypted\b|\bwithout\s+encryption\b/i.test(text) ? 'negative' : 'affirmative';

  return finalScopes.map((scope) => ({
    ...createClaimBase(context, polarity),
    kind: 'encryption' as const,
    scope,
    technologies,
    hedges,
    trigger: triggers.map((t) => t.text).filter((t, i, all) => all.indexOf(t) === i).join('; '),
  }));
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
