import type { ExtractedPolicy } from '../model/policy.js';
import { PolicyTextBuilder } from './policy-text-builder.js';

const BULLET = /^\s*(?:[-*•‣◦▪–]|\(?[a-z0-9]{1,3}[.)])\s+/i;
const NUMBERED_HEADING = /^(?:(?:section|article|part)\s+)?(\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,5}|[A-Z])[.)]?\s+(\S.*)$/i;

/**
 * Extracts plain text: blank lines separate paragraphs, bullet lines start new blocks, and short
 * ALL-CAPS or numbered title lines ("3. HOW WE SHARE", "2.1 Retention") become headings. Lines of
 * one paragraph are joined with spaces because plain-text policies are often hard-wrapped.
 */
export function extractPlainText(source: string): ExtractedPolicy {
  const builder = new PolicyTextBuilder();
  const paragraphs = source.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/);
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
    let block: string[] = [];
    const flush = (): void => {
      if (block.length > 0) builder.addBlock(block.join(' '));
      block = [];
    };
    lines.forEach((line, index) => {
      const heading = index === 0 ? classifyHeadingLine(line, lines.length === 1) : null;
      if (heading !== null) {
        builder.addHeading(heading.level, heading.text);
      } else if (BULLET.test(line) && !NUMBERED_HEADING_ONLY_NUMBER.test(line)) {
        flush();
        block.push(line.replace(BULLET, ''));
      } else {
        block.push(line.trim());
      }
    });
    flush();
  }
  return builder.build();
}

// "2020. We ..." would look like a numbered item; four-digit numbers are years, not item numbers.
const NUMBERED_HEADING_ONLY_NUMBER = /^\s*\d{4}[.)]\s/;

/**
 * A line is a heading when it is short, does not end like a sentence, and is either in capitals
 * or numbered. The first line of a multi-line paragraph must be in capitals or numbered to count,
 * since ordinary sentences never are.
 */
function classifyHeadingLine(line: string, standalone: boolean): { level: number; text: string } | null {
  const text = line.trim();
  if (text.length === 0 || text.length > 90) return null;
  const words = text.split(/\s+/);
  if (words.length > 12) return null;
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = text.replace(/[^\p{Lu}]/gu, '');
  const isAllCaps = letters.length >= 3 && upper.length === letters.length;
  const numbered = NUMBERED_HEADING.exec(text);
  const endsLikeSentence = /[,;]$/.test(text) || (/[.!?]$/.test(text) && words.length > 6);
  if (endsLikeSentence) return null;
  if (numbered) {
    const title = numbered[2] ?? '';
    // A numbered title starts with a capital and is short; "1. we collect data from you and" is a list item.
    if (!/^\p{Lu}/u.test(title) || title.split(/\s+/).length > 8 || /[.!?:]$/.test(title)) return null;
    const depth = /^\d/.test(numbered[1] ?? '') ? (numbered[1] ?? '').split('.').length : 1;
    return { level: Math.min(depth, 6), text };
  }
  if (isAllCaps) return { level: 1, text };
  // Title Case lines standing alone ("Data Retention") are headings too, but only when short.
  if (standalone && words.length <= 6 && !/[.!?:]$/.test(text) && words.every((w) => /^[\p{Lu}\d&(]|^(of|and|or|the|to|for|in|on|with|a|an|your|our|we)$/u.test(w))) {
    return { level: 2, text };
  }
  return null;
}
