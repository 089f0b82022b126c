import type { Claim } from '../model/claim.js';
import type { ExtractedPolicy, PolicySnapshot } from '../model/policy.js';
import { extractClaims, type OrganisationName } from '../policy/extract-claims.js';
import { extractPolicyText } from '../policy/extract-policy-text.js';
import { loadPolicySnapshot } from '../policy/load-policy-snapshot.js';
import { addAppDomains, ensureApp } from '../store/app-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import { insertPolicySnapshot } from '../store/policy-repository.js';

/** Version of the claim extractor recorded with each snapshot, so stale extractions can be found. */
export const EXTRACTOR_VERSION = '1';

/** A policy read and analysed, not yet stored. */
export interface AnalysedPolicy {
  snapshot: PolicySnapshot;
  extracted: ExtractedPolicy;
  claims: Claim[];
}

/** Reads a policy file or URL and extracts its claims (no database involved). */
export async function analysePolicy(
  source: string,
  options: { organisations: OrganisationName[]; now: () => Date },
): Promise<AnalysedPolicy> {
  const snapshot = await loadPolicySnapshot(source, { now: options.now });
  const extracted = extractPolicyText(snapshot);
  const claims = extractClaims(extracted, { organisations: options.organisations });
  return { snapshot, extracted, claims };
}

/** Stores an analysed policy for an app in one transaction; the same bytes twice are stored once. */
export function storePolicy(
  db: StoreDatabase,
  appName: string,
  policy: AnalysedPolicy,
  now: () => Date,
  appDomains: readonly string[] = [],
): { snapshotId: number; created: boolean } {
  return db
    .transaction(() => {
      const appId = ensureApp(db, appName, now());
      addAppDomains(db, appId, appDomains);
      return insertPolicySnapshot(db, appId, policy.snapshot, policy.extracted, policy.claims, EXTRACTOR_VERSION);
    })
    .immediate();
}
