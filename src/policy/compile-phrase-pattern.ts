/** A phrase found in a sentence, with offsets relative to the searched string. */
export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
}

/**
 * Builds one global regex matching any of the phrases as whole words: longest phrase first (so
 * "service providers" beats "providers"), whitespace or a hyphen between words ("end to end" also
 * matches "end-to-end"), and letter/digit boundaries on both sides. Phrases are escaped, never interpreted.
 */
export function compilePhrasePattern(phrases: readonly string[], options: { caseSensitive?: boolean } = {}): RegExp {
  const unique = [...new Set(phrases.filter((phrase) => phrase.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return /(?!)/g;
  const alternatives = unique.map((phrase) =>
    phrase
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]"))
      .join('(?:\\s+|\\s*[-‐‑]\\s*)'),
  );
  const flags = options.caseSensitive === true ? 'gu' : 'giu';
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, flags);
}

/** All non-overlapping matches of a pattern built by {@link compilePhrasePattern}. */
export function findPhrases(text: string, pattern: RegExp): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0] === '') {
      pattern.lastIndex++;
      continue;
    }
    matches.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return matches;
}
