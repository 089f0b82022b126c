/**
 * Call media that went straight to another participant's connection (a peer-to-peer call), not to a server of the
 * service. Two facts must agree: both ends of the flow sent STUN Binding requests (two full ICE agents checking a
 * peer-to-peer path, RFC 8445; a TURN relay or an ICE-lite media server only answers), and the address belongs to an
 * access network, home broadband or mobile (`data/access-networks.json`). Either alone is not enough: a media server may
 * run full ICE, and some access networks also host data centres. The country of such an address is where the other
 * person is, not a place the service sends or keeps data.
 */
import type { FlowSummary } from '../model/capture-summary.js';
import type { IpNetworkInfo } from '../model/entity.js';
import accessData from './data/access-networks.json' with { type: 'json' };

/** One access network of the list: its AS number, owner name as in the pinned ASN data, country, and kind of access. */
export interface AccessNetwork {
  asn: number;
  owner: string;
  country: string;
  access: string;
}

const NETWORKS: ReadonlyMap<number, AccessNetwork> = new Map(accessData.networks.map((n) => [n.asn, n]));

/** A flow recognised as peer-to-peer call media: the access network and the frame that showed both ends' ICE checks. */
export interface PeerMediaMatch {
  network: AccessNetwork;
  iceFrame: number;
}

/** The access network a peer-to-peer media flow reached; null for any other flow. */
export function matchPeerMedia(flow: FlowSummary, network: IpNetworkInfo): PeerMediaMatch | null {
  if (flow.protocol !== 'udp' || network.asn === null) return null;
  const ice = (flow.realtime ?? []).find((s) => s.protocol === 'ice');
  const access = NETWORKS.get(network.asn);
  return ice === undefined || access === undefined ? null : { network: access, iceFrame: ice.frame };
}

/** The listed access network of an AS number; null when it is not listed (or unknown). */
export function findAccessNetwork(asn: number | null): AccessNetwork | null {
  return asn === null ? null : (NETWORKS.get(asn) ?? null);
}

/** Every listed access network, for documentation and tests. */
export function listAccessNetworks(): readonly AccessNetwork[] {
  return [...NETWORKS.values()];
}

/** Where the list comes from, as stated in the data file. */
export const ACCESS_NETWORKS_SOURCE: string = accessData.source;
