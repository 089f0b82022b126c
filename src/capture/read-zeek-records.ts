/**
 * Zeek log lines to records: TSV logs (the `#separator` / `#fields` header format of Zeek's ASCII writer) and JSON
 * logs (one object per line). Knows the log formats, not what the records mean; read-zeek-log.ts turns records into
 * observations and index-zeek-connections.ts joins them by connection id.
 */
import { Buffer } from 'node:buffer';
import { ImportError } from '../model/errors.js';
import type { CaptureWarningObservation } from '../model/observation.js';

/** Field name → value of one log record; unset fields are absent, `(empty)` sets are ''. */
export type ZeekFields = Map<string, string>;
/** Log types whose records we map; everything else is 'other'. */
export type ZeekLogKind = 'conn' | 'dns' | 'ssl' | 'quic' | 'http' | 'other';

/** One data line of a Zeek log. */
export interface ZeekRecord {
  kind: ZeekLogKind;
  /** 1-based line number in the file. */
  line: number;
  fields: ZeekFields;
}

const BATCH_SIZE = 512;
/** A line longer than this is not a log line we can use (binary input, corrupt file). */
const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Reads the records of one Zeek log from a byte stream, in batches, with a warning for each line that cannot be read.
 * @throws ImportError when the file is neither a TSV log with a header nor JSON lines.
 */
export async function* readZeekRecords(source: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<(ZeekRecord | CaptureWarningObservation)[]> {
  const parser = new ZeekLineParser(file);
  let carry = '';
  let lineNumber = 0;
  let batch: (ZeekRecord | CaptureWarningObservation)[] = [];
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (carry.length > MAX_LINE_LENGTH) throw new ImportError(file, `line ${lineNumber + 1}: line longer than ${MAX_LINE_LENGTH} characters`);
    for (const line of lines) {
      lineNumber += 1;
      parser.readLine(line.replace(/\r$/, ''), lineNumber, batch);
    }
    if (batch.length >= BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  carry += decoder.decode();
  if (carry.length > 0) parser.readLine(carry.replace(/\r$/, ''), lineNumber + 1, batch);
  parser.finish();
  if (batch.length > 0) yield batch;
}

/** Whether an item read from a Zeek log is a record rather than a warning. */
export function isZeekRecord(item: ZeekRecord | CaptureWarningObservation): item is ZeekRecord {
  return 'fields' in item;
}

class ZeekLineParser {
  private separator: string | null = null;
  private fields: string[] = [];
  private unset = '-';
  private empty = '(empty)';
  private kind: ZeekLogKind | null = null;
  private sawData = false;
  private fieldsLine = 0;
  private columnsChecked = false;

  constructor(private readonly file: string) {}

  readLine(line: string, lineNumber: number, out: (ZeekRecord | CaptureWarningObservation)[]): void {
    if (line.length === 0) return;
    if (line.startsWith('#')) {
      this.readHeader(line, lineNumber);
      return;
    }
    let fields: ZeekFields;
    if (line.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        out.push({ kind: 'warning', offset: lineNumber, where: 'line', message: `line ${lineNumber}: invalid JSON; skipped` });
        return;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
      fields = new Map();
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        fields.set(key, Array.isArray(value) ? value.map(String).join(',') : String(value));
      }
    } else {
      if (this.separator === null) {
        if (!this.sawData) throw new ImportError(this.file, `line ${lineNumber}: not a Zeek log (no #separator header or JSON object)`);
        return;
      }
      this.checkColumns();
      const values = line.split(this.separator);
      if (values.length !== this.fields.length) {
        out.push({ kind: 'warning', offset: lineNumber, where: 'line', message: `line ${lineNumber}: ${values.length} values for ${this.fields.length} #fields columns; skipped` });
        return;
      }
      fields = new Map();
      this.fields.forEach((field, i) => {
        const raw = values[i];
        if (raw === undefined || raw === this.unset) return;
        fields.set(field, raw === this.empty ? '' : unescapeZeek(raw));
      });
    }
    this.sawData = true;
    out.push({ kind: this.kind ?? guessKind(fields), line: lineNumber, fields });
  }

  finish(): void {
    if (!this.sawData && this.separator === null) throw new ImportError(this.file, 'line 1: not a Zeek log (no #separator header or JSON object)');
  }

  /**
   * A TSV log of a type we map must name the columns every record needs; without them no line can be read,
   * so the file is refused with the line of its #fields header rather than imported as nothing.
   */
  private checkColumns(): void {
    if (this.columnsChecked) return;
    this.columnsChecked = true;
    if (this.kind === null || this.kind === 'other') return;
    const missing = REQUIRED_COLUMNS[this.kind].filter((column) => !this.fields.includes(column));
    if (missing.length > 0) {
      throw new ImportError(
        this.file,
        `line ${this.fieldsLine}: #fields lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} needed in a Zeek ${this.kind} log`,
        'export the log with its default columns',
      );
    }
  }

  private readHeader(line: string, lineNumber: number): void {
    if (line.startsWith('#separator')) {
      const value = line.slice('#separator'.length).trim();
      this.separator = unescapeZeek(value);
      return;
    }
    if (this.separator === null) return;
    const parts = line.split(this.separator);
    const key = parts[0];
    if (key === '#fields') {
      this.fields = parts.slice(1);
      this.fieldsLine = lineNumber;
      this.columnsChecked = false;
    } else if (key === '#unset_field') this.unset = parts[1] ?? '-';
    else if (key === '#empty_field') this.empty = parts[1] ?? '(empty)';
    else if (key === '#path') {
      const path = parts[1] ?? '';
      this.kind = path === 'conn' || path === 'dns' || path === 'ssl' || path === 'quic' || path === 'http' ? path : 'other';
      this.columnsChecked = false;
    }
  }
}

/** Columns without which a record of each mapped log type says nothing we use. */
const REQUIRED_COLUMNS: Record<Exclude<ZeekLogKind, 'other'>, readonly string[]> = {
  conn: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
  dns: ['ts', 'id.orig_h', 'id.resp_h', 'query'],
  ssl: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
  quic: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
  http: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
};

/** Guesses the log type of a JSON record from its field names (JSON logs carry no #path). */
function guessKind(record: ZeekFields): ZeekLogKind {
  if (record.has('conn_state') || record.has('orig_ip_bytes')) return 'conn';
  if (record.has('query') && (record.has('answers') || record.has('qtype_name'))) return 'dns';
  if (record.has('method') && record.has('uri')) return 'http';
  if (record.has('server_name') && (record.has('client_protocol') || record.has('client_initial_dcid'))) return 'quic';
  if (record.has('server_name') || record.has('cipher')) return 'ssl';
  return 'other';
}

/** Zeek's ASCII writer escapes separators and non-printables as `\xHH`. */
function unescapeZeek(value: string): string {
  if (!value.includes('\\x')) return value;
  const bytes = Buffer.from(value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}
