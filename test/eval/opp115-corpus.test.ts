import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpp115Corpus } from '../../src/eval/load-opp115-corpus.js';
import { scoreOpp115, type Opp115Measure } from '../../src/eval/score-opp115.js';
import { ConfigError } from '../../src/model/errors.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** One CSV row in the release's column order; `attributes` becomes the JSON cell. */
function row(id: string, segment: number, category: string, attributes: Record<string, { value: string; selectedText?: string }>): string {
  const json = JSON.stringify(
    Object.fromEntries(
      Object.entries(attributes).map(([name, a]) => [name, { startIndexInSegment: -1, endIndexInSegment: -1, value: a.value, ...(a.selectedText ? { selectedText: a.selectedText } : {}) }]),
    ),
  );
  return [id, 'batch', '1', '999', String(segment), category, `"${json.replace(/"/g, '""')}"`, '1/1/15', 'http://example.com/'].join(',');
}

/** An empty folder with the release's layout: its directory and its folder of consolidated annotations. */
function makeCorpusFolder(): { dir: string; annotations: string } {
  const dir = tempDir();
  mkdirSync(join(dir, 'sanitized_policies'));
  const annotations = join(dir, 'consolidation', 'threshold-0.75-overlap-similarity');
  mkdirSync(annotations, { recursive: true });
  return { dir, annotations };
}

/** A folder laid out like the release: two policies, one in each split, one bad JSON cell. */
function writeCorpus(): string {
  const { dir, annotations } = makeCorpusFolder();
  writeFileSync(
    join(dir, 'sanitized_policies', '1_alpha.com.html'),
    [
      '<strong>Retention</strong><br>We retain your account data for 30 days. <br>',
      'We use SSL encryption to protect your information in transit.',
      'Our offices are in Pittsburgh and we like coffee.',
      'Please write to us with any questions.',
    ].join('|||'),
  );
  writeFileSync(
    join(annotations, '1_alpha.com.csv'),
    [
      row('C1', 0, 'Data Retention', { 'Retention Period': { value: 'Stated Period', selectedText: 'for 30 days' } }),
      row('C2', 1, 'Data Security', { 'Security Measure': { value: 'Secure data transfer' } }),
      // An annotation the extractor cannot be expected to find: a recall miss.
      row('C3', 3, 'Data Retention', { 'Retention Period': { value: 'Limited' } }),
      'C4,batch,1,999,2,Other,"{not json",1/1/15,http://example.com/',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'sanitized_policies', '2_beta.org.html'), 'We share your email address with advertisers.');
  writeFileSync(join(annotations, '2_beta.org.csv'), row('C5', 0, 'Third Party Sharing/Collection', { 'Third Party Entity': { value: 'Named third party' } }));
  writeFileSync(join(dir, 'split.txt'), '# comment\ndev\t1_alpha.com\nholdout\t2_beta.org\n');
  return dir;
}

function measure(measures: Opp115Measure[], name: string): Opp115Measure {
  const found = measures.find((m) => m.measure === name);
  if (found === undefined) throw new Error(`no measure ${name}`);
  return found;
}

