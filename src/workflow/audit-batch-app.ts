import { basename } from 'node:path';
import { createNoPolicyError, runAudit, type AuditDependencies } from '../audit/run-audit.js';
import { getRegistrableDomain } from '../enrich/registrable-domain.js';
import { findAppId } from '../store/app-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import { findLatestSnapshot } from '../store/policy-repository.js';
import { analysePolicy, checkPolicyLanguage, storePolicy } from './add-policy.js';
import { followSubprocessorLinks } from './follow-subprocessor-links.js';
import type { BatchApp } from './read-batch-manifest.js';
import { importCaptures } from './import-capture.js';
import { describeImportWarnings } from './describe-import-warnings.js';

/** What one manifest row produced. */
export interface BatchAppResult {
  auditId: number;
  findings: number;
  /** What the user should know about the row although it succeeded (e.g. no sub-processor list found). */
  warnings: string[];
}

/**
 * Stores the row's policy, imports its captures and audits the app — the same steps, each
 * idempotent and atomic, as `policy add`, `import` and `audit`, so a row interrupted midway is
 * simply done again on the next run.
 */
export async function auditBatchApp(db: StoreDatabase, row: BatchApp, deps: AuditDependencies): Promise<BatchAppResult> {
  const warnings: string[] = [];
  const appDomains = row.appDomains.map((d) => getRegistrableDomain(d) ?? d);
  if (row.policy === null) {
    // Refused before importing anything: the audit would refuse, and the row should leave nothing behind.
    const appId = findAppId(db, row.app);
    if (appId === null || findLatestSnapshot(db, appId) === null) throw createNoPolicyError(row.app);
  } else {
    const organisations = deps.catalog.organisationNames();
    const policy = await analysePolicy(row.policy, { organisations, now: deps.now, appDomains, ...(row.asOf !== undefined ? { declaredDate: row.asOf } : {}) });
    checkPolicyLanguage(policy, row.policy, false, 'use an English version of the policy in the manifest, or add it with claimcheck policy add --any-language before the batch');
    const followed = row.followSubprocessors === true ? await followSubprocessorLinks(policy, { organisations, now: deps.now }) : null;
    // Each run records a sighting of the row's policy, so a policy file changed back to an earlier version is in force again.
    storePolicy(db, row.app, policy, deps.now, appDomains, followed?.pages ?? []);
    warnings.push(...(followed?.warnings ?? []));
  }
  // One call for the row's captures, as `import a b c` is one command: Zeek logs of a connection are joined by
  // uid across them, and a bad file leaves none of them imported.
  const outcomes = await importCaptures(db, row.captures, { appName: row.app, appDomains, identifiers: row.identifiers, now: deps.now });
  outcomes.forEach((outcome, i) => warnings.push(...describeImportWarnings(basename(row.captures[i] ?? ''), outcome)));
  const audit = runAudit(db, row.app, deps);
  return { auditId: audit.auditId, findings: audit.findings.length, warnings };
}
