import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { AuditResult } from '../model/audit.js';
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
 * Why a manifest row already audited must be audited again, or null when the app's latest audit used exactly
 * the row's inputs: the same local policy file (by sha256), every capture file (by sha256), and every
 * identifier label searched in those captures. A policy given by URL is not fetched again to compare (a
 * rerun would otherwise touch the network for every row): `--redo` does that. App domains are not compared.
 */
export async function describeChangedBatchInputs(row: BatchApp, latest: AuditResult): Promise<string | null> {
  const inputs = latest.inputs;
  if (row.policy !== null && !/^https?:\/\//i.test(row.policy)) {
    const sha256 = await tryHashFile(row.policy);
    if (sha256 === null) return `policy ${basename(row.policy)} cannot be read`;
    if (sha256 !== inputs.policy?.sha256) return `policy ${basename(row.policy)} differs from the one last audited`;
  }
  const audited = new Map(inputs.captures.map((c) => [c.sha256, c]));
  const labels = row.identifiers.map((needle) => needle.label);
  for (const capture of row.captures) {
    const sha256 = await tryHashFile(capture);
    if (sha256 === null) return `capture ${basename(capture)} cannot be read`;
    const previous = audited.get(sha256);
    if (previous === undefined) return `capture ${basename(capture)} was not in the last audit`;
    // Unknown for captures imported before searches were recorded: nothing to compare with.
    const missing = previous.identifiersSearched === undefined ? [] : labels.filter((label) => !previous.identifiersSearched?.includes(label));
    if (missing.length > 0) return `capture ${basename(capture)} was not searched for ${missing.join(', ')}`;
  }
  return null;
}
