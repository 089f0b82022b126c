/**
 * Types for the one `natural` module the policy stage loads directly. Importing natural's index pulls
 * in its whole library (about 1 s of start-up and noisy optional dependencies), while the sentence
 * tokenizer file is self-contained; the package has no "exports" map, so the deep path is allowed.
 */
declare module 'natural/lib/natural/tokenizers/sentence_tokenizer.js' {
  /** natural's rule-based sentence tokenizer; returns trimmed sentences in order. */
  export default class SentenceTokenizer {
    constructor(abbreviations?: string[], trimSentences?: boolean);
    tokenize(text: string): string[];
  }
}
