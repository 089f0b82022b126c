import type { Attribution, Entity } from '../model/entity.js';
import type { StoredApp } from '../store/app-repository.js';
import type { StoredCapture, StoredDnsQuery, StoredFlow, StoredIdentifierHit } from '../store/capture-repository.js';
import type { StoredClaim, StoredSnapshot } from '../store/policy-repository.js';
import type { PolicySighting } from '../store/policy-timeline.js';
import type { AuditSettings } from './audit-settings.js';

/** A flow with the capture it came from and who receives it. */
export interface AttributedFlow {
  flow: StoredFlow;
  capture: StoredCapture;
  attribution: Attribution;
}

/**
 * Everything a rule may read, already loaded and attributed. Rules are pure functions of this view:
 * they never touch the database, the network or the clock.
 */
export interface AuditView {
  app: StoredApp;
  /** The policy version audited; null when the app has no stored policy. */
  snapshot: StoredSnapshot | null;
  /**
   * The reading of that version that made it the one in force (a later one than its first when the policy changed
   * back, v1 → v2 → v1); absent in views built without the timeline.
   */
  snapshotSighting?: PolicySighting;
  /** Every reading of the app's policy versions in timeline order, as the version in force was chosen from them. */
  policySightings?: readonly PolicySighting[];
  claims: StoredClaim[];
  captures: StoredCapture[];
  flows: AttributedFlow[];
  identifierHits: StoredIdentifierHit[];
  /** The captures' DNS questions (each name once per capture), to say what name an identifier in a DNS message was in; absent in views built without them. */
  dnsQueries?: readonly StoredDnsQuery[];
  /** User configuration the rules read (jurisdictions of interest). */
  settings: AuditSettings;
  /** The entity and its parents, nearest first; empty for unknown ids. */
  lineage(entityId: string): Entity[];
  /** The catalog entity whose network an ASN owner name is ("Akamai International B.V." → Akamai), or null. */
  networkOwner(asnOwner: string): Entity | null;
}
