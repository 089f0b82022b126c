import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/entity.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { mergeUserEntities } from '../../src/enrich/merge-user-entities.js';
import { parseEntityList } from '../../src/enrich/parse-entity-list.js';

function listed(id: string, extra: Partial<Entity> = {}): Entity {
  return { id, name: id, aliases: [], country: 'ZZ', roles: ['other'], domains: [], asnOwners: [], categories: [], sources: ['test list'], importedFrom: ['test list'], ...extra };
}

const shipped = EntityCatalog.loadDefault();

describe('mergeUserEntities', () => {
  it('returns the shipped catalog untouched when nothing was imported', () => {
    expect(mergeUserEntities(shipped, []).catalog).toBe(shipped);
  });

  it('adds unknown organisations and their domains', () => {
    expect(shipped.findByDomain('ads.yieldmo.com')).toBeNull();
    const { catalog } = mergeUserEntities(shipped, [listed('yieldmo', { name: 'Yieldmo, Inc.', aliases: ['Yieldmo'], domains: ['yieldmo.com'], roles: ['advertising'] })]);
    expect(catalog.findByDomain('ads.yieldmo.com')).toMatchObject({ name: 'Yieldmo, Inc.', importedFrom: ['test list'] });
    expect(catalog.findByName('Yieldmo')?.name).toBe('Yieldmo, Inc.');
  });

  it('a listed organisation with a shipped name extends the shipped entity and keeps its curated facts', () => {
    const google = shipped.findByName('Google');
    const { catalog, idMap } = mergeUserEntities(shipped, [listed('google', { name: 'Google LLC', country: 'ZZ', domains: ['abc.xyz', 'app-measurement.com'] })]);
    expect(idMap.get('google')).toBe(google?.id);
    const merged = catalog.findByDomain('abc.xyz');
    expect(merged?.id).toBe(google?.id);
    expect(merged?.country).toBe(google?.country);
    expect(merged?.asnOwners).toEqual(google?.asnOwners);
    expect(merged?.importedFrom).toBeUndefined();
  });

  it('never moves a domain the shipped catalog attributes to another organisation (or a platform namespace)', () => {
    const before = shipped.findByDomain('app-measurement.com');
    const { catalog, conflictingDomains } = mergeUserEntities(shipped, [
      listed('adco', { name: 'Adco', domains: ['app-measurement.com', 'mybucket.s3.amazonaws.com', 'adco.example'] }),
    ]);
    expect(catalog.findByDomain('app-measurement.com')?.id).toBe(before?.id);
    expect(catalog.findByDomain('mybucket.s3.amazonaws.com')?.name).not.toBe('Adco');
    expect(catalog.findByDomain('adco.example')?.name).toBe('Adco');
    expect(conflictingDomains.map((c) => c.domain).sort()).toEqual(['app-measurement.com', 'mybucket.s3.amazonaws.com']);
  });

  it('the first list entry keeps a domain two entries claim; parents resolve, cycles are cut', () => {
    const { catalog } = mergeUserEntities(shipped, [
      listed('b-co', { name: 'B Co', domains: ['shared.example'], parent: 'a-co' }),
      listed('a-co', { name: 'A Co', domains: ['shared.example', 'a.example'], parent: 'b-co' }),
    ]);
    expect(catalog.findByDomain('shared.example')?.name).toBe('A Co');
    // a-co → b-co → a-co would loop: one link is dropped, and the catalog still builds.
    expect(catalog.ancestors('a-co').length + catalog.ancestors('b-co').length).toBe(1);
  });

  it('a different organisation whose id equals a shipped id does not replace it', () => {
    const { catalog } = mergeUserEntities(shipped, [listed('agora', { name: 'Agora SA (Polish media group)', domains: ['agora.pl'] })]);
    expect(catalog.findByDomain('api.agora.io')?.name).toBe(shipped.get('agora')?.name);
    expect(catalog.findByDomain('agora.pl')?.name).toBe('Agora SA (Polish media group)');
  });

  it('merges every real list over the shipped catalog without breaking shipped attributions', () => {
    const lists: [string, 'disconnect' | 'duckduckgo' | 'webxray'][] = [
      ['disconnect_entities.json', 'disconnect'],
      ['duckduckgo_web_tds_v6.json', 'duckduckgo'],
      ['webxray_domain_owners.json', 'webxray'],
    ];
    const entities = lists.flatMap(([file, format]) =>
      parseEntityList(JSON.parse(readFileSync(join('..', 'shared', 'data', 'entities', file), 'utf8')), format, file).entities,
    );
    // Same ids from different lists would be combined by the store; keep the first here.
    const unique = [...new Map(entities.map((e) => [e.id, e])).values()];
    const { catalog } = mergeUserEntities(shipped, unique);
    for (const host of ['api.agora.io', 'app-measurement.com', 'fcm.googleapis.com', 'api2.amplitude.com', 'graph.facebook.com']) {
      expect(catalog.findByDomain(host)?.id, host).toBe(shipped.findByDomain(host)?.id);
    }
    expect(catalog.findByDomain('static.criteo.net')).not.toBeNull();
  });
});
