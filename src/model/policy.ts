import type { TextSpan } from './claim.js';

/** The media types we extract from; decided from content type, extension and content sniffing. */
export type PolicyFormat = 'html' | 'markdown' | 'text';

/** Immutable raw bytes of one policy as fetched or read; extraction is a pure function of this. */
export interface PolicySnapshot {
  /** File path or http(s) URL the bytes came from. */
  source: string;
  bytes: Uint8Array;
  sha256: string;
  /** ISO 8601 time the bytes were read or fetched. */
  fetchedAt: string;
  format: PolicyFormat;
  /** The URL the bytes came from after redirects, when it differs from `source` (relative links resolve against it). */
  finalUrl?: string;
  /**
   * The server address the final response came from (http(s) only; absent for files and stored
   * snapshots): whether the policy is on a private network is judged by where it really came from.
   */
  serverAddress?: string;
  /**
   * The date the user declares this copy shows the policy as of (an archived copy, `policy add --as-of`):
   * 'YYYY-MM-DD' or an ISO time in UTC. Absent for a copy read as current; `fetchedAt` is always the real read time.
   */
  declaredDate?: string;
}

/** A section of the policy: a heading path and its blocks of body text. */
export interface PolicySection {
  headingPath: string[];
  /** Span of the section's body (after its heading) in the extracted text. */
  span: TextSpan;
}

/**
 * Plain text extracted from a snapshot, with sections. Blocks (paragraphs, list items, table cells)
 * are separated by blank lines, so sentences never run across blocks.
 */
export interface ExtractedPolicy {
  text: string;
  sections: PolicySection[];
  /** Document title when the source has one. */
  title: string | null;
  /** Links of the text (HTML anchors, Markdown links) whose text could be found in their block; absent when none. */
  links?: PolicyLink[];
}

/** A link in the extracted text: the span of its text and its target as written. */
export interface PolicyLink {
  span: TextSpan;
  href: string;
}
