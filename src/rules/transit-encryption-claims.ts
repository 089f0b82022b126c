import type { EncryptionClaim } from '../model/claim.js';
import type { EncryptionClaimWording } from '../report/wording.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AuditView } from './audit-view.js';
import { readEncryptedData } from './encrypted-data.js';
import { readEncryptedEndpoint } from './encrypted-endpoint.js';

export type StoredEncryptionClaim = EncryptionClaim & StoredClaim;

/** "end-to-end", "E2EE": encryption between users' devices, of what they send each other. */
const END_TO_END = /\bend[\s-]+to[\s-]+end\b|\be2ee?\b/i;

/**
 * Affirmative encryption claims that a reader would take to cover data on the wire: explicit
 * in-transit claims, and unscoped ones such as "industry-standard encryption". At-rest claims
 * promise nothing about the network, and a claim about one kind of data ("Passwords are encrypted")
 * nothing about traffic that a capture cannot show carries that data. End-to-end encryption is such a
 * claim by nature: it protects what users send each other (messages, calls, media), which a plain
 * HTTP request to a server does not show, so a sentence that says end-to-end is not compared
 * (WhatsApp's "Learn more about end-to-end encryption" was quoted against plain HTTP to an ad server).
 * Explicit claims come first: they are the ones a finding quotes first.
 */
export function findTransitEncryptionClaims(view: AuditView): StoredEncryptionClaim[] {
  return view.claims
    .filter(
      (c): c is StoredEncryptionClaim =>
        c.kind === 'encryption' &&
        c.polarity === 'affirmative' &&
        c.scope !== 'at-rest' &&
        !END_TO_END.test(c.quote) &&
        readEncryptedData(c.quote) === null,
    )
    .sort((a, b) => Number(!isExplicitTransitClaim(a)) - Number(!isExplicitTransitClaim(b)));
}

function isExplicitTransitClaim(claim: StoredEncryptionClaim): boolean {
  return claim.scope === 'in-transit' || claim.scope === 'end-to-end';
}

/**
 * The claims that cover traffic to one destination: all of them for the app's own (first-party)
 * servers, else only those that do not name the service's own servers as the end they protect
 * ("between the app and our servers" says nothing about an advertiser's server).
 */
export function claimsCovering(claims: readonly StoredEncryptionClaim[], firstParty: boolean): StoredEncryptionClaim[] {
  return firstParty ? [...claims] : claims.filter((c) => readEncryptedEndpoint(c.quote) === null);
}

/** True when at least one claim explicitly scopes encryption to the network (not just "encryption"). */
export function hasExplicitTransitClaim(claims: readonly StoredEncryptionClaim[]): boolean {
  return claims.some(isExplicitTransitClaim);
}

/** The claim a finding restates in its explanation: the first explicit one, else the first. */
export function leadingEncryptionClaim(claims: readonly StoredEncryptionClaim[]): EncryptionClaimWording | null {
  const first = claims[0];
  return first ? { quote: first.quote, explicit: isExplicitTransitClaim(first) } : null;
}
