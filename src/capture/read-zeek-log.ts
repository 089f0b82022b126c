/**
 * Zeek log reader: conn, dns, ssl, quic and http records become observations; other log types are counted and
 * skipped. A conn record stands for a whole connection, so it yields one `packet` observation for it (its packet
 * and byte counts are applied to the flow by join-zeek-connections.ts).
 */
import type { DirectionTotals } from '../model/capture-summary.js';
import { ImportError } from '../model/errors.js';
import type { Observation, PacketObservation, TransportProtocol } from '../model/observation.js';
import { normalizeIpAddress } from './format-ip-address.js';
import type { ReadStats } from './link-frame.js';
import { isZeekRecord, readZeekRecords, type ZeekLogKind, type ZeekRecord } from './read-zeek-records.js';

/**
 * Reads one Zeek log from a byte stream, line by line.
 * @throws ImportError when the file is neither a TSV log with a header nor JSON lines.
 */
export async function* readZeekLog(source: AsyncIterable<Uint8Array>, file: string, stats?: ReadStats): AsyncGenerator<Observation[]> {
  let skippedOther = 0;
  let records = 0;
  let untimed = 0;
  let firstUntimed = 0;
  for await (const items of readZeekRecords(source, file)) {
    const batch: Observation[] = [];
    for (const item of items) {
      if (!isZeekRecord(item)) {
        batch.push(item);
        continue;
      }
      records += 1;
      if (readZeekTime(item.fields.get('ts')) === null) {
        untimed += 1;
        if (firstUntimed === 0) firstUntimed = item.line;
      }
      if (!observeZeekRecord(item, stats, batch)) skippedOther += 1;
    }
    if (batch.length > 0) yield batch;
  }
  // A log none of whose records has a time would be stored as an empty capture, and then never read again.
  if (records > 0 && untimed === records) {
    throw new ImportError(file, `line ${firstUntimed}: no record has a usable ts (seconds since 1970, milliseconds, or an ISO 8601 time)`, 'export the log with a standard ts field');
  }
  if (skippedOther > 0) {
    yield [{ kind: 'warning', offset: 0, where: 'line', message: `${skippedOther} records of an unsupported Zeek log type were skipped` }];
  }
}

/** conn.log's counts of what each end sent (orig: the client), when the record has all six; else nothing. */
function readConnectionExchange(record: ReadonlyMap<string, string>): Pick<PacketObservation, 'exchange'> {
  const count = (column: string): number | null => {
    const value = Number(record.get(column) ?? NaN);
    return Number.isInteger(value) && value >= 0 ? value : null;
  };
  const totals = (side: 'orig' | 'resp'): DirectionTotals | null => {
    const packets = count(`${side}_pkts`);
    const bytes = count(`${side}_ip_bytes`);
    const payloadBytes = count(`${side}_bytes`);
    return packets === null || bytes === null || payloadBytes === null ? null : { packets, bytes, payloadBytes };
  };
  const clientToServer = totals('orig');
  const serverToClient = totals('resp');
  return clientToServer === null || serverToClient === null ? {} : { exchange: { clientToServer, serverToClient } };
}

/** Epoch milliseconds are above this (year 5138 in seconds), epoch seconds below it. */
const MILLISECONDS_FROM = 1e11;
/** `2024-03-01T10:00:00.123456Z`: Zeek's JSON::TS_ISO8601, with the fraction read in full (Date.parse keeps milliseconds). */
const ISO_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

/**
 * A record's time in seconds since 1970: Zeek writes epoch seconds by default, and, as configured
 * (LogAscii::json_timestamps), epoch milliseconds or ISO 8601 text. Null when it is none of these.
 */
export function readZeekTime(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const iso = ISO_TIME.exec(value);
  if (iso !== null) {
    const whole = Date.parse(`${iso[1] ?? ''}${iso[3] ?? ''}`);
    return Number.isFinite(whole) ? whole / 1000 + Number(`0${iso[2] ?? ''}`) : null;
  }
  const number = Number(value);
  if (!Number.isFinite(number)) return null;
  return Math.abs(number) >= MILLISECONDS_FROM ? number / 1000 : number;
}

/** Adds the observations of one record; false when its log type is not one we map. */
export function observeZeekRecord({ kind, line: lineNumber, fields: record }: ZeekRecord, stats: ReadStats | undefined, out: Observation[]): boolean {
  const frame = lineNumber;
  const time = readZeekTime(record.get('ts'));
  if (time === null) {
    // The warning's location already names the line.
    out.push({ kind: 'warning', offset: lineNumber, where: 'line', message: 'missing or invalid ts; skipped' });
    return true;
  }
  if (stats !== undefined) {
    stats.frames += 1;
    if (stats.firstTime === null || time < stats.firstTime) stats.firstTime = time;
    if (stats.lastTime === null || time > stats.lastTime) stats.lastTime = time;
  }
  const client = normalizeIpAddress(record.get('id.orig_h') ?? '');
  const server = normalizeIpAddress(record.get('id.resp_h') ?? '');
  const clientPort = Number(record.get('id.orig_p') ?? 0) || 0;
  const serverPort = Number(record.get('id.resp_p') ?? 0) || 0;
  const protocol = toZeekProtocol(record.get('proto'), kind);
  if (kind === 'other') return false;
  if (client === null || server === null) return true;
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
        ...readConnectionExchange(record),
      });
      return true;
    }
    case 'ssl':
    case 'quic': {
      const host = record.get('server_name');
      if (host) out.push({ kind: 'host', frame, time, host: host.toLowerCase(), source: kind === 'quic' ? 'quic-sni' : 'tls-sni', ...endpoints, protocol: kind === 'quic' ? 'udp' : protocol });
      return true;
    }
    case 'http': {
      const host = (record.get('host') ?? '').toLowerCase();
      const uri = record.get('uri') ?? '/';
      const method = record.get('method') ?? '';
      if (method === '') return true;
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
      return true;
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
      return true;
    }
  }
}

/** A record's transport protocol: its `proto` column, else what its log type runs over. */
export function toZeekProtocol(proto: string | undefined, kind: ZeekLogKind): TransportProtocol {
  if (proto === 'tcp' || proto === 'udp' || proto === 'icmp') return proto;
  if (kind === 'http' || kind === 'ssl') return 'tcp';
  if (kind === 'quic' || kind === 'dns') return 'udp';
  return 'other';
}

