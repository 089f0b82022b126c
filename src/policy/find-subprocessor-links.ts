import type { PolicySnapshot } from '../model/policy.js';
import { loadCheerio } from './extract-html-text.js';
import { findHtmlElements } from './find-html-elements.js';
import { decodePolicyBytes } from './extract-policy-text.js';
import { normaliseBlockText } from './policy-text-builder.js';
import { stripMarkdownInline } from './strip-markdown-inline.js';

/** A link in a policy that points to its list of sub-processors (or vendors, or service providers). */
export interface SubprocessorLink {
  /** The link target exactly as written (relative or absolute). */
  href: string;
  /** The link's text as a reader sees it. */
  text: string;
  /**
   * Set when only the clause around the link announced a list (a "here" link): such a page without
   * a list is more likely an unrelated page than a broken list, so it is a warning, not a refusal.
   */
  foundByContext?: true;
}

/** Words of a link (or of the sentence around a "here" link) that announce a list of processors. */
const LIST_WORDS =
  /\bsub[-\s]?processors?\b|\b(?:third[-\s]party\s+)?(?:service\s+providers?|vendors?|processors?|suppliers?)\s+(?:list|page|overview)\b|\blist\s+of\s+(?:all\s+)?(?:our\s+|the\s+|its\s+)?(?:current\s+)?(?:third[-\s]party\s+)?(?:sub[-\s]?processors?|(?:service\s+)?providers|vendors|processors|suppliers|partners|recipients)\b/i;
/** The same in a URL path: /legal/subprocessors, /sub-processors.html, /vendor-list, /third-party-service-providers. */
const LIST_PATH = /sub[-_]?processors?|(?:vendors?|suppliers?|providers?|processors?)[-_]?list|third[-_]party[-_]service[-_]providers|list[-_]of[-_](?:sub[-_]?processors|vendors|service[-_]providers)/i;
/** Link texts that say nothing by themselves; the sentence around them then decides. */
const GENERIC_TEXT = /^(?:here|click here|this (?:page|list|link)|see here|available here|(?:read|learn|find out) more|more information|link)$/i;
/** How much of the sentence around a generic link is read. */
const MAX_CONTEXT = 600;

/**
 * Finds the links of a policy that lead to a list of its sub-processors: the link text, title or
 * URL path speaks of sub-processors, a vendors list or a list of service providers, or a link reading
 * only "here" sits in a sentence that does. Reads HTML anchors, Markdown links and bare URLs in plain
 * text; links to a place in the same document ("#subprocessors") are not separate pages and are skipped.
 */
export function findSubprocessorLinks(snapshot: PolicySnapshot): SubprocessorLink[] {
  const source = decodePolicyBytes(snapshot.bytes);
  const candidates = snapshot.format === 'html' ? readHtmlLinks(source) : readTextLinks(source, snapshot.format === 'markdown');
  const seen = new Set<string>();
  return candidates.flatMap(({ href, text, foundByContext }) => {
    if (href.startsWith('#') || href === '' || seen.has(href)) return [];
    seen.add(href);
    return [foundByContext ? { href, text, foundByContext } : { href, text }];
  });
}

interface Candidate extends SubprocessorLink {
  title: string;
  /** The link's clause: from the previous link or sentence break to the next, other links' text left out. */
  context: string;
}

/** Where one sentence or clause ends and the next begins. */
const SENTENCE_BREAK = /[.!?](?=\s)|;/g;

/** The clause of a link from the text before it and after it (each up to the neighbouring link). */
function clauseAround(before: string, after: string): string {
  const start = Math.max(0, ...[...before.matchAll(SENTENCE_BREAK)].map((m) => m.index + m[0].length));
  const end = after.search(SENTENCE_BREAK);
  return normaliseBlockText(`${before.slice(start)} ${end < 0 ? after : after.slice(0, end)}`).slice(0, MAX_CONTEXT);
}

/** Marks a link found only by its clause (see {@link SubprocessorLink.foundByContext}); null when nothing announces a list. */
function judge(link: Candidate): Candidate | null {
  if (announcesListByItself(link)) return link;
  const generic = link.text === '' || GENERIC_TEXT.test(link.text.replace(/[.:!]+$/, ''));
  return generic && LIST_WORDS.test(link.context) ? { ...link, foundByContext: true } : null;
}

