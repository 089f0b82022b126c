import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditDependencies } from '../audit/run-audit.js';
import { runAudit } from '../audit/run-audit.js';
import type { AuditResult } from '../model/audit.js';
import type { IdentifierNeedle } from '../model/capture-summary.js';
import { findPackageRoot } from '../package-root.js';
import type { DataSource } from '../report/report-model.js';
import { requireApp } from '../store/app-repository.js';
import { RULES } from '../rules/registry.js';
import { openDatabase } from '../store/open-database.js';
import { analysePolicy, storePolicy } from './add-policy.js';
import { ensureOutputDirectory } from './ensure-output-directory.js';
import { importCapture } from './import-capture.js';
import { buildStoredReport } from './load-report-model.js';
import { REPORT_FORMATS, writeReports } from './write-reports.js';

/** The bundled example: a fictional voice-chat app, "Murmur". */
export const DEMO_APP = {
  name: 'Murmur (example voice app)',
  slug: 'example-voice-app',
  domains: ['murmur.example'],
  policyFile: 'policies/example-voice-app/murmur-privacy-policy.html',
  captureFile: 'observations/example-voice-app/murmur-session.pcap',
  identifiersFile: 'observations/example-voice-app/identifiers.json',
} as const;

/** Result of a demo run: the audit and the report files written. */
export interface DemoResult {
  audit: AuditResult;
  reportPaths: string[];
  databasePath: string;
}

/**
 * Audits the bundled example end to end into a fresh database under `outDir/example-voice-app/`,
 * and writes the three reports there. Running it twice gives the same findings.
 */
export async function runDemo(outDir: string, deps: AuditDependencies & { dataSources: DataSource[] }): Promise<DemoResult> {
  const root = findPackageRoot();
  const appDir = join(outDir, DEMO_APP.slug);
  ensureOutputDirectory(appDir);
  const databasePath = join(appDir, 'claimcheck-demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(databasePath + suffix, { force: true });

  const identifiers = JSON.parse(readFileSync(join(root, DEMO_APP.identifiersFile), 'utf8')) as IdentifierNeedle[];
  const db = openDatabase(databasePath);
  try {
    const policy = await analysePolicy(join(root, DEMO_APP.policyFile), { organisations: deps.catalog.organisationNames(), now: deps.now, appDomains: DEMO_APP.domains });
    storePolicy(db, DEMO_APP.name, policy, deps.now, DEMO_APP.domains);
    await importCapture(db, join(root, DEMO_APP.captureFile), {
      appName: DEMO_APP.name,
      appDomains: [...DEMO_APP.domains],
      identifiers,
      now: deps.now,
    });
    const audit = runAudit(db, DEMO_APP.name, deps);
    // The bundled policy is shown relative to the package root, wherever the demo is run from.
    const model = buildStoredReport(db, requireApp(db, DEMO_APP.name), audit, {
      generatedAt: deps.now(),
      toolVersion: deps.toolVersion,
      rules: RULES.map((r) => r.meta),
      dataSources: deps.dataSources,
      workingDirectory: root,
    });
    const reportPaths = writeReports(model, appDir, REPORT_FORMATS);
    return { audit, reportPaths, databasePath };
  } finally {
    db.close();
  }
}
