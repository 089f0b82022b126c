/** Words that cannot end a phrase: a quote ending in one was cut where the sentence goes on. */
const DANGLING = new Set(['that', 'which', 'who', 'as', 'to', 'for', 'of', 'in', 'on', 'at', 'by', 'with', 'the', 'a', 'an', 'and', 'or', 'until', 'while', 'when', 'where', 'if', 'unless', 'than']);

/**
 * A phrase quoted from a sentence, without the function words it was cut after, marked as going on:
 * "for a period of time that" → "for a period of time …". The words kept are the sentence's own.
 */
export function trimDanglingWords(phrase: string): string {
  const words = phrase.trim().split(/\s+/);
  let end = words.length;
  while (end > 1 && DANGLING.has((words[end - 1] ?? '').toLowerCase().replace(/[^a-z]/g, ''))) end -= 1;
  return end === words.length ? phrase.trim() : `${words.slice(0, end).join(' ')} \u2026`;
}