function announcesListByItself(link: Candidate): boolean {
  let path = link.href;
  try {
    path = decodeURIComponent(link.href.replace(/[?#].*$/, ''));
  } catch {
    // A malformed escape: match the href as written.
  }
  return LIST_WORDS.test(link.text) || LIST_WORDS.test(link.title) || LIST_PATH.test(path);
}

function readHtmlLinks(html: string): Candidate[] {
  const $ = loadCheerio().load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } });
  const links: Candidate[] = [];
  const root = $.root()[0];
  if (root === undefined) return links;
  // Each block's clauses are read once for all its links: a paragraph of 20,000 links stays linear.
  const clausesByBlock = new Map<TextNode, Map<TextNode, string>>();
  for (const element of findHtmlElements(root, 'a')) {
    const anchor = $(element);
    if (anchor.attr('href') === undefined) continue;
    const block = anchor.closest('p, li, td, th, dd, dt, figcaption, blockquote, h1, h2, h3, h4, h5, h6').first()[0];
    let clauses = block ? clausesByBlock.get(block) : undefined;
    if (block && clauses === undefined) {
      clauses = linkClauses(block);
      clausesByBlock.set(block, clauses);
    }
    const link = judge({
      href: (anchor.attr('href') ?? '').trim(),
      text: normaliseBlockText(anchor.text()),
      title: normaliseBlockText(`${anchor.attr('title') ?? ''} ${anchor.attr('aria-label') ?? ''}`),
      context: clauses?.get(element) ?? '',
    });
    if (link) links.push(link);
  }
  return links;
}

/** The part of a parsed HTML node that {@link linkClauses} reads. */
interface TextNode {
  type: string;
  name?: string;
  data?: string;
  children?: TextNode[];
}

/** The clause of each link of a block, from the block's text between it and its neighbouring links. */
function linkClauses(block: TextNode): Map<TextNode, string> {
  const anchors: TextNode[] = [];
  const between: string[] = [''];
  const stack: TextNode[] = [...(block.children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as TextNode;
    if (node.name === 'a') {
      // A link's own text is not part of its neighbours' clauses.
      anchors.push(node);
      between.push('');
      continue;
    }
    if (node.type === 'text') between[between.length - 1] += node.data ?? '';
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return new Map(anchors.map((anchor, i) => [anchor, clauseAround(between[i] ?? '', between[i + 1] ?? '')]));
}

const MARKDOWN_LINK = /(?<!!)\[([^\]\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+"([^"\n]*)")?\s*\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>"'()[\]]+[^\s<>"'()[\].,;:!?]/g;

/** Markdown links, and bare http(s) URLs (the only links plain text has), each judged by its clause of the line. */
function readTextLinks(text: string, markdown: boolean): Candidate[] {
  const links: Candidate[] = [];
  for (const line of text.split(/\r?\n/)) {
    const found: { start: number; end: number; href: string; text: string; title: string }[] = [];
    let rest = line;
    if (markdown) {
      for (const m of line.matchAll(MARKDOWN_LINK)) {
        found.push({ start: m.index, end: m.index + m[0].length, href: m[2] ?? '', text: normaliseBlockText(stripMarkdownInline(m[1] ?? '')), title: m[3] ?? '' });
      }
      // Blanked to the same length, so that bare URLs keep their positions in the line.
      rest = line.replace(MARKDOWN_LINK, (m) => ' '.repeat(m.length));
    }
    for (const m of rest.matchAll(BARE_URL)) found.push({ start: m.index, end: m.index + m[0].length, href: m[0], text: '', title: '' });
    found.sort((a, b) => a.start - b.start);
    const prose = (from: number, to: number): string => (markdown ? stripMarkdownInline(line.slice(from, to)) : line.slice(from, to));
    found.forEach((link, i) => {
      const before = prose(found[i - 1]?.end ?? 0, link.start);
      const after = prose(link.end, found[i + 1]?.start ?? line.length);
      const judged = judge({ href: link.href, text: link.text, title: link.title, context: clauseAround(before, after) });
      if (judged) links.push(judged);
    });
  }
  return links;
}
