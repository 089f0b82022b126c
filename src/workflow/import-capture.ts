import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { CaptureSummary, IdentifierNeedle } from '../model/capture-summary.js';
import { ImportError } from '../model/errors.js';
import type { CaptureFormat } from '../model/observation.js';
import { summarizeCapture } from '../capture/summarize-capture.js';
import { addAppDomains, ensureApp, findAppId } from '../store/app-repository.js';
import { findCaptureBySha, insertCapture } from '../store/capture-repository.js';
import type { StoreDatabase } from '../store/open-database.js';

/** Outcome of importing one capture file. */
export type ImportOutcome =
  | { status: 'imported'; captureId: number; summary: CaptureSummary }
  | { status: 'already-imported'; captureId: number; sha256: string };

/** sha256 of a file, streamed. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    throw new ImportError(file, code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a capture file' : `cannot read (${code || String(error)})`);
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
  const sha256 = await hashFile(file);
  const appId = findAppId(db, options.appName);
  const existing = appId !== null ? findCaptureBySha(db, appId, sha256) : null;
  if (existing) return { status: 'already-imported', captureId: existing.id, sha256 };

  const summary = await summarizeCapture(file, {
    format: options.format,
    identifiers: options.identifiers,
    onProgress: options.onProgress,
    knownSha256: sha256,
  });
  return db
    .transaction((): ImportOutcome => {
      const appId = ensureApp(db, options.appName, options.now());
      // Checked again under the write lock: another process may have imported the same file while this one parsed it.
      const raced = findCaptureBySha(db, appId, summary.sha256);
      if (raced) return { status: 'already-imported', captureId: raced.id, sha256: summary.sha256 };
      addAppDomains(db, appId, options.appDomains ?? []);
      return { status: 'imported', captureId: insertCapture(db, appId, summary, basename(file), options.now()), summary };
    })
    .immediate();
}
