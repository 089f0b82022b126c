import type { ExtractedPolicy, PolicySnapshot } from '../model/policy.js';
import { extractHtmlText } from './extract-html-text.js';
import { extractMarkdownText } from './extract-markdown-text.js';
import { extractPlainText } from './extract-plain-text.js';

/**
 * Turns a snapshot's bytes into plain text with sections. A pure function of the snapshot, so an
 * improved extractor can be re-run over stored snapshots without refetching. Bytes are decoded as
 * UTF-8 (invalid sequences become U+FFFD rather than failing: a policy with one bad byte is still a policy).
 */
export function extractPolicyText(snapshot: PolicySnapshot): ExtractedPolicy {
  const source = decodePolicyBytes(snapshot.bytes).replace(/^\uFEFF/, '');
  switch (snapshot.format) {
    case 'html':
      return extractHtmlText(source);
    case 'markdown':
      return extractMarkdownText(source);
    case 'text':
      return extractPlainText(source);
  }
}

/** UTF-8, or the charset an HTML meta tag / XML prolog declares in the first 2 KB when Node knows it. */
export function decodePolicyBytes(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  if (label !== undefined && !/^utf-?8$/i.test(label)) {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // Unknown label: fall through to UTF-8, the overwhelmingly common case.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
