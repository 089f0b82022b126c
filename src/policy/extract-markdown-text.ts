import type { ExtractedPolicy } from '../model/policy.js';
import { LINK_CLOSE, LINK_OPEN, PolicyTextBuilder, removeLinkMarks } from './policy-text-builder.js';
import { markMarkdownLinks, stripMarkdownInline } from './strip-markdown-inline.js';

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const LIST_ITEM = /^([ \t]*)(?:[*+\-•]|\d{1,9}[.)])(?:[ \t]+|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_SEPARATOR = /^ {0,3}\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?/;
const ANCHOR_LINK_ONLY = /^\s*\[[^\]]*\]\([^)\s]*#[^)\s]*\)\s*$/;

/**
 * Extracts Markdown (CommonMark-ish, as produced by HTML→Markdown converters): ATX and setext
 * headings form the heading path; paragraphs, list items and table rows become blocks (table cells
 * joined by " | "); inline syntax is reduced to its text. Fenced code is dropped as not prose.
 */
export function extractMarkdownText(source: string): ExtractedPolicy {
  const builder = new PolicyTextBuilder();
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let paragraphIsListItem = false;
  let inFence: string | null = null;
  // Level of the last real (ATX/setext) heading: pseudo-headings nest one level below it.
  let lastHeadingLevel = 0;
  // An ATX heading with no text ("### ") whose title the converter put on the next line.
  let pendingHeadingLevel: number | null = null;

  const addHeading = (level: number, text: string): void => {
    builder.addHeading(level, text);
    lastHeadingLevel = level;
    pendingHeadingLevel = null;
  };
  // A block with its links marked for the builder; hostile text cannot forge the marks.
  const addMarkedBlock = (raw: string, shape: (line: string) => string = (text) => text): void => {
    const { marked, hrefs } = markMarkdownLinks(removeLinkMarks(raw), LINK_OPEN, LINK_CLOSE);
    builder.addBlock(stripMarkdownInline(shape(marked)), hrefs);
  };
  const flush = (): void => {
    if (paragraph.length === 0) return;
    const raw = paragraph.join(' ');
    const single = paragraph.length === 1 && !paragraphIsListItem;
    paragraph = [];
    paragraphIsListItem = false;
    if (single && pendingHeadingLevel !== null && isShortTitle(stripMarkdownInline(raw))) {
      addHeading(pendingHeadingLevel, stripMarkdownInline(raw));
      return;
    }
    pendingHeadingLevel = null;
    if (single && isPseudoHeading(raw)) {
      builder.addHeading(Math.min(lastHeadingLevel + 1, 6), stripMarkdownInline(raw), { pseudo: true });
      return;
    }
    // Table-of-contents entries (a lone link to an anchor) repeat headings and are not policy text.
    if (ANCHOR_LINK_ONLY.test(raw)) return;
    addMarkedBlock(raw);
  };

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (inFence !== null) {
      if (line.trimStart().startsWith(inFence)) inFence = null;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      inFence = fence[1] ?? '```';
      continue;
    }
    // Blockquote markers are dropped; their content is policy text like any other.
    while (BLOCKQUOTE.test(line)) line = line.replace(BLOCKQUOTE, '');

    if (line.trim() === '') {
      flush();
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      flush();
      const level = atx[1]?.length ?? 1;
      const text = stripMarkdownInline(atx[2] ?? '');
      if (text.trim() === '') pendingHeadingLevel = level;
      else addHeading(level, text);
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && paragraph.length > 0 && !paragraphIsListItem) {
      const level = underline[1]?.startsWith('=') ? 1 : 2;
      const heading = stripMarkdownInline(paragraph.join(' '));
      paragraph = [];
      addHeading(level, heading);
      continue;
    }
    // A stray underline (separated from its title by blank lines) or a thematic break: no text.
    if (THEMATIC_BREAK.test(line) || /^ {0,3}=+[ \t]*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*\|/.test(line) || (paragraph.length === 0 && TABLE_SEPARATOR.test(lines[i + 1] ?? '') && line.includes('|'))) {
      flush();
      if (!TABLE_SEPARATOR.test(line)) addMarkedBlock(line, joinTableCells);
      continue;
    }
    if (TABLE_SEPARATOR.test(line) && line.includes('|')) continue;
    if (LIST_ITEM.test(line)) {
      flush();
      paragraph.push(line.replace(LIST_ITEM, ''));
      paragraphIsListItem = true;
      continue;
    }
    // Lazy continuation: indented or plain lines continue the current paragraph or list item.
    paragraph.push(line.trim());
  }
  flush();
  return builder.build();
}

/**
 * Converters often lose heading markup: a section title survives as a bold-only line
 * ("**Service Providers**") or a bare Title Case line ("Information We Collect"). Such a one-line
 * paragraph is taken as a heading when it is short and does not read like a sentence.
 */
function isPseudoHeading(raw: string): boolean {
  const trimmed = raw.trim();
  const text = stripMarkdownInline(trimmed).trim();
  if (!isShortTitle(text)) return false;
  if (/^(\*\*|__)[^*_]+(\*\*|__)$/.test(trimmed)) return true;
  const words = text.split(/\s+/);
  return words.every((word) => /^[\p{Lu}\d&(“"'‘]/u.test(word) || TITLE_FUNCTION_WORDS.has(word));
}

const TITLE_FUNCTION_WORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'we', 'you', 'your',
  'our', 'us', 'about', 'how', 'what', 'who', 'why', 'when', 'where', 'is', 'are', 'do', 'can', 'into', 'under', '&', '-', '–',
]);

function isShortTitle(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (text.trim() === '' || words.length > 12 || text.length > 100) return false;
  // Sentences and labels ("Effective: 21 September 2026") are not titles.
  return !/[.,;:!]$/.test(text.trim()) && !text.includes(':') && /\p{L}/u.test(text);
}

/** "| a | b |" → "a | b": cells of one row stay one block so a row keeps its label with its value. */
function joinTableCells(line: string): string {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => joinCellListItems(cell.trim()))
    .filter((cell) => cell !== '');
  return cells.join(' | ');
}

/** A bullet starting a line inside a table cell (at its start or after a `<br>`): "*   Usage Data", "- Voice Data". */
const CELL_BULLET = /(^|<br\s*\/?>)\s*[*+-]\s+/gi;

/**
 * "*   User Data<br>*   Usage Data" → "• User Data<br>• Usage Data": a list inside a cell (Markdown has no other way to
 * write one) keeps its items apart, so each still starts a sentence of its own, but quotes show a bullet rather than
 * Markdown's asterisk (which a Markdown report would print escaped, as "\*").
 */
function joinCellListItems(cell: string): string {
  return cell.replace(CELL_BULLET, '$1• ');
}
