import { createRequire } from 'node:module';
import type { ExtractedPolicy } from '../model/policy.js';
import { findHtmlElements } from './find-html-elements.js';
import { LINK_CLOSE, LINK_OPEN, PolicyTextBuilder, removeLinkMarks } from './policy-text-builder.js';

type Cheerio = typeof import('cheerio');
let cheerio: Cheerio | null = null;

/**
 * cheerio takes about half a second to load and only HTML policies need it, so it is required on
 * first use: every other command (import, audit, report, db…) starts that much faster.
 */
export function loadCheerio(): Cheerio {
  cheerio ??= createRequire(import.meta.url)('cheerio') as Cheerio;
  return cheerio;
}

/**
 * The subset of cheerio's DOM node shape this walker reads. Declared structurally because the node
 * types live in a transitive dependency (domhandler) that the project does not depend on directly.
 */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/** Elements whose content is never policy prose (code, chrome, embedded documents). */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'nav', 'footer', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'head', 'button', 'select', 'option', 'datalist', 'input', 'textarea', 'form', 'dialog', 'audio', 'video', 'picture',
  'img', 'map', 'frameset', 'frame', 'applet', 'link', 'meta', 'base',
]);

/** Elements that end the running block of inline text. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'blockquote', 'pre', 'address', 'figure', 'figcaption',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'details', 'summary', 'hr',
  'fieldset', 'legend', 'body', 'html', 'center', 'menu',
]);

const HEADING = /^h([1-6])$/;

/**
 * Extracts readable text from HTML with cheerio (parse only: nothing is executed, no resources are
 * loaded). Drops scripts, styles, navigation, footers and embedded content; h1–h6 form the heading
 * path; paragraphs, list items and table rows become blocks, a row's cells joined by " | ". The DOM
 * is walked with an explicit stack so that deeply nested hostile markup cannot overflow the call stack.
 */
export function extractHtmlText(html: string): ExtractedPolicy {
  // htmlparser2 (cheerio's non-XML "xml" mode) rather than parse5: parse5 is quadratic in nesting
  // depth (20 000 nested <div>s take seconds), htmlparser2 is linear, and for text extraction the
  // spec-exact tree repair parse5 does buys nothing.
  const $ = loadCheerio().load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } });
  const builder = new PolicyTextBuilder();
  const root = $.root()[0] as unknown as DomNode;
  const titleElement = findHtmlElements(root, 'title')[0];
  const title = titleElement ? collectText(titleElement) : '';
  if (title.trim() !== '') builder.setTitle(title);

  let inline: string[] = [];
  // Targets of the links marked in the block being read, in document order; a table row's go with the row.
  let links: string[] = [];
  // Inside a link: a nested anchor is not a link of its own.
  let linkDepth = 0;
  const flush = (): void => {
    if (inline.length > 0) builder.addBlock(inline.join(''), links);
    inline = [];
    links = [];
  };

  // Work items: a node to visit, or a marker to run after a node's children (closing a block).
  type Work = { node: DomNode } | { close: 'block' | 'cell' | 'row' | 'link' };
  const stack: Work[] = [{ node: root }];
  let row: string[] | null = null;
  let cellDepth = 0;

  while (stack.length > 0) {
    const work = stack.pop() as Work;
    if ('close' in work) {
      if (work.close === 'link') {
        linkDepth--;
        if (linkDepth === 0) inline.push(LINK_CLOSE);
      } else if (work.close === 'cell') {
        cellDepth--;
        if (row !== null) row.push(inline.join(''));
        inline = [];
      } else if (work.close === 'row') {
        const cells = (row ?? []).map((cell) => cell.replace(/\s+/g, ' ').trim()).filter((cell) => cell !== '');
        row = null;
        if (cells.length > 0) builder.addBlock(cells.join(' | '), links);
        links = [];
      } else if (cellDepth === 0) {
        flush();
      } else {
        inline.push(' ');
      }
      continue;
    }
    const node = work.node;
    if (node.type === 'text') {
      inline.push(removeLinkMarks(node.data ?? ''));
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') continue;
    const name = (node.name ?? '').toLowerCase();
    if (node.type !== 'root' && (DROPPED.has(name) || isNavigationChrome(node))) continue;

    const headingLevel = HEADING.exec(name);
    if (headingLevel && cellDepth === 0) {
      flush();
      builder.addHeading(Number(headingLevel[1]), collectText(node));
      continue;
    }
    if (name === 'br') {
      inline.push(' ');
      continue;
    }
    const href = name === 'a' ? node.attribs?.['href']?.trim() : undefined;
    const children = node.children ?? [];
    if (name === 'tr' && cellDepth === 0) {
      flush();
      row = [];
      stack.push({ close: 'row' });
    } else if ((name === 'td' || name === 'th') && row !== null) {
      inline = [];
      cellDepth++;
      stack.push({ close: 'cell' });
    } else if (BLOCK.has(name)) {
      if (cellDepth === 0) flush();
      else inline.push(' ');
      stack.push({ close: 'block' });
    } else if (href !== undefined && href !== '') {
      if (linkDepth === 0) {
        inline.push(LINK_OPEN);
        links.push(href);
      }
      linkDepth++;
      stack.push({ close: 'link' });
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push({ node: child });
    }
  }
  flush();
  return builder.build();
}

/** Page headers and elements marked as navigation carry menus, not policy text. */
function isNavigationChrome(node: DomNode): boolean {
  const role = node.attribs?.['role']?.toLowerCase();
  if (role === 'navigation' || role === 'banner' || role === 'contentinfo' || role === 'menu' || role === 'menubar') return true;
  if (node.name === 'header') return containsTag(node, 'nav') || !containsHeading(node);
  return false;
}

/** Bounded so that pathological nesting of headers stays linear; giving up means "keep it". */
const MAX_CHROME_SCAN = 2000;

function containsTag(node: DomNode, tag: string): boolean {
  const stack = [...(node.children ?? [])];
  for (let seen = 0; stack.length > 0 && seen < MAX_CHROME_SCAN; seen++) {
    const current = stack.pop() as DomNode;
    if (current.name === tag) return true;
    if (current.children) stack.push(...current.children);
  }
  return false;
}

function containsHeading(node: DomNode): boolean {
  const stack = [...(node.children ?? [])];
  for (let seen = 0; stack.length > 0; seen++) {
    if (seen >= MAX_CHROME_SCAN) return true;
    const current = stack.pop() as DomNode;
    if (current.name !== undefined && HEADING.test(current.name)) return true;
    if (current.children) stack.push(...current.children);
  }
  return false;
}

/** Text of a heading, skipping dropped elements inside it (icons, anchors' SVGs). */
function collectText(node: DomNode): string {
  const parts: string[] = [];
  const stack: DomNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as DomNode;
    if (current.type === 'text') parts.push(current.data ?? '');
    else if (current !== node && DROPPED.has((current.name ?? '').toLowerCase())) continue;
    else if (current.name === 'br') parts.push(' ');
    else {
      const children = current.children ?? [];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return parts.join('');
}
