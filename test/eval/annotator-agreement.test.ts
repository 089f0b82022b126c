import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpp115Corpus, type Opp115Annotation } from '../../src/eval/load-opp115-corpus.js';
import { OPP115_CATEGORIES, type SegmentPrediction } from '../../src/eval/predict-segment-practices.js';
import { scoreAnnotatorAgreement, type AnnotatorAgreementMeasure } from '../../src/eval/score-annotator-agreement.js';
import { scoreOpp115 } from '../../src/eval/score-opp115.js';
import { ConfigError } from '../../src/model/errors.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** One CSV row in the release's column order, by one annotator. */
function row(id: string, annotator: string, segment: number, category: string, retentionPeriod?: string): string {
  const attributes = retentionPeriod === undefined ? {} : { 'Retention Period': { startIndexInSegment: -1, endIndexInSegment: -1, value: retentionPeriod } };
  const json = JSON.stringify(attributes).replace(/"/g, '""');
  return [id, 'batch', annotator, '999', String(segment), category, `"${json}"`, '1/1/15', 'http://example.com/'].join(',');
}

/**
 * Three annotators (10, 11, 12) on three segments. Segment 0 keeps data for 30 days: annotators 10
 * and 11 label it Data Retention (Stated Period / Limited); 12 does not. Segment 1 is about offices:
 * only 12 labels it Data Retention. Segment 2 is about SSL: only 10 labels it Data Security.
 */
function writeCorpus(withAnnotatorFolder = true): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'sanitized_policies'));
  mkdirSync(join(dir, 'consolidation', 'threshold-0.75-overlap-similarity'), { recursive: true });
  writeFileSync(
    join(dir, 'sanitized_policies', '1_alpha.com.html'),
    ['We retain your account data for 30 days.', 'Our offices are in Pittsburgh.', 'We use SSL encryption to protect your information in transit.'].join('|||'),
  );
  const own = [
    row('1', '10', 0, 'Data Retention', 'Stated Period'),
    row('2', '11', 0, 'Data Retention', 'Limited'),
    row('3', '12', 1, 'Data Retention', 'Unspecified'),
    row('4', '10', 2, 'Data Security'),
  ];
  // Consolidation merges overlapping practices; at segment level it is the union of the annotators' labels.
  const consolidated = [row('C1', '10', 0, 'Data Retention', 'Stated Period'), row('3', '12', 1, 'Data Retention', 'Unspecified'), row('4', '10', 2, 'Data Security')];
  writeFileSync(join(dir, 'consolidation', 'threshold-0.75-overlap-similarity', '1_alpha.com.csv'), consolidated.join('\n'));
  if (withAnnotatorFolder) {
    mkdirSync(join(dir, 'annotations'));
    writeFileSync(join(dir, 'annotations', '1_alpha.com.csv'), own.join('\n'));
  }
  return dir;
}

function isMeasured(category: string): boolean {
  return (OPP115_CATEGORIES as readonly string[]).includes(category);
}

function agreementOf(measures: AnnotatorAgreementMeasure[], name: string): AnnotatorAgreementMeasure {
  const found = measures.find((m) => m.measure === name);
  if (found === undefined) throw new Error(`no measure ${name}`);
  return found;
}

function scoreWithPredictions(dir: string): AnnotatorAgreementMeasure[] {
  const corpus = loadOpp115Corpus(dir, { annotators: true });
  const predictions = new Map<number, SegmentPrediction>();
  scoreOpp115(corpus, [], { onSegmentPrediction: (_policy, index, prediction) => predictions.set(index, prediction) });
  return scoreAnnotatorAgreement(corpus, (_policy, index) => predictions.get(index));
}

describe('annotator agreement on OPP-115', () => {
  it('holds out each annotator in turn and scores it and the extractor on the others\u2019 labels', () => {
    const measures = scoreWithPredictions(writeCorpus());
    // Held out 10 and 11: segment 0 agrees with the other, segment 1 is missed (12 labelled it).
    // Held out 12: segment 0 missed, segment 1 labelled where nobody else did.
    expect(agreementOf(measures, 'Data Retention')).toMatchObject({
      units: 9,
      annotator: { truePositives: 2, falsePositives: 1, falseNegatives: 3 },
      // The extractor finds the 30-day claim only: right for every held-out annotator on segment 0.
      claimcheck: { truePositives: 3, falsePositives: 0, falseNegatives: 2 },
      // Against the consolidated gold an annotator's own labels always count as right.
      annotatorAgainstConsolidated: { truePositives: 3, falsePositives: 0, falseNegatives: 3 },
    });
    expect(agreementOf(measures, 'Data Security')).toMatchObject({
      annotator: { truePositives: 0, falsePositives: 1, falseNegatives: 2 },
      // The extractor finds SSL in transit: right where 10's label is the gold, wrong when 10 is held out.
      claimcheck: { truePositives: 2, falsePositives: 1, falseNegatives: 0 },
    });
    // Per practice: each of the three practices is a unit for both other annotators (6). Nobody repeats
    // another's value; the extractor's "stated" matches 10's practice, for both of its units.
    // When both labelled: segment 0 only, 10 (Stated Period) against 11 (Limited) and back; the
    // extractor's "stated" matches 11's held-out gold (10's value) but not 10's.
    expect(agreementOf(measures, 'Retention Period')).toMatchObject({
      perPractice: { units: 6, annotatorAccuracy: 0, claimcheckAccuracy: 0.3333 },
      whenBothLabelled: { units: 2, annotatorAccuracy: 0, claimcheckAccuracy: 0.5 },
    });
  });

  it('refuses to measure agreement without the annotators\u2019 own files, in one line naming the folder', async () => {
    const dir = writeCorpus(false);
    expect(() => loadOpp115Corpus(dir, { annotators: true })).toThrow(ConfigError);
    expect(loadOpp115Corpus(dir).policies).toHaveLength(1);
    const run = await runCliAsync(['eval', 'opp115', dir, '--annotator-agreement']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('no annotations/ folder');
  });

  it('prints the agreement lines after the usual measures when asked', async () => {
    const run = await runCliAsync(['eval', 'opp115', writeCorpus(), '--annotator-agreement']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const agreement = lines.filter((l) => l['level'] === 'annotator-agreement');
    expect(agreement.map((l) => l['measure'])).toEqual([
      'Data Retention',
      'Data Security',
      'Third Party Sharing/Collection',
      'International and Specific Audiences',
      'Retention Period',
    ]);
    expect((await runCliAsync(['eval', 'opp115', writeCorpus()])).stdout).not.toContain('annotator-agreement');
  });

  it('on the real development split, the consolidated gold of our four categories is every annotator\u2019s labels combined', () => {
    const source = join(process.cwd(), '..', 'shared', 'data', 'opp115');
    const corpus = loadOpp115Corpus(source, { split: 'dev', annotators: true });
    let annotatorLabels = 0;
    for (const policy of corpus.policies) {
      const labelsOf = (annotations: readonly Opp115Annotation[]): Set<string> =>
        new Set(annotations.filter((a) => isMeasured(a.category)).map((a) => `${a.segmentIndex}|${a.category}`));
      const consolidated = labelsOf(policy.annotations);
      const own = labelsOf(policy.annotatorAnnotations ?? []);
      expect([...own].filter((label) => !consolidated.has(label))).toEqual([]);
      expect([...consolidated].filter((label) => !own.has(label))).toEqual([]);
      annotatorLabels += own.size;
    }
    expect(annotatorLabels).toBeGreaterThan(1000);
  });
});
