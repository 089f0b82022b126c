import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { IdentifierNeedle } from '../model/capture-summary.js';
import { ConfigError } from '../model/errors.js';
import { parseDeclaredDate } from '../policy/parse-declared-date.js';
import { readCsvRows } from '../text/read-csv-rows.js';

/** One app to audit, as a manifest row gives it; paths are resolved against the manifest's folder. */
export interface BatchApp {
  /** 1-based line of the row in the manifest, for messages. */
  line: number;
  app: string;
  /** Policy file path or http(s) URL; null when the row has none. */
  policy: string | null;
  captures: string[];
  identifiers: IdentifierNeedle[];
  appDomains: string[];
  /** Also store the sub-processor list the policy links to (`policy add --follow-subprocessors`). */
  followSubprocessors?: boolean;
  /** The date an archived copy of the policy shows it as of (`policy add --as-of`); absent for a copy read as current. */
  asOf?: string;
}

const REQUIRED_COLUMNS = ['app'] as const;
const KNOWN_COLUMNS = ['app', 'policy', 'captures', 'identifiers', 'app_domains', 'follow_subprocessors', 'as_of'] as const;
/** Spellings of yes and no a spreadsheet may write in a flag column; empty is no. */
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/** Items of a list cell: separated by `;` (commas would clash with CSV), trimmed, empty ones dropped. */
function splitList(cell: string | undefined): string[] {
  return (cell ?? '').split(';').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Reads a batch manifest: CSV with a header row naming the columns `app` (required), `policy`,
 * `captures` (paths separated by `;`), `identifiers` (`label=value` separated by `;`) and
 * `app_domains` (separated by `;`), and `follow_subprocessors` (yes/no: also store the sub-processor
 * list the policy links to) and `as_of` (the date an archived copy of the policy shows it as of, as `policy add
 * --as-of`; refused with a URL policy or follow_subprocessors). Relative paths are taken from the manifest's folder.
 * @throws ConfigError naming the file and line for a missing column, an empty or repeated app name,
 *   or a malformed identifier.
 */
export function readBatchManifest(file: string, now: Date = new Date()): BatchApp[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: ${code === 'ENOENT' ? 'manifest not found' : code === 'EISDIR' ? 'is a directory, not a manifest' : `cannot read manifest (${code ?? 'error'})`}`);
  }
  const { rows, unclosedQuoteLine } = readCsvRows(text.replace(/^\uFEFF/, ''));
  if (unclosedQuoteLine !== null) throw new ConfigError(`${file}: line ${unclosedQuoteLine}: a quoted field is not closed`);
  const header = rows.shift();
  if (!header) throw new ConfigError(`${file}: the manifest is empty`, `its first line names the columns: ${KNOWN_COLUMNS.join(',')}`);
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) throw new ConfigError(`${file}: line 1: no "${required}" column`, `the first line names the columns: ${KNOWN_COLUMNS.join(',')}`);
  }
  const unknown = columns.filter((c) => !(KNOWN_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new ConfigError(`${file}: line 1: unknown column ${JSON.stringify(unknown[0])}`, `known columns: ${KNOWN_COLUMNS.join(', ')}`);
  const base = dirname(file);
  const resolvePath = (path: string): string => (/^https?:\/\//i.test(path) || isAbsolute(path) ? path : resolve(base, path));
  const seen = new Set<string>();
  return rows.map(({ fields, line }) => {
    const cell = (name: (typeof KNOWN_COLUMNS)[number]): string | undefined => {
      const index = columns.indexOf(name);
      return index >= 0 ? fields[index] : undefined;
    };
    const app = cell('app') ?? '';
    if (app.trim() === '') throw new ConfigError(`${file}: line ${line}: empty app name`);
    if (seen.has(app)) throw new ConfigError(`${file}: line ${line}: app ${JSON.stringify(app)} appears twice`);
    seen.add(app);
    const identifiers = splitList(cell('identifiers')).map((item) => {
      const at = item.indexOf('=');
      if (at <= 0 || item.length - at - 1 < 4) throw new ConfigError(`${file}: line ${line}: identifier ${JSON.stringify(item)} is not label=value (value of 4 or more characters)`);
      return { label: item.slice(0, at).trim(), value: item.slice(at + 1) };
    });
    const policy = (cell('policy') ?? '').trim();
    const follow = (cell('follow_subprocessors') ?? '').trim().toLowerCase();
    if (!YES.has(follow) && !NO.has(follow)) throw new ConfigError(`${file}: line ${line}: follow_subprocessors is ${JSON.stringify(follow)}, not yes or no`);
    const asOf = readAsOf(cell('as_of'), policy, YES.has(follow), now);
    if (asOf !== null && typeof asOf === 'object') throw new ConfigError(`${file}: line ${line}: ${asOf.problem}`);
    return {
      line,
      app,
      policy: policy === '' ? null : resolvePath(policy),
      captures: splitList(cell('captures')).map(resolvePath),
      identifiers,
      appDomains: splitList(cell('app_domains')),
      ...(YES.has(follow) ? { followSubprocessors: true } : {}),
      ...(asOf !== null ? { asOf } : {}),
    };
  });
}

/** A row's `as_of` (null when empty), or why it cannot date the row's policy (see `policy add --as-of`). */
function readAsOf(cell: string | undefined, policy: string, followSubprocessors: boolean, now: Date): string | null | { problem: string } {
  const text = (cell ?? '').trim();
  if (text === '') return null;
  const parsed = parseDeclaredDate(text, now);
  if ('problem' in parsed) return { problem: `as_of ${parsed.problem}` };
  if (policy === '') return { problem: 'as_of dates an archived copy of the policy, but the row has no policy' };
  if (/^https?:\/\//i.test(policy)) return { problem: `as_of dates an archived copy, but the policy ${policy} is a URL, fetched now (save the archived page and give the file)` };
  // The policy is a local file here: its linked list is read from disk (or a linked URL fetched) as it is today.
  if (followSubprocessors) {
    return { problem: 'as_of cannot be used with follow_subprocessors: the linked list would be read now (a file beside the policy as it is on disk today, or a linked URL fetched today), not as of the declared date' };
  }
  return parsed.date;
}
