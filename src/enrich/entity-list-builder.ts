/**
 * Turns the rows of a third-party domain → organisation list (Disconnect, DuckDuckGo, webXray) into
 * catalog entities. The lists disagree on shape but share the same gaps: no headquarters for most
 * entries, no roles, no network-owner names. This builder fills those gaps conservatively and records
 * where every entity came from, so a finding that rests on a user-supplied list says so.
 */
import { createHash } from 'node:crypto';
import type { Entity, EntityRole } from '../model/entity.js';
import { isIpLiteral } from './ip-address.js';
import { normaliseOrganisationName } from './normalise-organisation-name.js';
import { normaliseHostName } from './registrable-domain.js';

/** Formats `claimcheck entities import` reads. */
export const ENTITY_LIST_FORMATS = ['disconnect', 'duckduckgo', 'webxray'] as const;
/** One of {@link ENTITY_LIST_FORMATS}. */
export type EntityListFormat = (typeof ENTITY_LIST_FORMATS)[number];

/**
 * Headquarters country for organisations whose list does not say: CLDR's "Unknown Region" code,
 * which passes the ISO alpha-2 shape check but never equals a real country.
 */
export const UNKNOWN_COUNTRY = 'ZZ';

/** A list's own category words mapped to what attribution and the policy comparison understand. */
interface CategoryMeaning {
  role: EntityRole;
  /** Generic policy category id (src/policy/lexicons/processor-categories.json) that covers it. */
  category: string | null;
}

/**
 * Category names used by the Disconnect services list and the DuckDuckGo tracker data set. Unknown
 * categories (fingerprinting, embedded content, badges…) say how a tracker behaves, not what kind of
 * company receives the data, so they map to nothing.
 */
const CATEGORY_MEANINGS: ReadonlyMap<string, CategoryMeaning> = new Map([
  ['advertising', { role: 'advertising', category: 'advertising' }],
  ['ad motivated tracking', { role: 'advertising', category: 'advertising' }],
  ['action pixels', { role: 'advertising', category: 'advertising' }],
  ['ad fraud', { role: 'advertising', category: 'advertising' }],
  ['analytics', { role: 'analytics', category: 'analytics' }],
  ['audience measurement', { role: 'analytics', category: 'analytics' }],
  ['third-party analytics marketing', { role: 'analytics', category: 'analytics' }],
  ['session replay', { role: 'analytics', category: 'analytics' }],
  ['social', { role: 'social', category: 'social-networks' }],
  ['social network', { role: 'social', category: 'social-networks' }],
  ['social - share', { role: 'social', category: 'social-networks' }],
  ['social - comment', { role: 'social', category: 'social-networks' }],
  ['content delivery', { role: 'cdn', category: 'cloud-hosting' }],
  ['online payment', { role: 'payments', category: null }],
  ['support chat widget', { role: 'customer-support', category: 'customer-support' }],
]);

/** Same shape check as the catalog's, applied before the catalog sees the domain. */
const DOMAIN_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/;

/** One organisation as a list describes it, before ids and defaults are assigned. */
export interface EntityListRow {
  name: string;
  aliases?: readonly string[];
  domains?: readonly string[];
  /** ISO 3166-1 alpha-2, any case; anything else is treated as unknown. */
  country?: string | null;
  parentName?: string | null;
  /** The list's own category words ("Advertising", "Audience Measurement"). */
  listCategories?: readonly string[];
  /** Homepage or other URL the list gives for the organisation. */
  homepage?: string | null;
}

/** Entities built from one list, with what had to be left out. */
export interface ParsedEntityList {
  format: EntityListFormat;
  entities: Entity[];
  /** Domains dropped because they are not host names (URLs, wildcards that stay invalid, IP addresses). */
  skippedDomains: string[];
  /** Rows dropped because their name has no letters or digits. */
  skippedRows: number;
}

/** Stable kebab-case id from a name; names with no ASCII letters get a short hash instead. */
export function deriveEntityId(name: string): string {
  const key = normaliseOrganisationName(name);
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  // The normalised key (legal forms stripped) decides identity, so "Taboola" and "Taboola, Inc." meet.
  const keySlug = key.normalize('NFKD').replace(/[^a-z0-9]+/g, '').slice(0, 60);
  if (keySlug !== '') return keySlug;
  if (slug !== '') return slug;
  return `entity-${createHash('sha256').update(key || name).digest('hex').slice(0, 10)}`;
}

