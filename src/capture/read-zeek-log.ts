/**
 * Zeek log reader: TSV logs (the `#separator` / `#fields` header format of Zeek's ASCII writer) and JSON
 * logs (one object per line). Reads conn, dns, ssl, quic and http logs; other paths are counted and skipped.
 * A conn record stands for a whole connection, so it yields one `packet` observation for it.
 */
import { Buffer } from 'node:buffer';
import { ImportError } from '../model/errors.js';
import type { Observation, TransportProtocol } from '../model/observation.js';
import { normalizeIpAddress } from './format-ip-address.js';
import type { ReadStats } from './link-frame.js';

type ZeekRecord = Map<string, string>;
type LogKind = 'conn' | 'dns' | 'ssl' | 'quic' | 'http' | 'other';

const BATCH_SIZE = 512;
/** A line longer than this is not a log line we can use (binary input, corrupt file). */
const MAX_LINE_LENGTH = 1024 * 1024;

/**
 * Reads one Zeek log from a byte stream, line by line.
 * @throws ImportError when the file is neither a TSV log with a header nor JSON lines.
 */
export async function* readZeekLog(source: AsyncIterable<Uint8Array>, file: string, stats?: ReadStats): AsyncGenerator<Observation[]> {
  const state = new ZeekLogState(file, stats);
  let carry = '';
  let lineNumber = 0;
  let batch: Observation[] = [];
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    if (carry.length > MAX_LINE_LENGTH) throw new ImportError(file, `line ${lineNumber + 1}: line longer than ${MAX_LINE_LENGTH} characters`);
    for (const line of lines) {
      lineNumber += 1;
      state.readLine(line.replace(/\r$/, ''), lineNumber, batch);
    }
    if (batch.length >= BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  carry += decoder.decode();
  if (carry.length > 0) state.readLine(carry.replace(/\r$/, ''), lineNumber + 1, batch);
  state.finish(batch);
  if (batch.length > 0) yield batch;
}

class ZeekLogState {
  private separator: string | null = null;
  private fields: string[] = [];
  private unset = '-';
  private empty = '(empty)';
  private kind: LogKind | null = null;
  private sawData = false;
  private skippedOther = 0;
  private fieldsLine = 0;
  private columnsChecked = false;

  constructor(
    private readonly file: string,
    private readonly stats: ReadStats | undefined,
  ) {}

  readLine(line: string, lineNumber: number, out: Observation[]): void {
    if (line.length === 0) return;
    if (line.startsWith('#')) {
      this.readHeader(line, lineNumber);
      return;
    }
    let record: ZeekRecord;
    if (line.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        out.push({ kind: 'warning', offset: lineNumber, where: 'line', message: `line ${lineNumber}: invalid JSON; skipped` });
        return;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
      record = new Map();
      for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
        record.set(key, Array.isArray(value) ? value.map(String).join(',') : String(value));
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
      record = new Map();
      this.fields.forEach((field, i) => {
        const raw = values[i];
        if (raw === undefined || raw === this.unset) return;
        record.set(field, raw === this.empty ? '' : unescapeZeek(raw));
      });
    }
    this.sawData = true;
    const kind = this.kind ?? guessKind(record);
    const frame = lineNumber;
    const time = Number(record.get('ts') ?? NaN);
    if (!Number.isFinite(time)) {
      out.push({ kind: 'warning', offset: lineNumber, where: 'line', message: `line ${lineNumber}: missing or invalid ts; skipped` });
      return;
    }
    if (this.stats !== undefined) {
      this.stats.frames += 1;
      if (this.stats.firstTime === null || time < this.stats.firstTime) this.stats.firstTime = time;
      if (this.stats.lastTime === null || time > this.stats.lastTime) this.stats.lastTime = time;
    }
    const client = normalizeIpAddress(record.get('id.orig_h') ?? '');
    const server = normalizeIpAddress(record.get('id.resp_h') ?? '');
    const clientPort = Number(record.get('id.orig_p') ?? 0) || 0;
    const serverPort = Number(record.get('id.resp_p') ?? 0) || 0;
    const protocol = toProtocol(record.get('proto'), kind);
    if (kind === 'other' || client === null || server === null) {
      if (kind === 'other') this.skippedOther += 1;
      return;
    }
    const endpoints = { client, clientPort, server, serverPort, protocol };
    switch (kind) {
      case 'conn': {
        const bytes = (Number(record.get('orig_ip_bytes') ?? 0) || 0) + (Number(record.get('resp_ip_bytes') ?? 0) || 0);
        out.push({
          kind: 'packet',
          frame,
          time,
          protocol,
          ipProtocol: protocol === 'tcp' ? 6 : protocol === 'udp' ? 17 : protocol === 'icmp' ? 1 : 0,
          src: client,
          dst: server,
          srcPort: clientPort,
          dstPort: serverPort,
          frameLength: bytes,
          payload: new Uint8Array(0),
          tcpFlags: 0,
        });
        return;
      }
      case 'ssl':
      case 'quic': {
        const host = record.get('server_name');
        if (host) out.push({ kind: 'host', frame, time, host: host.toLowerCase(), source: kind === 'quic' ? 'quic-sni' : 'tls-sni', ...endpoints, protocol: kind === 'quic' ? 'udp' : protocol });
        return;
      }
      case 'http': {
        const host = (record.get('host') ?? '').toLowerCase();
        const uri = record.get('uri') ?? '/';
        const method = record.get('method') ?? '';
        if (method === '') return;
        const hostName = host.replace(/:\d+$/, '');
        out.push({
          kind: 'http-request',
          frame,
          time,
          method,
          url: /^[a-z]+:\/\//i.test(uri) || host === '' ? uri : `http://${host}${uri}`,
          host: hostName,
          encrypted: false,
          ...endpoints,
          headersText: [host ? `Host: ${host}` : '', record.get('user_agent') ? `User-Agent: ${record.get('user_agent') ?? ''}` : '', record.get('referrer') ? `Referer: ${record.get('referrer') ?? ''}` : '']
            .filter((h) => h !== '')
            .join('\r\n'),
          body: new Uint8Array(0),
        });
        if (hostName) out.push({ kind: 'host', frame, time, host: hostName, source: 'http-host', ...endpoints, protocol: 'tcp' });
        return;
      }
      case 'dns': {
        const query = (record.get('query') ?? '').toLowerCase().replace(/\.$/, '');
        if (query !== '') out.push({ kind: 'dns-query', frame, time, name: query, type: record.get('qtype_name') ?? 'TYPE0' });
        const answers = (record.get('answers') ?? '').split(',').filter((a) => a !== '');
        const ttls = (record.get('TTLs') ?? '').split(',');
        answers.forEach((answer, i) => {
          const address = normalizeIpAddress(answer);
          const ttl = Math.round(Number(ttls[i] ?? 0)) || 0;
          // Zeek flattens the answer chain: addresses are attributed to the queried name.
          if (address !== null) out.push({ kind: 'dns-answer', frame, time, name: query, type: address.includes(':') ? 'AAAA' : 'A', value: address, ttl });
          else if (/^[a-z0-9._-]+$/i.test(answer)) out.push({ kind: 'dns-answer', frame, time, name: query, type: 'CNAME', value: answer.toLowerCase().replace(/\.$/, ''), ttl });
        });
        return;
      }
    }
  }

  finish(out: Observation[]): void {
    if (!this.sawData && this.separator === null) throw new ImportError(this.file, 'line 1: not a Zeek log (no #separator header or JSON object)');
    if (this.skippedOther > 0) {
      out.push({ kind: 'warning', offset: 0, where: 'line', message: `${this.skippedOther} records of an unsupported Zeek log type were skipped` });
    }
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
    }
    else if (key === '#unset_field') this.unset = parts[1] ?? '-';
    else if (key === '#empty_field') this.empty = parts[1] ?? '(empty)';
    else if (key === '#path') {
      const path = parts[1] ?? '';
      this.kind = path === 'conn' || path === 'dns' || path === 'ssl' || path === 'quic' || path === 'http' ? path : 'other';
      this.columnsChecked = false;
    }
  }
}

