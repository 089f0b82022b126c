import { removeControlSequences } from '../text/remove-control-sequences.js';
import type { ExtractedPolicy, PolicyLink, PolicySection } from '../model/policy.js';

/**
 * Marks around a link's text in a raw block (Unicode noncharacters, which no policy text needs): the extractors
 * put them where the link is, so its span is known exactly after whitespace is collapsed, never guessed by
 * searching for its text ("here" would be found inside "where").
 */
export const LINK_OPEN = '\uFDD0';
export const LINK_CLOSE = '\uFDD1';

/** Removes link marks from source text, so that hostile input cannot forge them. */
export function removeLinkMarks(text: string): string {
  return text.replace(/[\uFDD0\uFDD1]/g, '');
}

/**
 * Accumulates blocks and headings from any source format into the shared {@link ExtractedPolicy}
 * shape: blocks joined by one blank line (so sentence splitting never crosses a block), headings kept
 * in the text as their own blocks, and one section per heading whose span covers the body after it.
 */
export class PolicyTextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly headingStack: { level: number; text: string; pseudo: boolean }[] = [];
  private readonly sections: PolicySection[] = [];
  private sectionStart = 0;
  private title: string | null = null;
  private readonly links: PolicyLink[] = [];

  /**
   * Adds one paragraph, list item or table row; whitespace is collapsed, empty blocks are ignored. The raw block
   * may mark its links' text with {@link LINK_OPEN} … {@link LINK_CLOSE}; `hrefs` are their targets, in order (a
   * mark left unclosed, or with no text, still uses up its target).
   */
  addBlock(raw: string, hrefs: readonly string[] = []): void {
    const { text: block, spans } = takeLinkMarks(normaliseBlockText(raw));
    if (block === '') return;
    this.append(block);
    const blockStart = this.length - block.length;
    for (const span of spans) {
      const href = hrefs[span.index];
      if (href !== undefined && span.end > span.start) this.links.push({ span: { start: blockStart + span.start, end: blockStart + span.end }, href });
    }
  }

  /**
   * Starts a new section under a heading of the given level (1 = top). A pseudo-heading (a title
   * guessed from formatting, such as a bold-only line) nests under the current heading and is closed
   * by the next real heading whatever its level.
   */
  addHeading(level: number, raw: string, options: { pseudo?: boolean } = {}): void {
    const heading = normaliseBlockText(removeLinkMarks(raw));
    if (heading === '') return;
    const pseudo = options.pseudo === true;
    this.closeSection();
    for (;;) {
      const top = this.headingStack[this.headingStack.length - 1];
      if (top === undefined || (top.level < level && (pseudo || !top.pseudo))) break;
      this.headingStack.pop();
    }
    this.headingStack.push({ level, text: heading, pseudo });
    if (this.title === null && level === 1) this.title = heading;
    this.append(heading);
    this.sectionStart = this.length;
  }

  /** Sets the document title when the source states one (HTML `<title>`); the first h1 is the fallback. */
  setTitle(raw: string): void {
    const title = normaliseBlockText(removeLinkMarks(raw));
    if (title !== '') this.title = title;
  }

  build(): ExtractedPolicy {
    this.closeSection();
    return { text: this.parts.join(''), sections: this.sections, title: this.title, ...(this.links.length > 0 ? { links: this.links } : {}) };
  }

  private append(block: string): void {
    if (this.length > 0) {
      this.parts.push('\n\n');
      this.length += 2;
    }
    this.parts.push(block);
    this.length += block.length;
  }

  private closeSection(): void {
    // The body starts after the separator that follows the heading.
    const start = this.sectionStart === 0 ? 0 : this.sectionStart + 2;
    if (this.length > start) {
      this.sections.push({
        headingPath: this.headingStack.map((h) => h.text),
        span: { start, end: this.length },
      });
    }
    this.sectionStart = this.length;
  }
}

/**
 * Removes the link marks of a normalised block, keeping its whitespace canonical (a mark between two spaces
 * leaves one), and returns where each marked text lies: `index` is the mark's number in the block.
 */
function takeLinkMarks(marked: string): { text: string; spans: { index: number; start: number; end: number }[] } {
  if (!marked.includes(LINK_OPEN) && !marked.includes(LINK_CLOSE)) return { text: marked, spans: [] };
  let text = '';
  const spans: { index: number; start: number; end: number }[] = [];
  let opened: { index: number; start: number } | null = null;
  let count = 0;
  for (const ch of marked) {
    if (ch === LINK_OPEN) {
      opened = { index: count++, start: text.length };
    } else if (ch === LINK_CLOSE) {
      if (opened !== null) {
        let start = opened.start;
        while (text[start] === ' ') start++;
        const end = text.endsWith(' ') ? text.length - 1 : text.length;
        spans.push({ index: opened.index, start, end });
      }
      opened = null;
    } else if (ch !== ' ' || (text !== '' && !text.endsWith(' '))) {
      text += ch;
    }
  }
  if (text.endsWith(' ')) text = text.slice(0, -1);
  return { text, spans: spans.map((s) => ({ ...s, end: Math.min(s.end, text.length) })).filter((s) => s.end > s.start) };
}

/**
 * Collapses all whitespace (including no-break spaces and line breaks) to single spaces and drops
 * zero-width characters, so that phrase matching and offsets work on one canonical form.
 */
export function normaliseBlockText(raw: string): string {
  // Control characters have no meaning in prose; escape sequences would leave fragments like "[0m".
  return removeControlSequences(raw)
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
    .trim();
}
