/**
 * Who received a flow: best host name → registrable domain → catalog entity, else the server's
 * network owner, with every step written down as evidence a reader can check against the capture.
 *
 * The distinction that matters for journalism: a host name that names a company means data was sent
 * to that company ('recipient'); an address that is merely inside a cloud or CDN network, or a customer
 * host name on such a platform, only says where the service is hosted ('hosting').
 */
import { describeRecordOrigin, type FlowHostName, type FlowSummary, type JoinedRecordOrigin } from '../model/capture-summary.js';
import type { Attribution, Entity, EntityRole, IpNetworkInfo } from '../model/entity.js';
import type { CaptureFormat, HostEvidenceSource } from '../model/observation.js';
import { nameCaptureRecords } from '../model/capture-record-name.js';
import { countLabels, type EntityCatalog } from './entity-catalog.js';
import { describeServiceEvidence } from './describe-service-evidence.js';
import { matchDeviceBackground } from './device-background.js';
import { matchPeerMedia } from './peer-media.js';
import { isIpLiteral } from './ip-address.js';
import { classifySpecialAddress } from './private-address.js';
import { getRegistrableDomain, normaliseHostName } from './registrable-domain.js';
import { findTenantNamespace } from './tenant-namespace.js';

/** What attribution needs besides the flow; injected so tests and batch runs control the data. */
export interface AttributionContext {
  catalog: EntityCatalog;
  /** IP → network facts, normally `lookupIpNetwork` from ip-network-database. */
  network: (ip: string) => IpNetworkInfo;
  /** The app's own domains or hosts; a host equal to or below one of them is first party. */
  firstPartyDomains: string[];
  /** Format of the flow's capture, which says what its frame numbers count (default: packet capture frames). */
  captureFormat?: CaptureFormat;
}

type Confidence = Attribution['confidence'];

/** Host-name sources, strongest first: SNI and Host are what the client asked for on this very flow. */
const SOURCE_ORDER: readonly HostEvidenceSource[] = [
  'tls-sni',
  'quic-sni',
  'http-host',
  'har-url',
  'dns-answer',
  'name-resolution-block',
  'payload-string',
];

const SOURCE_LABEL: Record<HostEvidenceSource, string> = {
  'tls-sni': 'TLS SNI',
  'quic-sni': 'QUIC SNI',
  'http-host': 'HTTP Host',
  'har-url': 'HAR request URL host',
  'dns-answer': 'DNS answer',
  'name-resolution-block': 'pcapng name resolution record',
  'payload-string': 'host name in payload',
};

/**
 * A DNS answer only says some name resolved to this address, and a name resolution block is a
 * capture tool's note of the same; payload strings may name any server at all.
 */
const SOURCE_CONFIDENCE: Record<HostEvidenceSource, Confidence> = {
  'tls-sni': 'high',
  'quic-sni': 'high',
  'http-host': 'high',
  'har-url': 'high',
  'dns-answer': 'medium',
  'name-resolution-block': 'medium',
  'payload-string': 'low',
};

/** Roles whose network carries other companies' services. */
const INFRASTRUCTURE_ROLES: ReadonlySet<EntityRole> = new Set<EntityRole>(['cloud', 'cdn', 'transit']);

const IP_DATA_LABEL = 'RouteViews/RIR/DB-IP via ip-location-db';

/** The chosen host name with where it came from, plus rivals of equal rank that disagree. */
export interface SelectedHostName {
  host: string;
  source: HostEvidenceSource;
  frame: number;
  /** The log and line of a name joined from another log than the flow's capture. */
  origin?: JoinedRecordOrigin;
  /** Other names from the same source that point to a different registrable domain. */
  rivals: FlowHostName[];
  /** For a DNS alias, the CNAME target whose answer gave the address (where the service is hosted). */
  viaCname?: string;
}

