import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CaptureSummary, IdentifierHitsNotStored, IdentifierNeedle } from '../model/capture-summary.js';
import type { CaptureFormat } from '../model/observation.js';
import { summarizeCapture } from '../capture/summarize-capture.js';
import { toImportError } from '../capture/read-file-chunks.js';
import { addAppDomains, ensureApp, findAppId } from '../store/app-repository.js';
import {
  findCaptureBySha,
  hasCaptureOfSize,
  insertCapture,
  insertIdentifierHits,
  insertHitsNotStored,
  insertIdentifierSearches,
  listIdentifierSearches,
} from '../store/capture-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import { prepareZeekJoin } from './join-zeek-logs-of-import.js';

/** Outcome of importing one capture file. */
export type ImportOutcome =
  | { status: 'imported'; captureId: number; summary: CaptureSummary }
  | { status: 'already-imported'; captureId: number; sha256: string }
  /** Already imported, and searched now for identifiers it had not been searched for. */
  | { status: 'searched-again'; captureId: number; sha256: string; identifiers: IdentifierNeedle[]; hits: number; hitsNotStored: IdentifierHitsNotStored[] };

/** sha256 of a file, streamed. */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    throw toImportError(file, error);
  }
  return hash.digest('hex');
}

/** What an import needs besides the files. */
export interface ImportCaptureOptions {
  appName: string;
  appDomains?: string[];
  /** Called (inside the transaction) with the app domains this import recorded for the first time. */
  onAppDomainsAdded?: (domains: string[]) => void;
  identifiers: IdentifierNeedle[];
  format?: CaptureFormat;
  now: () => Date;
  /** Called as each file is read, with the file and its bytes read so far; for a progress bar. */
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
  /** Called when a file has been read and written (not yet committed), in command-line order. */
  onFileDone?: (file: string, outcome: ImportOutcome) => void;
}

/**
 * Imports captures for an app, all or nothing: every file is parsed (streaming) and written inside one write
 * transaction, committed after the last file, so a bad file among several, or a kill at any moment, leaves the
 * database as it was before the command. The first file is parsed before the write lock is taken; later ones are
 * parsed while it is held, one at a time, so memory holds one file's summary (its flows), never its packets.
 * A file already imported for this app (same sha256), or given twice, is not imported again; if it is given with
 * identifiers it was not searched for, it is searched for those (its flows are not stored twice).
 * @throws ImportError naming the first bad file; nothing is written then.
 */
