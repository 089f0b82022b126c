import type { ClaimBase } from '../model/claim.js';
import { findClaimConditions } from './find-claim-conditions.js';
import type { OrganisationMatcher } from './match-organisations.js';
import type { followListLeadIns } from './find-list-lead-ins.js';
import type { SentenceSpan } from './split-sentences.js';

/** Everything a claim extractor may look at for one sentence. */
export interface SentenceContext {
  /** The sentence, with offsets into the extracted text. */
  sentence: SentenceSpan;
  /** Heading path of the section that contains the sentence. */
  sectionPath: string[];
  /** Neighbouring sentences in the same section (hedges often sit in the next sentence). */
  previous: SentenceSpan | null;
  next: SentenceSpan | null;
  /** The text between the previous sentence and this one (spaces, a line break), so a claim may quote both; absent when none. */
  gapBefore?: string;
  /**
   * When the sentence's block is an item of a list, the sentences introducing the list, nearest first
   * ("We may share your information with:"); see {@link followListLeadIns}.
   */
  leadIns?: readonly string[];
  /** Known organisations (entity catalog names) to recognise. */
  organisations: OrganisationMatcher;
  /** Lower-cased names of the policy's own company, never reported as processors. */
  firstPartyNames: readonly string[];
  /** The sentence's links (text as in the sentence, where it starts in the sentence, target as written); absent when none. */
  links?: readonly { text: string; start: number; href: string }[];
  /** Words the policy writes in lower case somewhere (collect-ordinary-words.ts); absent: none known. */
  ordinaryWords?: ReadonlySet<string>;
}

/**
 * Provenance fields shared by every claim of a sentence. `at`, where in the sentence the words that make the claim
 * are (a recipient's name, a period), keeps only the conditions of the claim's own clause.
 */
export function createClaimBase(context: SentenceContext, polarity: ClaimBase['polarity'], at?: number): ClaimBase {
  const conditions = findClaimConditions(context.sentence.text, at);
  return {
    sectionPath: [...context.sectionPath],
    span: { start: context.sentence.start, end: context.sentence.end },
    quote: context.sentence.text,
    polarity,
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

/** The policy's own company: one of its names is this catalogued organisation (Pinterest linking to its help pages). */
export function isOwnCompany(context: SentenceContext, entityId: string): boolean {
  return context.firstPartyNames.some((name) => context.organisations.resolve(name) === entityId);
}
