import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { getRegistrableDomain } from '../enrich/registrable-domain.js';
import type { AuditResult } from '../model/audit.js';
import { findCaptureByPath, findCaptureBySha, listIdentifierSearches } from '../store/capture-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import type { BatchApp } from './read-batch-manifest.js';

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A hash, or null when the file cannot be read: the row is then run again and fails with its own message. */
async function tryHashFile(path: string): Promise<string | null> {
  try {
    return await hashFile(path);
  } catch {
    return null;
  }
}

/**
 * The sha256 of a capture file. A file at the path a capture was imported from, of the same size and not modified
 * since that import, is taken to be that capture (as make and rsync judge files), so resuming a batch of large
 * captures does not read them all again.
 */
async function identifyCapture(db: StoreDatabase, appId: number, path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    const known = findCaptureByPath(db, appId, path, info.size);
    if (known !== null && info.mtimeMs <= Date.parse(known.importedAt)) return known.sha256;
  } catch {
    return null;
  }
  return tryHashFile(path);
}

/**
 * Why a manifest row already audited must be audited again, or null when the app's latest audit used exactly
 * the row's inputs: the same local policy file (by sha256), every capture file (by sha256), and every identifier
 * (label and value) searched in those captures. A policy given by URL is not fetched again to compare (a rerun
 * would otherwise touch the network for every row): `--redo` does that. An app domain of the row that the audit did
 * not run with runs it again; an audit that did not record its domains (an older claimcheck) is not judged by them.
 */
export async function describeChangedBatchInputs(db: StoreDatabase, appId: number, row: BatchApp, latest: AuditResult): Promise<string | null> {
  const inputs = latest.inputs;
  if (row.policy !== null && !/^https?:\/\//i.test(row.policy)) {
    const sha256 = await tryHashFile(row.policy);
    if (sha256 === null) return `policy ${basename(row.policy)} cannot be read`;
    if (sha256 !== inputs.policy?.sha256) return `policy ${basename(row.policy)} differs from the one last audited`;
  }
  // The row's domains as the batch stores them (registrable domains); the app keeps every domain it was ever given.
  const newDomain = row.appDomains.map((d) => getRegistrableDomain(d) ?? d).find((d) => inputs.appDomains !== undefined && !inputs.appDomains.includes(d.toLowerCase()));
  if (newDomain !== undefined) return `app domain ${newDomain} was not among the app's own domains in the last audit`;
  const audited = new Set(inputs.captures.map((c) => c.sha256));
  for (const path of row.captures) {
    const sha256 = await identifyCapture(db, appId, path);
    if (sha256 === null) return `capture ${basename(path)} cannot be read`;
    const stored = audited.has(sha256) ? findCaptureBySha(db, appId, sha256) : null;
    if (stored === null) return `capture ${basename(path)} was not in the last audit`;
    // Unknown for captures imported before searches were recorded: nothing to compare with.
    if (!stored.identifierSearchesRecorded) continue;
    const searched = listIdentifierSearches(db, stored.id);
    const missing = row.identifiers.filter((needle) => !searched.some((s) => s.label === needle.label && s.value === needle.value));
    if (missing.length > 0) return `capture ${basename(path)} was not searched for ${missing.map((n) => n.label).join(', ')} with the value now given`;
  }
  return null;
}
