import type { RetentionVagueness } from '../model/claim.js';
import { countDecision, createBinaryCounts, scoreBinaryCounts, type BinaryCounts, type BinaryScores } from './binary-scores.js';
import type { Opp115Annotation, Opp115Corpus, Opp115Policy } from './load-opp115-corpus.js';
import { OPP115_CATEGORIES, type Opp115Category, type SegmentPrediction } from './predict-segment-practices.js';
import { predictRetentionClass, RETENTION_VALUES } from './score-opp115.js';

/**
 * How far the corpus's own annotators agree, beside the extractor scored the same way: a reference to read
 * the extractor's figures against. Each annotator in turn is held out; the other annotators' labels on
 * the policy are the gold standard, and both the held-out annotator and the extractor are scored on it.
 */
export type AnnotatorAgreementMeasure =
  | {
      measure: Opp115Category;
      level: 'annotator-agreement';
      /** Held-out annotator × segment decisions counted (each segment once per annotator of its policy). */
      units: number;
      /** One annotator against the union of the others' labels. */
      annotator: BinaryScores;
      /** The extractor against the same union, unit for unit. */
      claimcheck: BinaryScores;
      /** One annotator against the consolidated gold the main measures use (which includes that annotator's own labels). */
      annotatorAgainstConsolidated: BinaryScores;
    }
  | {
      measure: 'Retention Period';
      level: 'annotator-agreement';
      /**
       * Like the main Retention Period accuracy: every annotator's practice with a modelled value is a unit for each
       * other annotator of the policy, who is right when they gave the same value on the segment (no retention
       * label there counts as wrong, as no retention claim does for the extractor).
       */
      perPractice: RetentionAgreement;
      /** Only where both gave a value: each value against the values the other annotators gave the segment. */
      whenBothLabelled: RetentionAgreement;
    };

/** Accuracy of a held-out annotator and of the extractor on the same retention units. */
export interface RetentionAgreement {
  units: number;
  annotatorAccuracy: number | null;
  claimcheckAccuracy: number | null;
}

interface AgreementCounts {
  annotator: BinaryCounts;
  claimcheck: BinaryCounts;
  consolidated: BinaryCounts;
  units: number;
}

/** Looks up the extractor's answer for one segment (computed once, by the main scoring pass). */
export type SegmentPredictionLookup = (policyId: string, segmentIndex: number) => SegmentPrediction | undefined;

/**
 * Scores annotator agreement on a corpus loaded with `annotators: true`. Policies with fewer than two
 * annotators cannot be held out against anyone and are skipped.
 */
export function scoreAnnotatorAgreement(corpus: Opp115Corpus, predictionOf: SegmentPredictionLookup): AnnotatorAgreementMeasure[] {
  const counts = new Map<Opp115Category, AgreementCounts>(
    OPP115_CATEGORIES.map((c) => [c, { annotator: createBinaryCounts(), claimcheck: createBinaryCounts(), consolidated: createBinaryCounts(), units: 0 }]),
  );
  const perPractice = createRetentionCounts();
  const whenBothLabelled = createRetentionCounts();

  for (const policy of corpus.policies) {
    const own = policy.annotatorAnnotations;
    if (own === undefined) throw new Error(`${policy.id}: corpus was loaded without annotator annotations`);
    const annotators = [...new Set(own.map((a) => a.annotator))];
    if (annotators.length < 2) continue;
    const labels = segmentLabelsByAnnotator(own);
    const consolidated = segmentLabels(policy.annotations);
    for (let index = 0; index < policy.segments.length; index++) {
      const prediction = predictionOf(policy.id, index);
      if (prediction === undefined) throw new Error(`${policy.id}: no prediction for segment ${index}`);
      for (const held of annotators) {
        for (const [category, entry] of counts) {
          const heldSays = labels.get(held)?.get(index)?.has(category) ?? false;
          const othersSay = annotators.some((other) => other !== held && (labels.get(other)?.get(index)?.has(category) ?? false));
          entry.units++;
          countDecision(entry.annotator, othersSay, heldSays);
          countDecision(entry.claimcheck, othersSay, prediction.categories.has(category));
          countDecision(entry.consolidated, consolidated.get(index)?.has(category) ?? false, heldSays);
        }
      }
      countRetentionAgreement(policy, index, prediction, perPractice, whenBothLabelled);
    }
  }

  const measures: AnnotatorAgreementMeasure[] = [];
  for (const [category, entry] of counts) {
    measures.push({
      measure: category,
      level: 'annotator-agreement',
      units: entry.units,
      annotator: scoreBinaryCounts(entry.annotator),
      claimcheck: scoreBinaryCounts(entry.claimcheck),
      annotatorAgainstConsolidated: scoreBinaryCounts(entry.consolidated),
    });
  }
  measures.push({ measure: 'Retention Period', level: 'annotator-agreement', perPractice: scoreRetention(perPractice), whenBothLabelled: scoreRetention(whenBothLabelled) });
  return measures;
}

