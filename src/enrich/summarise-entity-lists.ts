/**
 * Which user-supplied entity lists a database holds, read back from the stored entities, so an audit
 * can name every list it merged (file, format, sha256, import date, size) and a reader can import the
 * same files to reproduce it.
 */
import type { EntityListRecord } from '../model/audit.js';
import type { Entity, EntityListImport } from '../model/entity.js';

/** What older claimcheck versions wrote in `importedFrom`: `<format> list <file> (sha256 <12 hex>)`. */
const LEGACY_ORIGIN = /^(\S+) list (.+) \(sha256 ([0-9a-f]{12})\)$/;

/** Identity of one list file: the same bytes in the same format, whatever the file was called. */
function listKey(list: Pick<EntityListImport, 'format' | 'sha256'>): string {
  // Legacy records hold a 12-digit prefix; comparing prefixes lets both kinds of record meet.
  return `${list.format}:${list.sha256.slice(0, 12)}`;
}

/** The lists an entity came from: its recorded imports, else what its legacy origin strings say. */
function listsOf(entity: Entity): EntityListImport[] {
  if (entity.importedLists && entity.importedLists.length > 0) return entity.importedLists;
  return (entity.importedFrom ?? []).flatMap((origin) => {
    const m = LEGACY_ORIGIN.exec(origin);
    return m?.[1] && m[2] && m[3] ? [{ format: m[1], file: m[2], sha256: m[3], importedAt: null }] : [];
  });
}

/**
 * One record per list file, in import order (then by file name): the earliest import date and the
 * full sha256 win over a legacy record of the same file.
 */
export function summariseEntityLists(entities: readonly Entity[]): EntityListRecord[] {
  const records = new Map<string, EntityListRecord>();
  for (const entity of entities) {
    // An entity described twice by one list still counts once for it.
    const seen = new Set<string>();
    for (const list of listsOf(entity)) {
      const key = listKey(list);
      if (seen.has(key)) continue;
      seen.add(key);
      const record = records.get(key);
      if (!record) {
        records.set(key, { ...list, entities: 1 });
        continue;
      }
      record.entities += 1;
      if (list.sha256.length > record.sha256.length) record.sha256 = list.sha256;
      if (list.importedAt !== null && (record.importedAt === null || list.importedAt < record.importedAt)) {
        record.importedAt = list.importedAt;
        record.file = list.file;
      }
    }
  }
  return [...records.values()].sort((a, b) => (a.importedAt ?? '').localeCompare(b.importedAt ?? '') || a.file.localeCompare(b.file));
}