export async function importCaptures(db: StoreDatabase, files: readonly string[], options: ImportCaptureOptions): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  let transactionOpen = false;
  try {
    // Zeek logs of one connection are joined by uid across the files given together.
    const joinZeekLogs = await prepareZeekJoin(db, files, options.appName, options.format);
    for (const file of files) {
      const read = await readForImport(db, file, options);
      if (!transactionOpen) {
        // Waits up to the busy timeout for another writer, like better-sqlite3's transaction().immediate().
        db.exec('BEGIN IMMEDIATE');
        transactionOpen = true;
        // The app's domains hold whatever the files turn out to be: a repeat import may be how a user adds one.
        const added = addAppDomains(db, ensureApp(db, options.appName, options.now()), options.appDomains ?? []);
        if (added.length > 0) options.onAppDomainsAdded?.(added);
      }
      const outcome = read.status === 'read' ? writeCapture(db, file, joinZeekLogs(read.summary), options) : read.status === 'searched' ? writeSearch(db, read, options.now()) : read;
      outcomes.push(outcome);
      options.onFileDone?.(file, outcome);
    }
    if (transactionOpen) db.exec('COMMIT');
  } catch (error) {
    if (transactionOpen && db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return outcomes;
}

/** Imports one capture for an app; see {@link importCaptures}. */
export async function importCapture(
  db: StoreDatabase,
  file: string,
  options: Omit<ImportCaptureOptions, 'onProgress' | 'onFileDone'> & { onProgress?: (bytesRead: number, totalBytes: number) => void },
): Promise<ImportOutcome> {
  const { onProgress, ...rest } = options;
  const [outcome] = await importCaptures(db, [file], {
    ...rest,
    ...(onProgress !== undefined ? { onProgress: (_file: string, done: number, total: number) => onProgress(done, total) } : {}),
  });
  if (outcome === undefined) throw new Error('importCaptures returned no outcome for one file');
  return outcome;
}

type ReadOutcome =
  | { status: 'read'; summary: CaptureSummary }
  /** A capture already stored, parsed again to search it for identifiers it had not been searched for. */
  | { status: 'searched'; captureId: number; summary: CaptureSummary; identifiers: IdentifierNeedle[] }
  | Extract<ImportOutcome, { status: 'already-imported' }>;

/** Parses one file, or finds it already imported (checked again when written, under the write lock). */
async function readForImport(db: StoreDatabase, file: string, options: ImportCaptureOptions): Promise<ReadOutcome> {
  // The parse hashes the file as it reads it, so a new file is read once. Only when the app already has a capture
  // of the same size can this one be a repeat: then it is hashed first, which spares a repeat its parse.
  const appId = findAppId(db, options.appName);
  let knownSha256: string | undefined;
  if (appId !== null && hasCaptureOfSize(db, appId, await fileSize(file))) {
    knownSha256 = await hashFile(file);
    const existing = findCaptureBySha(db, appId, knownSha256);
    if (existing) {
      const unsearched = identifiersNotSearched(db, existing.id, options.identifiers);
      if (unsearched.length === 0) return { status: 'already-imported', captureId: existing.id, sha256: knownSha256 };
      const summary = await summarizeCapture(file, {
        format: options.format,
        identifiers: unsearched,
        onProgress: options.onProgress === undefined ? undefined : (done, total) => options.onProgress?.(file, done, total),
        knownSha256,
      });
      return { status: 'searched', captureId: existing.id, summary, identifiers: unsearched };
    }
  }
  const summary = await summarizeCapture(file, {
    format: options.format,
    identifiers: options.identifiers,
    onProgress: options.onProgress === undefined ? undefined : (done, total) => options.onProgress?.(file, done, total),
    knownSha256,
  });
  return { status: 'read', summary };
}

/** Writes one parsed capture inside the open transaction. */
function writeCapture(db: StoreDatabase, file: string, summary: CaptureSummary, options: ImportCaptureOptions): ImportOutcome {
  const appId = ensureApp(db, options.appName, options.now());
  // Checked under the write lock: the file may be a repeat, or another process may have imported it meanwhile.
  const existing = findCaptureBySha(db, appId, summary.sha256);
  if (existing) return writeSearch(db, { status: 'searched', captureId: existing.id, summary, identifiers: options.identifiers }, options.now());
  return { status: 'imported', captureId: insertCapture(db, appId, summary, basename(file), options.now(), options.identifiers), summary };
}

/**
 * Stores the hits of identifiers a stored capture had not been searched for (checked again under the write lock:
 * another process may have searched it meanwhile, or the same file may be given twice).
 */
function writeSearch(db: StoreDatabase, read: Extract<ReadOutcome, { status: 'searched' }>, now: Date): ImportOutcome {
  const identifiers = identifiersNotSearched(db, read.captureId, read.identifiers);
  if (identifiers.length === 0) return { status: 'already-imported', captureId: read.captureId, sha256: read.summary.sha256 };
  const wanted = new Set(identifiers.map(needleKey));
  const hits = read.summary.identifierHits.filter((hit) => wanted.has(needleKey(hit)));
  insertIdentifierHits(db, read.captureId, hits);
  const labels = new Set(identifiers.map((i) => i.label));
  const hitsNotStored = (read.summary.identifierHitsNotStored ?? []).filter((count) => labels.has(count.label));
  insertHitsNotStored(db, read.captureId, hitsNotStored);
  insertIdentifierSearches(db, read.captureId, identifiers, now);
  return { status: 'searched-again', captureId: read.captureId, sha256: read.summary.sha256, identifiers, hits: hits.length, hitsNotStored };
}

/** The identifiers among `needles` that a stored capture has not been searched for. */
function identifiersNotSearched(db: StoreDatabase, captureId: number, needles: readonly IdentifierNeedle[]): IdentifierNeedle[] {
  const searched = new Set(listIdentifierSearches(db, captureId).map(needleKey));
  const seen = new Set<string>();
  return needles.filter((needle) => {
    const key = needleKey(needle);
    if (searched.has(key) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function needleKey(needle: { label: string; value: string }): string {
  return `${needle.label}\u0000${needle.value}`;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw toImportError(file, error);
  }
}
