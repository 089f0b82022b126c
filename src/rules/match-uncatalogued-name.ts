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

/** True when the written name plausibly names the organisation behind `organisation` / `domain`. */
export function matchesUncataloguedName(writtenName: string, organisation: string | null, domain: string | null): boolean {
  const keys = organisationNameKeys(writtenName);
  if (keys.length === 0) return false;
  // The organisation side is compared whole (legal form aside): two companies that share only a first
  // word ("Acme Cloud" and "Acme Media") must not meet.
  const org = organisation ?? '';
  const candidates = [normaliseOrganisationName(org), squash(org), squash((domain ?? '').split('.')[0] ?? '')].filter((c) => c.length >= 3);
  return candidates.some((c) => keys.includes(c));
}