/**
 * Best host name for a flow: strongest source first, then, of DNS names, one the client asked for over a CNAME
 * target (`www.amazon.com`, not the `d3ag….cloudfront.net` it is an alias of: that only says where it is hosted),
 * then earliest frame. IP literals and empty names are ignored (an SNI must not be an address, and HAR URLs often
 * are). A CNAME target is never a rival: it is another name of the same answer, not a different server.
 */
export function selectHostName(flow: FlowSummary): SelectedHostName | null {
  const usable = flow.hostNames
    .map((h) => ({ ...h, host: normaliseHostName(h.host) }))
    .filter((h) => h.host !== '' && !isIpLiteral(h.host) && h.host.includes('.'));
  if (usable.length === 0) return null;
  const rank = (s: HostEvidenceSource): number => SOURCE_ORDER.indexOf(s);
  const isTarget = (h: FlowHostName): number => (h.cnameOf === undefined ? 0 : 1);
  usable.sort((a, b) => rank(a.source) - rank(b.source) || isTarget(a) - isTarget(b) || a.frame - b.frame);
  const best = usable[0];
  if (best === undefined) return null;
  const bestDomain = getRegistrableDomain(best.host) ?? best.host;
  const rivals = usable.filter((h) => h.source === best.source && h.cnameOf === undefined && (getRegistrableDomain(h.host) ?? h.host) !== bestDomain);
  return {
    host: best.host,
    source: best.source,
    frame: best.frame,
    ...(best.origin !== undefined ? { origin: best.origin } : {}),
    rivals,
    ...(best.viaCname !== undefined ? { viaCname: normaliseHostName(best.viaCname) } : {}),
  };
}

/** Lowered confidence, never raised. */
function capConfidence(c: Confidence, cap: Confidence): Confidence {
  const order: Confidence[] = ['low', 'medium', 'high'];
  return order[Math.min(order.indexOf(c), order.indexOf(cap))] ?? 'low';
}

function isInfrastructure(entity: Entity): boolean {
  return entity.roles.some((r) => INFRASTRUCTURE_ROLES.has(r));
}

/** True when host is one of the first-party entries, below one, or shares its registrable domain. */
function isFirstParty(host: string, firstPartyDomains: readonly string[]): boolean {
  const domain = getRegistrableDomain(host);
  return firstPartyDomains.some((entry) => {
    const fp = normaliseHostName(entry);
    if (fp === '') return false;
    if (host === fp || host.endsWith(`.${fp}`)) return true;
    return domain !== null && domain === getRegistrableDomain(fp);
  });
}

/** `103.1.5.1 → AS56172 Agora Communications Pte Ltd, registered in SG (…)`, or why there is nothing. */
function describeNetwork(server: string, network: IpNetworkInfo): string | null {
  // A HAR without serverIPAddress names the server by host name: there is no address to look up.
  if (!isIpLiteral(server)) return null;
  const special = classifySpecialAddress(server);
  if (special) return `${server} is a ${special.label} address: no network owner or country`;
  if (network.asn === null && network.country === null) return `${server} → not covered by the IP data (${IP_DATA_LABEL})`;
  const asn = network.asn === null ? 'no ASN' : `AS${network.asn} ${network.asnOwner ?? '(owner unknown)'}`;
  const country = network.country === null ? 'country unknown' : `registered in ${network.country}`;
  return `${server} → ${asn}, ${country} (${IP_DATA_LABEL})`;
}

function describeHost(selected: SelectedHostName, format: CaptureFormat | undefined): string {
  const where = selected.origin !== undefined ? describeRecordOrigin(selected.origin) : `${nameCaptureRecords(format, 1)} ${selected.frame}`;
  const via = selected.viaCname !== undefined ? `, an alias (CNAME) of ${selected.viaCname}` : '';
  return `${SOURCE_LABEL[selected.source]} "${selected.host}" (${where})${via}`;
}

