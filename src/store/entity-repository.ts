/**
 * User-supplied entities (from `claimcheck entities import`), stored so every later audit in this
 * database sees them. The shipped catalog is package data, never rows here.
 */
import type { Entity, EntityListImport } from '../model/entity.js';
import type { StoreDatabase } from './open-database.js';

/** What one import changed. */
export interface EntitySaveResult {
  added: number;
  /** Entities already stored (from this or another list) that gained domains, names or sources. */
  extended: number;
  unchanged: number;
}

function union<T extends string>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])].sort();
}

/** The stored list records plus new files; a file imported again keeps its first import date. */
function combineImports(stored: readonly EntityListImport[], incoming: readonly EntityListImport[]): EntityListImport[] {
  const known = new Set(stored.map((l) => `${l.format}:${l.sha256}`));
  return [...stored, ...incoming.filter((l) => !known.has(`${l.format}:${l.sha256}`))];
}

/**
 * Two lists describing the same organisation are combined rather than one replacing the other:
 * domains, aliases, roles, categories and sources are united; a known headquarters beats an unknown
 * one ('ZZ'); the first stored parent is kept.
 */
function combineEntities(stored: Entity, incoming: Entity, unknownCountry: string): Entity {
  const combined: Entity = {
    ...stored,
    aliases: union(stored.aliases, incoming.name === stored.name ? incoming.aliases : [...incoming.aliases, incoming.name]).filter((a) => a !== stored.name),
    domains: union(stored.domains, incoming.domains),
    // 'other' only stands in for "no role known"; a real role from another list replaces it.
    roles: union(stored.roles, incoming.roles).filter((r, _, all) => r !== 'other' || all.length === 1),
    categories: union(stored.categories, incoming.categories),
    sources: [...new Set([...stored.sources, ...incoming.sources])],
    country: stored.country === unknownCountry ? incoming.country : stored.country,
  };
  if (combined.parent === undefined && incoming.parent !== undefined) combined.parent = incoming.parent;
  const lists = [...(stored.importedFrom ?? []), ...(incoming.importedFrom ?? [])];
  if (lists.length > 0) combined.importedFrom = [...new Set(lists)];
  const imports = combineImports(stored.importedLists ?? [], incoming.importedLists ?? []);
  if (imports.length > 0) combined.importedLists = imports;
  return combined;
}

/**
 * Stores the entities of one list in one transaction, combining each with a stored entity of the
 * same id. `origin` records where the rows came from (format and file).
 */
export function saveUserEntities(db: StoreDatabase, entities: readonly Entity[], origin: string, unknownCountry: string): EntitySaveResult {
  const select = db.prepare('SELECT data FROM entities WHERE id = ?');
  const insert = db.prepare('INSERT INTO entities (id, name, origin, data) VALUES (?, ?, ?, ?)');
  const update = db.prepare('UPDATE entities SET data = ? WHERE id = ?');
  return db.transaction(() => {
    const result: EntitySaveResult = { added: 0, extended: 0, unchanged: 0 };
    for (const entity of entities) {
      const row = select.get(entity.id) as { data: string } | undefined;
      if (!row) {
        insert.run(entity.id, entity.name, origin, JSON.stringify(entity));
        result.added += 1;
        continue;
      }
      const before = row.data;
      const after = JSON.stringify(combineEntities(JSON.parse(before) as Entity, entity, unknownCountry));
      if (after === before) {
        result.unchanged += 1;
      } else {
        update.run(after, entity.id);
        result.extended += 1;
      }
    }
    return result;
  }).immediate();
}

/** Every stored user entity, by id (a stable order, so audits are reproducible). */
export function listUserEntities(db: StoreDatabase): Entity[] {
  return (db.prepare('SELECT data FROM entities ORDER BY id').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Entity);
}

/** Removes every user entity; returns how many were removed. */
export function deleteUserEntities(db: StoreDatabase): number {
  return db.prepare('DELETE FROM entities').run().changes;
}
