import type { Claim } from '../model/claim.js';
import { PolicyError } from '../model/errors.js';
import { describeNotAPolicy } from '../policy/detect-not-a-policy.js';
import { describeUnsupportedLanguage, detectPolicyLanguage } from '../policy/detect-policy-language.js';
import type { ExtractedPolicy, PolicySnapshot } from '../model/policy.js';
import { extractClaims, type OrganisationName } from '../policy/extract-claims.js';
import { extractPolicyText } from '../policy/extract-policy-text.js';
import { loadPolicySnapshot } from '../policy/load-policy-snapshot.js';
import { addAppDomains, ensureApp } from '../store/app-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import { SUBPROCESSOR_LIST_READER_VERSION } from '../policy/extract-subprocessor-list.js';
import { insertPolicyLink, insertPolicySnapshot } from '../store/policy-repository.js';
import type { LinkedPage } from './follow-subprocessor-links.js';

/** Version of the claim extractor recorded with each snapshot, so stale extractions can be found. */
export const EXTRACTOR_VERSION = '1';

/** A policy read and analysed, not yet stored. */
export interface AnalysedPolicy {
  snapshot: PolicySnapshot;
  extracted: ExtractedPolicy;
  claims: Claim[];
}

/**
 * Reads a policy file or URL and extracts its claims (no database involved). `declaredDate` dates an archived copy
 * (`--as-of`, already checked by parseDeclaredDate); the snapshot keeps its real read time as `fetchedAt`.
 */
export async function analysePolicy(
  source: string,
  options: { organisations: OrganisationName[]; now: () => Date; declaredDate?: string },
): Promise<AnalysedPolicy> {
  const loaded = await loadPolicySnapshot(source, { now: options.now });
  const snapshot = options.declaredDate !== undefined ? { ...loaded, declaredDate: options.declaredDate } : loaded;
  const extracted = extractPolicyText(snapshot);
  const notAPolicy = describeNotAPolicy(snapshot.bytes, extracted.text);
  if (notAPolicy !== null) {
    throw new PolicyError(source, notAPolicy, notAPolicy.includes('capture') ? 'import captures with claimcheck import' : 'give the privacy policy as HTML, Markdown or plain text');
  }
  const claims = extractClaims(extracted, { organisations: options.organisations });
  return { snapshot, extracted, claims };
}

/**
 * Refuses a policy in a language claimcheck does not read: it yields no claims, and an audit would then call every
 * recipient undisclosed. With `allowAnyLanguage` the policy is kept and the returned warning says what is missing.
 * @throws PolicyError naming the source and the language detected.
 */
export function checkPolicyLanguage(policy: AnalysedPolicy, source: string, allowAnyLanguage: boolean, hint: string): string | null {
  const unsupported = describeUnsupportedLanguage(detectPolicyLanguage(policy.extracted.text));
  if (unsupported !== null && !allowAnyLanguage) throw new PolicyError(source, unsupported, hint);
  return unsupported;
}

/** What storing a policy did: its snapshot, and the snapshot of each linked page. */
export interface StoredPolicy {
  snapshotId: number;
  created: boolean;
  /** The stored version's declared date (null: read as current) and fetch time: the first ones, if it was stored before. */
  storedDeclaredDate: string | null;
  storedFetchedAt: string;
  linkedPages: { page: LinkedPage; snapshotId: number; created: boolean; linked: boolean }[];
}

/**
 * Stores an analysed policy for an app, with the linked pages followed for it, in one transaction:
 * either all of it is stored or none. The same bytes twice are stored once, and a page already tied
 * to the policy is not tied again, so adding the same policy twice changes nothing.
 */
export function storePolicy(
  db: StoreDatabase,
  appName: string,
  policy: AnalysedPolicy,
  now: () => Date,
  appDomains: readonly string[] = [],
  linkedPages: readonly LinkedPage[] = [],
): StoredPolicy {
  return db
    .transaction((): StoredPolicy => {
      const appId = ensureApp(db, appName, now());
      addAppDomains(db, appId, appDomains);
      const stored = insertPolicySnapshot(db, appId, policy.snapshot, policy.extracted, policy.claims, EXTRACTOR_VERSION);
      const pages = linkedPages.map((page) => {
        const linked = insertPolicySnapshot(db, appId, page.snapshot, page.extracted, page.claims, SUBPROCESSOR_LIST_READER_VERSION, 'subprocessor-list');
        const tied = insertPolicyLink(db, stored.snapshotId, linked.snapshotId, { url: page.target, href: page.link.href, linkText: page.link.text, fetchedAt: page.snapshot.fetchedAt });
        return { page, ...linked, linked: tied };
      });
      return { ...stored, linkedPages: pages };
    })
    .immediate();
}
