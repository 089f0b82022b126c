import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeFlow } from '../../src/enrich/attribute-flow.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { lookupIpNetwork } from '../../src/enrich/ip-network-database.js';
import { listAccessNetworks } from '../../src/enrich/peer-media.js';
import type { FlowSummary, RealtimeSignature } from '../../src/model/capture-summary.js';

function udpFlow(server: string, realtime: RealtimeSignature[]): FlowSummary {
  return {
    protocol: 'udp', client: '192.168.1.10', clientPort: 50000, server, serverPort: 50001, packets: 14, bytes: 2400, payloadBytes: 2000,
    firstTime: 0, lastTime: 1, firstFrame: 1, lastFrame: 14, sampleFrames: [1, 2, 3], hostNames: [], encryption: 'unknown', httpRequests: [], realtime,
  };
}

/** AS number → owner name in the shipped IPv4 ASN CSV (range, range, ASN, owner possibly quoted). */
function readAsnOwnersByNumber(): Map<number, string> {
  const dir = dirname(createRequire(import.meta.url).resolve('@ip-location-db/asn/package.json'));
  const owners = new Map<number, string>();
  for (const line of readFileSync(join(dir, 'asn-ipv4-num.csv'), 'utf8').split('\n')) {
    const m = /^[^,]*,[^,]*,([^,]*),(.*)$/.exec(line.trimEnd());
    if (m?.[1] === undefined || m[2] === undefined) continue;
    const raw = m[2];
    owners.set(Number(m[1]), raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
  }
  return owners;
}

const context = { catalog: EntityCatalog.loadDefault(), network: lookupIpNetwork, firstPartyDomains: [] };

describe('peer-to-peer call media (review 9 item 7)', () => {
  it('ICE checks from both ends to an access network: the other participant, with an evidence line saying so', () => {
    const a = attributeFlow(udpFlow('79.192.0.1', [{ protocol: 'stun', frame: 1 }, { protocol: 'ice', frame: 3 }, { protocol: 'rtp', frame: 6 }]), context);
    expect(a).toMatchObject({ relation: 'peer', organisation: "a call participant's connection (Deutsche Telekom AG)", entityId: null });
    expect(a.evidence.join('\n')).toContain(
      "call media went directly to another participant's connection in DE: both ends sent ICE connectivity checks (STUN Binding requests, frame 3; RFC 8445) and AS3320 Deutsche Telekom AG is an access network",
    );
  });

  it('a catalogued access network (NTT OCN) is still the participant’s line, not hosting', () => {
    const network = () => ({ asn: 4713, asnOwner: 'NTT Communications Corporation', country: 'JP' });
    expect(attributeFlow(udpFlow('153.1.1.1', [{ protocol: 'ice', frame: 3 }]), { ...context, network }).relation).toBe('peer');
  });

  it('one-sided STUN, or an address outside the access networks, keeps the old reading', () => {
    expect(attributeFlow(udpFlow('79.192.0.1', [{ protocol: 'stun', frame: 1 }, { protocol: 'rtp', frame: 6 }]), context).relation).toBe('unknown');
    expect(attributeFlow(udpFlow('88.198.10.10', [{ protocol: 'ice', frame: 3 }]), context).relation).not.toBe('peer');
  });

  it('lists each access network under the owner name the pinned ASN data gives it', () => {
    const networks = listAccessNetworks();
    expect(networks.length).toBeGreaterThan(50);
    for (const n of networks) expect(n.country).toMatch(/^[A-Z]{2}$/);
    const owners = readAsnOwnersByNumber();
    for (const n of networks) expect([n.asn, owners.get(n.asn)]).toEqual([n.asn, n.owner]);
  });
});
