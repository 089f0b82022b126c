import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeAtomically } from './write-reports.js';
import { ensureOutputDirectory } from './ensure-output-directory.js';

/**
 * Names the app whose reports a directory holds. Two app names can slug alike ("Voice App", "Vöice 🎤 App"), so the
 * default directory reports/<slug> alone cannot tell whose reports are in it; without this file the second app's
 * report silently replaced the first's.
 */
export const REPORT_OWNER_FILE = '.claimcheck-app.json';

/** The app whose reports `dir` holds: its owner file, else (directories written before it existed) report.json's app. */
export function readReportDirectoryOwner(dir: string): string | null {
  for (const [file, read] of [
    [REPORT_OWNER_FILE, (value: unknown) => readStringField(value, 'app')],
    ['report.json', (value: unknown) => readStringField(readField(value, 'app'), 'name')],
  ] as const) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    try {
      const owner = read(JSON.parse(readFileSync(path, 'utf8')) as unknown);
      if (owner !== null) return owner;
    } catch {
      // An unreadable or hand-edited file says nothing about the owner; the next source may.
    }
  }
  return null;
}

function readField(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

function readStringField(value: unknown, key: string): string | null {
  const field = readField(value, key);
  return typeof field === 'string' ? field : null;
}

/**
 * The default report directory of an app: `<root>/<slug>` unless it holds another app's reports, then the first of
 * `<slug>-2`, `<slug>-3`, … that is free or already this app's. `displaced` names the app that held the plain slug.
 */
export function chooseDefaultReportDirectory(root: string, slug: string, app: string): { dir: string; displaced: string | null } {
  const first = join(root, slug);
  const owner = readReportDirectoryOwner(first);
  if (owner === null || owner === app) return { dir: first, displaced: null };
  for (let n = 2; ; n += 1) {
    const dir = join(root, `${slug}-${n}`);
    const other = readReportDirectoryOwner(dir);
    if (other === null || other === app) return { dir, displaced: owner };
  }
}

/** Records that `dir` holds `app`'s reports (after writing them, so a failed write leaves no claim). */
export function markReportDirectory(dir: string, app: string): void {
  ensureOutputDirectory(dir);
  writeAtomically(join(dir, REPORT_OWNER_FILE), `${JSON.stringify({ app })}\n`);
}

/** The files claimcheck writes into a report directory: report.<format> and compare-<a>-to-<b>.<format>. */
const REPORT_FILE = /^(?:report|compare-\d+-to-\d+)\.(?:md|html|json)$/;

/**
 * Removes the report files another app left in `dir` that this run did not replace (`written`), so a directory that
 * now names this app as its owner holds no other app's report under it (trial 9: `report --format md --out` into
 * Pinterest's directory left Pinterest's report.html beside Alexa's report.md). Only claimcheck's own file names
 * are touched. Returns the names removed.
 */
export function removeOtherAppReports(dir: string, written: readonly string[]): string[] {
  const kept = new Set(written.map((path) => basename(path)));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (!REPORT_FILE.test(name) || kept.has(name)) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed.sort();
}
