import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/entity.js';
import { ConfigError } from '../../src/model/errors.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';

function entity(id: string, extra: Partial<Entity> = {}): Entity {
  return { id, name: id, aliases: [], country: 'US', roles: ['other'], domains: [`${id}.example`], asnOwners: [], categories: [], sources: ['https://x.example/'], ...extra };
}

describe('EntityCatalog validation', () => {
  it('rejects duplicate ids', () => {
    expect(() => new EntityCatalog([entity('a'), entity('a')])).toThrow(ConfigError);
  });
  it('rejects missing parents and cycles', () => {
    expect(() => new EntityCatalog([entity('a', { parent: 'nope' })])).toThrow(/parent "nope"/);
    expect(() => new EntityCatalog([entity('a', { parent: 'b' }), entity('b', { parent: 'a' })])).toThrow(/cycle/);
  });
  it('rejects product families that do not exist or that are the entity or one of its products', () => {
    expect(() => new EntityCatalog([entity('a', { memberOf: ['nope'] })])).toThrow(/memberOf "nope"/);
    expect(() => new EntityCatalog([entity('a', { memberOf: ['a'] })])).toThrow(/memberOf "a"/);
    expect(() => new EntityCatalog([entity('a', { memberOf: ['b'] }), entity('b', { parent: 'a' })])).toThrow(/memberOf "b"/);
  });
  it('rejects malformed fields', () => {
    expect(() => new EntityCatalog([entity('a', { country: 'usa' })])).toThrow(/country/);
    expect(() => new EntityCatalog([entity('a', { domains: ['https://a.example'] })])).toThrow(/domain/);
    expect(() => new EntityCatalog([entity('A B')])).toThrow(/kebab/);
    expect(() => new EntityCatalog([entity('a', { hostPatterns: ['*.com'] })])).toThrow(/host pattern/);
    expect(() => new EntityCatalog([entity('a', { hostPatterns: ['api.example.com'] })])).toThrow(/host pattern/);
  });
});

