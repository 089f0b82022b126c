/**
 * `claimcheck entities import`: reads a user-supplied domain → organisation list, turns it into
 * entities and stores them, so later audits in the same database attribute with them too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UNKNOWN_COUNTRY, type EntityListFormat, type ParsedEntityList } from '../enrich/entity-list-builder.js';
import { EntityListShapeError, parseEntityList } from '../enrich/parse-entity-list.js';
import type { EntityListImport } from '../model/entity.js';
import { ConfigError } from '../model/errors.js';
import { saveUserEntities, type EntitySaveResult } from '../store/entity-repository.js';
import type { StoreDatabase } from '../store/open-database.js';

/** What an entity import read and stored. */
export interface EntityImportOutcome extends EntitySaveResult {
  file: string;
  format: EntityListFormat;
  sha256: string;
  /** Organisations with at least one usable domain. */
  entities: number;
  skippedDomains: number;
  skippedRows: number;
}

function readListFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const problem = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not an entity list' : `cannot read (${code || String(error)})`;
    throw new ConfigError(`${file}: ${problem}`);
  }
}

/**
 * Reads, parses and stores one list; a file that is not the named format is one ConfigError naming it.
 * `now` dates the import (injected so tests control the clock).
 */
export function importEntityList(db: StoreDatabase, file: string, format: EntityListFormat, now: () => Date = () => new Date()): EntityImportOutcome {
  const bytes = readListFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${file}: not a JSON file (${detail})`, `expected a ${format} entity list`);
  }
  const origin = `${format} list ${basename(file)} (sha256 ${sha256.slice(0, 12)})`;
  let parsed: ParsedEntityList;
  try {
    parsed = parseEntityList(json, format, origin);
  } catch (error) {
    if (error instanceof EntityListShapeError) throw new ConfigError(`${file}: not a ${format} entity list: ${error.message}`, 'check --format');
    throw error;
  }
  if (parsed.entities.length === 0) {
    throw new ConfigError(`${file}: no organisation with a usable domain found in this ${format} list`, 'check --format');
  }
  // Every entity records the list file, so an audit can name the lists it merged and their import dates.
  const list: EntityListImport = { file: basename(file), format, sha256, importedAt: now().toISOString() };
  const entities = parsed.entities.map((entity) => ({ ...entity, importedLists: [list] }));
  const saved = saveUserEntities(db, entities, origin, UNKNOWN_COUNTRY);
  return {
    file,
    format,
    sha256,
    entities: parsed.entities.length,
    skippedDomains: parsed.skippedDomains.length,
    skippedRows: parsed.skippedRows,
    ...saved,
  };
}
