/**
 * Policy extraction throughput: text extraction, sentence splitting and claim extraction for every
 * policy file in a folder, as policies per second (and MB/s). Folder: $CLAIMCHECK_POLICY_BENCH_DIR,
 * else ../shared/data/policies when present, else the bundled policies/ examples. Snapshots are read
 * before timing starts, so the figure is extraction only, not disk I/O.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EntityCatalog } from '../src/enrich/entity-catalog.js';
import type { PolicySnapshot } from '../src/model/policy.js';
import { extractClaims } from '../src/policy/extract-claims.js';
import { extractPolicyText } from '../src/policy/extract-policy-text.js';
import { loadPolicySnapshot } from '../src/policy/load-policy-snapshot.js';

const POLICY_FILE = /\.(?:html?|xhtml|md|markdown|txt)$/i;
/** Enough rounds that one policy set takes long enough to time reliably. */
const ROUNDS = 5;

/** Prints policies per second for text and claim extraction over every policy file of the folder. */
export async function runBenchmark(): Promise<void> {
  const dir = choosePolicyFolder();
  const files = listPolicyFiles(dir);
  if (files.length === 0) {
    process.stdout.write(`no policy files in ${dir}\n`);
    return;
  }
  const snapshots: PolicySnapshot[] = [];
  for (const file of files) snapshots.push(await loadPolicySnapshot(file));
  const organisations = EntityCatalog.loadDefault().organisationNames();
  const bytes = snapshots.reduce((sum, s) => sum + s.bytes.length, 0);

  // One warm-up pass so that JIT compilation and lexicon regex compilation are not in the figure.
  let claims = 0;
  for (const snapshot of snapshots) claims += extractClaims(extractPolicyText(snapshot), { organisations }).length;

  const started = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) {
    for (const snapshot of snapshots) extractClaims(extractPolicyText(snapshot), { organisations });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const policies = snapshots.length * ROUNDS;
  process.stdout.write(
    `${snapshots.length} policies (${(bytes / 1e6).toFixed(2)} MB, ${claims} claims) from ${dir}\n` +
      `extract text + claims: ${(policies / seconds).toFixed(1)} policies/s, ${((bytes * ROUNDS) / 1e6 / seconds).toFixed(2)} MB/s ` +
      `(${((seconds / policies) * 1000).toFixed(1)} ms per policy, ${ROUNDS} rounds)\n`,
  );
}

function choosePolicyFolder(): string {
  const fromEnv = process.env['CLAIMCHECK_POLICY_BENCH_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const shared = resolve('..', 'shared', 'data', 'policies');
  return existsSync(shared) ? shared : resolve('policies');
}

/** Policy files in the folder and its sub-folders (the bundled examples sit one level down). */
function listPolicyFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...listPolicyFiles(path));
    else if (POLICY_FILE.test(name) && !/^readme\./i.test(name)) found.push(path);
  }
  return found;
}
