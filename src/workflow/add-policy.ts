import type { Claim } from '../model/claim.js';
import { PolicyError } from '../model/errors.js';
import { describeNotAPolicy } from '../policy/detect-not-a-policy.js';
import { describeUnsupportedLanguage, detectPolicyLanguage } from '../policy/detect-policy-language.js';
import type { ExtractedPolicy, PolicySnapshot } from '../model/policy.js';
import { detectFirstPartyNames } from '../policy/detect-first-party-names.js';
import { extractClaims, firstPartyHints, type OrganisationName } from '../policy/extract-claims.js';
import { compileOrganisationMatcher } from '../policy/match-organisations.js';
import { extractPolicyText } from '../policy/extract-policy-text.js';
import { loadPolicySnapshot } from '../policy/load-policy-snapshot.js';
import { addAppDomains, ensureApp } from '../store/app-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import { SUBPROCESSOR_LIST_READER_VERSION } from '../policy/extract-subprocessor-list.js';
import { insertPolicyLink, insertPolicySnapshot, listPolicySightings } from '../store/policy-repository.js';
import { classifySightings, type PolicySighting, type SightingChange } from '../store/policy-timeline.js';
import type { LinkedPage } from './follow-subprocessor-links.js';
import { isPolicyHostingPlatform } from '../enrich/policy-hosting-platform.js';

/** Version of the claim extractor recorded with each snapshot, so stale extractions can be found. */
export const EXTRACTOR_VERSION = '1';

/** A policy read and analysed, not yet stored. */
export interface AnalysedPolicy {
  snapshot: PolicySnapshot;
  extracted: ExtractedPolicy;
  claims: Claim[];
  /** The operator's own names the claims were extracted with (lower case), for the sub-processor lists it links to. */
  firstPartyNames: string[];
}

/**
 * Reads a policy file or URL and extracts its claims (no database involved). `declaredDate` dates an archived copy
 * (`--as-of`, already checked by parseDeclaredDate); the snapshot keeps its real read time as `fetchedAt`.
 * `appDomains` (`--app-domain`) and the host of a policy URL tell which catalogued company operates the app.
 */
export async function analysePolicy(
  source: string,
  options: { organisations: OrganisationName[]; now: () => Date; declaredDate?: string; appDomains?: readonly string[] },
): Promise<AnalysedPolicy> {
  const loaded = await loadPolicySnapshot(source, { now: options.now });
  const snapshot = options.declaredDate !== undefined ? { ...loaded, declaredDate: options.declaredDate } : loaded;
  const extracted = extractPolicyText(snapshot);
  const notAPolicy = describeNotAPolicy(snapshot.bytes, extracted.text);
  if (notAPolicy !== null) {
    throw new PolicyError(source, notAPolicy, notAPolicy.includes('capture') ? 'import captures with claimcheck import' : 'give the privacy policy as HTML, Markdown or plain text');
  }
  const appDomains = [...(options.appDomains ?? []), ...urlHosts(snapshot)];
  const firstPartyNames = detectFirstPartyNames(extracted, firstPartyHints(compileOrganisationMatcher(options.organisations), appDomains));
  const claims = extractClaims(extracted, { organisations: options.organisations, firstPartyNames });
  return { snapshot, extracted, claims, firstPartyNames };
}

/** The hosts a policy was fetched from (before and after redirects); none for a file or a publishing platform. */
function urlHosts(snapshot: PolicySnapshot): string[] {
  return [snapshot.source, snapshot.finalUrl].flatMap((url) => {
    if (url === undefined || !/^https?:\/\//i.test(url)) return [];
    try {
      const host = new URL(url).hostname;
      return isPolicyHostingPlatform(host) ? [] : [host];
    } catch {
      return [];
    }
  });
}

/**
 * Refuses a policy in a language claimcheck does not read: it yields no claims, and an audit would then call every
 * recipient undisclosed. With `allowAnyLanguage` the policy is kept and the returned warning says what is missing.
 * @throws PolicyError naming the source and the language detected.
 */
export function checkPolicyLanguage(policy: AnalysedPolicy, source: string, allowAnyLanguage: boolean, hint: string): string | null {
  const unsupported = describeUnsupportedLanguage(detectPolicyLanguage(policy.extracted.text, policy.extracted.links));
  if (unsupported !== null && !allowAnyLanguage) throw new PolicyError(source, unsupported, hint);
  return unsupported;
}

/** What storing a policy did: its snapshot, this reading of it in the app's timeline, and the snapshot of each linked page. */
export interface StoredPolicy {
  snapshotId: number;
  created: boolean;
  /** This reading of the version (or, for an archived copy already recorded with the same date, that one). */
  sighting: PolicySighting;
  /**
   * Where the reading falls in the app's timeline: `first` for a new version (or, for bytes stored before, a date
   * earlier than any of theirs), `same` when the version before it is this one (nothing changed in content),
   * `return` when another version came between, `already-recorded` when nothing was recorded.
   */
  change: SightingChange | { kind: 'already-recorded' };
  linkedPages: { page: LinkedPage; snapshotId: number; created: boolean; linked: boolean }[];
}

/**
 * Stores an analysed policy for an app, with the linked pages followed for it, in one transaction:
 * either all of it is stored or none. The same bytes twice are stored once, and a page already tied
 * to the policy is not tied again; adding the same policy again only records when it was read (a sighting),
 * which is what makes a version that came back the one in force again.
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
      const sighting = stored.sighting;
      // A policy version always gets a sighting; a missing one would be a store bug.
      if (sighting === null) throw new Error(`policy snapshot #${stored.snapshotId} has no sighting`);
      const change = stored.sightingRecorded
        ? (classifySightings(listPolicySightings(db, appId)).find((entry) => entry.sighting.id === sighting.id)?.change ?? { kind: 'first' as const })
        : { kind: 'already-recorded' as const };
      const pages = linkedPages.map((page) => {
        const linked = insertPolicySnapshot(db, appId, page.snapshot, page.extracted, page.claims, SUBPROCESSOR_LIST_READER_VERSION, 'subprocessor-list');
        const tied = insertPolicyLink(db, stored.snapshotId, linked.snapshotId, { url: page.target, href: page.link.href, linkText: page.link.text, fetchedAt: page.snapshot.fetchedAt });
        return { page, ...linked, linked: tied };
      });
      return { snapshotId: stored.snapshotId, created: stored.created, sighting, change, linkedPages: pages };
    })
    .immediate();
}
