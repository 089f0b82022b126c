import { findRetentionPeriods } from '../policy/find-retention-periods.js';
import eventBound from './event-bound-retention.json' with { type: 'json' };

/**
 * Who decides when a retention limit without a period ends. 'reader': the reader causes the end or sees it happen,
 * so the limit is a definite answer for them ("until you delete it", "while your account is active", "until your
 * ticket is closed", "until the end of the call"). 'company': only the company knows when it comes ("as long as
 * necessary", "until the investigation is complete", "until the retention period expires"). 'period': a stated
 * length ("then for 30 days" after an event), which is definite whoever starts it.
 */
export type RetentionEnd = 'reader' | 'company' | 'period';

const READER_THING = new RegExp(`\\b(?:${eventBound.readerThings.join('|')})s?\\b`, 'i');
/**
 * The reader as the subject of the limit's verb: "until you delete", "as long as you use", "once you have asked us".
 * Not "with you" or "to provide you": there the company acts and the reader is its object.
 */
const READER_ACTS = /(?<!\b(?:with|to|for|about|from|by|of|at|on|provide|serve|give|send|show|contact|tell|notify)\s)\byou\b(?!['’])/i;
/** "until we receive your request", "your instructions": the reader's own request ends it. */
const READER_REQUEST = /\byour\s+(?:[\p{L}-]+\s+)?(?:request|instructions?)\b/iu;

/** Who ends one limit phrase of a claim's trigger. */
export function readRetentionEnd(phrase: string): RetentionEnd {
  // "a few weeks" is a length with no number: as vague as "for a limited time".
  if (findRetentionPeriods(phrase).some((p) => p.days !== null)) return 'period';
  if (READER_ACTS.test(phrase) || READER_REQUEST.test(phrase) || READER_THING.test(phrase)) return 'reader';
  return 'company';
}

/**
 * Whether the reader can tell when data kept under a limited claim is gone: every limit phrase of its trigger (they are
 * separated by ";") ends with something the reader causes or sees, or is a stated period. One end only the company
 * decides ("for the lifetime of your account; as long as necessary") leaves the real end to the company.
 */
export function isReaderBound(trigger: string): boolean {
  const ends = trigger.split(';').map((p) => p.trim()).filter((p) => p !== '').map(readRetentionEnd);
  return ends.includes('reader') && ends.every((end) => end !== 'company');
}
