import { decodeHtmlEntities } from './decode-html-entities.js';

/**
 * Turns one Markdown block's inline syntax into plain text: links and images keep their text,
 * emphasis and code markers go, inline HTML tags go (`<br>` becomes a space), backslash escapes and
 * entities are resolved. Written as a few linear regex passes (no nested quantifiers) so hostile
 * input cannot make it backtrack badly.
 */
export function stripMarkdownInline(source: string): string {
  let text = source;
  // Inline code first, so that markers inside it are not treated as emphasis.
  text = text.replace(/`+([^`]*)`+/g, '$1');
  // Images: keep alt text; links: keep link text. Loops handle links nested in link text ([![x](y)](z)).
  for (let pass = 0; pass < 3; pass++) {
    const before = text;
    text = text.replace(/!\[([^\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/g, '$1');
    text = text.replace(/\[([^\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/g, '$1');
    text = text.replace(/\[([^\]\n]+)\]\[[^\]\n]*\]/g, '$1');
    if (text === before) break;
  }
  // Autolinks <https://...> keep the address.
  text = text.replace(/<((?:https?|mailto):[^>\s]*)>/gi, '$1');
  text = text.replace(/<br\s*\/?>/gi, ' ');
  text = text.replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  text = text.replace(/<!--[^]*?-->/g, '');
  // Emphasis: ** and __ pairs, then single * and _ at word edges (snake_case words keep their _).
  text = text.replace(/\*\*\*?|~~/g, '');
  text = text.replace(/(^|[^\p{L}\p{N}_])__(?=\S)/gu, '$1').replace(/(\S)__(?=$|[^\p{L}\p{N}_])/gu, '$1');
  text = text.replace(/(^|[^\p{L}\p{N}*\\])\*(?=\S)/gu, '$1').replace(/(\S)\*(?=$|[^\p{L}\p{N}*])/gu, '$1');
  text = text.replace(/(^|[^\p{L}\p{N}_\\])_(?=\S)/gu, '$1').replace(/([^\s\\])_(?=$|[^\p{L}\p{N}_])/gu, '$1');
  // Backslash escapes of Markdown punctuation ("1\." → "1.").
  text = text.replace(/\\([\\`*_{}[\]()#+\-.!|<>~"'])/g, '$1');
  return decodeHtmlEntities(text);
}

/** An inline link's text and target: `[text](https://…)` or `[text](https://… "title")`; images are not links. */
const INLINE_LINK = /(?<!!)\[([^\]\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;

/** The inline links of one Markdown block in order, their text as {@link stripMarkdownInline} leaves it. */
export function findMarkdownLinks(source: string): { text: string; href: string }[] {
  const links: { text: string; href: string }[] = [];
  for (const match of source.matchAll(INLINE_LINK)) {
    const text = stripMarkdownInline(match[1] ?? '');
    const href = match[2] ?? '';
    if (text.trim() !== '' && href !== '') links.push({ text, href });
  }
  return links;
}