interface RetentionCounts {
  units: number;
  annotatorCorrect: number;
  claimcheckCorrect: number;
}

function createRetentionCounts(): RetentionCounts {
  return { units: 0, annotatorCorrect: 0, claimcheckCorrect: 0 };
}

function scoreRetention(counts: RetentionCounts): RetentionAgreement {
  return { units: counts.units, annotatorAccuracy: ratio(counts.annotatorCorrect, counts.units), claimcheckAccuracy: ratio(counts.claimcheckCorrect, counts.units) };
}

/** The retention values the annotators of a policy gave one segment, practice by practice. */
function countRetentionAgreement(policy: Opp115Policy, index: number, prediction: SegmentPrediction, perPractice: RetentionCounts, whenBothLabelled: RetentionCounts): void {
  const practices: { annotation: Opp115Annotation; value: RetentionVagueness }[] = [];
  for (const annotation of policy.annotatorAnnotations ?? []) {
    if (annotation.segmentIndex !== index || annotation.category !== 'Data Retention') continue;
    const value = RETENTION_VALUES[annotation.attributes['Retention Period']?.value ?? ''];
    if (value !== undefined) practices.push({ annotation, value });
  }
  if (practices.length === 0) return;
  const annotators = new Set((policy.annotatorAnnotations ?? []).map((a) => a.annotator));
  for (const { annotation, value } of practices) {
    // The extractor's answer for this practice, located by the annotator's marked text as in the main measure.
    const predicted = predictRetentionClass(prediction, annotation);
    for (const other of annotators) {
      if (other === annotation.annotator) continue;
      perPractice.units++;
      if (practices.some((p) => p.annotation.annotator === other && p.value === value)) perPractice.annotatorCorrect++;
      if (predicted === value) perPractice.claimcheckCorrect++;
    }
  }
  const segmentClass = predictRetentionClass(prediction, null);
  for (const { annotation, value } of practices) {
    const others = new Set(practices.filter((p) => p.annotation.annotator !== annotation.annotator).map((p) => p.value));
    if (others.size === 0) continue;
    whenBothLabelled.units++;
    if (others.has(value)) whenBothLabelled.annotatorCorrect++;
    if (segmentClass !== 'none' && others.has(segmentClass)) whenBothLabelled.claimcheckCorrect++;
  }
}

function segmentLabelsByAnnotator(annotations: readonly Opp115Annotation[]): Map<string, Map<number, Set<string>>> {
  const byAnnotator = new Map<string, Opp115Annotation[]>();
  for (const annotation of annotations) {
    const list = byAnnotator.get(annotation.annotator) ?? [];
    list.push(annotation);
    byAnnotator.set(annotation.annotator, list);
  }
  return new Map([...byAnnotator].map(([annotator, list]) => [annotator, segmentLabels(list)]));
}

function segmentLabels(annotations: readonly Opp115Annotation[]): Map<number, Set<string>> {
  const labels = new Map<number, Set<string>>();
  for (const annotation of annotations) {
    const set = labels.get(annotation.segmentIndex) ?? new Set<string>();
    set.add(annotation.category);
    labels.set(annotation.segmentIndex, set);
  }
  return labels;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}