/**
 * Where the CNAME target of the DNS alias a flow was attributed by says the service is hosted, when the catalog
 * knows it and it is not the company chosen: hosting evidence, never the recipient.
 */
function describeCnameTarget(flow: FlowSummary, attribution: Attribution, catalog: EntityCatalog): string | null {
  if (attribution.host === null || attribution.method !== 'host-name') return null;
  const alias = flow.hostNames.find((h) => h.viaCname !== undefined && h.source === 'dns-answer' && normaliseHostName(h.host) === attribution.host);
  if (alias?.viaCname === undefined) return null;
  const target = normaliseHostName(alias.viaCname);
  const tenant = findTenantNamespace(target);
  const entity = tenant !== null ? catalog.get(tenant.entityId) : catalog.matchHost(target)?.entity;
  if (entity === undefined || entity.id === attribution.entityId) return null;
  return `CNAME target ${target} → ${entity.name} (entity catalog): where ${attribution.host} is hosted, not who receives the data`;
}

const NO_NETWORK: IpNetworkInfo = { asn: null, asnOwner: null, country: null };

/**
 * Attribute one flow to the organisation that receives it.
 *
 * - host name of the app's own domains → 'first-party';
 * - host under a platform's customer namespace (`x.cloudfront.net`) → 'hosting' by that platform,
 *   unless a more specific catalog entry names one of the platform's own data services
 *   (`mobileanalytics.us-east-1.amazonaws.com` → Amazon Pinpoint) → 'recipient';
 * - host in the catalog → 'recipient', confidence by host source (SNI/Host high, DNS medium,
 *   payload low); a host of a pure cloud/CDN/transit entity → 'hosting';
 * - host not in the catalog → the company's own network if the address is in one (Agora's ASN),
 *   else the registrable domain as the recipient's name;
 * - no host: cloud/CDN/transit network → 'hosting'; a company's own network → 'recipient' (medium);
 *   an unknown network → its owner's name with relation 'unknown'; but UDP media with ICE checks from both ends to
 *   an access network (home broadband, mobile) → 'peer': another participant's connection, not a server;
 * - then, whatever the above found (first party aside), a host the operating system contacts by itself
 *   (data/device-background-hosts.json: connectivity checks, network time), or a certificate-status check of a TLS
 *   stack (OCSP, CRL: data/certificate-status.json) → 'device-background'.
 *
 * Country always comes from the server address, never from the company's headquarters. Known
 * real-time ports and payload signatures are appended to the evidence without changing the result.
 */
export function attributeFlow(flow: FlowSummary, context: AttributionContext): Attribution {
  const found = attributeByHostOrNetwork(flow, context);
  const hosting = describeCnameTarget(flow, found, context.catalog);
  const attribution = markDeviceBackground(flow, hosting === null ? found : { ...found, evidence: [...found.evidence.slice(0, 1), hosting, ...found.evidence.slice(1)] });
  // Ports and payload signatures say what the traffic is (real-time media), never who receives it.
  return { ...attribution, evidence: [...attribution.evidence, ...describeServiceEvidence(flow, attribution.entityId, context.catalog)] };
}

/**
 * Traffic the device's operating system sends by itself (captive-portal checks, network time) keeps the
 * organisation attribution found but takes the relation 'device-background', so rules never count it as
 * a recipient the app chose. A first-party host stays first party.
 */
function markDeviceBackground(flow: FlowSummary, attribution: Attribution): Attribution {
  if (attribution.relation === 'first-party') return attribution;
  const match = matchDeviceBackground(flow, attribution.host);
  if (match === null) return attribution;
  const { entry } = match;
  return {
    ...attribution,
    organisation: attribution.organisation ?? entry.operator,
    relation: 'device-background',
    evidence: [...attribution.evidence, `${match.host}: ${entry.purpose} (${entry.source}), ${match.sender}`],
  };
}

