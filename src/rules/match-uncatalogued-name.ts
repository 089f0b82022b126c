/**
 * How rules tie a company name the entity catalog does not know to observed traffic: the name's keys
 * (normalised, without legal forms or trailing business descriptions, bracketed trade names) against
 * the flow's organisation and the first label of its registrable domain. "Zendesk, Inc." matches
 * zendesk.com; "Intercom R&D Unlimited Company" matches intercom.io.
 */
import { normaliseOrganisationName, organisationNameKeys } from '../enrich/normalise-organisation-name.js';

/** Lower-case letters and digits only. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * True when the written name plausibly names the organisation behind `organisation` / `domain`. `otherEntityNames` are
 * names the catalog gives to entities other than the one the written name resolves to (its parents): a key of the
 * written name that is one of them names that other entity, not this one, and is not compared. "Google Analytics"
 * has the key "google", which is Google LLC's name: it must not make google.de, a domain outside the catalog, a
 * recipient the policy names (trial9 item 8).
 */
export function matchesUncataloguedName(writtenName: string, organisation: string | null, domain: string | null, otherEntityNames: readonly string[] = []): boolean {
  const others = new Set(otherEntityNames.map(normaliseOrganisationName));
  const keys = organisationNameKeys(writtenName).filter((k) => !others.has(k));
  if (keys.length === 0) return false;
  // The organisation side is compared whole (legal form aside): two companies that share only a first
  // word ("Acme Cloud" and "Acme Media") must not meet.
  const org = organisation ?? '';
  const candidates = [normaliseOrganisationName(org), squash(org), squash((domain ?? '').split('.')[0] ?? '')].filter((c) => c.length >= 3);
  return candidates.some((c) => keys.includes(c));
}

/** The names of the entities above a catalogued one (Google LLC's names for Google Analytics), for {@link matchesUncataloguedName}. */
export function namesOfParentEntities(lineage: readonly { name: string; aliases: readonly string[] }[]): string[] {
  return lineage.slice(1).flatMap((e) => [e.name, ...e.aliases]);
}
