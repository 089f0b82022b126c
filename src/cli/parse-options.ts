import { InvalidArgumentError } from 'commander';
import type { IdentifierNeedle } from '../model/capture-summary.js';
import { parseSeverity, type Severity } from '../model/finding.js';
import type { CaptureFormat } from '../model/observation.js';
import { REPORT_FORMATS, type ReportFormat } from '../workflow/write-reports.js';

/** Collects a repeatable `--identifier label=value` into needles. */
export function collectIdentifier(text: string, previous: IdentifierNeedle[] = []): IdentifierNeedle[] {
  const at = text.indexOf('=');
  const label = at > 0 ? text.slice(0, at).trim() : '';
  const value = at > 0 ? text.slice(at + 1) : '';
  if (!label || value.length < 4) {
    throw new InvalidArgumentError(`expected label=value with a value of at least 4 characters, got ${JSON.stringify(text)}`);
  }
  return [...previous, { label, value }];
}

/** Parses `--app`: a name that shows in reports, so it must have visible text. */
export function parseAppName(text: string): string {
  if (text.trim().length === 0) throw new InvalidArgumentError('the app name is empty');
  return text;
}

/** Collects a repeatable string option. */
export function collectString(text: string, previous: string[] = []): string[] {
  return [...previous, text];
}

const CAPTURE_FORMATS: readonly CaptureFormat[] = ['pcap', 'pcapng', 'har', 'zeek'];

/** Parses `--format` of import and inspect. */
export function parseCaptureFormat(text: string): CaptureFormat {
  const format = CAPTURE_FORMATS.find((f) => f === text.toLowerCase());
  if (!format) throw new InvalidArgumentError(`unknown capture format ${JSON.stringify(text)}; expected one of ${CAPTURE_FORMATS.join(', ')}`);
  return format;
}

/** Parses `--fail-on`. */
export function parseSeverityOption(text: string): Severity {
  const severity = parseSeverity(text);
  if (!severity) throw new InvalidArgumentError(`unknown severity ${JSON.stringify(text)}; expected info, low, medium or high`);
  return severity;
}

/** Parses `--format md,html,json` of report. */
export function parseReportFormats(text: string): ReportFormat[] {
  const formats = text.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f.length > 0);
  const parsed = formats.map((f) => {
    const format = REPORT_FORMATS.find((known) => known === f);
    if (!format) throw new InvalidArgumentError(`unknown report format ${JSON.stringify(f)}; expected md, html or json`);
    return format;
  });
  if (parsed.length === 0) throw new InvalidArgumentError('no report format given');
  return [...new Set(parsed)];
}

/**
 * A directory name derived from an app name: lower-case letters and digits of any script joined by dashes, never a
 * path. Accents are dropped ("Ünïcødé" → "unicøde"), other scripts are kept ("微信" stays "微信"), so that apps with
 * names in other scripts do not all share one directory.
 */
export function slugifyAppName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by code point, never inside a surrogate pair, and without leaving a dash at the end.
  return Array.from(slug).slice(0, 64).join('').replace(/-+$/, '') || 'app';
}
