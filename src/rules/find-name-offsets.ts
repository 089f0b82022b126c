/** Where a recipient's name, as the policy wrote it, occurs in the sentence a claim quotes. */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Start offsets of `name` in `quote` as a whole word, ignoring case; empty for an empty name. */
export function findNameOffsets(quote: string, name: string): number[] {
  const trimmed = name.trim();
  if (trimmed === '') return [];
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'giu');
  return [...quote.matchAll(pattern)].map((m) => m.index);
}
