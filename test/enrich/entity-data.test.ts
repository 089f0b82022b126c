import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { getRegistrableDomain } from '../../src/enrich/registrable-domain.js';
import { listTenantNamespaces } from '../../src/enrich/tenant-namespace.js';

/** Distinct owner names from the shipped ASN CSVs (4th column, possibly quoted). */
function readAsnOwners(): string[] {
  const dir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
  const owners = new Set<string>();
  for (const file of ['asn-ipv4-num.csv', 'asn-ipv6-num.csv']) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const m = /^[^,]*,[^,]*,[^,]*,(.*)$/.exec(line.trimEnd());
      const raw = m?.[1];
      if (raw === undefined) continue;
      owners.add(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    }
  }
  return [...owners];
}

describe('shipped entity data', () => {
  const catalog = EntityCatalog.loadDefault();
  const owners = readAsnOwners();

  it('every asnOwners substring matches an owner in the ASN data, and resolves back to its entity', () => {
    const dead: string[] = [];
    for (const entity of catalog.all()) {
      for (const pattern of entity.asnOwners) {
        const hits = owners.filter((o) => o.toLowerCase().includes(pattern.toLowerCase()) && catalog.findByAsnOwner(o)?.id === entity.id);
        if (hits.length === 0) dead.push(`${entity.id}: ${pattern}`);
      }
    }
    expect(dead).toEqual([]);
  });

  it('does not claim look-alike networks', () => {
    for (const owner of [
      'Agora TC Sp.z.o.o.', 'AGORA VITA SAS', 'PANAGORA ASSET MANAGEMENT', 'HostMyApple Inc.', 'Apple Communication Ltd.',
      'Alibaba Travel Company (LTD)', 'Google Fiber Inc.', 'Volcano Vision, Inc.', 'LEVEL3 CARRIER LIMITED', 'Zoom Telcom, LLC',
      'Windstream Communications LLC', 'Hurricane Labs, LLC', 'MOATiT, LLC', 'Nielsen Consumer LLC', 'Yahoo Japan Corporation',
      'Intercom Telecom., JSC', 'RUBICON IT GmbH', 'OpenXS GmbH', 'Inmobiliaria Don Antonio', 'Snap One, LLC.',
    ]) {
      expect(catalog.findByAsnOwner(owner)?.id ?? null, owner).toBeNull();
    }
  });

  it('every entity has a source, a role and at least one domain or host pattern', () => {
    for (const e of catalog.all()) {
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) expect(s, e.id).toMatch(/^https:\/\//);
      expect(e.roles.length, e.id).toBeGreaterThan(0);
      expect(e.domains.length + (e.hostPatterns ?? []).length, e.id).toBeGreaterThan(0);
    }
  });

  it("host patterns sit under a platform namespace or a catalog domain of the entity's own family", () => {
    for (const e of catalog.all()) {
      for (const pattern of e.hostPatterns ?? []) {
        const tail = pattern.slice(pattern.lastIndexOf('*.') + 2);
        const owner = catalog.findByDomain(tail);
        expect(owner, pattern).not.toBeNull();
        // The literal tail belongs to the parent platform (amazonaws.com → AWS), so the pattern must name its product.
        expect([e.id, ...catalog.ancestors(e.id).map((a) => a.id)], pattern).toContain(owner?.id);
      }
    }
  });

  it('no domain or name is claimed by two entities', () => {
    const seenDomains = new Map<string, string>();
    for (const e of catalog.all()) {
      for (const d of e.domains) {
        expect(seenDomains.get(d), `${d} in ${e.id}`).toBeUndefined();
        seenDomains.set(d, e.id);
        expect(getRegistrableDomain(d), `${d} must be under a public suffix`).not.toBeNull();
      }
    }
  });

  it('tenant namespaces point at existing infrastructure entities', () => {
    for (const ns of listTenantNamespaces()) {
      const entity = catalog.get(ns.entityId);
      expect(entity, ns.suffix).toBeDefined();
    }
  });

  it('covers the required organisations', () => {
    for (const id of [
      'agora', 'twilio', 'vonage', 'tokbox', 'zoom', 'daily', 'livekit', '100ms', 'zegocloud', 'tencent-rtc', 'sendbird', 'stream',
      'pubnub', 'ably', 'aws', 'google', 'google-cloud', 'microsoft', 'azure', 'alibaba-cloud', 'tencent-cloud', 'oracle',
      'cloudflare', 'akamai', 'fastly', 'zenlayer', 'hurricane-electric', 'lumen', 'ntt', 'digitalocean', 'linode', 'ovh',
      'hetzner', 'firebase-cloud-messaging', 'apple-push', 'onesignal', 'google-analytics', 'firebase', 'amplitude', 'mixpanel',
      'segment', 'heap', 'braze', 'apptimize', 'new-relic', 'datadog', 'sentry', 'bugsnag', 'crashlytics', 'instabug', 'adjust',
      'appsflyer', 'branch', 'kochava', 'singular', 'meta', 'google-ads', 'applovin', 'unity', 'ironsource', 'tiktok', 'bytedance',
      'pangle', 'x-corp', 'apple', 'xandr', 'adobe', 'magnite', 'comscore', 'pubmatic', 'openx', 'criteo', 'taboola', 'outbrain',
      'oracle-advertising', 'the-trade-desk', 'index-exchange', 'bidswitch', 'equativ', 'liftoff', 'inmobi', 'mintegral', 'chartboost',
      'mparticle', 'amazon-pinpoint', 'amazon-cognito', 'azure-application-insights',
    ]) {
      expect(catalog.get(id), id).toBeDefined();
    }
  });
});
