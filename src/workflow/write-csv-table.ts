import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { ExportValue } from '../store/export-rows.js';
import type { ExportColumn } from './export-schema.js';

/** Rows are buffered to about this many characters before each write. */
const FLUSH_CHARACTERS = 1 << 20;

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; null is an empty field. */
function encodeField(value: ExportValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as one RFC 4180 CSV file (UTF-8, header row, CRLF line ends), streaming, to a
 * temporary name renamed into place at the end so no reader sees half a file.
 * @returns the number of rows written
 */
export function writeCsvTable(path: string, columns: readonly ExportColumn[], rows: Iterable<Record<string, ExportValue>>): number {
  const temporary = `${path}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w');
  let count = 0;
  try {
    let buffer = `${columns.map((c) => encodeField(c.name)).join(',')}\r\n`;
    for (const row of rows) {
      buffer += `${columns.map((c) => encodeField(row[c.name] ?? null)).join(',')}\r\n`;
      count += 1;
      if (buffer.length >= FLUSH_CHARACTERS) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  return count;
}
