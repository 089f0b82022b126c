import type { Command } from 'commander';
import { loadOpp115Corpus, type Opp115Split } from '../../eval/load-opp115-corpus.js';
import { OPP115_CATEGORIES, type SegmentPrediction } from '../../eval/predict-segment-practices.js';
import { scoreAnnotatorAgreement } from '../../eval/score-annotator-agreement.js';
import { scoreOpp115 } from '../../eval/score-opp115.js';
import { ConfigError } from '../../model/errors.js';
import { loadCatalog } from '../cli-context.js';
import { createProgressBar } from '../progress-bar.js';

interface EvalOptions {
  opp115?: string;
  split: string;
  threshold: string;
  misses?: string;
  annotatorAgreement?: boolean;
}

const SPLITS: readonly Opp115Split[] = ['all', 'dev', 'holdout'];

/** Measures whose disagreements the scorer reports, one per segment (the others are per attribute value). */
const MEASURES_WITH_MISSES: readonly string[] = [...OPP115_CATEGORIES, 'Retention Period'];

/**
 * `claimcheck eval opp115 <dir>` (also `eval --opp115 <dir>`, the form `npm run eval -- --opp115 <dir>`
 * passes): scores claim extraction against an OPP-115-style folder and prints JSON lines: one summary
 * line, then one line per measure.
 */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('measure claim extraction against an annotated corpus; prints JSON lines (precision, recall, F1)')
    .argument('[corpus]', 'corpus kind: opp115')
    .argument('[dir]', 'folder laid out like the OPP-115 release (sanitized_policies/, consolidation/)')
    .option('--opp115 <dir>', 'same as "eval opp115 <dir>"')
    .option('--split <split>', 'policies to score, from split.txt: all, dev or holdout', 'all')
    .option('--threshold <t>', 'consolidation threshold folder to read as the gold standard', '0.75')
    .option('--misses <measure>', 'also print every disagreement for a measure (e.g. "Data Retention") as JSON lines on stderr')
    .option('--annotator-agreement', 'also score each annotator against the others (annotations/ folder) and claimcheck on the same gold')
    .action((corpus: string | undefined, dir: string | undefined, options: EvalOptions) => {
      const folder = options.opp115 ?? (corpus === 'opp115' ? dir : undefined);
      if (corpus !== undefined && corpus !== 'opp115' && options.opp115 === undefined) {
        throw new ConfigError(`unknown corpus "${corpus}"`, 'supported: claimcheck eval opp115 <dir>');
      }
      if (folder === undefined) throw new ConfigError('no corpus folder given', 'claimcheck eval opp115 <dir>');
      if (!SPLITS.includes(options.split as Opp115Split)) throw new ConfigError(`--split must be one of ${SPLITS.join(', ')}`);
      if (options.misses !== undefined && !MEASURES_WITH_MISSES.includes(options.misses)) {
        // A misspelt name would otherwise print nothing, which reads as "no misses".
        throw new ConfigError(`--misses: unknown measure "${options.misses}"`, `one of: ${MEASURES_WITH_MISSES.map((m) => `"${m}"`).join(', ')}`);
      }
      const started = process.hrtime.bigint();
      const agreement = options.annotatorAgreement === true;
      const loaded = loadOpp115Corpus(folder, { split: options.split as Opp115Split, threshold: options.threshold, annotators: agreement });
      // Keyed by policy id and segment index; kept only when the agreement measures need them again.
      const predictions = new Map<string, SegmentPrediction[]>();
      const progress = createProgressBar('scoring OPP-115 policies');
      const measures = scoreOpp115(loaded, loadCatalog().organisationNames(), {
        onProgress: (done, total) => progress.update(done, total),
        ...(agreement
          ? {
              onSegmentPrediction: (policyId: string, index: number, prediction: SegmentPrediction) => {
                const list = predictions.get(policyId) ?? [];
                list[index] = prediction;
                predictions.set(policyId, list);
              },
            }
          : {}),
        onMiss: (miss) => {
          if (options.misses !== undefined && miss.measure === options.misses) process.stderr.write(`${JSON.stringify(miss)}\n`);
        },
      });
      progress.finish();
      const agreementMeasures = agreement ? scoreAnnotatorAgreement(loaded, (policyId, index) => predictions.get(policyId)?.[index]) : [];
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const segments = loaded.policies.reduce((sum, p) => sum + p.segments.length, 0);
      const summary = {
        corpus: 'opp115',
        dir: folder,
        split: options.split,
        threshold: options.threshold,
        policies: loaded.policies.length,
        segments,
        skippedPolicies: loaded.skippedPolicies,
        skippedAnnotations: loaded.skippedAnnotations,
        seconds: Math.round(seconds * 100) / 100,
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      for (const measure of [...measures, ...agreementMeasures]) process.stdout.write(`${JSON.stringify(measure)}\n`);
    });
}
