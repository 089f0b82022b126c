/**
 * Parsers for user-supplied domain → organisation lists, one per `--format`. Each takes the list's
 * parsed JSON and throws {@link EntityListShapeError} with one sentence when the JSON is not that
 * format, so the caller can name the file and the problem on one line.
 */
import type { EntityListFormat, ParsedEntityList } from './entity-list-builder.js';
import { EntityListBuilder } from './entity-list-builder.js';

/** The JSON is valid but not the shape the format describes. */
export class EntityListShapeError extends Error {}

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strings of an array field; a missing field is empty, anything else is a shape error. */
function readStrings(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new EntityListShapeError(`${where} is not an array`);
  return value.filter((v): v is string => typeof v === 'string');
}

function readString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * Disconnect's `entities.json` (`{entities: {Company: {properties, resources}}}`: both lists are the
 * company's domains) or its `services.json` (`{categories: {Advertising: [{Company: {homepage: [domains]}}]}}`,
 * which also says what kind of tracker each company runs).
 */
function parseDisconnect(json: unknown, origin: string): ParsedEntityList {
  const builder = new EntityListBuilder('disconnect', origin);
  if (isRecord(json) && isRecord(json.entities)) {
    for (const [name, entry] of Object.entries(json.entities)) {
      if (!isRecord(entry)) throw new EntityListShapeError(`entity "${name}" is not an object`);
      builder.add({
        name,
        domains: [...readStrings(entry.properties, `"${name}".properties`), ...readStrings(entry.resources, `"${name}".resources`)],
      });
    }
    return builder.build();
  }
  if (isRecord(json) && isRecord(json.categories)) {
    for (const [category, list] of Object.entries(json.categories)) {
      if (!Array.isArray(list)) throw new EntityListShapeError(`category "${category}" is not an array`);
      for (const item of list) {
        if (!isRecord(item)) continue;
        for (const [name, sites] of Object.entries(item)) {
          if (!isRecord(sites)) continue;
          for (const [homepage, domains] of Object.entries(sites)) {
            // Some entries carry flags such as "performance": "true" beside the homepage.
            if (!Array.isArray(domains)) continue;
            builder.add({ name, domains: readStrings(domains, `"${name}"`), listCategories: [category], homepage });
          }
        }
      }
    }
    return builder.build();
  }
  throw new EntityListShapeError('expected a Disconnect entities.json ("entities" object) or services.json ("categories" object)');
}

/**
 * DuckDuckGo's tracker data set (web `tds.json`: `entities` with domains, `trackers` with owners and
 * categories) or its App Tracking Protection list (`android-tds.json`: `trackers` host → owner).
 */
function parseDuckDuckGo(json: unknown, origin: string): ParsedEntityList {
  if (!isRecord(json) || !isRecord(json.trackers)) {
    throw new EntityListShapeError('expected a DuckDuckGo tracker data set (a "trackers" object)');
  }
  const builder = new EntityListBuilder('duckduckgo', origin);
  const displayNames = new Map<string, string>();
  for (const [host, tracker] of Object.entries(json.trackers)) {
    if (!isRecord(tracker) || !isRecord(tracker.owner)) continue;
    const name = readString(tracker.owner.name);
    if (name === null) continue;
    const displayName = readString(tracker.owner.displayName);
    if (displayName !== null) displayNames.set(name, displayName);
    builder.add({
      name,
      aliases: displayName === null ? [] : [displayName],
      domains: [readString(tracker.domain) ?? host],
      parentName: readString(tracker.owner.ownedBy),
      listCategories: readStrings(tracker.categories, `tracker "${host}".categories`),
      homepage: readString(tracker.owner.privacyPolicy),
    });
  }
  if (isRecord(json.entities)) {
    for (const [name, entity] of Object.entries(json.entities)) {
      if (!isRecord(entity)) continue;
      const displayName = readString(entity.displayName) ?? displayNames.get(name) ?? null;
      builder.add({ name, aliases: displayName === null ? [] : [displayName], domains: readStrings(entity.domains, `entity "${name}".domains`) });
    }
  }
  return builder.build();
}

/** webXray's `domain_owners.json`: an array of owners with `parent_id`, `aliases`, `country` and `domains`. */
function parseWebXray(json: unknown, origin: string): ParsedEntityList {
  if (!Array.isArray(json)) throw new EntityListShapeError('expected a webXray domain_owners.json (an array of owners)');
  const namesById = new Map<number, string>();
  for (const owner of json) {
    if (isRecord(owner) && typeof owner.id === 'number' && typeof owner.owner_name === 'string') namesById.set(owner.id, owner.owner_name);
  }
  if (json.length > 0 && namesById.size === 0) throw new EntityListShapeError('no entry has a numeric "id" and an "owner_name"');
  const builder = new EntityListBuilder('webxray', origin);
  for (const owner of json) {
    if (!isRecord(owner) || typeof owner.owner_name !== 'string') continue;
    builder.add({
      name: owner.owner_name,
      aliases: readStrings(owner.aliases, `"${owner.owner_name}".aliases`),
      domains: readStrings(owner.domains, `"${owner.owner_name}".domains`),
      country: readString(owner.country),
      parentName: typeof owner.parent_id === 'number' ? (namesById.get(owner.parent_id) ?? null) : null,
      homepage: readString(owner.homepage_url),
    });
  }
  return builder.build();
}

/**
 * Entities of a list in the given format. `origin` names the list in each entity's sources
 * (e.g. `duckduckgo list tds.json, sha256 1a2b…`).
 */
export function parseEntityList(json: unknown, format: EntityListFormat, origin: string): ParsedEntityList {
  switch (format) {
    case 'disconnect':
      return parseDisconnect(json, origin);
    case 'duckduckgo':
      return parseDuckDuckGo(json, origin);
    case 'webxray':
      return parseWebXray(json, origin);
  }
}
