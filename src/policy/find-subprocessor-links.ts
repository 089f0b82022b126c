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
  return candidates.flatMap(({ href, text }) => {
    if (href.startsWith('#') || href === '' || seen.has(href)) return [];
    seen.add(href);
    return [{ href, text }];
  });
}

interface Candidate extends SubprocessorLink {
  title: string;
  context: string;
}

function announcesList(link: Candidate): boolean {
  let path = link.href;
  try {
    path = decodeURIComponent(link.href.replace(/[?#].*$/, ''));
  } catch {
    // A malformed escape: match the href as written.
  }
  if (LIST_WORDS.test(link.text) || LIST_WORDS.test(link.title) || LIST_PATH.test(path)) return true;
  return (link.text === '' || GENERIC_TEXT.test(link.text.replace(/[.:!]+$/, ''))) && LIST_WORDS.test(link.context);
}

function readHtmlLinks(html: string): Candidate[] {
  const $ = loadCheerio().load(html, { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } });
  const links: Candidate[] = [];
  const root = $.root()[0];
  if (root === undefined) return links;
  for (const element of findHtmlElements(root, 'a')) {
    const anchor = $(element);
    if (anchor.attr('href') === undefined) continue;
    const block = anchor.closest('p, li, td, th, dd, dt, figcaption, blockquote, h1, h2, h3, h4, h5, h6');
    const link: Candidate = {
      href: (anchor.attr('href') ?? '').trim(),
      text: normaliseBlockText(anchor.text()),
      title: normaliseBlockText(`${anchor.attr('title') ?? ''} ${anchor.attr('aria-label') ?? ''}`),
      context: block.length > 0 ? normaliseBlockText(block.first().text()).slice(0, MAX_CONTEXT) : '',
    };
    if (announcesList(link)) links.push(link);
  }
  return links;
}

const MARKDOWN_LINK = /(?<!!)\[([^\]\n]*)\]\(\s*<?([^()\s<>]+)>?(?:\s+"([^"\n]*)")?\s*\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>"'()[\]]+[^\s<>"'()[\].,;:!?]/g;

/** Markdown links, and bare http(s) URLs (the only links plain text has), with their line as context. */
function readTextLinks(text: string, markdown: boolean): Candidate[] {
  const links: Candidate[] = [];
  for (const line of text.split(/\r?\n/)) {
    const context = normaliseBlockText(markdown ? stripMarkdownInline(line) : line).slice(0, MAX_CONTEXT);
    let rest = line;
    if (markdown) {
      for (const m of line.matchAll(MARKDOWN_LINK)) {
        const link = { href: m[2] ?? '', text: normaliseBlockText(stripMarkdownInline(m[1] ?? '')), title: m[3] ?? '', context };
        if (announcesList(link)) links.push(link);
      }
      rest = line.replace(MARKDOWN_LINK, ' ');
    }
    for (const m of rest.matchAll(BARE_URL)) {
      const link = { href: m[0], text: '', title: '', context };
      if (announcesList(link)) links.push(link);
    }
  }
  return links;
}
