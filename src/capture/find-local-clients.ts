/**
 * The local addresses that opened connections in a capture: a capture of one phone has one (or one per address
 * family), while one joining several sessions or taken on a shared network has several, and every one's traffic is
 * then audited as the app's (trial9 items 1 and 13).
 */
import { isPrivateAddress } from '../enrich/private-address.js';
import type { FlowSummary } from '../model/capture-summary.js';

/**
 * Private (local-network) addresses that are the client of a flow they sent data on, TCP or UDP to a public address
 * (QUIC, a call; not the LAN's multicast and broadcast chatter of other devices), and the server of no TCP flow (a
 * device answering connections is a server, not the device under test), sorted. A flow whose direction split is
 * unknown (stored before claimcheck counted it) counts as sent on. Read from stored flows, so audits of older
 * imports find them too; HAR placeholders (0.0.0.0) are one address at most.
 */
export function findLocalClientAddresses(flows: readonly Pick<FlowSummary, 'protocol' | 'client' | 'server' | 'clientToServer'>[]): string[] {
  const clients = new Set<string>();
  const servers = new Set<string>();
  for (const flow of flows) {
    if (flow.protocol === 'tcp') servers.add(flow.server);
    else if (flow.protocol !== 'udp' || isPrivateAddress(flow.server)) continue;
    if ((flow.clientToServer === undefined || flow.clientToServer.payloadBytes > 0) && isPrivateAddress(flow.client)) clients.add(flow.client);
  }
  return [...clients].filter((address) => !servers.has(address)).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}