/** Host name as a catalog domain, or null when it is not one (leading `*.` or `.` is dropped). */
function cleanDomain(text: string): string | null {
  let host = normaliseHostName(text);
  if (host.startsWith('*.')) host = host.slice(2);
  while (host.startsWith('.')) host = host.slice(1);
  if (host === '' || isIpLiteral(host) || !DOMAIN_PATTERN.test(host)) return null;
  return host;
}

interface Accumulator {
  id: string;
  name: string;
  aliases: Set<string>;
  domains: Set<string>;
  countries: Set<string>;
  parentName: string | null;
  meanings: Map<EntityRole, string | null>;
  homepages: Set<string>;
}

/** Collects rows of one list, merging rows that name the same organisation. */
export class EntityListBuilder {
  private readonly rows = new Map<string, Accumulator>();
  private readonly skippedDomains: string[] = [];
  private skippedRows = 0;

  /** @param format list format; @param origin how the list is named in every entity's sources. */
  constructor(
    private readonly format: EntityListFormat,
    private readonly origin: string,
  ) {}

  /** Adds or extends one organisation. */
  add(row: EntityListRow): void {
    const name = row.name.trim();
    if (normaliseOrganisationName(name) === '') {
      this.skippedRows += 1;
      return;
    }
    const id = deriveEntityId(name);
    let acc = this.rows.get(id);
    if (!acc) {
      acc = { id, name, aliases: new Set(), domains: new Set(), countries: new Set(), parentName: null, meanings: new Map(), homepages: new Set() };
      this.rows.set(id, acc);
    } else if (acc.name !== name) {
      acc.aliases.add(name);
    }
    for (const alias of row.aliases ?? []) {
      if (alias.trim() !== '' && alias.trim() !== acc.name) acc.aliases.add(alias.trim());
    }
    for (const text of row.domains ?? []) {
      const domain = cleanDomain(text);
      if (domain === null) this.skippedDomains.push(text);
      else acc.domains.add(domain);
    }
    const country = row.country?.trim().toUpperCase() ?? '';
    if (/^[A-Z]{2}$/.test(country)) acc.countries.add(country);
    if (row.parentName && row.parentName.trim() !== '' && deriveEntityId(row.parentName) !== id) acc.parentName ??= row.parentName.trim();
    for (const word of row.listCategories ?? []) {
      const meaning = CATEGORY_MEANINGS.get(word.trim().toLowerCase());
      if (meaning) acc.meanings.set(meaning.role, meaning.category);
    }
    if (row.homepage && /^https?:\/\//i.test(row.homepage)) acc.homepages.add(row.homepage);
  }

  /**
   * The entities, sorted by id. Parents the list does not contain are dropped (the catalog requires
   * them to exist); a country is kept only when every row of the organisation agrees on it.
   */
  build(): ParsedEntityList {
    const entities: Entity[] = [];
    for (const acc of [...this.rows.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      if (acc.domains.size === 0) continue;
      const parentId = acc.parentName === null ? null : deriveEntityId(acc.parentName);
      const roles = [...acc.meanings.keys()].sort();
      const categories = [...new Set([...acc.meanings.values()].filter((c): c is string => c !== null))].sort();
      const [onlyCountry] = acc.countries;
      const entity: Entity = {
        id: acc.id,
        name: acc.name,
        aliases: [...acc.aliases].sort(),
        country: acc.countries.size === 1 && onlyCountry !== undefined ? onlyCountry : UNKNOWN_COUNTRY,
        roles: roles.length > 0 ? roles : ['other'],
        domains: [...acc.domains].sort(),
        asnOwners: [],
        categories,
        sources: [this.origin, ...[...acc.homepages].sort()],
        importedFrom: [this.origin],
      };
      if (parentId !== null && this.rows.has(parentId)) entity.parent = parentId;
      entities.push(entity);
    }
    return { format: this.format, entities, skippedDomains: this.skippedDomains, skippedRows: this.skippedRows };
  }
}
