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
    // Bracket text stops at the next "[" too: on a run of "[" each start would otherwise scan to the line's end.
    text = text.replace(/!\[([^[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/g, '$1');
    text = text.replace(/\[([^[\]\n]*)\]\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)/g, '$1');
    text = text.replace(/\[([^[\]\n]+)\]\[[^[\]\n]*\]/g, '$1');
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

/** An inline link: `[text](https://…)` or `[text](<https://…> "title")`; images (`![alt](src)`) are not links. */
const INLINE_LINK = /(?<!!)\[([^[\]\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
const CODE_SPAN = /`+[^`]*`+/g;

/**
 * Marks the text of each inline link of one raw Markdown block with `open` … `close` (outside code spans, where
 * link syntax is literal text) and returns the marked block with the links' targets in order.
 */
export function markMarkdownLinks(source: string, open: string, close: string): { marked: string; hrefs: string[] } {
  const code = [...source.matchAll(CODE_SPAN)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const hrefs: string[] = [];
  const marked = source.replace(INLINE_LINK, (whole: string, text: string, href: string, offset: number) => {
    if (code.some((c) => offset < c.end && offset + whole.length > c.start) || text.trim() === '') return whole;
    hrefs.push(href);
    return `[${open}${text}${close}]${whole.slice(text.length + 2)}`;
  });
  return { marked, hrefs };
}
