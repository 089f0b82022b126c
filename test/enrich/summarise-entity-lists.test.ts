import { describe, expect, it } from 'vitest';
import type { Entity, EntityListImport } from '../../src/model/entity.js';
import { summariseEntityLists } from '../../src/enrich/summarise-entity-lists.js';

const DISCONNECT: EntityListImport = {
  file: 'disconnect_services.json',
  format: 'disconnect',
  sha256: '1d8b168c91d81303b64d7cccde2cb4e666a75bc87eae80870ac751542ea1feab',
  importedAt: '2026-11-18T16:02:11.000Z',
};
const WEBXRAY: EntityListImport = {
  file: 'webxray_domain_owners.json',
  format: 'webxray',
  sha256: 'ef59132f9a02804dfc4dba4bf4ca3f86304062a0f2519f247f5659fbc358b4f8',
  importedAt: '2026-11-19T08:00:00.000Z',
};

function stored(id: string, extra: Partial<Entity>): Entity {
  return { id, name: id, aliases: [], country: 'ZZ', roles: ['other'], domains: [`${id}.example`], asnOwners: [], categories: [], sources: [], ...extra };
}

describe('summariseEntityLists', () => {
  it('one record per list file, counting organisations described by both lists for each', () => {
    const lists = summariseEntityLists([
      stored('criteo', { importedLists: [DISCONNECT, WEBXRAY] }),
      stored('taboola', { importedLists: [DISCONNECT] }),
      stored('yandex', { importedLists: [WEBXRAY] }),
      stored('outbrain', { importedLists: [DISCONNECT] }),
    ]);
    expect(lists).toEqual([
      { ...DISCONNECT, entities: 3 },
      { ...WEBXRAY, entities: 2 },
    ]);
  });

  it('reads what older versions stored (12-digit hash, no date) and lets a full record of the same file complete it', () => {
    const legacyOrigin = 'disconnect list disconnect_services.json (sha256 1d8b168c91d8)';
    const legacyOnly = summariseEntityLists([stored('criteo', { importedFrom: [legacyOrigin] })]);
    expect(legacyOnly).toEqual([{ file: 'disconnect_services.json', format: 'disconnect', sha256: '1d8b168c91d8', importedAt: null, entities: 1 }]);

    const mixed = summariseEntityLists([stored('criteo', { importedFrom: [legacyOrigin] }), stored('taboola', { importedFrom: [legacyOrigin], importedLists: [DISCONNECT] })]);
    expect(mixed).toEqual([{ ...DISCONNECT, entities: 2 }]);
  });

  it('ignores entities that came from no list and origins it cannot read', () => {
    expect(summariseEntityLists([stored('a', {}), stored('b', { importedFrom: ['hand-written note'] })])).toEqual([]);
  });
});
