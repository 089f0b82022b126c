import type { ExtractedPolicy } from '../model/policy.js';

/** Title words that never name the company ("Privacy Policy", "Our Privacy Notice"). */
const GENERIC_TITLE_WORDS = new Set(['privacy', 'policy', 'notice', 'statement', 'the', 'our', 'global', 'data', 'cookie', 'terms', 'european', 'regional']);

/**
 * Names the policy uses for its own company, lower-cased, so they are not reported as recipients:
 * the first word of the title when it is a name ("Reddit Privacy Policy"), the name the opening text
 * defines together with "we"/"us" (`Quora, Inc. (collectively "Quora," "we" or "us")`), the name after
 * "Welcome to" or "the controller is", and the policy's most repeated proper noun.
 */
export function detectFirstPartyNames(policy: ExtractedPolicy): string[] {
  const names = new Set<string>();
  const titleWord = (policy.title ?? '').split(/\s+/)[0]?.replace(/[^\p{L}\p{N}.&-]/gu, '').replace(/\.(?:tv|com|io)$/i, '') ?? '';
  if (titleWord.length >= 2 && !GENERIC_TITLE_WORDS.has(titleWord.toLowerCase())) names.add(titleWord.toLowerCase());

  const opening = policy.text.slice(0, 6000);
  const definition = /\(([^()]{0,200})\)/g;
  for (let m = definition.exec(opening); m !== null; m = definition.exec(opening)) {
    // Only the first quoted term, and only when "we"/"us" is defined with it: (“Quora,” “we” or “us”).
    const first = /^\s*(?:collectively,?\s*|together,?\s*|the\s*)?[“"‘']\s*([^“”"‘’']{2,40}?)\s*[,.]?\s*[”"’']\s*,?\s*(?:and\s+|or\s+)?[“"‘']\s*(?:we|us|our)\b/i.exec(m[1] ?? '');
    const name = first?.[1]?.replace(/[,.]$/, '').trim();
    if (name !== undefined && /^\p{Lu}/u.test(name)) names.add(name.toLowerCase());
  }

  // "Welcome to Snap Inc.’s Privacy Policy", "The data controller for our App is BeReal SAS".
  const ownership = /(?:\bWelcome to|\bcontroller\b[^.]{0,60}?\bis)\s+([\p{Lu}][\p{L}\p{N}&-]+)/gu;
  for (const m of policy.text.matchAll(ownership)) {
    const name = (m[1] ?? '').toLowerCase();
    if (name.length >= 2 && !GENERIC_TITLE_WORDS.has(name)) names.add(name);
  }

  const frequent = findMostFrequentProperNoun(policy.text);
  if (frequent !== null) names.add(frequent);
  return [...names];
}

/**
 * The company's own name is by far the most repeated proper noun of its policy ("Pinterest" 110
 * times). Words that also occur in lower case ("Data", "Services", "We") are not proper nouns.
 */
function findMostFrequentProperNoun(text: string): string | null {
  const capitalised = new Map<string, number>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}]+)(?![\p{L}\p{N}])/gu)) {
    const word = m[1] ?? '';
    capitalised.set(word, (capitalised.get(word) ?? 0) + 1);
  }
  const lower = new Map<string, number>();
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])(\p{Ll}[\p{L}\p{N}]+)(?![\p{L}\p{N}])/gu)) {
    const word = m[1] ?? '';
    lower.set(word, (lower.get(word) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [word, count] of capitalised) {
    const key = word.toLowerCase();
    if (GENERIC_TITLE_WORDS.has(key) || (lower.get(key) ?? 0) > count * 0.1) continue;
    if (word.length < 3 || word === word.toUpperCase()) continue;
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  return bestCount >= 10 ? best : null;
}
