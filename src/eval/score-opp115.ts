import type { RetentionClaim, RetentionVagueness } from '../model/claim.js';
import type { OrganisationName } from '../policy/extract-claims.js';
import type { SecurityMeasureKind } from '../policy/find-security-measures.js';
import { countDecision, createBinaryCounts, scoreBinaryCounts, type BinaryCounts, type BinaryScores } from './binary-scores.js';
import type { Opp115Annotation, Opp115Attribute, Opp115Corpus } from './load-opp115-corpus.js';
import {
  detectPolicyFirstPartyNames,
  domainOfPolicyId,
  detectSegmentLeadIns,
  OPP115_CATEGORIES,
  predictSegmentPractices,
  type SegmentPrediction,
  type ThirdPartyEntityValue,
} from './predict-segment-practices.js';

/** One line of the evaluation output. */
export type Opp115Measure =
  | ({ measure: string; level: 'segment' | 'attribute'; positives: number; segments: number } & BinaryScores)
  | {
      measure: string;
      level: 'attribute';
      accuracy: number | null;
      correct: number;
      total: number;
      /** Accuracy over the units where the extractor found any retention claim (classification alone). */
      accuracyWhenDetected: number | null;
      detected: number;
      /** gold value → predicted class → count; "none" when no retention claim was found. */
      confusion: Record<string, Record<string, number>>;
    };

/** One disagreement between the annotators and the extractor, for error analysis. */
export interface Opp115Miss {
  policyId: string;
  segmentIndex: number;
  measure: string;
  gold: string;
  predicted: string;
  /** The segment's HTML as in the corpus. */
  segment: string;
}

/** Options of {@link scoreOpp115}. */
export interface ScoreOpp115Options {
  /** Called for every segment-level miss (categories and attribute values) and every wrong Retention Period answer. */
  onMiss?: (miss: Opp115Miss) => void;
  /** Called after each policy, for progress display. */
  onProgress?: (policiesDone: number, policiesTotal: number) => void;
  /** Called with the extractor's answer for every segment, so other measures can reuse it. */
  onSegmentPrediction?: (policyId: string, segmentIndex: number, prediction: SegmentPrediction) => void;
}

/** OPP-115 Retention Period values and the vagueness class each corresponds to. */
export const RETENTION_VALUES: Readonly<Record<string, RetentionVagueness>> = {
  'Stated Period': 'stated',
  Limited: 'limited',
  Indefinitely: 'indefinite',
  Unspecified: 'unspecified',
};
const SECURITY_VALUES: Readonly<Record<string, SecurityMeasureKind>> = {
  'Secure data transfer': 'secure-transfer',
  'Secure data storage': 'secure-storage',
  Generic: 'generic',
};
const ENTITY_VALUES: Readonly<Record<string, ThirdPartyEntityValue>> = {
  'Named third party': 'named',
  'Unnamed third party': 'unnamed',
  'Other part of company/affiliate': 'affiliate',
};
/** When a segment has claims of several classes, the most informative one is its answer. */
const RETENTION_PRECEDENCE: readonly RetentionVagueness[] = ['stated', 'indefinite', 'limited', 'unspecified'];

/**
 * Scores the extractor against a loaded OPP-115 corpus: segment-level P/R/F1 for each mapped category
 * (a segment is positive when any consolidated annotation on it has the category), Retention Period
 * accuracy over consolidated Data Retention practices with a modelled value, and per-value segment
 * P/R/F1 for Security Measure and Third Party Entity. See docs/decisions/opp115-evaluation.md.
 */
