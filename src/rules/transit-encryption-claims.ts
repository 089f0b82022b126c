import type { EncryptionClaim } from '../model/claim.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AuditView } from './audit-view.js';

export type StoredEncryptionClaim = EncryptionClaim & StoredClaim;

/**
 * Affirmative encryption claims that a reader would take to cover data on the wire: explicit
 * in-transit and end-to-end claims, and unscoped ones such as "industry-standard encryption".
 * At-rest claims promise nothing about the network.
 */
export function findTransitEncryptionClaims(view: AuditView): StoredEncryptionClaim[] {
  return view.claims.filter(
    (c): c is StoredEncryptionClaim => c.kind === 'encryption' && c.polarity === 'affirmative' && c.scope !== 'at-rest',
  );
}

/** True when at least one claim explicitly scopes encryption to the network (not just "encryption"). */
export function hasExplicitTransitClaim(claims: readonly StoredEncryptionClaim[]): boolean {
  return claims.some((c) => c.scope === 'in-transit' || c.scope === 'end-to-end');
}
