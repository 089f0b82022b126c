import SentenceTokenizer from 'natural/lib/natural/tokenizers/sentence_tokenizer.js';
import type { TextSpan } from '../model/claim.js';
import abbreviations from './lexicons/abbreviations.json' with { type: 'json' };

/** One sentence: `text === source.slice(start, end)`. */
export interface SentenceSpan extends TextSpan {
  text: string;
}

/**
 * natural's tokenizer is given no abbreviation list: it matches abbreviations as case-insensitive
 * substrings ("co." inside "disco."), so abbreviations are handled in {@link mergeFalseBreaks}
 * instead, as whole tokens.
 */
const tokenizer = new SentenceTokenizer([], true);

/** natural's placeholder reversal is quadratic in a chunk's sentence count; long blocks are cut first. */
const MAX_CHUNK = 2000;

/**
 * The longest sentence rebuilt from chunks cut inside it: a sentence naming 2,000 companies fits; a block of text
 * with no sentence end for longer (minified script, a data dump) stays cut into pieces.
 */
export const MAX_JOINED_SENTENCE = 50_000;

const ALWAYS = new Set(abbreviations.always);
const UNLESS_CAPITALISED = new Set(abbreviations.unlessCapitalised);
const SENTENCE_STARTERS = new Set(abbreviations.sentenceStarters);

/**
 * Splits text into sentences with exact character offsets. Blocks (separated by line breaks in
 * extracted text) are split independently, so a sentence never spans two paragraphs, list items or
 * table rows. natural's SentenceTokenizer proposes the breaks; each returned sentence is located in
 * the source, and breaks that natural gets wrong (after "e.g.", "Inc.", inside "example.com", before
 * a lower-case word) are undone.
 */
export function splitSentences(text: string, range: TextSpan = { start: 0, end: text.length }): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  const blockPattern = /[^\n]+/g;
  blockPattern.lastIndex = range.start;
  const end = Math.min(range.end, text.length);
  for (let match = blockPattern.exec(text); match !== null && match.index < end; match = blockPattern.exec(text)) {
    const blockStart = match.index;
    const blockEnd = Math.min(blockStart + match[0].length, end);
    const spans: TextSpan[] = [];
    for (const chunk of chunkBlock(text, blockStart, blockEnd)) {
      const chunkSpans = tokenizeChunk(text, chunk);
      // A chunk cut at a space, not at a sentence end, cut a sentence in two: join the halves again, or the
      // part after the cut loses its lead-in ("We share your information with …") and its names their claims.
      const last = spans[spans.length - 1];
      const first = chunkSpans[0];
      if (chunk.afterForcedCut && last !== undefined && first !== undefined && first.end - last.start <= MAX_JOINED_SENTENCE) {
        spans[spans.length - 1] = { start: last.start, end: first.end };
        chunkSpans.shift();
      }
      spans.push(...chunkSpans);
    }
    for (const span of mergeFalseBreaks(text, spans)) sentences.push({ ...span, text: text.slice(span.start, span.end) });
  }
  return sentences;
}

/** A chunk of a block; `afterForcedCut` when the cut before it fell inside a sentence (no sentence end in reach). */
interface Chunk extends TextSpan {
  afterForcedCut: boolean;
}

/** Cuts a long block at likely sentence ends (". " + capital) so each chunk stays under MAX_CHUNK. */
function chunkBlock(text: string, start: number, end: number): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = start;
  let forced = false;
  while (end - chunkStart > MAX_CHUNK) {
    const window = text.slice(chunkStart, chunkStart + MAX_CHUNK);
    let cut = -1;
    const boundary = /[.!?]["'”’)\]]?\s+(?=[\p{Lu}\d"“(])/gu;
    for (let m = boundary.exec(window); m !== null; m = boundary.exec(window)) cut = m.index + m[0].length;
    const atSentenceEnd = cut > 0;
    if (cut <= 0) cut = window.lastIndexOf(' ') + 1;
    if (cut <= 0) cut = MAX_CHUNK;
    chunks.push({ start: chunkStart, end: chunkStart + cut, afterForcedCut: forced });
    forced = !atSentenceEnd;
    chunkStart += cut;
  }
  chunks.push({ start: chunkStart, end, afterForcedCut: forced });
  return chunks;
}