export function scoreOpp115(corpus: Opp115Corpus, organisations: readonly OrganisationName[], options: ScoreOpp115Options = {}): Opp115Measure[] {
  const categoryCounts = new Map(OPP115_CATEGORIES.map((c) => [c, createBinaryCounts()] as const));
  const securityCounts = new Map(Object.values(SECURITY_VALUES).map((v) => [v, createBinaryCounts()] as const));
  const entityCounts = new Map(Object.values(ENTITY_VALUES).map((v) => [v, createBinaryCounts()] as const));
  const positives = new Map<string, number>();
  const confusion: Record<string, Record<string, number>> = {};
  const perAnnotation = createAccuracy();
  const perSegment = createAccuracy();
  let segments = 0;

  for (const [policyIndex, policy] of corpus.policies.entries()) {
    options.onProgress?.(policyIndex, corpus.policies.length);
    const bySegment = new Map<number, Opp115Annotation[]>();
    for (const annotation of policy.annotations) {
      const list = bySegment.get(annotation.segmentIndex) ?? [];
      list.push(annotation);
      bySegment.set(annotation.segmentIndex, list);
    }
    const firstPartyNames = detectPolicyFirstPartyNames(policy.segments, organisations, domainOfPolicyId(policy.id));
    const leadIns = detectSegmentLeadIns(policy.segments);
    policy.segments.forEach((segment, index) => {
      segments++;
      const gold = bySegment.get(index) ?? [];
      const prediction = predictSegmentPractices(segment, organisations, firstPartyNames, leadIns[index]);
      options.onSegmentPrediction?.(policy.id, index, prediction);
      for (const category of OPP115_CATEGORIES) {
        const isGold = gold.some((a) => a.category === category);
        if (isGold) positives.set(category, (positives.get(category) ?? 0) + 1);
        const predicted = prediction.categories.has(category);
        countDecision(categoryCounts.get(category) as BinaryCounts, isGold, predicted);
        if (isGold !== predicted) options.onMiss?.({ policyId: policy.id, segmentIndex: index, measure: category, gold: isGold ? 'yes' : 'no', predicted: predicted ? 'yes' : 'no', segment });
      }
      const reportValueMiss = (measure: string, isGold: boolean): void =>
        options.onMiss?.({ policyId: policy.id, segmentIndex: index, measure, gold: isGold ? 'yes' : 'no', predicted: isGold ? 'no' : 'yes', segment });
      countValues(gold, 'Data Security', 'Security Measure', SECURITY_VALUES, prediction.security, securityCounts, positives, reportValueMiss);
      countValues(gold, 'Third Party Sharing/Collection', 'Third Party Entity', ENTITY_VALUES, prediction.thirdPartyEntities, entityCounts, positives, reportValueMiss);
      const segmentValues = new Set<RetentionVagueness>();
      for (const annotation of gold) {
        if (annotation.category !== 'Data Retention') continue;
        const value = annotation.attributes['Retention Period']?.value;
        const expected = value === undefined ? undefined : RETENTION_VALUES[value];
        if (expected === undefined) continue;
        segmentValues.add(expected);
        const predicted = predictRetentionClass(prediction, annotation);
        countAccuracy(perAnnotation, predicted === expected, predicted !== 'none');
        if (predicted !== expected) options.onMiss?.({ policyId: policy.id, segmentIndex: index, measure: 'Retention Period', gold: expected, predicted, segment });
        const row = (confusion[expected] ??= {});
        row[predicted] = (row[predicted] ?? 0) + 1;
      }
      if (segmentValues.size > 0) {
        const predicted = predictRetentionClass(prediction, null);
        countAccuracy(perSegment, predicted !== 'none' && segmentValues.has(predicted), predicted !== 'none');
      }
    });
  }

  const measures: Opp115Measure[] = [];
  for (const [category, counts] of categoryCounts) {
    measures.push({ measure: category, level: 'segment', positives: positives.get(category) ?? 0, segments, ...scoreBinaryCounts(counts) });
  }
  measures.push({ measure: 'Retention Period', level: 'attribute', ...scoreAccuracy(perAnnotation), confusion });
  measures.push({ measure: 'Retention Period (per segment, any annotator)', level: 'attribute', ...scoreAccuracy(perSegment), confusion: {} });
  for (const [name, value] of Object.entries(SECURITY_VALUES)) {
    measures.push({ measure: `Security Measure: ${name}`, level: 'attribute', positives: positives.get(value) ?? 0, segments, ...scoreBinaryCounts(securityCounts.get(value) as BinaryCounts) });
  }
  for (const [name, value] of Object.entries(ENTITY_VALUES)) {
    measures.push({ measure: `Third Party Entity: ${name}`, level: 'attribute', positives: positives.get(value) ?? 0, segments, ...scoreBinaryCounts(entityCounts.get(value) as BinaryCounts) });
  }
  return measures;
}

