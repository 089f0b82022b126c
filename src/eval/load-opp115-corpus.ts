import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../model/errors.js';
import { readCsvRows } from '../text/read-csv-rows.js';

/** One attribute of an OPP-115 practice: its value and, when the annotator marked one, the text span. */
export interface Opp115Attribute {
  value: string;
  /** Marked text, or null for "not-selected" / spanless attributes. */
  selectedText: string | null;
}

/** One (consolidated) data practice annotated on one segment. */
export interface Opp115Annotation {
  id: string;
  /** The annotation tool's annotator id (consolidated rows keep one of the merged annotators' ids). */
  annotator: string;
  /** 0-based index into the policy's `|||`-separated segments. */
  segmentIndex: number;
  category: string;
  attributes: Record<string, Opp115Attribute>;
}

/** One policy: its segments (raw HTML fragments, as shown to annotators) and their annotations. */
export interface Opp115Policy {
  /** Filename stem, `<UID>_<domain>`. */
  id: string;
  segments: string[];
  annotations: Opp115Annotation[];
  /** Every annotator's own practices (`annotations/<id>.csv`), read only when asked for. */
  annotatorAnnotations?: Opp115Annotation[];
}

/** Which policies of a folder to evaluate: `split.txt` names the development and held-out sets. */
export type Opp115Split = 'all' | 'dev' | 'holdout';

/** Options of {@link loadOpp115Corpus}. */
export interface LoadOpp115Options {
  /** Consolidation threshold folder to read (`threshold-<t>-overlap-similarity`); default "0.75". */
  threshold?: string;
  split?: Opp115Split;
  /** Also read each annotator's own practices from `annotations/`, to measure how far annotators agree. */
  annotators?: boolean;
}

/** A loaded corpus plus what could not be read, so the figures say what they cover. */
export interface Opp115Corpus {
  policies: Opp115Policy[];
  /** Policies with text but no consolidation file, or the reverse: skipped, listed by id. */
  skippedPolicies: string[];
  /** Annotation rows whose attribute JSON did not parse or whose segment index is out of range. */
  skippedAnnotations: number;
}

const ANNOTATOR_COLUMN = 2;
const CATEGORY_COLUMN = 5;
const SEGMENT_COLUMN = 4;
const ATTRIBUTES_COLUMN = 6;

/**
 * Reads a folder laid out like the OPP-115 release (`sanitized_policies/*.html`,
 * `consolidation/threshold-<t>-overlap-similarity/*.csv`, optional `split.txt`). Policies are keyed by
 * filename stem, never by the CSV's policy-id column (which is the annotation tool's id and does not
 * match the filename UID). A folder without the expected sub-folders is a ConfigError.
 */
export function loadOpp115Corpus(dir: string, options: LoadOpp115Options = {}): Opp115Corpus {
  const threshold = options.threshold ?? '0.75';
  const textDir = join(dir, 'sanitized_policies');
  const annotationDir = join(dir, 'consolidation', `threshold-${threshold}-overlap-similarity`);
  if (!existsSync(textDir)) throw new ConfigError(`${dir}: not an OPP-115 folder (no sanitized_policies/)`);
  if (!existsSync(annotationDir)) {
    throw new ConfigError(`${dir}: no consolidation/threshold-${threshold}-overlap-similarity/ folder`, 'thresholds in the release are 0.5, 0.75 and 1.0');
  }
  const annotatorDir = join(dir, 'annotations');
  if (options.annotators === true && !existsSync(annotatorDir)) {
    throw new ConfigError(`${dir}: no annotations/ folder, so annotator agreement cannot be measured`);
  }
  const wanted = readSplit(dir, options.split ?? 'all');
  const textIds = readdirSync(textDir).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -'.html'.length));
  const annotationIds = new Set(readdirSync(annotationDir).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -'.csv'.length)));
  const ids = textIds.filter((id) => wanted === null || wanted.has(id)).sort(compareByUid);

  const corpus: Opp115Corpus = { policies: [], skippedPolicies: [], skippedAnnotations: 0 };
  for (const id of ids) {
    if (!annotationIds.has(id)) {
      corpus.skippedPolicies.push(id);
      continue;
    }
    const segments = readFileSync(join(textDir, `${id}.html`), 'utf8').split('|||');
    const consolidated = readAnnotationFile(join(annotationDir, `${id}.csv`), segments.length);
    corpus.skippedAnnotations += consolidated.skipped;
    const policy: Opp115Policy = { id, segments, annotations: consolidated.annotations };
    if (options.annotators === true) {
      const file = join(annotatorDir, `${id}.csv`);
      if (!existsSync(file)) throw new ConfigError(`${file}: missing, so annotator agreement cannot be measured for ${id}`);
      const own = readAnnotationFile(file, segments.length);
      corpus.skippedAnnotations += own.skipped;
      policy.annotatorAnnotations = own.annotations;
    }
    corpus.policies.push(policy);
  }
  for (const id of annotationIds) {
    if (!textIds.includes(id) && (wanted === null || wanted.has(id))) corpus.skippedPolicies.push(id);
  }
  return corpus;
}

function readAnnotationFile(file: string, segmentCount: number): { annotations: Opp115Annotation[]; skipped: number } {
  const annotations: Opp115Annotation[] = [];
  let skipped = 0;
  for (const { fields: row } of readCsvRows(readFileSync(file, 'utf8')).rows) {
    const annotation = parseAnnotationRow(row, segmentCount);
    if (annotation === null) skipped++;
    else annotations.push(annotation);
  }
  return { annotations, skipped };
}

/** The policy ids of one split from `split.txt`, or null for "every policy in the folder". */
function readSplit(dir: string, split: Opp115Split): Set<string> | null {
  if (split === 'all') return null;
  const file = join(dir, 'split.txt');
  if (!existsSync(file)) throw new ConfigError(`${file}: missing, so --split ${split} cannot be applied`, 'use --split all');
  const ids = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [name, id] = line.split('\t');
    if (name === split && id !== undefined) ids.add(id.trim());
  }
  return ids;
}

function parseAnnotationRow(row: readonly string[], segmentCount: number): Opp115Annotation | null {
  const segmentIndex = Number(row[SEGMENT_COLUMN]);
  const category = row[CATEGORY_COLUMN];
  if (!Number.isInteger(segmentIndex) || segmentIndex < 0 || segmentIndex >= segmentCount || category === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row[ATTRIBUTES_COLUMN] ?? '');
  } catch {
    // The manual warns that some cells need tolerant parsing: such a row is counted and skipped.
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') return null;
  const attributes: Record<string, Opp115Attribute> = {};
  for (const [name, raw] of Object.entries(parsed as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object') continue;
    const fields = raw as Record<string, unknown>;
    const value = typeof fields['value'] === 'string' ? fields['value'] : null;
    if (value === null) continue;
    const selected = typeof fields['selectedText'] === 'string' && fields['selectedText'] !== 'null' ? fields['selectedText'] : null;
    attributes[name] = { value, selectedText: selected };
  }
  return { id: row[0] ?? '', annotator: row[ANNOTATOR_COLUMN] ?? '', segmentIndex, category, attributes };
}

function compareByUid(a: string, b: string): number {
  return (Number.parseInt(a, 10) || 0) - (Number.parseInt(b, 10) || 0) || a.localeCompare(b);
}
