/**
 * Layers user-supplied entities (from `claimcheck entities import`) over the shipped catalog.
 *
 * Decision: the lists fill gaps; they do not overrule the shipped catalog. Bulk tracker lists are
 * coarser than the catalog (DuckDuckGo files `app-measurement.com` under "Google LLC", erasing the
 * Google Analytics / Firebase distinction a policy comparison needs), and they carry no network
 * owners or headquarters. So:
 * - a listed organisation whose name or alias is a catalog entity's name or alias is that entity: it
 *   gains the list's domains and names, and keeps its curated parent, country, roles and ASN owners;
 * - any other organisation becomes a new entity;
 * - a domain the catalog (or an earlier list entry) already attributes to a different organisation
 *   keeps that attribution, including domains below a catalog domain or platform namespace.
 */
import type { Entity } from '../model/entity.js';
import { EntityCatalog } from './entity-catalog.js';

/** The merged catalog with what the merge left out, for messages and tests. */
export interface MergedCatalog {
  catalog: EntityCatalog;
  /** User entity id → the catalog id it became (its own, or the shipped entity it matched). */
  idMap: ReadonlyMap<string, string>;
  /** Listed domains left with their existing owner because another organisation already has them. */
  conflictingDomains: { domain: string; listedFor: string; keptFor: string }[];
}

/** The shipped entity a listed organisation is, by its name or any alias; null when none. */
function matchShippedEntity(base: EntityCatalog, entity: Entity): Entity | null {
  for (const name of [entity.name, ...entity.aliases]) {
    const match = base.findByName(name);
    if (match) return match;
  }
  return null;
}

/** Drops parents that make a chain loop (user lists are not checked for that). */
function breakParentCycles(entities: Map<string, Entity>, base: EntityCatalog): void {
  for (const entity of entities.values()) {
    const seen = new Set<string>([entity.id]);
    let parentId = entity.parent;
    while (parentId !== undefined) {
      if (seen.has(parentId)) {
        delete entity.parent;
        break;
      }
      seen.add(parentId);
      parentId = entities.get(parentId)?.parent ?? base.get(parentId)?.parent;
    }
  }
}

/**
 * A catalog with the user's entities merged in (see the module comment for the rules). With no user
 * entities, the base catalog itself is returned.
 */
export function mergeUserEntities(base: EntityCatalog, userEntities: readonly Entity[]): MergedCatalog {
  const idMap = new Map<string, string>();
  const conflictingDomains: MergedCatalog['conflictingDomains'] = [];
  if (userEntities.length === 0) return { catalog: base, idMap, conflictingDomains };

  const sorted = [...userEntities].sort((a, b) => a.id.localeCompare(b.id));
  const changed = new Map<string, Entity>();
  for (const user of sorted) {
    const shipped = matchShippedEntity(base, user);
    if (shipped) {
      idMap.set(user.id, shipped.id);
      if (!changed.has(shipped.id)) changed.set(shipped.id, { ...shipped, aliases: [...shipped.aliases], domains: [...shipped.domains], sources: [...shipped.sources] });
    } else {
      // A different organisation whose id happens to equal a shipped id keeps both apart.
      const id = base.get(user.id) ? `${user.id}-listed` : user.id;
      idMap.set(user.id, id);
      changed.set(id, { ...user, id, aliases: [], domains: [], sources: [...user.sources], importedFrom: [...(user.importedFrom ?? user.sources)] });
      delete changed.get(id)?.parent;
    }
  }

  const claimedByList = new Map<string, string>();
  for (const user of sorted) {
    const targetId = idMap.get(user.id);
    const target = targetId === undefined ? undefined : changed.get(targetId);
    if (!target) continue;
    for (const domain of user.domains) {
      const owner = base.findByDomain(domain);
      const ownerId = owner?.id ?? claimedByList.get(domain);
      if (ownerId !== undefined && ownerId !== target.id) {
        conflictingDomains.push({ domain, listedFor: user.name, keptFor: owner?.name ?? changed.get(ownerId)?.name ?? ownerId });
        continue;
      }
      if (ownerId === undefined && !target.domains.includes(domain)) {
        target.domains.push(domain);
        claimedByList.set(domain, target.id);
      }
    }
    for (const name of [user.name, ...user.aliases]) {
      const holder = base.findByName(name);
      if (name !== target.name && !target.aliases.includes(name) && (holder === null || holder.id === target.id)) target.aliases.push(name);
    }
    for (const source of user.sources) {
      if (!target.sources.includes(source)) target.sources.push(source);
    }
    if (user.parent !== undefined && base.get(target.id) === undefined) {
      const parentId = idMap.get(user.parent);
      if (parentId !== undefined && parentId !== target.id) target.parent = parentId;
    }
  }
  breakParentCycles(changed, base);
  // New entities left without domains (all taken by others) still carry their names for policy matching.
  return { catalog: base.merge([...changed.values()]), idMap, conflictingDomains };
}