/** Segment-level decision per attribute value: gold when a practice of the category on the segment has it. */
function countValues<V extends string>(
  gold: readonly Opp115Annotation[],
  category: string,
  attribute: string,
  values: Readonly<Record<string, V>>,
  predicted: ReadonlySet<V>,
  counts: Map<V, BinaryCounts>,
  positives: Map<string, number>,
  onMiss: (measure: string, isGold: boolean) => void,
): void {
  const goldValues = new Set<V>();
  for (const annotation of gold) {
    if (annotation.category !== category) continue;
    const mapped = values[annotation.attributes[attribute]?.value ?? ''];
    if (mapped !== undefined) goldValues.add(mapped);
  }
  for (const [name, value] of Object.entries(values)) {
    if (goldValues.has(value)) positives.set(value, (positives.get(value) ?? 0) + 1);
    countDecision(counts.get(value) as BinaryCounts, goldValues.has(value), predicted.has(value));
    // Named as in the measure lines ("Third Party Entity: Named third party"), so --misses takes the same name.
    if (goldValues.has(value) !== predicted.has(value)) onMiss(`${attribute}: ${name}`, goldValues.has(value));
  }
}

/**
 * Our class for one annotated practice: among the segment's retention claims, those whose sentence
 * contains the text the annotator marked for Retention Period decide; failing that, those containing
 * any text marked for the practice (data type, purpose); otherwise all of the segment's. The period's
 * own span comes first because a short data-type mark ("your information") also occurs in sentences
 * about other retention practices of the same segment.
 */
export function predictRetentionClass(prediction: SegmentPrediction, annotation: Opp115Annotation | null): RetentionVagueness | 'none' {
  const answers: RetentionAnswer[] = [
    // Only the service's own retention, as for the Data Retention category (predict-segment-practices.ts).
    ...prediction.claims.filter((c): c is RetentionClaim => c.kind === 'retention' && c.holder.kind === 'service').map((c) => ({ quote: c.quote, vagueness: classOf(c) })),
    ...prediction.cookieLifetimes.map((l) => ({ quote: l.sentence, vagueness: l.vagueness })),
  ];
  if (answers.length === 0) return 'none';
  const locate = (attributes: readonly Opp115Attribute[]): RetentionAnswer[] => {
    const marks = attributes.map((a) => (a.selectedText === null ? '' : normalise(a.selectedText))).filter((t) => t.length >= 3);
    return answers.filter((c) => marks.some((mark) => overlapsText(normalise(c.quote), mark)));
  };
  const period = annotation?.attributes['Retention Period'];
  const byPeriod = period === undefined ? [] : locate([period]);
  const located = byPeriod.length > 0 ? byPeriod : locate(Object.values(annotation?.attributes ?? {}));
  const pool = located.length > 0 ? located : answers;
  return RETENTION_PRECEDENCE.find((v) => pool.some((c) => c.vagueness === v)) ?? 'none';
}

/** A retention claim or a cookie lifetime: the sentence that says it and its class. */
interface RetentionAnswer {
  quote: string;
  vagueness: RetentionVagueness;
}

/** OPP-115 labels a denial ("we do not store this information") as a Stated Period (of zero). */
function classOf(claim: RetentionClaim): RetentionVagueness {
  return claim.polarity === 'negative' && claim.vagueness === 'unspecified' ? 'stated' : claim.vagueness;
}

function overlapsText(quote: string, mark: string): boolean {
  return quote.includes(mark) || mark.includes(quote) || quote.includes(mark.slice(0, 40));
}

function normalise(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

interface AccuracyCounts {
  correct: number;
  total: number;
  detected: number;
  correctWhenDetected: number;
}

function createAccuracy(): AccuracyCounts {
  return { correct: 0, total: 0, detected: 0, correctWhenDetected: 0 };
}

function countAccuracy(counts: AccuracyCounts, correct: boolean, detected: boolean): void {
  counts.total++;
  if (correct) counts.correct++;
  if (detected) {
    counts.detected++;
    if (correct) counts.correctWhenDetected++;
  }
}

function scoreAccuracy(counts: AccuracyCounts): { accuracy: number | null; correct: number; total: number; accuracyWhenDetected: number | null; detected: number } {
  const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
  return {
    accuracy: ratio(counts.correct, counts.total),
    correct: counts.correct,
    total: counts.total,
    accuracyWhenDetected: ratio(counts.correctWhenDetected, counts.detected),
    detected: counts.detected,
  };
}