/** Columns without which a record of each mapped log type says nothing we use. */
const REQUIRED_COLUMNS: Record<Exclude<LogKind, 'other'>, readonly string[]> = {
  conn: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
  dns: ['ts', 'id.orig_h', 'id.resp_h', 'query'],
  ssl: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
  quic: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
  http: ['ts', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p'],
};

/** Guesses the log type of a JSON record from its field names (JSON logs carry no #path). */
function guessKind(record: ZeekRecord): LogKind {
  if (record.has('conn_state') || record.has('orig_ip_bytes')) return 'conn';
  if (record.has('query') && (record.has('answers') || record.has('qtype_name'))) return 'dns';
  if (record.has('method') && record.has('uri')) return 'http';
  if (record.has('server_name') && (record.has('client_protocol') || record.has('client_initial_dcid'))) return 'quic';
  if (record.has('server_name') || record.has('cipher')) return 'ssl';
  return 'other';
}

function toProtocol(proto: string | undefined, kind: LogKind): TransportProtocol {
  if (proto === 'tcp' || proto === 'udp' || proto === 'icmp') return proto;
  if (kind === 'http' || kind === 'ssl') return 'tcp';
  if (kind === 'quic' || kind === 'dns') return 'udp';
  return 'other';
}

/** Zeek's ASCII writer escapes separators and non-printables as `\xHH`. */
function unescapeZeek(value: string): string {
  if (!value.includes('\\x')) return value;
  const bytes = Buffer.from(value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}