describe('default catalog lookups', () => {
  const catalog = EntityCatalog.loadDefault();

  it("knows Google's country search domains and LinkedIn's static host, so one company is one recipient (trial9 item 8)", () => {
    for (const host of ['www.google.de', 'www.google.se', 'google.co.jp', 'www.google.com.au', 'google.cat']) expect(catalog.findByDomain(host)?.id, host).toBe('google');
    expect(catalog.findByDomain('static.licdn.com')?.id).toBe('microsoft');
    // Only Google's own names: a domain that merely begins with "google" stays unknown.
    expect(catalog.findByDomain('google-fonts-mirror.example')).toBeNull();
  });

  it('finds entities by host and registrable domain, most specific first', () => {
    expect(catalog.findByDomain('api.agora.io')?.id).toBe('agora');
    expect(catalog.findByDomain('agoralab.co')?.id).toBe('agora');
    expect(catalog.findByDomain('web-1.ap.sd-rtn.com.')?.id).toBe('agora');
    expect(catalog.findByDomain('FCM.googleapis.com')?.id).toBe('firebase-cloud-messaging');
    expect(catalog.findByDomain('www.googleapis.com')?.id).toBe('google');
    expect(catalog.findByDomain('settings.crashlytics.com')?.id).toBe('crashlytics');
    expect(catalog.findByDomain('api.tokbox.com')?.id).toBe('tokbox');
    expect(catalog.findByDomain('notagora.io')).toBeNull();
    expect(catalog.findByDomain('103.1.5.1')).toBeNull();
  });

  it('host patterns match one label per * and beat shorter domains', () => {
    expect(catalog.matchHost('cognito-identity.eu-west-1.amazonaws.com')).toMatchObject({ matched: 'cognito-identity.*.amazonaws.com', labels: 4 });
    expect(catalog.findByDomain('cognito-identity.eu-west-1.amazonaws.com')?.id).toBe('amazon-cognito');
    expect(catalog.findByDomain('cognito-identity.eu-west-1.vpce.amazonaws.com')?.id).toBe('aws');
    expect(catalog.findByDomain('cognito-identity.amazonaws.com')?.id).toBe('aws');
    expect(catalog.matchHost('www.googleapis.com')).toMatchObject({ matched: 'googleapis.com', labels: 2 });
  });

  it('finds entities by ASN owner without confusing look-alikes', () => {
    expect(catalog.findByAsnOwner('Agora Communications Pte Ltd')?.id).toBe('agora');
    expect(catalog.findByAsnOwner('Agora Lab, Inc.')?.id).toBe('agora');
    expect(catalog.findByAsnOwner('Agora TC Sp.z.o.o.')).toBeNull();
    expect(catalog.findByAsnOwner('Amazon.com, Inc.')?.id).toBe('aws');
    expect(catalog.findByAsnOwner('Google LLC')?.id).toBe('google');
    expect(catalog.findByAsnOwner('Cloudflare London, LLC')?.id).toBe('cloudflare');
    expect(catalog.findByAsnOwner('Akamai Technologies, Inc.')?.id).toBe('akamai');
    expect(catalog.findByAsnOwner('Linode, LLC')?.id).toBe('linode');
  });

  it('finds entities by name, alias and non-English trading name', () => {
    expect(catalog.findByName('Agora Lab, Inc.')?.id).toBe('agora');
    expect(catalog.findByName('agora lab')?.id).toBe('agora');
    expect(catalog.findByName('AGORA LAB INC')?.id).toBe('agora');
    expect(catalog.findByName('声网')?.id).toBe('agora');
    expect(catalog.findByName('Shengwang')?.id).toBe('agora');
    expect(catalog.findByName('上海兆言网络科技有限公司')?.id).toBe('agora');
    expect(catalog.findByName('Agora TC Sp. z o.o.')).toBeNull();
    expect(catalog.findByName('Appboy')?.id).toBe('braze');
    expect(catalog.findByName('OpenTok')?.id).toBe('tokbox');
    expect(catalog.findByName('Facebook, Inc.')?.id).toBe('meta');
    expect(catalog.findByName('AppsFlyer Ltd.')?.id).toBe('appsflyer');
    expect(catalog.findByName('Google LLC')?.id).toBe('google');
    expect(catalog.findByName('Google Analytics')?.id).toBe('google-analytics');
    expect(catalog.findByName('腾讯云')?.id).toBe('tencent-cloud');
    expect(catalog.findByName('')).toBeNull();
  });

  it('models parent relations', () => {
    const ids = (id: string): string[] => catalog.ancestors(id).map((e) => e.id);
    expect(ids('firebase')).toEqual(['google']);
    expect(ids('crashlytics')).toContain('google');
    expect(ids('tokbox')).toContain('vonage');
    expect(ids('tencent-rtc')).toContain('tencent');
    expect(ids('segment')).toEqual(['twilio']);
    expect(ids('google')).toEqual([]);
    expect(ids('unknown')).toEqual([]);
    // The Firebase SDK's analytics is Google Analytics (its parent) and part of Firebase; Google once.
    expect(ids('google-analytics-for-firebase')).toEqual(['google-analytics', 'google', 'firebase']);
    expect(catalog.findByDomain('app-measurement.com')?.id).toBe('google-analytics-for-firebase');
    expect(catalog.findByName('Firebase Analytics')?.id).toBe('google-analytics-for-firebase');
    expect(catalog.findByDomain('www.google-analytics.com')?.id).toBe('google-analytics');
  });

  it('lists organisation names for the policy extractor', () => {
    const agora = catalog.organisationNames().find((o) => o.entityId === 'agora');
    expect(agora?.names).toEqual(expect.arrayContaining(['Agora, Inc.', 'Shengwang', '声网', 'SoundNet']));
  });

  it('merges user-supplied entities, overriding by id and domain', () => {
    const merged = catalog.merge([entity('acme', { domains: ['acme-analytics.com'], aliases: ['Acme Analytics'] }), { ...entity('agora'), name: 'Agora (user)', domains: ['agora.io'] }]);
    expect(merged.findByDomain('x.acme-analytics.com')?.id).toBe('acme');
    expect(merged.findByName('Acme Analytics Inc.')?.id).toBe('acme');
    expect(merged.get('agora')?.name).toBe('Agora (user)');
    expect(merged.all().length).toBe(catalog.all().length + 1);
    expect(catalog.get('agora')?.name).toBe('Agora, Inc.');
    expect(() => catalog.merge([entity('x', { parent: 'missing' })])).toThrow(ConfigError);
  });
});
