/**
 * Markdown with its inline code spans blanked. A code span's content is literal text in CommonMark and GFM (no tag,
 * link or entity inside one is ever live), so a check for live markup reads the rest of the document.
 */
export function withoutCodeSpans(markdown: string): string {
  // A span opens with a run of backticks and closes at the next run of the same length (CommonMark 6.1).
  return markdown.replace(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_span, fence: string) => `${fence}${fence}`);
}