function attributeByHostOrNetwork(flow: FlowSummary, context: AttributionContext): Attribution {
  const { catalog } = context;
  const network = isIpLiteral(flow.server) ? context.network(flow.server) : NO_NETWORK;
  const networkLine = describeNetwork(flow.server, network);
  const withNetwork = (lines: (string | null)[]): string[] => lines.filter((line): line is string => line !== null);
  const ownerEntity = network.asnOwner === null ? null : catalog.findByAsnOwner(network.asnOwner);
  const ownerLine =
    ownerEntity && network.asnOwner !== null
      ? `"${network.asnOwner}" → ${ownerEntity.name} (entity catalog, network owner${isInfrastructure(ownerEntity) ? ': cloud/CDN/transit, hosts other companies' : ''})`
      : null;
  const named = selectHostName(flow);
  // A name written inside content says what the content refers to, not who the peer is: it never overrides a company's
  // own catalogued network (review 9 item 18: X's server sending a config listing graph.facebook.com made Meta the
  // recipient). On a cloud or CDN network it may still name the customer, at low confidence.
  const mentionOnly = named !== null && named.source === 'payload-string' && ownerEntity !== null && !isInfrastructure(ownerEntity);
  const selected = mentionOnly ? null : named;

  if (selected !== null) {
    const { host } = selected;
    const domain = getRegistrableDomain(host);
    const sourceConfidence = SOURCE_CONFIDENCE[selected.source];
    const confidence = selected.rivals.length > 0 ? capConfidence(sourceConfidence, 'low') : sourceConfidence;
    const evidence = [describeHost(selected, context.captureFormat)];
    if (selected.rivals.length > 0) {
      const names = [...new Set(selected.rivals.map((r) => r.host))].slice(0, 3).join(', ');
      evidence.push(selected.source === 'payload-string' ? `ambiguous: the payload also names ${names}` : `ambiguous: the same address also answered for ${names}`);
    }
    const base = { domain, host, network };

    if (isFirstParty(host, context.firstPartyDomains)) {
      evidence.push(...withNetwork([`${domain ?? host} is a first-party domain of the app`, networkLine]));
      if (ownerLine) evidence.push(ownerLine);
      return { ...base, entityId: null, organisation: domain ?? host, method: 'host-name', relation: 'first-party', confidence, evidence };
    }

    const match = catalog.matchHost(host);
    const tenant = findTenantNamespace(host);
    const platform = tenant ? catalog.get(tenant.entityId) : undefined;
    // A catalog entry more specific than the platform's customer namespace is one of the platform's own
    // services (Cognito's `cognito-identity.<region>.amazonaws.com`), not a customer's host.
    const ownService = tenant !== null && match !== null && match.labels > countLabels(tenant.suffix);
    if (tenant && platform && !ownService) {
      evidence.push(...withNetwork([`${host} is a customer host name on ${tenant.service} (${tenant.suffix}) → hosted on ${platform.name}; the customer is not identified`, networkLine]));
      return { ...base, entityId: platform.id, organisation: platform.name, method: 'host-name', relation: 'hosting', confidence, evidence };
    }

    if (match) {
      const entity = match.entity;
      evidence.push(`${match.matched} → ${entity.name} (entity catalog)`);
      if (tenant && platform && ownService) {
        evidence.push(`${host} is under ${tenant.suffix}, where ${platform.name} gives customers host names, but ${match.matched} is a service ${entity.name} runs itself`);
      }
      evidence.push(...withNetwork([networkLine]));
      if (ownerLine && ownerEntity?.id !== entity.id) evidence.push(ownerLine);
      if (entity.roles.every((r) => INFRASTRUCTURE_ROLES.has(r))) {
        // A pure cloud/CDN host name (an EC2 or API-gateway name, an edge host) serves some customer's service.
        evidence.push(`${entity.name} is a cloud/CDN/transit platform: hosted on ${entity.name}; the customer receiving the data is not identified`);
        return { ...base, entityId: entity.id, organisation: entity.name, method: 'host-name', relation: 'hosting', confidence, evidence };
      }
      return { ...base, entityId: entity.id, organisation: entity.name, method: 'host-name', relation: 'recipient', confidence, evidence };
    }

    evidence.push(...withNetwork([`${domain ?? host} is not in the entity catalog`, networkLine]));
    if (ownerEntity && ownerLine && !isInfrastructure(ownerEntity)) {
      // A company's own network serving an unknown name (white-label or regional domains).
      evidence.push(ownerLine);
      return {
        ...base,
        entityId: ownerEntity.id,
        organisation: ownerEntity.name,
        method: 'network-owner',
        relation: 'recipient',
        confidence: capConfidence(confidence, 'medium'),
        evidence,
      };
    }
    if (ownerLine) evidence.push(ownerLine);
    return { ...base, entityId: null, organisation: domain ?? host, method: 'host-name', relation: 'recipient', confidence, evidence };
  }

  const records =
    flow.firstFrame === flow.lastFrame ? `${nameCaptureRecords(context.captureFormat, 1)} ${flow.firstFrame}` : `${nameCaptureRecords(context.captureFormat, 2)} ${flow.firstFrame}–${flow.lastFrame}`;
  const first =
    mentionOnly && named !== null
      ? `no host name for ${flow.server} (${records}) but one the client wrote in its payload: ${describeHost(named, context.captureFormat)}, which says what the content refers to, not who the peer is`
      : `no host name seen for ${flow.server} (${records})`;
  const evidence = withNetwork([first, networkLine]);
  const base = { domain: null, host: null, network };
  const peer = matchPeerMedia(flow, network);
  if (peer !== null) {
    // Checked before the network owner: an access network in the catalog (NTT's) still carries the other person's line.
    const { network: access } = peer;
    const where = network.country === null ? '' : ` in ${network.country}`;
    evidence.push(
      `call media went directly to another participant's connection${where}: both ends sent ICE connectivity checks (STUN Binding requests, frame ${peer.iceFrame}; RFC 8445) and AS${access.asn} ${access.owner} is an access network (${access.access} connections of the public: src/enrich/data/access-networks.json); that is where the other person is, not a server of the service`,
    );
    return { ...base, entityId: null, organisation: `a call participant's connection (${access.owner})`, method: 'network-owner', relation: 'peer', confidence: 'medium', evidence };
  }
  if (ownerEntity && ownerLine) {
    evidence.push(ownerLine);
    if (isInfrastructure(ownerEntity)) {
      evidence.push(`hosted on ${ownerEntity.name}: the customer receiving the data is not identified`);
      return { ...base, entityId: ownerEntity.id, organisation: ownerEntity.name, method: 'network-owner', relation: 'hosting', confidence: 'medium', evidence };
    }
    if (ownerEntity.roles.includes('operating-system')) {
      // A device maker's system software talks to its maker's network all the time; without a name the flow may not be the
      // app's. Which device made the capture is not known here, so the evidence says "if".
      evidence.push(`${ownerEntity.name}'s operating systems contact its network by themselves (push, cloud backup, updates): if the capture comes from one of its devices, this flow, which has no host name, may be the device's rather than the app's`);
      return { ...base, entityId: ownerEntity.id, organisation: ownerEntity.name, method: 'network-owner', relation: 'recipient', confidence: 'low', evidence };
    }
    return { ...base, entityId: ownerEntity.id, organisation: ownerEntity.name, method: 'network-owner', relation: 'recipient', confidence: 'medium', evidence };
  }
  if (network.asnOwner !== null) {
    evidence.push(`"${network.asnOwner}" is not in the entity catalog`);
    return { ...base, entityId: null, organisation: network.asnOwner, method: 'network-owner', relation: 'unknown', confidence: 'low', evidence };
  }
  return { ...base, entityId: null, organisation: null, method: 'none', relation: 'unknown', confidence: 'low', evidence };
}
