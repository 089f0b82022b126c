import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { UNKNOWN_COUNTRY, deriveEntityId } from '../../src/enrich/entity-list-builder.js';
import { EntityListShapeError, parseEntityList } from '../../src/enrich/parse-entity-list.js';

/** Real third-party lists (not shipped: their licences forbid it). */
const LISTS = join('..', 'shared', 'data', 'entities');
const readList = (file: string): unknown => JSON.parse(readFileSync(join(LISTS, file), 'utf8'));

describe('parseEntityList on the real lists', () => {
  it('webXray: owners with country, aliases and parent chains', () => {
    const { entities } = parseEntityList(readList('webxray_domain_owners.json'), 'webxray', 'webxray list');
    const catalog = new EntityCatalog(entities);
    const youtube = catalog.findByDomain('www.youtube.com');
    expect(youtube).toMatchObject({ name: 'YouTube', country: 'US' });
    expect(youtube?.aliases).toContain('You Tube');
    expect(catalog.ancestors(youtube?.id ?? '').map((e) => e.name)).toContain('Google');
    expect(catalog.findByDomain('adrtx.net')?.country).toBe('DE');
    expect(youtube?.importedFrom).toEqual(['webxray list']);
  });

  it('DuckDuckGo web TDS: tracker owners and categories, entities with their domains', () => {
    const { entities } = parseEntityList(readList('duckduckgo_web_tds_v6.json'), 'duckduckgo', 'ddg list');
    const catalog = new EntityCatalog(entities);
    const taboola = catalog.findByDomain('cdn.taboola.com');
    expect(taboola?.name).toBe('Taboola, Inc.');
    expect(taboola?.aliases).toContain('Taboola');
    expect(taboola?.roles).toContain('advertising');
    expect(taboola?.categories).toEqual(expect.arrayContaining(['advertising', 'analytics']));
    // The list has no headquarters: unknown, never guessed.
    expect(taboola?.country).toBe(UNKNOWN_COUNTRY);
    expect(catalog.findByDomain('criteo.com')?.name).toBe('Criteo SA');
  });

  it('DuckDuckGo app tracking list: host names of trackers', () => {
    const { entities } = parseEntityList(readList('duckduckgo_app_android-tds.json'), 'duckduckgo', 'ddg app list');
    const catalog = new EntityCatalog(entities);
    expect(catalog.findByDomain('graph.facebook.com')?.name).toBe('Facebook, Inc.');
    expect(catalog.findByDomain('bidder.criteo.com')).not.toBeNull();
  });

  it('Disconnect entities and services lists', () => {
    const fromEntities = new EntityCatalog(parseEntityList(readList('disconnect_entities.json'), 'disconnect', 'd').entities);
    expect(fromEntities.findByDomain('storetail.io')?.name).toBe('Criteo');
    expect(fromEntities.findByDomain('bidswitch.com')?.name).toBe('Criteo');
    const fromServices = new EntityCatalog(parseEntityList(readList('disconnect_services.json'), 'disconnect', 's').entities);
    const criteo = fromServices.findByDomain('criteo.net');
    expect(criteo?.roles).toContain('advertising');
    expect(criteo?.sources).toContain('http://www.criteo.com/');
  });

  it('rejects a list of another format with a shape error', () => {
    expect(() => parseEntityList(readList('webxray_domain_owners.json'), 'disconnect', 'x')).toThrow(EntityListShapeError);
    expect(() => parseEntityList(readList('disconnect_entities.json'), 'webxray', 'x')).toThrow(EntityListShapeError);
    expect(() => parseEntityList(readList('webxray_domain_owners.json'), 'duckduckgo', 'x')).toThrow(EntityListShapeError);
  });
});

describe('parseEntityList rules', () => {
  it('combines rows naming the same organisation and drops entries that are not host names', () => {
    const list = {
      trackers: {
        'a.example.com': { owner: { name: 'Example, Inc.', displayName: 'Example' }, categories: ['Analytics'] },
        'https://bad.example.org/x': { owner: { name: 'Example Inc' } },
        '*.cdn.example.net': { owner: { name: 'EXAMPLE INC.' }, categories: ['Content Delivery'] },
      },
    };
    const parsed = parseEntityList(list, 'duckduckgo', 'test');
    expect(parsed.entities).toHaveLength(1);
    expect(parsed.entities[0]?.domains).toEqual(['a.example.com', 'cdn.example.net']);
    expect(parsed.entities[0]?.roles).toEqual(['analytics', 'cdn']);
    expect(parsed.skippedDomains).toEqual(['https://bad.example.org/x']);
  });

  it('keeps a country only when every row agrees, and ignores parents missing from the list', () => {
    const list = [
      { id: 1, parent_id: 99, owner_name: 'Alpha', aliases: [], country: 'fr', domains: ['alpha.example'] },
      { id: 2, parent_id: null, owner_name: 'Alpha', aliases: [], country: 'DE', domains: ['alpha2.example'] },
    ];
    const [alpha] = parseEntityList(list, 'webxray', 'test').entities;
    expect(alpha?.country).toBe(UNKNOWN_COUNTRY);
    expect(alpha?.parent).toBeUndefined();
  });

  it('derives kebab-case ids that survive legal forms and non-Latin names', () => {
    expect(deriveEntityId('Taboola, Inc.')).toBe(deriveEntityId('TABOOLA'));
    expect(deriveEntityId('声网')).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
