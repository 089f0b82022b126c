import type { TextSpan } from '../model/claim.js';
import { splitSentences } from './split-sentences.js';

/**
 * Sentences that name a topic instead of stating a practice. Headings and tables of contents ask
 * questions ("What security measures do we take?", "WITH WHOM DO WE SHARE YOUR INFORMATION?"),
 * introductions announce what the policy covers ("This policy explains how we collect, use and share
 * information"), and California "Shine the Light" paragraphs describe what a reader may ask about
 * disclosures ("you may request a list of the third parties to whom we disclosed …"). None of them says
 * that anything is done; the finders and extractors that read practices skip the words they contain.
 */

/**
 * A sentence opening like a question, for headings written without a question mark ("How do I know my
 * information is safe"). "When"/"where" open conditions and "Do not …" gives advice, so neither counts.
 */
const QUESTION_OPENING =
  /^\W*(?:(?:how|what|which|who|whom|with\s+whom|to\s+whom|why)\b|(?:do|does|is|are|can|will|may|should)\s+(?:we|you|i|they|it|this|the|our|your|my)\b)/i;

/**
 * Openings that only ever name a topic, whatever punctuation ends them: tables of contents written as
 * sentences ("What types of security procedures are in place to protect … .", "With whom RedOrbit, Inc.
 * may share user information."). A statement never opens with "what kinds of" or "with whom". In
 * capitals it is a heading that the sentence splitter left fused with the statement after it ("WITH WHOM
 * WE SHARE INFORMATION ABOUT YOU Within SIDEARM Sports … we will not sell"), so it does not count.
 */
const TOPIC_OPENING = /^\W*(?:what\s+(?:types?|kinds?|sorts?|categories)\s+of|with\s+whom|to\s+whom)\b/i;

/**
 * "This policy also tells you …", "this statement discloses …", "we want you to understand how …",
 * "to inform visitors how …", "under what circumstances, if any, we disclose it".
 */
const POLICY_OVERVIEW =
  /\b(?:(?:this|our|the|following)\s+(?:online\s+)?(?:privacy\s+)?(?:policy|statement|notice)\s+(?:\w+\s+){0,3}?(?:explains?|describes?|tells?|covers?|details?|discloses|sets?\s+(?:out|forth)|outlines?|informs?)|(?:inform|explain\s+to|tell)\s+(?:you|visitors|users)\b[^.;]{0,60}?\bhow|want\s+you\s+to\s+(?:know|understand)\b[^.;]{0,40}?\bhow|under\s+what\s+circumstances)\b/i;

/**
 * "request … a list of the third parties to whom we have disclosed", "obtain certain information
 * regarding our disclosure", "requests … asking about the business's practices related to disclosing", "right to
 * request a disclosure about the categories of personal information we have collected about you and the categories of
 * third parties we have shared it with" (a comma ends the reach: "receive legal requests for information …, be
 * required to share data with authorities" is a practice):
 * the right to ask, not a disclosure.
 */
const RIGHTS_REQUEST =
  /\b(?:request|requests|obtain|receive|asking\s+about|right\s+to\s+(?:know|request|receive|obtain))\b(?:[\s,]+(?!(?:when|if|where|whether|because|unless|that|which|who)\b)[\w'’]+){0,12}?[\s,]+(?:list|information|notice|details|practices|categories|description|disclosure)(?:\s+from\s+us)?\s+(?:of|about|regarding|concerning|describing|identifying|related\s+to|as\s+to)\b[^.;,]{0,160}?\b(?:disclos\w*|shar(?:e|ed|es|ing))\b/i;

/**
 * The parts of a text that name topics: whole questions, and each announcement of the policy's
 * contents or of the reader's right to ask about disclosures from where it starts to the end of its
 * sentence (what precedes it in the sentence may still state a practice). Sorted by position.
 * `overviews: false` keeps announcements: "this policy covers information that we share with our
 * partners" still says who receives data.
 */
export function findTopicSpans(text: string, options: { overviews?: boolean } = {}): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const sentence of splitSentences(text)) {
    if (isQuestion(sentence.text)) {
      spans.push({ start: sentence.start, end: sentence.end });
      continue;
    }
    const overview = options.overviews === false ? -1 : findPolicyOverview(sentence.text);
    const starts = [overview, findRightsRequest(sentence.text)].filter((i) => i >= 0);
    if (starts.length > 0) spans.push({ start: sentence.start + Math.min(...starts), end: sentence.end });
  }
  return spans;
}

/** True when [start, end) lies inside one of the spans. */
export function isWithin(spans: readonly TextSpan[], start: number, end: number): boolean {
  return spans.some((span) => span.start <= start && end <= span.end);
}

/** True when a sentence is a question or a heading worded as one. */
export function isQuestion(sentence: string): boolean {
  const trimmed = sentence.trim();
  const topicOpening = TOPIC_OPENING.exec(trimmed)?.[0];
  const isTopicOpening = topicOpening !== undefined && topicOpening !== topicOpening.toUpperCase();
  return trimmed.endsWith('?') || isTopicOpening || (QUESTION_OPENING.test(trimmed) && !/[.!:;]$/.test(trimmed));
}

/** Where the announcement of the policy's topics starts in a sentence (words after it name topics), or -1. */
export function findPolicyOverview(sentence: string): number {
  return POLICY_OVERVIEW.exec(sentence)?.index ?? -1;
}

/** Where a description of the reader's right to ask about disclosures starts in a sentence, or -1. */
export function findRightsRequest(sentence: string): number {
  return RIGHTS_REQUEST.exec(sentence)?.index ?? -1;
}
