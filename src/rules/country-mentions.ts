/**
 * Countries the policy names outside the transfer sentences the extractor recognised ("our partner in
 * Singapore", "Pinterest Europe Ltd., Dublin, Ireland"). Rules treat such a mention as disclosing the
 * country, preferring a missed finding to a false "the policy does not mention it", except where the
 * country describes the reader or the law rather than where data goes: "if you live in the United
 * States", "residents of Ireland", "the laws of England". Those never disclose a destination.
 */
import type { CountryMentionRecord } from '../model/audit.js';
import type { TextSpan } from '../model/claim.js';
import countryNames from '../policy/lexicons/countries.json' with { type: 'json' };
import type { StoredSnapshot } from '../store/policy-repository.js';
import type { AuditView } from './audit-view.js';
import { isNetworkPlumbing } from './evidence.js';
import { collectClaimCountries, type StoredTransferClaim } from './policy-locations.js';

/** The sentence that mentions a country, with where it sits in the snapshot text. */
export interface CountryMention {
  country: string;
  span: TextSpan;
  quote: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Case-sensitive, word-bounded patterns per country, like the transfer extractor's (so "us" is not the US). */
const NAME_PATTERNS = new Map<string, RegExp>(
  Object.entries(countryNames.countries).map(([code, names]) => [
    code,
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...names].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu'),
  ]),
);

/**
 * Lead-ins that make a place the reader's or the law's: residence and audience ("if you live in",
 * "residents of", "users in", "if you are located in"), rights ("under the laws of", "the courts of").
 */
const AUDIENCE_LEAD_IN = new RegExp(
  `(?:${[
    String.raw`\b(?:if|where|when|whether|while)\s+you\s+(?:are|live|reside|access|use|visit)\b[^.;:,]{0,40}?\s(?:in|within|from|outside)`,
    String.raw`\byou\s+(?:live|reside|are\s+(?:located|based|resident))\s+in`,
    String.raw`\b(?:residents?|citizens?|nationals?|users?|individuals|consumers|people|persons|customers|visitors|members|children|minors)(?:\s+who\s+(?:live|reside|are))?(?:\s+(?:located|living|residing|based|resident))?\s+(?:in|of|from|within)`,
    String.raw`\b(?:laws?|courts?|legislation|regulations?|authorit(?:y|ies)|regulators?|jurisdiction|citizenship|residency)\s+(?:of|in)`,
  ].join('|')})\\s*$`,
  'i',
);
/** Places listed before the mention ("the United States or "), which share its lead-in. */
const PLACE_LIST_TAIL = /(?:(?:the\s+)?\p{Lu}[\p{L}.'\u2019-]*(?:\s+\p{Lu}[\p{L}.'\u2019-]*)*\s*(?:,|\bor\b|\band\b|\band\/or\b)\s*)*(?:the\s+)?$/u;
/** Adjectives of residence right after the name: "Irish residents", "United States users". */
const AUDIENCE_NOUN_AFTER = /^\s+(?:residents?|citizens?|users?|consumers|persons|customers|law|laws|courts?)\b/i;

/** Start and end of the sentence around `at`: from the previous sentence end or blank line to the next. */
function findSentence(text: string, at: number): TextSpan {
  let start = at;
  while (start > 0 && text[start - 1] !== '\n' && !/^[.!?]\s$/.test(text.slice(start - 2, start))) start -= 1;
  let end = at;
  while (end < text.length && !/^[.!?](?:\s|$)|^\n/.test(text.slice(end, end + 2))) end += 1;
  if (end < text.length && text[end] !== '\n') end += 1;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  return { start, end };
}

/** True when the place at `index` in the text describes the reader or the law, not where data goes. */
function isAudienceMention(text: string, sentence: TextSpan, index: number, length: number): boolean {
  const before = text.slice(sentence.start, index).replace(PLACE_LIST_TAIL, '');
  return AUDIENCE_LEAD_IN.test(before) || AUDIENCE_NOUN_AFTER.test(text.slice(index + length, sentence.end));
}

/** How the policy mentions a country outside its transfer statements. */
export interface CountryMentions {
  /** The first sentence that names it other than as the reader's residence or the law; null when none does. */
  disclosing: CountryMention | null;
  /** The first sentence that names it as the reader's residence or the law; null when none does. */
  audience: CountryMention | null;
}

/** Reads every mention of the country in the policy text, telling residence and law apart from the rest. */
export function readCountryMentions(snapshot: StoredSnapshot, code: string): CountryMentions {
  const mentions: CountryMentions = { disclosing: null, audience: null };
  const pattern = NAME_PATTERNS.get(code.toUpperCase());
  if (!pattern) return mentions;
  const { text } = snapshot;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null && mentions.disclosing === null; m = pattern.exec(text)) {
    const sentence = findSentence(text, m.index);
    const mention = { country: code.toUpperCase(), span: sentence, quote: text.slice(sentence.start, sentence.end) };
    if (isAudienceMention(text, sentence, m.index, m[0].length)) mentions.audience ??= mention;
    else mentions.disclosing = mention;
  }
  return mentions;
}

/**
 * Countries the traffic went to, or a recipient or its parent is headquartered in, that no transfer
 * statement names but another sentence does: the rules make no country finding for them, and the
 * report says which sentence stood in for a disclosure.
 */
export function listMentionedCountries(view: AuditView): CountryMentionRecord[] {
  const snapshot = view.snapshot;
  if (!snapshot) return [];
  const named = collectClaimCountries(view.claims.filter((c): c is StoredTransferClaim => c.kind === 'transfer'));
  const countries = new Set<string>();
  for (const item of view.flows) {
    if (isNetworkPlumbing(item)) continue;
    if (item.attribution.network.country) countries.add(item.attribution.network.country);
    const entityId = item.attribution.relation === 'recipient' ? item.attribution.entityId : null;
    if (entityId) for (const entity of view.lineage(entityId)) if (entity.country !== 'ZZ') countries.add(entity.country);
  }
  return [...countries]
    .filter((country) => !named.has(country))
    .sort()
    .flatMap((country) => {
      const mention = readCountryMentions(snapshot, country).disclosing;
      return mention ? [{ country, snapshotSha256: snapshot.sha256, source: snapshot.source, span: mention.span, quote: mention.quote }] : [];
    });
}
