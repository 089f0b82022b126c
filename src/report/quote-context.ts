import type { TextSpan } from '../model/claim.js';
import type { QuoteContext } from '../model/finding.js';
import type { PolicySection } from '../model/policy.js';

/** The extracted text of one snapshot and its sections, as stored. */
export interface PolicyText {
  sha256: string;
  text: string;
  sections: PolicySection[];
}

/**
 * How much section text to show on each side of a quote. Enough for the two or three sentences a
 * reader needs to judge the quote's meaning; long sections are shortened at a sentence or paragraph.
 */
const MAX_CONTEXT_CHARACTERS = 480;

// Places where a shortened context may start or end: a paragraph break or the end of a sentence.
const BOUNDARY = /\n\s*\n|[.!?;:]["'\u201d\u2019)]?\s+/g;

/** The smallest section whose body contains the span; sections nest, and the innermost reads best. */
function findSection(sections: readonly PolicySection[], span: TextSpan): TextSpan | null {
  let best: TextSpan | null = null;
  for (const section of sections) {
    const s = section.span;
    if (s.start <= span.start && span.end <= s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/** The block (blank-line separated) around the span, for text whose sections do not cover it. */
function findBlock(text: string, span: TextSpan): TextSpan {
  const start = text.lastIndexOf('\n\n', span.start);
  const end = text.indexOf('\n\n', span.end);
  return { start: start < 0 ? 0 : start + 2, end: end < 0 ? text.length : end };
}

/** First position at or after `from` (and before `limit`) where a sentence or paragraph begins. */
function findStartBoundary(text: string, from: number, limit: number): number {
  BOUNDARY.lastIndex = from;
  for (let m = BOUNDARY.exec(text); m && m.index + m[0].length <= limit; m = BOUNDARY.exec(text)) {
    if (m.index >= from) return m.index + m[0].length;
  }
  return limit;
}

/** Last position at or before `to` (and after `floor`) where a sentence or paragraph ends. */
function findEndBoundary(text: string, floor: number, to: number): number {
  let best = floor;
  BOUNDARY.lastIndex = floor;
  for (let m = BOUNDARY.exec(text); m && m.index < to; m = BOUNDARY.exec(text)) {
    // Keep the sentence's closing punctuation, drop the whitespace after it.
    const end = m.index + m[0].trimEnd().length;
    if (end <= to) best = end;
  }
  return best;
}

/**
 * Cuts the section text around a quote from the snapshot text. Returns null when the stored span
 * no longer matches the quote (a changed extractor or a damaged database): a context that does not
 * surround the very words quoted would mislead, so none is shown.
 */
export function findQuoteContext(policy: PolicyText, span: TextSpan, quote: string): QuoteContext | null {
  const { text } = policy;
  if (span.start < 0 || span.end > text.length || span.start > span.end || text.slice(span.start, span.end) !== quote) return null;
  const section = findSection(policy.sections, span) ?? findBlock(text, span);
  let start = section.start;
  if (span.start - start > MAX_CONTEXT_CHARACTERS) start = findStartBoundary(text, span.start - MAX_CONTEXT_CHARACTERS, span.start);
  let end = section.end;
  if (end - span.end > MAX_CONTEXT_CHARACTERS) end = findEndBoundary(text, span.end, span.end + MAX_CONTEXT_CHARACTERS);
  return {
    before: text.slice(start, span.start),
    after: text.slice(span.end, end),
    span: { start, end },
    sectionSpan: { start: section.start, end: section.end },
  };
}
