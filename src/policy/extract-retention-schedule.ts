/**
 * Retention schedules: policies often state how long they keep each kind of data as a table or a list under a
 * heading ("How long we keep your data": "Voice recordings | Up to 72 hours", "Server logs: 13 months") or after a
 * lead-in ("We retain the following data for the periods below:"). A row has no verb of its own, so the sentence
 * reader finds nothing in it, and a policy whose only periods sit in such a table read as saying nothing about how
 * long data is kept. Each row is read as the sentence it abbreviates ("We retain voice recordings for up to 72
 * hours"), by the same reader, and quoted as written.
 */
import type { RetentionClaim } from '../model/claim.js';
import { extractRetentionClaims } from './extract-retention-claims.js';
import { findRetentionPeriods } from './find-retention-periods.js';
import type { SentenceContext } from './sentence-context.js';

/**
 * A heading or lead-in about keeping data. Not deletion alone: a "Deletion requests" table lists response times, and
 * a row that deletes ("deleted after 90 days") is read by the sentence reader already.
 */
const RETENTION_CONTEXT = /\b(?:retention|retain\w*|keep|kept|how\s+long|storage\s+(?:period|duration|limitation)s?)\b/i;
/** Cookie tables give lifetimes on the reader's device, which are not the service's retention (find-cookie-lifetimes.ts). */
const COOKIES = /\b(?:cookies?|local\s+storage|pixels?|SDKs?|trackers?)\b/i;
/** "Voice recordings: up to 72 hours", "| Server logs | 13 months |", "- Account data – life of the account". */
const ROW = /^[\s|*•-]*([^:|–—]{2,80}?)\s*(?::|\||\s[–—]\s)\s*(.+?)[\s|.]*$/;
/** The rest of a row that reads on after "We retain X" without a "for": "until …", "as long as …". */
const OWN_PREPOSITION = /^(?:for|until|till|while|as\s+long|during|within|up\s+to|no\s+longer|not|indefinitely|permanently|temporarily|only)\b/i;
/** Limits a row may give without a number. */
const LIMIT_WORDS = /\b(?:until|while|as\s+long\s+as|life(?:time)?\s+of|duration\s+of|indefinitely|permanently|temporarily|deleted|closed|terminat\w+)\b/i;

/**
 * Retention claims of a schedule row, quoted as the row; [] when the sentence is not such a row (no retention
 * heading or lead-in, no "kind: period" shape, or no period or limit in it).
 */
export function extractRetentionScheduleClaims(context: SentenceContext): RetentionClaim[] {
  const text = context.sentence.text;
  const row = readScheduleRow(context);
  if (row === null) return [];
  const { kind, rest } = row;
  if (findRetentionPeriods(rest).length === 0 && !LIMIT_WORDS.test(rest)) return [];
  const sentence = `We retain ${kind} ${OWN_PREPOSITION.test(rest) ? '' : 'for '}${rest}.`;
  const read = extractRetentionClaims({ ...context, sentence: { ...context.sentence, text: sentence } });
  // The row's own words are the trigger ("Life of the account plus 30 days"), not the reading's "30 days".
  return read.map((claim) => ({ ...claim, dataKind: kind, trigger: rest, quote: text, span: { start: context.sentence.start, end: context.sentence.end } }));
}

/** A schedule row's data kind and the rest of the row, or null when the sentence is no row of a retention schedule. */
function readScheduleRow(context: SentenceContext): { kind: string; rest: string } | null {
  const text = context.sentence.text;
  const inSchedule = context.sectionPath.some((heading) => RETENTION_CONTEXT.test(heading)) || (context.leadIns ?? []).some((leadIn) => RETENTION_CONTEXT.test(leadIn));
  if (!inSchedule || [text, ...context.sectionPath, ...(context.leadIns ?? [])].some((t) => COOKIES.test(t))) return null;
  const row = ROW.exec(text);
  const kind = row?.[1]?.trim();
  const rest = row?.[2]?.trim();
  if (kind === undefined || rest === undefined || kind.split(/\s+/).length > 8) return null;
  return { kind, rest };
}

/**
 * A row the sentence reader already understood ("Heart rate and sleep data: until you delete them") keeps the row's
 * data kind, not the one noun the reader found in it ("data").
 */
export function withScheduleRowKind(context: SentenceContext, claims: readonly RetentionClaim[]): RetentionClaim[] {
  const row = readScheduleRow(context);
  // "Note: we keep it until …" is a label before a sentence, not a kind of data.
  // A clause before a dash ("If location information is associated with a Snap – like …") is no row label either.
  if (row === null || /^(?:please\s+)?(?:note|important|example|exceptions?|summary|in\s+short|tl;?dr)$/i.test(row.kind) || /\b(?:is|are|was|were|be|been|if|when|where|we|you|our)\b/i.test(row.kind)) {
    return [...claims];
  }
  const kind = row.kind;
  return claims.map((claim) => (claim.dataKind === null || kind.toLowerCase().includes(claim.dataKind.toLowerCase()) ? { ...claim, dataKind: kind } : claim));
}
