import type { PolicyFormat } from '../model/policy.js';

/** Why a byte sequence is not a policy document, or null when it looks like text. */
export type NotTextReason = 'empty' | 'binary';

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text']);

/**
 * Decides whether bytes can be a text document at all. Checked on the first 8 KB only: NUL bytes,
 * a high share of control characters or invalid UTF-8 mean a binary file (PDF, image, archive).
 */
export function detectNotText(bytes: Uint8Array): NotTextReason | null {
  const head = bytes.subarray(0, 8192);
  const text = new TextDecoder('utf-8').decode(head);
  if (text.trim().length === 0) return 'empty';
  let control = 0;
  let replacement = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i] ?? 0;
    if (b === 0) return 'binary';
    // Tabs, newlines, carriage returns and form feeds are ordinary in text files.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  for (const ch of text) if (ch === '\uFFFD') replacement++;
  // A truncated multi-byte character at the 8 KB cut gives at most one replacement character.
  // A few stray control bytes (an ESC pasted from a terminal) do not make a short document binary.
  if (control > Math.max(8, head.length * 0.02) || replacement > Math.max(2, text.length * 0.02)) return 'binary';
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'binary'; // %PDF
  return null;
}

/**
 * Picks the format from, in order: the content type (when it is specific), the file extension,
 * then the content itself. Content sniffing wins over a generic `text/plain` because servers and
 * file names often lie in that direction (HTML served as text/plain), rarely the other way.
 */
export function detectPolicyFormat(
  bytes: Uint8Array,
  hints: { contentType?: string | null; path?: string | null } = {},
): PolicyFormat {
  const contentType = (hints.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType === 'text/html' || contentType === 'application/xhtml+xml') return 'html';
  if (contentType === 'text/markdown' || contentType === 'text/x-markdown') return 'markdown';

  const path = (hints.path ?? '').toLowerCase().replace(/[?#].*$/, '');
  const dot = path.lastIndexOf('.');
  const extension = dot >= 0 && dot > path.lastIndexOf('/') ? path.slice(dot) : '';
  if (HTML_EXTENSIONS.has(extension)) return 'html';
  if (MARKDOWN_EXTENSIONS.has(extension)) return 'markdown';

  const sniffed = sniffPolicyFormat(bytes);
  if (sniffed === 'html') return 'html';
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  return sniffed;
}

/** Content-only guess: HTML tags near the start, else Markdown block syntax, else plain text. */
export function sniffPolicyFormat(bytes: Uint8Array): PolicyFormat {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 16384));
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 1024).toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/.test(start)) return 'html';
  if (/<(html|body)[\s>]/i.test(head) || /<!doctype\s+html/i.test(head)) return 'html';

  const lines = head.split(/\r?\n/);
  let markdownSignals = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^ {0,3}#{1,6}\s+\S/.test(line)) markdownSignals += 2;
    else if (/^ {0,3}(=+|-+)\s*$/.test(line) && (lines[i - 1] ?? '').trim() !== '') markdownSignals += 2;
    else if (/^\s*[*+-]\s+\S/.test(line)) markdownSignals += 1;
    else if (/\[[^\]]+\]\([^)\s]+\)/.test(line) || /\*\*[^*]+\*\*/.test(line)) markdownSignals += 1;
    else if (/^\s*\|.*\|\s*$/.test(line)) markdownSignals += 1;
  }
  return markdownSignals >= 2 ? 'markdown' : 'text';
}