describe('OPP-115 evaluation', () => {
  it('loads segments by the |||-separator and keys policies by file name, counting unreadable rows', () => {
    const corpus = loadOpp115Corpus(writeCorpus());
    expect(corpus.policies.map((p) => p.id)).toEqual(['1_alpha.com', '2_beta.org']);
    expect(corpus.policies[0]?.segments).toHaveLength(4);
    expect(corpus.policies[0]?.annotations.map((a) => a.segmentIndex)).toEqual([0, 1, 3]);
    expect(corpus.skippedAnnotations).toBe(1);
  });

  it('applies split.txt and rejects folders of another layout', () => {
    const dir = writeCorpus();
    expect(loadOpp115Corpus(dir, { split: 'dev' }).policies.map((p) => p.id)).toEqual(['1_alpha.com']);
    expect(loadOpp115Corpus(dir, { split: 'holdout' }).policies.map((p) => p.id)).toEqual(['2_beta.org']);
    expect(() => loadOpp115Corpus(tempDir())).toThrow(ConfigError);
    expect(() => loadOpp115Corpus(dir, { threshold: '0.9' })).toThrow(/threshold-0\.9/);
  });

  it('scores segment detection and attribute values against the annotations', () => {
    const measures = scoreOpp115(loadOpp115Corpus(writeCorpus()), []);
    expect(measure(measures, 'Data Retention')).toMatchObject({ truePositives: 1, falseNegatives: 1, falsePositives: 0, recall: 0.5, precision: 1, segments: 5 });
    expect(measure(measures, 'Data Security')).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0, f1: 1 });
    expect(measure(measures, 'Third Party Sharing/Collection')).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
    expect(measure(measures, 'Retention Period')).toMatchObject({ correct: 1, total: 2, accuracy: 0.5, detected: 1, accuracyWhenDetected: 1 });
    expect(measure(measures, 'Security Measure: Secure data transfer')).toMatchObject({ truePositives: 1 });
    expect(measure(measures, 'Third Party Entity: Named third party')).toMatchObject({ truePositives: 1, falsePositives: 0 });
  });

  it('answers a Retention Period by the sentence marked for the period, not by a data-type mark found in several sentences', () => {
    const { dir, annotations } = makeCorpusFolder();
    writeFileSync(
      join(dir, 'sanitized_policies', '1_gamma.com.html'),
      'We will retain your information for as long as your account is active. If it is changed, we may still retain your information in our files to resolve disputes.',
    );
    writeFileSync(
      join(annotations, '1_gamma.com.csv'),
      row('C1', 0, 'Data Retention', {
        'Retention Period': { value: 'Unspecified', selectedText: 'we may still retain your information in our files to resolve disputes' },
        'Personal Information Type': { value: 'Generic personal information', selectedText: 'your information' },
      }),
    );
    writeFileSync(join(dir, 'split.txt'), 'dev\t1_gamma.com\n');
    expect(measure(scoreOpp115(loadOpp115Corpus(dir), []), 'Retention Period')).toMatchObject({ correct: 1, total: 1 });
  });

  it('claimcheck eval opp115 prints a summary line and one JSON line per measure; bad input exits 2', () => {
    const dir = writeCorpus();
    const run = runCli(['eval', 'opp115', dir, '--split', 'dev']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ corpus: 'opp115', split: 'dev', policies: 1, segments: 4, skippedAnnotations: 1 });
    expect(lines.slice(1).map((l) => l['measure'])).toContain('International and Specific Audiences');
    expect(runCli(['eval', '--opp115', dir]).stdout.split('\n')[0]).toContain('"policies":2');
    const wrong = runCli(['eval', 'opp115', tempDir()]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/not an OPP-115 folder/);
    expect(runCli(['eval', 'imdb', dir]).status).toBe(2);
    const misspelt = runCli(['eval', 'opp115', dir, '--misses', 'Data Retension']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain('--misses: unknown measure "Data Retension"');
    const misses = runCli(['eval', 'opp115', dir, '--misses', 'Data Retention']);
    expect(misses.status).toBe(0);
  });

  it('runs on a slice of the real development split with every annotation readable', () => {
    const source = join(process.cwd(), '..', 'shared', 'data', 'opp115');
    const dir = tempDir();
    const ids = ['20_theatlantic.com', '303_reddit.com', '1582_msn.com'];
    for (const folder of ['sanitized_policies', 'consolidation/threshold-0.75-overlap-similarity']) mkdirSync(join(dir, folder), { recursive: true });
    for (const id of ids) {
      cpSync(join(source, 'sanitized_policies', `${id}.html`), join(dir, 'sanitized_policies', `${id}.html`));
      const csv = `consolidation/threshold-0.75-overlap-similarity/${id}.csv`;
      cpSync(join(source, csv), join(dir, csv));
    }
    const corpus = loadOpp115Corpus(dir);
    expect(corpus.skippedAnnotations).toBe(0);
    expect(corpus.policies.map((p) => p.id)).toEqual(ids);
    // reddit's 2015 policy: "all IP addresses will be deleted from our servers after 90 days", annotated as Data Retention.
    const reddit = corpus.policies.find((p) => p.id === '303_reddit.com');
    expect(reddit?.annotations.some((a) => a.category === 'Data Retention')).toBe(true);
    const retention = measure(scoreOpp115(corpus, []), 'Data Retention');
    expect(retention).toMatchObject({ level: 'segment' });
    if ('truePositives' in retention) expect(retention.truePositives).toBeGreaterThan(0);
  });
});
