/**
 * Where the policy says data goes: countries named by transfer claims (regions expanded to their
 * member states) and countries it says data does not go to. Countries named elsewhere in the text are
 * read by country-mentions.ts.
 */
import type { TransferClaim } from '../model/claim.js';
import type { StoredClaim } from '../store/policy-repository.js';
import { readLocationDenial, type LocationDenial } from './location-denial.js';
import regions from './regions.json' with { type: 'json' };

/** A transfer or storage claim as loaded from the store. */
export type StoredTransferClaim = TransferClaim & StoredClaim;

const REGION_MEMBERS = new Map<string, string[]>(
  Object.entries(regions).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
);

/** Member states of a region id ("EEA", "Europe"), or an empty list for unknown regions. */
export function listRegionMembers(region: string): string[] {
  return REGION_MEMBERS.get(region.toUpperCase()) ?? [];
}

/** Countries a set of transfer claims names, with regions expanded to their member states. */
export function collectClaimCountries(claims: readonly StoredTransferClaim[]): Set<string> {
  const countries = new Set<string>();
  for (const claim of claims) {
    for (const code of claim.countries) countries.add(code.toUpperCase());
    for (const region of claim.regions) {
      for (const code of listRegionMembers(region)) countries.add(code);
    }
  }
  return countries;
}

/**
 * The transfer statement that names a country, or a region it belongs to (`region`), for the report to say why the
 * country counts as disclosed (trial9 item 27). Only the policy's own sentences: a linked page's spans are that page's.
 */
export function findNamingClaim(claims: readonly StoredTransferClaim[], country: string): { claim: StoredTransferClaim; region: string | null } | null {
  const own = claims.filter((c) => c.page === undefined);
  const named = own.find((c) => c.countries.some((code) => code.toUpperCase() === country));
  if (named) return { claim: named, region: null };
  for (const claim of own) {
    const region = claim.regions.find((r) => listRegionMembers(r).includes(country));
    if (region !== undefined) return { claim, region };
  }
  return null;
}

/** What the policy says about locations, for rules that compare it with where traffic went. */
export interface PolicyLocations {
  /** Affirmative transfer and storage claims. */
  claims: StoredTransferClaim[];
  /** Countries the affirmative claims name. */
  disclosed: Set<string>;
  /**
   * Denials ("we do not transfer data to China", "we do not store your voice recordings in China") by the countries
   * they name, each with what it denies (data in general or one kind, storage or sending, any limit).
   */
  denials: Map<string, LocationDenial<StoredTransferClaim>[]>;
  /** True when a claim says data may go to unnamed "other countries". */
  unspecified: boolean;
  /**
   * Countries the policy sends data out of ("Where we transfer your personal information outside of the European
   * Economic Area"), regions expanded to their members, each with the region as written and the first claim saying so.
   * The data is there before it leaves: a server there is not a place the policy does not name.
   */
  origins: Map<string, PolicyOrigin>;
}

/** Why a country counts as where the policy's data starts: the region it is a member of (null when named itself), and the claim. */
export interface PolicyOrigin {
  region: string | null;
  claim: StoredTransferClaim;
}

/** The countries affirmative claims of the policy itself (not a linked page, whose spans are that page's) send data out of. */
function collectOrigins(claims: readonly StoredTransferClaim[]): Map<string, PolicyOrigin> {
  const origins = new Map<string, PolicyOrigin>();
  for (const claim of claims) {
    if (claim.origins === undefined || claim.page !== undefined) continue;
    for (const code of claim.origins.countries) if (!origins.has(code.toUpperCase())) origins.set(code.toUpperCase(), { region: null, claim });
    for (const region of claim.origins.regions) {
      for (const code of listRegionMembers(region)) if (!origins.has(code)) origins.set(code, { region, claim });
    }
  }
  return origins;
}

/** Reads the transfer claims of the audited policy. */
export function readPolicyLocations(claims: readonly StoredClaim[]): PolicyLocations {
  const transfers = claims.filter((c): c is StoredTransferClaim => c.kind === 'transfer');
  const affirmative = transfers.filter((c) => c.polarity === 'affirmative');
  const denials = new Map<string, LocationDenial<StoredTransferClaim>[]>();
  for (const claim of transfers.filter((c) => c.polarity === 'negative')) {
    // Only a negator that governs the verb makes a denial: "cannot guarantee that data transferred to …" is none.
    const denial = readLocationDenial(claim);
    if (denial === null) continue;
    for (const code of collectClaimCountries([claim])) denials.set(code, [...(denials.get(code) ?? []), denial]);
  }
  return {
    claims: affirmative,
    disclosed: collectClaimCountries(affirmative),
    denials,
    unspecified: affirmative.some((c) => c.unspecified),
    origins: collectOrigins(affirmative),
  };
}

/** Words of the phrases that send data to unnamed places ("other countries", "anywhere in the world", "outside the EEA"). */
const UNSPECIFIED_PART = /countr|world|global|international|border|jurisdiction|outside|region|abroad|operate/i;

/**
 * How the policy words its transfers to unnamed places, as written ("anywhere in the world"), from the first
 * unspecific claim's trigger; null when no trigger part reads so (a transfer mechanism alone).
 */
export function unspecifiedDestinationPhrase(claims: readonly { unspecified: boolean; trigger: string; quote?: string }[]): string | null {
  for (const claim of claims) {
    if (!claim.unspecified) continue;
    const part = claim.trigger.split('; ').find((p) => UNSPECIFIED_PART.test(p));
    if (part !== undefined) return completePhrase(part, claim.quote);
  }
  return null;
}

/** A phrase that stops mid-clause ("jurisdictions that may not") reads on to the end of its clause in the sentence. */
const DANGLING_END = /\s(?:that|which)\s+(?:may\s+not|do\s+not|does\s+not)$/i;
const MAX_COMPLETED_PHRASE = 100;

function completePhrase(part: string, quote: string | undefined): string {
  if (!DANGLING_END.test(part)) return part;
  const at = quote?.indexOf(part) ?? -1;
  const clause = at < 0 || quote === undefined ? null : /^[^,;.()]*/.exec(quote.slice(at))?.[0].trim();
  return clause && clause.length <= MAX_COMPLETED_PHRASE ? clause : part.replace(DANGLING_END, '');
}

/**
 * Who the policy places in those unnamed places, when every such statement is about recipients ("except that we use
 * service providers anywhere in the world for customer support"): the recipients as written and the purpose clause, so
 * a finding does not widen the statement to all data. Null when any statement sends data in general there.
 */
export function unspecifiedDestinationScope(
  claims: readonly { unspecified: boolean; recipients?: string; conditions?: readonly { kind: string; text: string }[] }[],
): { recipients: string; purpose: string | null } | null {
  const unspecified = claims.filter((c) => c.unspecified);
  const first = unspecified[0];
  if (first?.recipients === undefined || unspecified.some((c) => c.recipients === undefined)) return null;
  return { recipients: first.recipients, purpose: first.conditions?.find((c) => c.kind === 'purpose')?.text ?? null };
}
