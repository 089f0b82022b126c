import type { TextSpan } from '../model/claim.js';
import words from './lexicons/function-words.json' with { type: 'json' };

/** The language a policy is written in, as far as function words tell. */
export interface PolicyLanguage {
  /** ISO 639-1 code of the best-scoring language, or 'und' when the text is too short or mixed to tell. */
  code: string;
  /** Share of the text's words that are function words of `code` (0–1). */
  share: number;
  /** Share of the text's words that are English function words, for messages ("3% English"). */
  englishShare: number;
  /** Words looked at (names and numbers left out). */
  words: number;
}

/** Languages claim extraction supports: its lexicons are English. */
export const SUPPORTED_POLICY_LANGUAGES: readonly string[] = ['en'];

const LISTS: readonly { code: string; words: ReadonlySet<string> }[] = Object.entries(words.languages).map(([code, list]) => ({
  code,
  words: new Set(list),
}));
/** Only the first words are needed: a policy does not change language halfway (a bilingual one shows at the top). */
const MAX_WORDS = 5000;

/** Every list's words: a capitalised word that is one of them starts a sentence ("We", "Der") and still counts. */
const ANY_FUNCTION_WORD: ReadonlySet<string> = new Set(LISTS.flatMap(({ words: list }) => [...list]));

/**
 * The words that tell a language: names are left out. A capitalised word that is no language's function word
 * ("Partner12", "Corp", "Google") or a token with digits is a name, an acronym or an id, in whatever language the
 * policy is written; counted, a sentence naming 400 partners made an English policy read as 2% English (trial7).
 * German capitalises its nouns, which are then left out too: its function words, lower case, still decide it.
 */
function languageTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const token of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/\p{N}/u.test(token)) continue;
    const lower = token.toLowerCase();
    if (/^\p{Lu}/u.test(token) && !ANY_FUNCTION_WORD.has(lower)) continue;
    tokens.push(lower);
    if (tokens.length >= MAX_WORDS) break;
  }
  return tokens;
}

/** Enough words for the shares to mean something; a 20-word snippet stays 'und'. */
const MIN_WORDS = 40;

/** A web address written out in the text ("https://example.com/privacy", "www.example.com"). */
const WRITTEN_URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;

/**
 * The text without the words of its links and written-out addresses. Like names, they are in no language: a
 * sentence listing 3,000 links ("partner 0", "partner 1", …) made an English policy read as 0% English (trial7b).
 */
function withoutLinks(text: string, links: readonly { span: TextSpan }[]): string {
  let kept = text;
  if (links.length > 0) {
    const parts: string[] = [];
    let at = 0;
    for (const { span } of [...links].sort((a, b) => a.span.start - b.span.start)) {
      if (span.start < at) continue;
      parts.push(text.slice(at, span.start), ' ');
      at = span.end;
    }
    parts.push(text.slice(at));
    kept = parts.join('');
  }
  return kept.replace(WRITTEN_URL, ' ');
}

/**
 * Tells the language of policy text by the share of its words that are the most frequent function words
 * of each language (English "the/and/we", German "der/und/wir", ...). Real policies in one language
 * score 25–45% on their own list and under 5% on the others, so the winner is clear; very short or
 * mixed texts give 'und' rather than a guess. The texts of `links` (spans of `text`) and written-out web
 * addresses are left out.
 */
export function detectPolicyLanguage(text: string, links: readonly { span: TextSpan }[] = []): PolicyLanguage {
  const tokens = languageTokens(withoutLinks(text, links));
  const scores = LISTS.map(({ code, words: list }) => ({ code, hits: tokens.filter((t) => list.has(t)).length }));
  const total = tokens.length;
  const english = scores.find((s) => s.code === 'en')?.hits ?? 0;
  const ranked = [...scores].sort((a, b) => b.hits - a.hits);
  const best = ranked[0];
  const second = ranked[1];
  const share = total === 0 || best === undefined ? 0 : best.hits / total;
  const clear = best !== undefined && total >= MIN_WORDS && share >= 0.1 && best.hits >= 2 * (second?.hits ?? 0);
  return {
    code: clear && best !== undefined ? best.code : 'und',
    share: Math.round(share * 1000) / 1000,
    englishShare: total === 0 ? 0 : Math.round((english / total) * 1000) / 1000,
    words: total,
  };
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
};

/**
 * A one-line explanation when claim extraction cannot be trusted on this text, else null: a policy
 * detected as another language, or a long text with almost no English function words. Short texts
 * (snippets, tests) are never rejected on language grounds.
 */
export function describeUnsupportedLanguage(language: PolicyLanguage): string | null {
  if (SUPPORTED_POLICY_LANGUAGES.includes(language.code)) return null;
  const english = `${Math.round(language.englishShare * 100)}% English function words`;
  if (language.code !== 'und') {
    return `the policy is written in ${LANGUAGE_NAMES[language.code] ?? language.code} (${language.code}, ${english}); claimcheck extracts claims from English policies only, so its claims would be missing or wrong`;
  }
  if (language.words >= 200 && language.englishShare < 0.15) {
    return `the policy does not look like English (${english}); claimcheck extracts claims from English policies only, so its claims would be missing or wrong`;
  }
  return null;
}
