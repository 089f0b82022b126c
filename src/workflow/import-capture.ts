import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CaptureSummary, IdentifierNeedle } from '../model/capture-summary.js';
import type { CaptureFormat } from '../model/observation.js';
import { summarizeCapture } from '../capture/summarize-capture.js';
import { toImportError } from '../capture/read-file-chunks.js';
import { addAppDomains, ensureApp, findAppId } from '../store/app-repository.js';
import { findCaptureBySha, hasCaptureOfSize, insertCapture } from '../store/capture-repository.js';
import type { StoreDatabase } from '../store/open-database.js';

/** Outcome of importing one capture file. */
export type ImportOutcome =
  | { status: 'imported'; captureId: number; summary: CaptureSummary }
  | { status: 'already-imported'; captureId: number; sha256: string };

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

/**
 * Imports one capture for an app: parse it fully first (streaming, nothing written), then write
 * everything in one transaction, so a bad or interrupted file leaves the database as it was.
 * A file already imported for this app (same sha256) is not imported again.
 */
export async function importCapture(
  db: StoreDatabase,
  file: string,
  options: {
    appName: string;
    appDomains?: string[];
    identifiers: IdentifierNeedle[];
    format?: CaptureFormat;
    now: () => Date;
    onProgress?: (bytesRead: number, totalBytes: number) => void;
  },
): Promise<ImportOutcome> {
  // The parse hashes the file as it reads it, so a new file is read once. Only when the app already has a capture
  // of the same size can this one be a repeat: then it is hashed first, which spares a repeat its parse.
  const appId = findAppId(db, options.appName);
  let knownSha256: string | undefined;
  if (appId !== null && hasCaptureOfSize(db, appId, await fileSize(file))) {
    knownSha256 = await hashFile(file);
    const existing = findCaptureBySha(db, appId, knownSha256);
    if (existing) return { status: 'already-imported', captureId: existing.id, sha256: knownSha256 };
  }

  const summary = await summarizeCapture(file, {
    format: options.format,
    identifiers: options.identifiers,
    onProgress: options.onProgress,
    knownSha256,
  });
  return db
    .transaction((): ImportOutcome => {
      const appId = ensureApp(db, options.appName, options.now());
      // Checked under the write lock: the file may be a repeat, or another process may have imported it meanwhile.
      const existing = findCaptureBySha(db, appId, summary.sha256);
      if (existing) return { status: 'already-imported', captureId: existing.id, sha256: summary.sha256 };
      addAppDomains(db, appId, options.appDomains ?? []);
      return { status: 'imported', captureId: insertCapture(db, appId, summary, basename(file), options.now()), summary };
    })
    .immediate();
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw toImportError(file, error);
  }
}
