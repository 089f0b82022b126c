import { describeCaptureTimeGap, describeTimeJumps, findCaptureTimeJumps } from '../model/describe-capture-time-gap.js';
import type { StoreDatabase } from './open-database.js';
import type {
  CaptureSummary,
  DnsAnswerSummary,
  DnsQuerySummary,
  FlowHostName,
  FlowSummary,
  IdentifierHit,
  IdentifierHitsNotStored,
  IdentifierNeedle,
  RealtimeSignature,
} from '../model/capture-summary.js';
import type { CaptureFormat } from '../model/observation.js';

/** A stored capture file: what was imported and from where. */
export interface StoredCapture {
  id: number;
  fileName: string;
  sourcePath: string;
  sha256: string;
  format: CaptureFormat;
  sizeBytes: number;
  packetCount: number;
  firstTime: number | null;
  lastTime: number | null;
  importedAt: string;
  warningCount: number;
  /** Whether every identifier the capture was searched for is recorded (false for captures imported before that was). */
  identifierSearchesRecorded: boolean;
  /** Hits found past the stored-hit cap, per identifier; absent when none were left out. */
  identifierHitsNotStored?: IdentifierHitsNotStored[];
}

export type StoredFlow = FlowSummary & { id: number; captureId: number };
export type StoredDnsAnswer = DnsAnswerSummary & { captureId: number };
export type StoredDnsQuery = DnsQuerySummary & { captureId: number };
export type StoredIdentifierHit = IdentifierHit & { captureId: number };

/** Finds an already imported capture of this app by content hash. */
export function findCaptureBySha(db: StoreDatabase, appId: number, sha256: string): StoredCapture | null {
  const row = db.prepare(`${CAPTURE_SELECT} WHERE app_id = ? AND sha256 = ?`).get(appId, sha256) as CaptureRow | undefined;
  return row ? toCapture(db, row) : null;
}

/** The app's capture imported last from this path with this size, if any (a cheap stand-in for hashing the file again). */
export function findCaptureByPath(db: StoreDatabase, appId: number, sourcePath: string, sizeBytes: number): StoredCapture | null {
  const row = db.prepare(`${CAPTURE_SELECT} WHERE app_id = ? AND source_path = ? AND size_bytes = ? ORDER BY id DESC LIMIT 1`).get(appId, sourcePath, sizeBytes) as
    | CaptureRow
    | undefined;
  return row ? toCapture(db, row) : null;
}

/** Whether the app has a capture of exactly this size: only then can a file be one already imported. */
export function hasCaptureOfSize(db: StoreDatabase, appId: number, sizeBytes: number): boolean {
  return db.prepare('SELECT 1 FROM captures WHERE app_id = ? AND size_bytes = ? LIMIT 1').get(appId, sizeBytes) !== undefined;
}

/**
 * Writes a capture summary (flows, DNS answers, identifier hits, warnings). The caller wraps this
 * in a transaction so that an interrupted import leaves nothing behind.
 */
