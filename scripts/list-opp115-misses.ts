/**
 * Error analysis for `claimcheck eval opp115`: prints every disagreement of one measure as readable
 * text (segment text, the annotators' labels and marked text, and what the extractor said), so misses
 * can be read and grouped by cause. A development aid, not shipped in src/.
 *
 * Run: npm run build && node dist/scripts/list-opp115-misses.js <opp115-dir> "<measure>" [fp|fn|all]
 * e.g. node dist/scripts/list-opp115-misses.js ../shared/data/opp115 "Data Retention" fp
 */
import { loadOpp115Corpus, type Opp115Annotation } from '../src/eval/load-opp115-corpus.js';
import { detectPolicyFirstPartyNames, detectSegmentLeadIns, predictSegmentPractices } from '../src/eval/predict-segment-practices.js';
import { scoreOpp115, type Opp115Miss } from '../src/eval/score-opp115.js';
import { extractHtmlText } from '../src/policy/extract-html-text.js';
import { findSecurityMeasures } from '../src/policy/find-security-measures.js';
import { findSharingStatements } from '../src/policy/find-sharing-statements.js';
import { loadCatalog } from '../src/cli/cli-context.js';

const [dir, measure, which = 'all'] = process.argv.slice(2);
if (dir === undefined || measure === undefined) {
  process.stderr.write('usage: list-opp115-misses <opp115-dir> "<measure>" [fp|fn|all]\n');
  process.exit(2);
}

const corpus = loadOpp115Corpus(dir, { split: 'dev' });
const organisations = loadCatalog().organisationNames();
const goldBySegment = new Map<string, Opp115Annotation[]>();
const firstPartyNames = new Map<string, string[]>();
const leadIns = new Map<string, string[][]>();
for (const policy of corpus.policies) {
  firstPartyNames.set(policy.id, detectPolicyFirstPartyNames(policy.segments));
  leadIns.set(policy.id, detectSegmentLeadIns(policy.segments));
  for (const annotation of policy.annotations) {
    const key = `${policy.id}#${annotation.segmentIndex}`;
    goldBySegment.set(key, [...(goldBySegment.get(key) ?? []), annotation]);
  }
}

const misses: Opp115Miss[] = [];
scoreOpp115(corpus, organisations, { onMiss: (miss) => misses.push(miss) });
const selected = misses.filter((m) => {
  if (m.measure !== measure) return false;
  if (which === 'fp') return m.predicted !== 'no' && m.gold === 'no';
  if (which === 'fn') return m.gold !== 'no' && m.predicted === 'no';
  return true;
});

for (const miss of selected) {
  const text = miss.segment.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
  const gold = goldBySegment.get(`${miss.policyId}#${miss.segmentIndex}`) ?? [];
  const segmentLeadIns = leadIns.get(miss.policyId)?.[miss.segmentIndex] ?? [];
  const prediction = predictSegmentPractices(miss.segment, organisations, firstPartyNames.get(miss.policyId), segmentLeadIns);
  process.stdout.write(`=== ${miss.policyId} #${miss.segmentIndex}  gold=${miss.gold} predicted=${miss.predicted}\n`);
  if (segmentLeadIns.length > 0) process.stdout.write(`  (list under: «${segmentLeadIns.join(' » ← «').slice(0, 300)}»)\n`);
  process.stdout.write(`${text.slice(0, 1500)}\n`);
  process.stdout.write(`  gold categories: ${[...new Set(gold.map((a) => a.category))].join('; ') || '(none)'}\n`);
  for (const annotation of gold.filter((a) => a.category === measure || (measure === 'Retention Period' && a.category === 'Data Retention'))) {
    const attributes = Object.entries(annotation.attributes)
      .filter(([, a]) => a.value !== 'not-selected' && a.value !== 'Unspecified')
      .map(([name, a]) => `${name}=${a.value}${a.selectedText ? ` «${a.selectedText.slice(0, 80)}»` : ''}`);
    process.stdout.write(`  gold: ${annotation.category} ${attributes.join(' | ')}\n`);
  }
  for (const claim of prediction.claims) {
    const detail = claim.kind === 'processor' ? claim.name : claim.kind === 'retention' ? `${claim.vagueness}: ${claim.trigger}` : claim.trigger;
    process.stdout.write(`  ours: ${claim.kind} (${claim.polarity}) ${detail} «${claim.quote.slice(0, 100)}»\n`);
  }
  // The evaluator-only vocabulary finders, so that a miss can be traced to the words that fired.
  const segmentText = extractHtmlText(miss.segment).text;
  if (measure === 'Data Security' || measure.startsWith('Security Measure')) {
    for (const found of findSecurityMeasures(segmentText)) process.stdout.write(`  ours: security ${found.kind} «${found.trigger}»\n`);
  }
  if (measure === 'Third Party Sharing/Collection' || measure.startsWith('Third Party Entity')) {
    for (const found of findSharingStatements(segmentText)) process.stdout.write(`  ours: sharing ${found.kind} «${found.trigger}»\n`);
  }
  process.stdout.write('\n');
}
process.stdout.write(`${selected.length} ${which} misses for ${measure}\n`);
