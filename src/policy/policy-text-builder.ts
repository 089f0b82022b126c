import { removeControlSequences } from '../text/remove-control-sequences.js';
import type { ExtractedPolicy, PolicyLink, PolicySection } from '../model/policy.js';

/** A link of a block as the source has it: its text (raw, like the block's) and its target. */
export interface BlockLink {
  text: string;
  href: string;
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
   * Adds one paragraph, list item or table row; whitespace is collapsed, empty blocks are ignored. `links` are the
   * block's links in order, each located by its text in the block (a link whose text is not found is left out).
   */
  addBlock(raw: string, links: readonly BlockLink[] = []): void {
    const block = normaliseBlockText(raw);
    if (block === '') return;
    this.append(block);
    const blockStart = this.length - block.length;
    let cursor = 0;
    for (const link of links) {
      const text = normaliseBlockText(link.text);
      const at = text === '' ? -1 : block.indexOf(text, cursor);
      if (at < 0) continue;
      this.links.push({ span: { start: blockStart + at, end: blockStart + at + text.length }, href: link.href });
      cursor = at + text.length;
    }
  }

  /**
   * Starts a new section under a heading of the given level (1 = top). A pseudo-heading (a title
   * guessed from formatting, such as a bold-only line) nests under the current heading and is closed
   * by the next real heading whatever its level.
   */
  addHeading(level: number, raw: string, options: { pseudo?: boolean } = {}): void {
    const heading = normaliseBlockText(raw);
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
    const title = normaliseBlockText(raw);
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
