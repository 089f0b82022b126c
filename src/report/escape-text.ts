import { removeControlSequences } from '../text/remove-control-sequences.js';

/**
 * Escaping for untrusted text (policy quotes, host names, URLs from captures) in each output format.
 * Everything from a policy or a capture passes through one of these before it reaches a report.
 */

/** Removes terminal escape sequences and control characters (keeps tab and newline). */
export function stripControlCharacters(text: string): string {
  return removeControlSequences(text);
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripControlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escapes text for use inside one line of Markdown (never at a line start: callers prefix it).
 * Characters that open links, images, raw HTML, code, emphasis, tables or entities are
 * backslash-escaped, so no markup can be injected; newlines fold to spaces.
 */
export function escapeMarkdown(text: string): string {
  return stripControlCharacters(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** Escapes text for a Markdown inline code span (used for filters and identifiers). */
export function escapeMarkdownCode(text: string): string {
  const clean = stripControlCharacters(text).replace(/\s*\n\s*/g, ' ');
  const longestRun = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean}${fence}`;
}

// Characters JSON.stringify leaves raw although a terminal or editor may act on them: DEL, C1
// controls (U+009B is a one-character CSI), line/paragraph separators and bidi overrides.
const JSON_RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Serialises a value as JSON with every control-like character written as a `\uXXXX` escape, so
 * the text stays exact for a parser while `cat` or a pager shows nothing live. Safe on the whole
 * document because these characters can only occur inside JSON strings.
 */
export function stringifyJsonSafely(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
