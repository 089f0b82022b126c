import type { EncryptionClaim } from '../model/claim.js';
import type { EncryptionClaimWording } from '../report/wording.js';
import type { StoredClaim } from '../store/policy-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';
import { readEncryptedData } from './encrypted-data.js';
import { readDataRecipients, readEncryptedEndpoint, readRecipientEnds, type RecipientEnd } from './encrypted-endpoint.js';

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
 * Encryption named as a safeguard for international transfers is about those transfers, not the app's traffic, and
 * is not compared either (trial9 item 3). Explicit claims come first: they are the ones a finding quotes first; a
 * general mention among safeguards comes last, as it is quoted only when nothing else covers the traffic.
 */
export function findTransitEncryptionClaims(view: AuditView): StoredEncryptionClaim[] {
  const rank = (c: StoredEncryptionClaim): number => (isExplicitTransitClaim(c) ? 0 : isGeneralMention(c) ? 2 : 1);
  return view.claims
    .filter(
      (c): c is StoredEncryptionClaim =>
        c.kind === 'encryption' &&
        c.polarity === 'affirmative' &&
        c.scope !== 'at-rest' &&
        c.safeguard !== 'transfers' &&
        !END_TO_END.test(c.quote) &&
        readEncryptedData(c.quote) === null,
    )
    .sort((a, b) => rank(a) - rank(b));
}

/**
 * A claim that names encryption only as one safeguard in a list ("These include pseudonymization, encryption, access,
 * and retention policies"): a weak claim, which a finding quotes but does not say is contradicted.
 */
export function isGeneralMention(claim: StoredEncryptionClaim): boolean {
  return claim.safeguard === 'general';
}

/** The claims that would make a finding say the policy is contradicted: all but general mentions among safeguards. */
export function findFirmClaims(claims: readonly StoredEncryptionClaim[]): StoredEncryptionClaim[] {
  return claims.filter((c) => !isGeneralMention(c));
}

function isExplicitTransitClaim(claim: StoredEncryptionClaim): boolean {
  return claim.scope === 'in-transit' || claim.scope === 'end-to-end';
}

/** How a destination stands to a recipient kind a claim names: it is one, it may be one (claimcheck cannot tell), or it is not. */
type RecipientFit = 'is' | 'may-be' | 'not';

/** Catalog categories that make an organisation a service provider (a processor) or a partner, as policies name them. */
const FITTING_CATEGORIES: Record<RecipientEnd, ReadonlySet<string> | null> = {
  'service-providers': new Set(['service-providers', 'vendors', 'cloud-hosting', 'communications', 'customer-support', 'payment', 'security']),
  partners: new Set(['partners', 'advertising', 'social-networks']),
  // Every organisation other than the service is a third party.
  'third-parties': null,
};

/**
 * Whether one flow's receiver is of the kind named. A cloud or CDN network the app's traffic runs on serves the app: a
 * service provider. A catalogued company is one when its catalog categories say so; a company the catalog does not
 * know may be one.
 */
function fitFlow(view: AuditView, flow: AttributedFlow, kind: RecipientEnd): RecipientFit {
  const categories = FITTING_CATEGORIES[kind];
  if (categories === null) return 'is';
  const { relation, entityId } = flow.attribution;
  if (relation === 'hosting' && kind === 'service-providers') return 'is';
  if (entityId === null) return 'may-be';
  return view.lineage(entityId).some((e) => e.categories.some((c) => categories.has(c))) ? 'is' : 'not';
}

/** The best fit of a destination (all its flows) with any of the kinds a claim names. */
function fitDestination(view: AuditView, flows: readonly AttributedFlow[], kinds: readonly RecipientEnd[]): RecipientFit {
  // An address with no stored flow is a receiver claimcheck knows nothing of.
  if (flows.length === 0) return kinds.includes('third-parties') ? 'is' : 'may-be';
  const rank: RecipientFit[] = ['not', 'may-be', 'is'];
  const fits = kinds.map((kind) =>
    flows.reduce<RecipientFit>((worst, flow) => {
      const fit = fitFlow(view, flow, kind);
      return rank.indexOf(fit) < rank.indexOf(worst) ? fit : worst;
    }, 'is'),
  );
  return fits.reduce<RecipientFit>((best, fit) => (rank.indexOf(fit) > rank.indexOf(best) ? fit : best), 'not');
}

/** The claims that cover one destination, and how the leading one covers it. */
export interface EncryptionCoverage {
  claims: StoredEncryptionClaim[];
  /** True when a claim that surely covers the destination (not one that may) is explicitly about the network. */
  explicit: boolean;
  /**
   * Set when the leading claim is about the service's own servers and the recipients it names beside them, and the
   * destination is not the service's own: it is compared as one of those recipients.
   */
  asRecipient?: { written: string; confirmed: boolean; ownEnd: boolean };
}

/**
 * The claims that cover traffic to one destination: all of them for the app's own (first-party)
 * servers, else those that do not name the service's own servers as the end they protect
 * ("between the app and our servers" says nothing about an advertiser's server), and those that name the
 * destination's kind of recipient beside them ("with our servers and with our service providers" covers a
 * processor's server, not an advertiser's).
 */
export function findCoveringClaims(
  view: AuditView,
  claims: readonly StoredEncryptionClaim[],
  destination: { firstParty: boolean; flows: readonly AttributedFlow[] },
): EncryptionCoverage {
  // "Data we share with service providers is encrypted" is about data that goes to them, not to the service's own servers.
  if (destination.firstParty) {
    const own = claims.filter((c) => readDataRecipients(c.quote) === null);
    return { claims: own, explicit: hasExplicitTransitClaim(own) };
  }
  const { flows } = destination;
  const full: StoredEncryptionClaim[] = [];
  const scoped: { claim: StoredEncryptionClaim; written: string; fit: RecipientFit; ownEnd: boolean }[] = [];
  for (const claim of claims) {
    const onlyRecipients = readDataRecipients(claim.quote);
    if (readEncryptedEndpoint(claim.quote) === null && onlyRecipients === null) {
      full.push(claim);
      continue;
    }
    const ends = onlyRecipients ?? readRecipientEnds(claim.quote);
    const fit = ends === null ? 'not' : fitDestination(view, flows, ends.kinds);
    if (ends !== null && fit !== 'not') scoped.push({ claim, written: ends.written, fit, ownEnd: onlyRecipients === null });
  }
  // A claim that covers every server leads: it covers this one without doubt, which a claim naming recipients may not.
  const lead = full.length === 0 ? scoped[0] : undefined;
  const sure = [...full, ...scoped.filter((s) => s.fit === 'is').map((s) => s.claim)];
  return {
    claims: [...full, ...scoped.map((s) => s.claim)],
    explicit: hasExplicitTransitClaim(sure),
    ...(lead ? { asRecipient: { written: lead.written, confirmed: lead.fit === 'is', ownEnd: lead.ownEnd } } : {}),
  };
}

/** True when at least one claim explicitly scopes encryption to the network (not just "encryption"). */
export function hasExplicitTransitClaim(claims: readonly StoredEncryptionClaim[]): boolean {
  return claims.some(isExplicitTransitClaim);
}

/** The claim a finding restates in its explanation: the first explicit one, else the first. */
export function leadingEncryptionClaim(claims: readonly StoredEncryptionClaim[], asRecipient?: EncryptionCoverage['asRecipient']): EncryptionClaimWording | null {
  const first = claims[0];
  return first
    ? { quote: first.quote, explicit: isExplicitTransitClaim(first), ...(isGeneralMention(first) ? { generalMention: true } : {}), ...(asRecipient ? { asRecipient } : {}) }
    : null;
}
