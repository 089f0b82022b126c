/** Counts of one binary decision over many units (segments, annotations). */
export interface BinaryCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/** Precision, recall and F1 of some counts; a ratio with a zero denominator is reported as null, not as 0 or 1. */
export interface BinaryScores extends BinaryCounts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Empty counts to add decisions to. */
export function createBinaryCounts(): BinaryCounts {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
}

/** Adds one unit's decision: `gold` is the annotators' answer, `predicted` ours. */
export function countDecision(counts: BinaryCounts, gold: boolean, predicted: boolean): void {
  if (gold && predicted) counts.truePositives++;
  else if (predicted) counts.falsePositives++;
  else if (gold) counts.falseNegatives++;
}

/** Precision, recall and F1 rounded to four decimals. */
export function scoreBinaryCounts(counts: BinaryCounts): BinaryScores {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts;
  const precision = tp + fp === 0 ? null : tp / (tp + fp);
  const recall = tp + fn === 0 ? null : tp / (tp + fn);
  const f1 = precision === null || recall === null || precision + recall === 0 ? (tp === 0 && (fp > 0 || fn > 0) ? 0 : null) : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision: round(precision), recall: round(recall), f1: round(f1) };
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10000) / 10000;
}