export function insertCapture(
  db: StoreDatabase,
  appId: number,
  summary: CaptureSummary,
  fileName: string,
  importedAt: Date,
  identifiersSearched: readonly IdentifierNeedle[] = [],
): number {
  const captureId = Number(
    db
      .prepare(
        `INSERT INTO captures (app_id, file_name, source_path, sha256, format, size_bytes, packet_count, first_time, last_time, imported_at, warning_count, identifier_searches_recorded)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      )
      .run(
        appId,
        fileName,
        summary.file,
        summary.sha256,
        summary.format,
        summary.sizeBytes,
        summary.packetCount,
        summary.firstTime,
        summary.lastTime,
        importedAt.toISOString(),
        summary.warningCount,
      ).lastInsertRowid,
  );
  const insertWarning = db.prepare('INSERT INTO capture_warnings (capture_id, offset, location_kind, message) VALUES (?, ?, ?, ?)');
  for (const warning of summary.warnings) insertWarning.run(captureId, warning.offset, warning.where, warning.message);
  // The clock-jump warning is worked out from the flows, not met while reading: kept with the others so `db stats`
  // and anyone reading the store see it (not counted in warning_count, which counts damaged records).
  // One row per jump, so a capture joining three sessions shows both.
  if (describeCaptureTimeGap(fileName, summary) !== null) {
    for (const jump of findCaptureTimeJumps(summary.flows)) insertWarning.run(captureId, jump.days, TIME_JUMP, describeTimeJumps([jump]));
  }

  const insertFlow = db.prepare(
    `INSERT INTO flows (capture_id, protocol, client, client_port, server, server_port, packets, bytes, payload_bytes,
       first_time, last_time, first_frame, last_frame, sample_frames, encryption, host_names, http_requests, realtime,
       client_packets, client_bytes, client_payload_bytes, server_packets, server_bytes, server_payload_bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const flow of summary.flows) {
    insertFlow.run(
      captureId,
      flow.protocol,
      flow.client,
      flow.clientPort,
      flow.server,
      flow.serverPort,
      flow.packets,
      flow.bytes,
      flow.payloadBytes,
      flow.firstTime,
      flow.lastTime,
      flow.firstFrame,
      flow.lastFrame,
      JSON.stringify(flow.sampleFrames),
      flow.encryption,
      JSON.stringify(flow.hostNames),
      JSON.stringify(flow.httpRequests),
      JSON.stringify(flow.realtime ?? []),
      flow.clientToServer?.packets ?? null,
      flow.clientToServer?.bytes ?? null,
      flow.clientToServer?.payloadBytes ?? null,
      flow.serverToClient?.packets ?? null,
      flow.serverToClient?.bytes ?? null,
      flow.serverToClient?.payloadBytes ?? null,
    );
  }
  const insertAnswer = db.prepare(
    'INSERT INTO dns_answers (capture_id, frame, time, name, type, value, ttl) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const a of summary.dnsAnswers) insertAnswer.run(captureId, a.frame, a.time, a.name, a.type, a.value, a.ttl);

  const insertQuery = db.prepare('INSERT INTO dns_queries (capture_id, frame, time, name, type) VALUES (?, ?, ?, ?, ?)');
  for (const q of summary.dnsQueries ?? []) insertQuery.run(captureId, q.frame, q.time, q.name, q.type);

  insertIdentifierHits(db, captureId, summary.identifierHits);
  insertHitsNotStored(db, captureId, summary.identifierHitsNotStored ?? []);
  const insertHeuristic = db.prepare(
    `INSERT INTO heuristic_hits (capture_id, kind, value, encoding, frame, time, offset, context, encrypted, protocol, src, src_port, dst, dst_port)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const h of summary.heuristicHits ?? []) {
    insertHeuristic.run(captureId, h.label, h.value, h.encoding, h.frame, h.time, h.offset, h.context, h.encrypted ? 1 : 0, h.protocol, h.src, h.srcPort, h.dst, h.dstPort);
  }
  insertIdentifierSearches(db, captureId, identifiersSearched, importedAt);
  return captureId;
}

/** Stores identifier hits of a capture (at import, or when it is searched again for new identifiers). */
export function insertIdentifierHits(db: StoreDatabase, captureId: number, hits: readonly IdentifierHit[]): void {
  const insertHit = db.prepare(
    `INSERT INTO identifier_hits (capture_id, label, value, encoding, frame, time, offset, context, encrypted, protocol, src, src_port, dst, dst_port, end_frame)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const h of hits) {
    insertHit.run(captureId, h.label, h.value, h.encoding, h.frame, h.time, h.offset, h.context, h.encrypted ? 1 : 0, h.protocol, h.src, h.srcPort, h.dst, h.dstPort, h.endFrame ?? null);
  }
}

/**
 * Location kind of the capture_warnings rows that count identifier hits not stored (one row per identifier: `offset`
 * holds the count, `message` the label). That table already says what an import left out, and a new table would need
 * a migration; damaged-record warnings are counted in captures.warning_count, these are not.
 */
const HITS_NOT_STORED = 'identifier-hits-not-stored';

/** Location kind of the capture_warnings row for record times that jump by more than 30 days (`offset`: the days). */
export const TIME_JUMP = 'record-time-jump';

/** Location kind of the row beside it that says how many first hits per connection were still stored past the cap. */
const HITS_KEPT_PER_CONNECTION = 'identifier-hits-kept-per-connection';

/** Stores how many hits of each identifier were found past the cap and not stored. */
export function insertHitsNotStored(db: StoreDatabase, captureId: number, counts: readonly IdentifierHitsNotStored[]): void {
  const insert = db.prepare('INSERT INTO capture_warnings (capture_id, offset, location_kind, message) VALUES (?, ?, ?, ?)');
  for (const count of counts) {
    insert.run(captureId, count.hits, HITS_NOT_STORED, count.label);
    if (count.keptPerConnection !== undefined) insert.run(captureId, count.keptPerConnection, HITS_KEPT_PER_CONNECTION, count.label);
  }
}

/**
 * Hits of each identifier found past the cap and not stored, summed over the capture's searches, most first; with
 * the first hits per connection kept past the cap, when every search that left hits out kept them.
 */
function listHitsNotStored(db: StoreDatabase, captureId: number): IdentifierHitsNotStored[] {
  const rows = db
    .prepare(
      `SELECT message AS label, SUM(offset) AS hits, COUNT(*) AS searches,
         (SELECT COUNT(*) FROM capture_warnings k WHERE k.capture_id = w.capture_id AND k.location_kind = ? AND k.message = w.message) AS keptSearches,
         (SELECT MIN(offset) FROM capture_warnings k WHERE k.capture_id = w.capture_id AND k.location_kind = ? AND k.message = w.message) AS kept
       FROM capture_warnings w WHERE capture_id = ? AND location_kind = ? GROUP BY message ORDER BY hits DESC, label`,
    )
    .all(HITS_KEPT_PER_CONNECTION, HITS_KEPT_PER_CONNECTION, captureId, HITS_NOT_STORED) as { label: string; hits: number; searches: number; keptSearches: number; kept: number | null }[];
  return rows.map(({ label, hits, searches, keptSearches, kept }) => ({ label, hits, ...(kept !== null && keptSearches === searches ? { keptPerConnection: kept } : {}) }));
}

/** Records that a capture was searched for these identifiers (whether or not they were found). */
export function insertIdentifierSearches(db: StoreDatabase, captureId: number, needles: readonly IdentifierNeedle[], searchedAt: Date): void {
  const insert = db.prepare('INSERT OR IGNORE INTO identifier_searches (capture_id, label, value, searched_at) VALUES (?, ?, ?, ?)');
  for (const needle of needles) insert.run(captureId, needle.label, needle.value, searchedAt.toISOString());
}

/** The identifiers a capture was searched for, in the order they were recorded. */
export function listIdentifierSearches(db: StoreDatabase, captureId: number): IdentifierNeedle[] {
  return db.prepare('SELECT label, value FROM identifier_searches WHERE capture_id = ? ORDER BY rowid').all(captureId) as IdentifierNeedle[];
}

const CAPTURE_SELECT = `SELECT id, file_name, source_path, sha256, format, size_bytes, packet_count, first_time, last_time, imported_at, warning_count, identifier_searches_recorded FROM captures`;

interface CaptureRow {
  id: number;
  file_name: string;
  source_path: string;
  sha256: string;
  format: CaptureFormat;
  size_bytes: number;
  packet_count: number;
  first_time: number | null;
  last_time: number | null;
  imported_at: string;
  warning_count: number;
  identifier_searches_recorded: number;
}

function toCapture(db: StoreDatabase, row: CaptureRow): StoredCapture {
  const notStored = listHitsNotStored(db, row.id);
  return {
    id: row.id,
    fileName: row.file_name,
    sourcePath: row.source_path,
    sha256: row.sha256,
    format: row.format,
    sizeBytes: row.size_bytes,
    packetCount: row.packet_count,
    firstTime: row.first_time,
    lastTime: row.last_time,
    importedAt: row.imported_at,
    warningCount: row.warning_count,
    identifierSearchesRecorded: row.identifier_searches_recorded === 1,
    ...(notStored.length > 0 ? { identifierHitsNotStored: notStored } : {}),
  };
}

/** All captures of an app, oldest import first. */
export function listCaptures(db: StoreDatabase, appId: number): StoredCapture[] {
  return (db.prepare(`${CAPTURE_SELECT} WHERE app_id = ? ORDER BY id`).all(appId) as CaptureRow[]).map((row) => toCapture(db, row));
}

interface FlowRow {
  id: number;
  capture_id: number;
  protocol: FlowSummary['protocol'];
  client: string;
  client_port: number;
  server: string;
  server_port: number;
  packets: number;
  bytes: number;
  payload_bytes: number;
  first_time: number;
  last_time: number;
  first_frame: number;
  last_frame: number;
  sample_frames: string;
  encryption: FlowSummary['encryption'];
  host_names: string;
  http_requests: string;
  realtime: string;
  client_packets: number | null;
  client_bytes: number | null;
  client_payload_bytes: number | null;
  server_packets: number | null;
  server_bytes: number | null;
  server_payload_bytes: number | null;
}

/** The direction split of a stored flow: absent (unknown) for flows stored before it was counted (NULL columns). */
function parseDirectionTotals(row: FlowRow): Pick<FlowSummary, 'clientToServer' | 'serverToClient'> {
  const { client_packets: cp, client_bytes: cb, client_payload_bytes: cpb, server_packets: sp, server_bytes: sb, server_payload_bytes: spb } = row;
  if (cp === null || cb === null || cpb === null || sp === null || sb === null || spb === null) return {};
  return { clientToServer: { packets: cp, bytes: cb, payloadBytes: cpb }, serverToClient: { packets: sp, bytes: sb, payloadBytes: spb } };
}

/** The optional `realtime` field of a flow: present only when a protocol was recognised, as at import. */
function parseRealtime(text: string): Pick<FlowSummary, 'realtime'> {
  const realtime = JSON.parse(text) as RealtimeSignature[];
  return realtime.length > 0 ? { realtime } : {};
}

/** Flows of the given captures, in capture then first-frame order. */
export function loadFlows(db: StoreDatabase, captureIds: readonly number[]): StoredFlow[] {
  const statement = db.prepare('SELECT * FROM flows WHERE capture_id = ? ORDER BY first_frame, id');
  return captureIds.flatMap((captureId) =>
    (statement.all(captureId) as FlowRow[]).map((row) => ({
      id: row.id,
      captureId: row.capture_id,
      protocol: row.protocol,
      client: row.client,
      clientPort: row.client_port,
      server: row.server,
      serverPort: row.server_port,
      packets: row.packets,
      bytes: row.bytes,
      payloadBytes: row.payload_bytes,
      firstTime: row.first_time,
      lastTime: row.last_time,
      firstFrame: row.first_frame,
      lastFrame: row.last_frame,
      sampleFrames: JSON.parse(row.sample_frames) as number[],
      encryption: row.encryption,
      hostNames: JSON.parse(row.host_names) as FlowHostName[],
      httpRequests: JSON.parse(row.http_requests) as FlowSummary['httpRequests'],
      ...parseRealtime(row.realtime),
      ...parseDirectionTotals(row),
    })),
  );
}

/** DNS answers of the given captures. */
export function loadDnsAnswers(db: StoreDatabase, captureIds: readonly number[]): StoredDnsAnswer[] {
  const statement = db.prepare('SELECT capture_id AS captureId, frame, time, name, type, value, ttl FROM dns_answers WHERE capture_id = ? ORDER BY frame, id');
  return captureIds.flatMap((id) => statement.all(id) as StoredDnsAnswer[]);
}

/** DNS question names of the given captures (none for captures imported before they were stored). */
export function loadDnsQueries(db: StoreDatabase, captureIds: readonly number[]): StoredDnsQuery[] {
  const statement = db.prepare('SELECT capture_id AS captureId, frame, time, name, type FROM dns_queries WHERE capture_id = ? ORDER BY frame, id');
  return captureIds.flatMap((id) => statement.all(id) as StoredDnsQuery[]);
}

interface HitRow {
  captureId: number;
  label: string;
  value: string;
  encoding: IdentifierHit['encoding'];
  frame: number;
  time: number;
  offset: number;
  endFrame: number | null;
  context: IdentifierHit['context'];
  encrypted: number;
  protocol: IdentifierHit['protocol'];
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
}

function toHit({ endFrame, encrypted, ...row }: HitRow, heuristic: boolean): StoredIdentifierHit {
  return { ...row, ...(endFrame !== null ? { endFrame } : {}), encrypted: encrypted === 1, ...(heuristic ? { heuristic: true } : {}) };
}

const HIT_COLUMNS = `capture_id AS captureId, value, encoding, frame, time, offset, context, encrypted, protocol,
  src, src_port AS srcPort, dst, dst_port AS dstPort`;

/** Identifier hits of the given captures: values the user supplied, never guesses (see {@link loadHeuristicHits}). */
export function loadIdentifierHits(db: StoreDatabase, captureIds: readonly number[]): StoredIdentifierHit[] {
  const statement = db.prepare(`SELECT label, end_frame AS endFrame, ${HIT_COLUMNS} FROM identifier_hits WHERE capture_id = ? ORDER BY frame, offset, id`);
  return captureIds.flatMap((id) => (statement.all(id) as HitRow[]).map((row) => toHit(row, false)));
}

/**
 * Identifiers recognised by their shape (e-mail, phone, UUID, IMEI, coordinates) in the given captures, each with
 * `heuristic: true` and the kind as its label.
 */
export function loadHeuristicHits(db: StoreDatabase, captureIds: readonly number[]): StoredIdentifierHit[] {
  const statement = db.prepare(`SELECT kind AS label, NULL AS endFrame, ${HIT_COLUMNS} FROM heuristic_hits WHERE capture_id = ? ORDER BY frame, offset, id`);
  return captureIds.flatMap((id) => (statement.all(id) as HitRow[]).map((row) => toHit(row, true)));
}
