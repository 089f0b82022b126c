import { isPrivateAddress } from '../enrich/private-address.js';
import { getIcannRegistrableDomain, getRegistrableDomain } from '../enrich/registrable-domain.js';
import type { StoredIdentifierHit } from '../store/capture-repository.js';
import type { AttributedFlow, AuditView } from './audit-view.js';

/** The port of DNS; mDNS and LLMNR (5353, 5355) stay on the local network and are not looked up upstream. */
const DNS_PORT = 53;

/** What a finding about identifiers in DNS messages says instead of naming the resolver as the recipient. */
export interface DnsExposure {
  /** The resolver's address: the hop, not the recipient. */
  resolver: string;
  /** True when the resolver has a private address (the router or a local forwarder). */
  local: boolean;
  /** Names looked up that carry a value, sorted; empty when none could be found (an encoded value, or queries not stored). */
  names: string[];
  /** Registrable domains of `names`, whose name servers receive the query, sorted. */
  domains: string[];
  /**
   * True when every value lies only inside the registrable domain of each name it is in (the value "apptimize" in
   * mapi.apptimize.com): every lookup of that service carries it, whoever the user is, so it names the service rather
   * than the user.
   */
  serviceName: boolean;
}

/** The hits of one connection, as the rule groups them. */
interface DnsConnection {
  captureId: number;
  flow: AttributedFlow | undefined;
  hits: StoredIdentifierHit[];
}

/** True when the connection is DNS: to or from port 53 (the answer to a query comes from it). */
function isDnsConnection({ flow, hits }: DnsConnection): boolean {
  if (flow) return flow.flow.serverPort === DNS_PORT || flow.flow.clientPort === DNS_PORT;
  return hits.every((h) => h.dstPort === DNS_PORT || h.srcPort === DNS_PORT);
}

/** Where each occurrence of `value` starts in `text`. */
function occurrences(text: string, value: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) found.push(at);
  return found;
}

/**
 * When every connection of a finding's destination is DNS, what the identifiers were in: the names looked up (from
 * the capture's stored DNS questions), their registrable domains and whether the values are only the services' own
 * names; null for any other destination. A DNS name leaves the device in clear, and the resolver passes it on to the
 * name servers of its domain: the resolver is a relay, not the recipient (docs/rules/plaintext-identifier.md).
 */
export function describeDnsExposure(view: AuditView, connections: readonly DnsConnection[]): DnsExposure | null {
  if (connections.length === 0 || !connections.every(isDnsConnection)) return null;
  const first = connections[0] as DnsConnection;
  const firstHit = first.hits[0];
  const resolver = first.flow?.flow.server ?? (firstHit === undefined ? '?' : firstHit.dstPort === DNS_PORT ? firstHit.dst : firstHit.src);
  const queries = view.dnsQueries ?? [];
  const names = new Set<string>();
  // Only a value found as written (any letter case) can be read in a name; an encoded one (hex, base64, a hash) cannot.
  let everyValueInName = true;
  let serviceName = true;
  for (const connection of connections) {
    for (const hit of connection.hits) {
      const value = hit.value.toLowerCase();
      const literal = hit.encoding === 'raw' || hit.encoding === 'case-insensitive';
      const ofCapture = queries.filter((q) => q.captureId === connection.captureId && literal && q.name.toLowerCase().includes(value));
      // The question in the hit's own frame, else any question of the capture with the value (questions are stored once per name).
      const inFrame = ofCapture.filter((q) => q.frame === hit.frame);
      const matched = inFrame.length > 0 ? inFrame : ofCapture;
      if (matched.length === 0) {
        everyValueInName = false;
        continue;
      }
      for (const query of matched) {
        const name = query.name.toLowerCase().replace(/\.$/, '');
        names.add(name);
        // The service's own name is what it registered under the ICANN suffix (myshopify.com); a label under a platform's
        // private suffix (alice-shop.myshopify.com) is a customer's, possibly the user's own, so it is no service name.
        const registrable = getIcannRegistrableDomain(name);
        const ownNameStart = registrable === null ? name.length : name.length - registrable.length;
        if (!occurrences(name, value).every((at) => at >= ownNameStart)) serviceName = false;
      }
    }
  }
  const sorted = [...names].sort();
  const domains = [...new Set(sorted.map((n) => getRegistrableDomain(n) ?? n))].sort();
  return { resolver, local: isPrivateAddress(resolver), names: sorted, domains, serviceName: serviceName && everyValueInName && sorted.length > 0 };
}