function tokenizeChunk(text: string, chunk: TextSpan): TextSpan[] {
  const source = text.slice(chunk.start, chunk.end);
  const spans: TextSpan[] = [];
  let cursor = 0;
  for (const sentence of tokenizer.tokenize(source)) {
    if (sentence === '') continue;
    const at = source.indexOf(sentence, cursor);
    // natural rewrites text through placeholders; if the source itself contains something that looks
    // like one, its output no longer matches the input and the chunk is split by a plain rule instead.
    if (at < 0) return splitChunkPlainly(text, chunk);
    spans.push({ start: chunk.start + at, end: chunk.start + at + sentence.length });
    cursor = at + sentence.length;
  }
  return spans;
}

function splitChunkPlainly(text: string, chunk: TextSpan): TextSpan[] {
  const spans: TextSpan[] = [];
  const pattern = /\S[^]*?(?:[.!?…]+["'”’)\]]*(?=\s|$)|$)/g;
  const source = text.slice(chunk.start, chunk.end);
  for (let m = pattern.exec(source); m !== null && m[0] !== ''; m = pattern.exec(source)) {
    const trimmed = m[0].trimEnd();
    spans.push({ start: chunk.start + m.index, end: chunk.start + m.index + trimmed.length });
  }
  return spans;
}

/** Rejoins adjacent spans that natural split at something other than a sentence end. */
function mergeFalseBreaks(text: string, spans: TextSpan[]): TextSpan[] {
  const merged: TextSpan[] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && isFalseBreak(text, previous, span)) previous.end = span.end;
    else merged.push({ ...span });
  }
  return merged;
}

function isFalseBreak(text: string, previous: TextSpan, next: TextSpan): boolean {
  // "bsky.social", "3.a.Examples": the period was inside a token.
  if (next.start === previous.end) return true;
  const before = text.slice(previous.start, previous.end);
  const nextFirst = text.slice(next.start, next.start + 1);
  const lastToken = /(\S+)$/.exec(before)?.[1] ?? '';
  const startsUpper = /\p{Lu}/u.test(nextFirst);
  // A sentence does not start with a lower-case word or closing/continuing punctuation.
  if (/[\p{Ll},;:)\]}]/u.test(nextFirst)) return true;
  // Enumerators such as "1." or "(a)" at the start of a block are part of the item.
  if (/^\(?[\dA-Za-z]{1,3}[.)]$/.test(before.trim()) && !/^[A-Z][a-z]/.test(lastToken)) return true;
  const token = lastToken.replace(/^[("“'‘[]+/, '');
  if (ALWAYS.has(token)) return true;
  // After "Inc." / "U.S." (also inside "EU-U.S.") a new sentence starts only with a typical first
  // word; "EU-U.S. Data Privacy Framework" and "WeChat International Pte. Ltd." stay whole.
  const abbreviated = UNLESS_CAPITALISED.has(token) || /(?:^|-)U\.[SK]\.$/.test(token);
  if (abbreviated && !startsUpper) return true;
  const nextWord = /^[\p{L}]+/u.exec(text.slice(next.start, next.end))?.[0] ?? '';
  if (abbreviated && !SENTENCE_STARTERS.has(nextWord)) return true;
  return false;
}

/**
 * One warning line for passages longer than MAX_JOINED_SENTENCE with no sentence end, which sentence splitting
 * reads in pieces (a name after a cut loses its sentence's lead-in, so its claim can be missing), or null. Said, so
 * that a policy is never read short silently.
 */
export function describeOverlongPassages(text: string): string | null {
  const starts: number[] = [];
  const blockPattern = /[^\n]+/g;
  for (let match = blockPattern.exec(text); match !== null; match = blockPattern.exec(text)) {
    const chunks = chunkBlock(text, match.index, match.index + match[0].length);
    // A run of chunks joined by cuts inside a sentence: longer than the limit, it stays cut (see splitSentences).
    let runStart = chunks[0]?.start ?? 0;
    for (const chunk of chunks) {
      if (!chunk.afterForcedCut) runStart = chunk.start;
      else if (chunk.end - runStart > MAX_JOINED_SENTENCE && starts[starts.length - 1] !== runStart) starts.push(runStart);
    }
  }
  if (starts.length === 0) return null;
  const where = starts.slice(0, 3).map((s) => `character ${s.toLocaleString('en-US')}`).join(', ');
  return `${starts.length === 1 ? 'a passage' : `${starts.length} passages`} (from ${where}${starts.length > 3 ? ', …' : ''}) ${starts.length === 1 ? 'runs' : 'run'} more than ${MAX_JOINED_SENTENCE.toLocaleString('en-US')} characters without a sentence end and ${starts.length === 1 ? 'was' : 'were'} read in pieces: names after a cut may have no claim`;
}
