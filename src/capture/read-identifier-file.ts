/**
 * Reads the identifiers to search for from a file (`--identifiers <file>`): one `label=value` a line, as on the
 * command line; blank lines and lines starting with `#` are ignored. A file whose text starts with `[` or `{` is
 * JSON instead: an array of `{ "label": …, "value": … }` objects (the form the bundled example uses) or an
 * object mapping labels to values. A study keeps its test account's IDs in such a file so every capture of it is
 * searched for the same values.
 */
import { readFile } from 'node:fs/promises';
import type { IdentifierNeedle } from '../model/capture-summary.js';
import { ConfigError } from '../model/errors.js';

/** Shorter values match by chance too often to be evidence (the same rule as `--identifier`). */
const MIN_VALUE_LENGTH = 4;

/** Parses identifier-file text; `file` names the source in errors. */
export function parseIdentifierFile(text: string, file: string): IdentifierNeedle[] {
  const content = text.replace(/^\uFEFF/, '');
  const needles = /^\s*[[{]/.test(content) ? parseJsonIdentifiers(content, file) : parseIdentifierLines(content, file);
  // An empty file is a mistake (the wrong file, an unfilled template), not a request to search for nothing.
  if (needles.length === 0) throw new ConfigError(`${file}: no identifiers in the file`, 'one label=value a line, or JSON [{"label": …, "value": …}]');
  return needles;
}

function parseIdentifierLines(content: string, file: string): IdentifierNeedle[] {
  const needles: IdentifierNeedle[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const at = trimmed.indexOf('=');
    const label = at > 0 ? trimmed.slice(0, at).trim() : '';
    // Spaces around `=` are layout; spaces inside the value are kept.
    const value = at > 0 ? trimmed.slice(at + 1).trim() : '';
    if (label === '' || value.length < MIN_VALUE_LENGTH) {
      throw new ConfigError(
        `${file}: line ${index + 1}: expected label=value with a value of at least ${MIN_VALUE_LENGTH} characters`,
        'one identifier a line, e.g. user_id=8f3a2c71; # starts a comment',
      );
    }
    needles.push({ label, value });
  });
  return needles;
}

const JSON_HINT = 'JSON identifier files are [{"label": "user_id", "value": "8f3a2c71"}, …] or {"user_id": "8f3a2c71", …}';

function parseJsonIdentifiers(text: string, file: string): IdentifierNeedle[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, JSON_HINT);
  }
  const entries: [string, unknown, string][] = Array.isArray(parsed)
    ? parsed.map((item: unknown, index) => {
        const record = item !== null && typeof item === 'object' ? (item as Record<string, unknown>) : {};
        return [typeof record['label'] === 'string' ? record['label'] : '', record['value'], `entry ${index + 1}`];
      })
    : Object.entries(parsed as Record<string, unknown>).map(([label, value]) => [label, value, `"${label}"`]);
  return entries.map(([label, value, where]) => {
    if (label.trim() === '' || typeof value !== 'string' || value.trim().length < MIN_VALUE_LENGTH) {
      throw new ConfigError(`${file}: ${where}: expected a label and a string value of at least ${MIN_VALUE_LENGTH} characters`, JSON_HINT);
    }
    return { label: label.trim(), value: value.trim() };
  });
}

/**
 * Reads and parses an identifier file.
 * @throws ConfigError naming the file (and line) when it cannot be read or a line is malformed.
 */
export async function readIdentifierFile(file: string): Promise<IdentifierNeedle[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : 'error';
    throw new ConfigError(`${file}: cannot read identifier file (${code})`);
  }
  return parseIdentifierFile(text, file);
}
