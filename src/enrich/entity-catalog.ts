/**
 * The entity catalog: organisations with their names, domains and network-owner names tied together,
 * so a policy's "Shengwang", a flow's SNI `api.agora.io` and an IP's "Agora Communications Pte Ltd"
 * all resolve to one entity.
 */
import type { Entity, EntityRole } from '../model/entity.js';
import { ConfigError } from '../model/errors.js';
import defaultEntities from './data/entities.json' with { type: 'json' };
import { isIpLiteral } from './ip-address.js';
import { memoiseByText } from './memoise-by-text.js';
import { normaliseOrganisationName } from './normalise-organisation-name.js';
import { normaliseHostName } from './registrable-domain.js';

/** Every EntityRole, to reject typos in data files that TypeScript cannot check. */
const ROLES: ReadonlySet<string> = new Set<EntityRole>([
  'realtime-communications', 'cloud', 'cdn', 'transit', 'analytics', 'advertising', 'attribution',
  'crash-reporting', 'push', 'social', 'payments', 'customer-support', 'operating-system', 'other',
]);
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const DOMAIN_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/;
/** Lower-case labels and `*` wildcards, ending in at least two literal labels (never `*.com`). */
const HOST_PATTERN = /^(?:(?:\*|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.[a-z0-9-]{2,}$/;

/** How a host was tied to an entity: the catalog domain or host pattern that matched it. */
export interface HostMatch {
  entity: Entity;
  /** The domain (`googleapis.com`) or pattern (`cognito-identity.*.amazonaws.com`) that matched. */
  matched: string;
  /** Labels in `matched`: the more labels, the more specific the match. */
  labels: number;
}

/** Escape a literal for use inside a RegExp. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * True when `pattern` occurs in `text` as whole words, ignoring case. Plain substrings misfire:
 * "Apple Inc." is inside "HostMyApple Inc.". Both arguments are already lower-cased; a scan with
 * indexOf instead of one RegExp per pattern, because compiling a hundred Unicode patterns on
 * first use cost an audit about 80 ms.
 */
function containsWords(text: string, pattern: string): boolean {
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    const before = text.codePointAt(at - 1);
    const after = text.codePointAt(at + pattern.length);
    const boundedBefore = at === 0 || before === undefined || !LETTER_OR_DIGIT.test(String.fromCodePoint(before));
    const boundedAfter = after === undefined || !LETTER_OR_DIGIT.test(String.fromCodePoint(after));
    if (boundedBefore && boundedAfter) return true;
  }
  return false;
}

/**
 * A region label such as `us-east-1`, `eu-central-2` or `us-gov-west-1`. Not any label: a customer's
 * S3 bucket `polly.s3.amazonaws.com` must not pass for the Polly service at `polly.us-east-1.amazonaws.com`.
 */
const REGION_LABEL = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';

/** RegExp for a host pattern: `*` is exactly one region label, everything else literal. */
function compileHostPattern(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('.').map((label) => (label === '*' ? REGION_LABEL : escapeRegExp(label))).join('\\.')}$`);
}

/** Number of DNS labels in a name or pattern. */
export function countLabels(name: string): number {
  return name.split('.').length;
}

/** Check one entity list; every problem is reported at once so a user list can be fixed in one go. */
function validateEntities(entities: readonly Entity[]): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of entities) {
    if (!ID_PATTERN.test(e.id)) problems.push(`id "${e.id}" is not kebab-case`);
    if (ids.has(e.id)) problems.push(`duplicate id "${e.id}"`);
    ids.add(e.id);
    if (e.name.trim() === '') problems.push(`${e.id}: empty name`);
    if (!COUNTRY_PATTERN.test(e.country)) problems.push(`${e.id}: country "${e.country}" is not ISO 3166-1 alpha-2`);
    if (e.roles.length === 0) problems.push(`${e.id}: no roles`);
    for (const r of e.roles) {
      if (!ROLES.has(r)) problems.push(`${e.id}: unknown role "${r}"`);
    }
    for (const d of e.domains) {
      if (!DOMAIN_PATTERN.test(d)) problems.push(`${e.id}: domain "${d}" is not a lower-case host name`);
    }
    for (const p of e.hostPatterns ?? []) {
      if (!HOST_PATTERN.test(p) || !p.includes('*')) problems.push(`${e.id}: host pattern "${p}" is not lower-case labels with a * label, ending in a literal domain`);
    }
    for (const o of e.asnOwners) {
      if (o.trim().length < 3) problems.push(`${e.id}: ASN owner substring "${o}" is too short to be specific`);
    }
  }
  const byId = new Map(entities.map((e) => [e.id, e]));
  for (const e of entities) {
    for (const family of e.memberOf ?? []) {
      if (!byId.has(family)) problems.push(`${e.id}: memberOf "${family}" does not exist`);
      else if (family === e.id || ancestorIds(byId, family, entities.length).includes(e.id)) problems.push(`${e.id}: memberOf "${family}" is the entity itself or one of its products`);
    }
    if (e.parent === undefined) continue;
    if (!byId.has(e.parent)) {
      problems.push(`${e.id}: parent "${e.parent}" does not exist`);
      continue;
    }
    // Walk up with a step limit: a cycle would make ancestors() loop forever.
    let current: Entity | undefined = e;
    for (let steps = 0; current?.parent !== undefined; steps++) {
      if (steps > entities.length) {
        problems.push(`${e.id}: parent chain has a cycle`);
        break;
      }
      current = byId.get(current.parent);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`invalid entity list: ${problems.join('; ')}`, 'fix the listed entries in the entity file');
  }
}

/** Ids up the parent chain of an entity (nearest first), at most `limit` steps so a cycle cannot loop. */
function ancestorIds(byId: ReadonlyMap<string, Entity>, id: string, limit: number): string[] {
  const ids: string[] = [];
  for (let parentId = byId.get(id)?.parent; parentId !== undefined && ids.length <= limit; parentId = byId.get(parentId)?.parent) ids.push(parentId);
  return ids;
}

/** Organisations known to attribution, indexed by id, domain, ASN owner and name. */
export class EntityCatalog {
  private readonly entities: readonly Entity[];
  private readonly byId = new Map<string, Entity>();
  private readonly byDomain = new Map<string, Entity>();
  private readonly byName = new Map<string, Entity>();
  private readonly ownerMatchers: { pattern: string; lowerPattern: string; entity: Entity }[] = [];
  private readonly hostMatchers: { pattern: string; regex: RegExp; entity: Entity }[] = [];
  private readonly ownerCache = new Map<string, Entity | null>();

  /**
   * Build a catalog. Throws {@link ConfigError} on duplicate ids, missing parents, parent cycles or
   * malformed fields. When two entities claim the same domain or name, the later one wins, which is
   * what lets {@link merge} override the shipped list.
   */
  constructor(entities: readonly Entity[]) {
    validateEntities(entities);
    this.entities = entities.map((e) => ({ ...e }));
    for (const e of this.entities) {
      this.byId.set(e.id, e);
      for (const d of e.domains) this.byDomain.set(d, e);
      for (const pattern of e.hostPatterns ?? []) this.hostMatchers.push({ pattern, regex: compileHostPattern(pattern), entity: e });
      for (const pattern of e.asnOwners) this.ownerMatchers.push({ pattern, lowerPattern: pattern.toLowerCase(), entity: e });
    }
    // Aliases first, official names last, so an entity's own name beats another entity's alias.
    for (const e of this.entities) {
      for (const alias of e.aliases) this.indexName(alias, e);
    }
    for (const e of this.entities) this.indexName(e.name, e);
  }

  /** The catalog shipped with claimcheck (`src/enrich/data/entities.json`). */
  static loadDefault(): EntityCatalog {
    return new EntityCatalog(defaultEntities as Entity[]);
  }

  private indexName(name: string, entity: Entity): void {
    const key = normaliseOrganisationName(name);
    if (key !== '') this.byName.set(key, entity);
  }

  /** Entity by id, or undefined. */
  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  /** All entities in catalog order. */
  all(): readonly Entity[] {
    return this.entities;
  }

  /**
   * How a host or domain is tied to an entity: a host pattern matching the whole name (the later
   * entity wins among equals), else the longest catalog domain equal to the host or a parent domain
   * of it (`fcm.googleapis.com` matches the FCM entry before Google's `googleapis.com`). IP literals
   * give null.
   */
  matchHost(hostOrDomain: string): HostMatch | null {
    return this.matchHostOnce(normaliseHostName(hostOrDomain));
  }

  /** Answers by normalised host, frozen because callers share them (every flow to a host asks again). */
  private readonly matchHostOnce = memoiseByText((host: string): HostMatch | null => {
    const match = this.matchNormalisedHost(host);
    return match === null ? null : Object.freeze(match);
  });

  private matchNormalisedHost(host: string): HostMatch | null {
    if (host === '' || isIpLiteral(host)) return null;
    let patternHit: { pattern: string; entity: Entity } | null = null;
    for (const m of this.hostMatchers) if (m.regex.test(host)) patternHit = m;
    if (patternHit) return { entity: patternHit.entity, matched: patternHit.pattern, labels: countLabels(patternHit.pattern) };
    let candidate = host;
    for (;;) {
      const hit = this.byDomain.get(candidate);
      if (hit) return { entity: hit, matched: candidate, labels: countLabels(candidate) };
      const dot = candidate.indexOf('.');
      if (dot < 0) return null;
      candidate = candidate.slice(dot + 1);
    }
  }

  /** Entity operating a host or domain (see {@link matchHost}), or null. */
  findByDomain(hostOrDomain: string): Entity | null {
    return this.matchHost(hostOrDomain)?.entity ?? null;
  }

  /** The catalog domain or host pattern that matched a host, for evidence strings; null when none did. */
  matchedDomain(hostOrDomain: string): string | null {
    return this.matchHost(hostOrDomain)?.matched ?? null;
  }

  /**
   * Entity whose ASN owner substring occurs in the owner name (case-insensitive, at word
   * boundaries). When several match, the longest substring, i.e. the most specific, wins.
   */
  findByAsnOwner(owner: string): Entity | null {
    const cached = this.ownerCache.get(owner);
    if (cached !== undefined) return cached;
    let best: { pattern: string; entity: Entity } | null = null;
    const lowerOwner = owner.toLowerCase();
    for (const m of this.ownerMatchers) {
      if (containsWords(lowerOwner, m.lowerPattern) && (best === null || m.pattern.length > best.pattern.length)) best = m;
    }
    const result = best?.entity ?? null;
    this.ownerCache.set(owner, result);
    return result;
  }

  /**
   * Entity whose name or alias equals the given name once case, punctuation, spacing and legal-form
   * suffixes are ignored ("Agora Lab, Inc." ≈ "agora lab" ≈ "Agora Lab Inc"). No partial matching:
   * "Agora TC Sp. z o.o." is not Agora.
   */
  findByName(name: string): Entity | null {
    const key = normaliseOrganisationName(name);
    return key === '' ? null : (this.byName.get(key) ?? null);
  }

  /** Every entity's display name and aliases, for the policy extractor to look for, and its domains, to recognise the app's operator. */
  organisationNames(): { entityId: string; names: string[]; domains: string[] }[] {
    return this.entities.map((e) => ({ entityId: e.id, names: [...new Set([e.name, ...e.aliases])], domains: [...e.domains] }));
  }

  /**
   * Parent, grandparent… of an entity, nearest first, then each product family it is also a member of
   * (`memberOf`) with that family's own parents; each entity once; empty for unknown ids and roots.
   */
  ancestors(id: string): Entity[] {
    const chain: Entity[] = [];
    const seen = new Set<string>([id]);
    const climb = (from: string | undefined): void => {
      for (let parentId = from; parentId !== undefined && !seen.has(parentId); ) {
        const parent = this.byId.get(parentId);
        if (!parent) break;
        seen.add(parentId);
        chain.push(parent);
        parentId = parent.parent;
      }
    };
    const self = this.byId.get(id);
    climb(self?.parent);
    for (const family of self?.memberOf ?? []) climb(family);
    return chain;
  }

  /**
   * A new catalog with user-supplied entities added. An entity with an existing id replaces the
   * shipped one; domains and names claimed by an extra entity take precedence.
   */
  merge(extra: readonly Entity[]): EntityCatalog {
    const replaced = new Set(extra.map((e) => e.id));
    return new EntityCatalog([...this.entities.filter((e) => !replaced.has(e.id)), ...extra]);
  }
}
