/**
 * The database robustness tests start from: app "Base" with the bundled example policy, capture
 * and one audit, built in-process and closed cleanly so that copying the one file copies it all.
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';

export const EXAMPLE_CAPTURE = resolve('observations/example-voice-app/murmur-session.pcap');
export const EXAMPLE_POLICY = resolve('policies/example-voice-app/murmur-privacy-policy.html');
/** A real capture from the shared test data (nDPI, LGPL-3.0). */
export const REAL_CAPTURE = resolve('../shared/data/captures/ndpi_android.pcap');
/** Two more real captures (nDPI, LGPL-3.0; PageXray, see the captures README), for multi-file imports. */
export const OTHER_REAL_CAPTURE = resolve('../shared/data/captures/ndpi_alexa-app.pcapng');
export const REAL_HAR = resolve('../shared/data/captures/pagexray_www.nytimes.com.har');

/** Creates the base database at `path`. */
export async function createBaseDatabase(path: string): Promise<void> {
  const now = (): Date => new Date('2026-11-22T00:00:00Z');
  const db = openDatabase(path);
  try {
    const policy = await analysePolicy(EXAMPLE_POLICY, { organisations: loadCatalog().organisationNames(), now });
    storePolicy(db, 'Base', policy, now, ['murmur.example']);
    await importCapture(db, EXAMPLE_CAPTURE, { appName: 'Base', appDomains: ['murmur.example'], identifiers: [{ label: 'user_id', value: '8f3a0c19' }], now });
    runAudit(db, 'Base', { ...createAuditDependencies(), now });
  } finally {
    db.close();
  }
}

let copies = 0;

/** A fresh copy of a base database (closed cleanly, so the main file holds everything) in `dir`. */
export function copyBaseDatabase(baseDb: string, dir: string): string {
  copies += 1;
  const path = join(dir, `trial-${copies}.db`);
  copyFileSync(baseDb, path);
  return path;
}
