/**
 * Builds small, explicit audit views for rule tests: each test states the claims and flows it
 * needs, so a rule's behaviour is read straight off the test.
 */
import type { Claim } from '../../src/model/claim.js';
import type { Attribution, Entity } from '../../src/model/entity.js';
import { DEFAULT_AUDIT_SETTINGS, type AuditSettings } from '../../src/rules/audit-settings.js';
import type { AttributedFlow, AuditView } from '../../src/rules/audit-view.js';
import type { StoredCapture, StoredFlow, StoredIdentifierHit } from '../../src/store/capture-repository.js';
import type { StoredClaim, StoredSnapshot } from '../../src/store/policy-repository.js';

export const TEST_SNAPSHOT: StoredSnapshot = {
  id: 1,
  appId: 1,
  source: 'policy.html',
  sha256: 'a'.repeat(64),
  fetchedAt: '2026-11-01T00:00:00.000Z',
  format: 'html',
  title: 'Policy',
  text: '',
  extractorVersion: '1',
};

export const TEST_CAPTURE: StoredCapture = {
  id: 1,
  fileName: 'session.pcap',
  sourcePath: '/tmp/session.pcap',
  sha256: 'b'.repeat(64),
  format: 'pcap',
  sizeBytes: 1000,
  packetCount: 100,
  firstTime: 1_700_000_000,
  lastTime: 1_700_000_100,
  importedAt: '2026-11-01T00:00:00.000Z',
  warningCount: 0,
  identifierSearchesRecorded: true,
};

export const TEST_ENTITIES: Entity[] = [
  { id: 'agora', name: 'Agora', aliases: ['Shengwang'], country: 'US', roles: ['realtime-communications'], domains: ['agora.io'], asnOwners: [], categories: ['communications', 'service-providers'], sources: ['x'] },
  { id: 'google', name: 'Google', aliases: [], country: 'US', roles: ['cloud', 'analytics'], domains: ['google.com'], asnOwners: [], categories: ['analytics', 'advertising'], sources: ['x'] },
  { id: 'google-analytics', name: 'Google Analytics', aliases: [], parent: 'google', country: 'US', roles: ['analytics'], domains: ['google-analytics.com'], asnOwners: [], categories: ['analytics'], sources: ['x'] },
  { id: 'firebase', name: 'Firebase', aliases: [], parent: 'google', country: 'US', roles: ['analytics'], domains: ['app-measurement.com'], asnOwners: [], categories: ['analytics'], sources: ['x'] },
  { id: 'aws', name: 'Amazon Web Services', aliases: [], country: 'US', roles: ['cloud'], domains: ['amazonaws.com'], asnOwners: [], categories: ['cloud-hosting'], sources: ['x'] },
  { id: 'akamai', name: 'Akamai Technologies, Inc.', aliases: [], country: 'US', roles: ['cdn', 'cloud'], domains: ['akamaiedge.net'], asnOwners: ['Akamai International', 'Akamai Technologies'], categories: ['cloud-hosting'], sources: ['x'] },
  { id: 'bytedance', name: 'ByteDance Ltd.', aliases: [], country: 'CN', roles: ['advertising'], domains: ['bytedance.com'], asnOwners: [], categories: ['advertising'], sources: ['x'] },
  { id: 'tiktok', name: 'TikTok Pte. Ltd.', aliases: [], parent: 'bytedance', country: 'SG', roles: ['social'], domains: ['tiktokv.com'], asnOwners: [], categories: ['social-networks'], sources: ['x'] },
  { id: 'listed-ru', name: 'Listed RU Ads', aliases: [], country: 'RU', roles: ['advertising'], domains: ['listed-ru.example'], asnOwners: [], categories: [], sources: ['webxray list'], importedFrom: ['webxray list'] },
];

let nextClaimId = 1;

/** A stored claim with a quote and span derived from its text. */
export function storedClaim(claim: Omit<Claim, 'sectionPath' | 'span' | 'quote' | 'polarity'> & Partial<Pick<Claim, 'quote' | 'polarity'>>): StoredClaim {
  const quote = claim.quote ?? `Quote for ${claim.kind}`;
  return { sectionPath: ['Section'], span: { start: 0, end: quote.length }, polarity: 'affirmative', ...claim, quote, id: nextClaimId++, snapshotId: 1 } as StoredClaim;
}

let nextFlowId = 1;

/** An attributed flow to `server`, with attribution fields overridable. */
export function attributedFlow(options: {
  server: string;
  serverPort?: number;
  protocol?: 'tcp' | 'udp';
  encryption?: StoredFlow['encryption'];
  httpRequests?: StoredFlow['httpRequests'];
  /** What each end sent; both absent (the default) for a flow whose split is unknown, as in databases from before. */
  clientToServer?: StoredFlow['clientToServer'];
  serverToClient?: StoredFlow['serverToClient'];
  attribution: Partial<Attribution>;
}): AttributedFlow {
  const id = nextFlowId++;
  const flow: StoredFlow = {
    id,
    captureId: 1,
    protocol: options.protocol ?? 'tcp',
    client: '192.168.1.23',
    clientPort: 40000 + id,
    server: options.server,
    serverPort: options.serverPort ?? 443,
    packets: 10,
    bytes: 1000,
    payloadBytes: 500,
    firstTime: 1_700_000_000 + id,
    lastTime: 1_700_000_010 + id,
    firstFrame: id * 10,
    lastFrame: id * 10 + 9,
    sampleFrames: [id * 10, id * 10 + 1],
    encryption: options.encryption ?? 'tls',
    hostNames: [],
    httpRequests: options.httpRequests ?? [],
    ...(options.clientToServer !== undefined ? { clientToServer: options.clientToServer } : {}),
    ...(options.serverToClient !== undefined ? { serverToClient: options.serverToClient } : {}),
  };
  const attribution: Attribution = {
    entityId: null,
    organisation: null,
    domain: null,
    host: null,
    method: 'none',
    relation: 'unknown',
    confidence: 'low',
    network: { asn: null, asnOwner: null, country: null },
    evidence: [],
    ...options.attribution,
  };
  return { flow, capture: TEST_CAPTURE, attribution };
}

/** An identifier hit on a flow, in the client → server direction. */
export function hitOn(item: AttributedFlow, label: string, value: string, encrypted = false): StoredIdentifierHit {
  return {
    captureId: 1,
    label,
    value,
    encoding: 'raw',
    frame: item.flow.firstFrame,
    time: item.flow.firstTime,
    offset: 4,
    context: 'payload',
    encrypted,
    protocol: item.flow.protocol,
    src: item.flow.client,
    srcPort: item.flow.clientPort,
    dst: item.flow.server,
    dstPort: item.flow.serverPort,
  };
}

/** Assembles a view; `snapshot: null` means the app has no policy. */
export function buildView(parts: {
  claims?: StoredClaim[];
  flows?: AttributedFlow[];
  hits?: StoredIdentifierHit[];
  snapshot?: StoredSnapshot | null;
  settings?: AuditSettings;
}): AuditView {
  const byId = new Map(TEST_ENTITIES.map((e) => [e.id, e]));
  return {
    app: { id: 1, name: 'Test app', domains: ['example-app.test'] },
    snapshot: parts.snapshot === undefined ? TEST_SNAPSHOT : parts.snapshot,
    claims: parts.claims ?? [],
    captures: [TEST_CAPTURE],
    flows: parts.flows ?? [],
    identifierHits: parts.hits ?? [],
    settings: parts.settings ?? DEFAULT_AUDIT_SETTINGS,
    lineage(entityId: string): Entity[] {
      const out: Entity[] = [];
      let current = byId.get(entityId);
      while (current) {
        out.push(current);
        current = current.parent ? byId.get(current.parent) : undefined;
      }
      return out;
    },
    networkOwner(asnOwner: string): Entity | null {
      const owner = asnOwner.toLowerCase();
      return TEST_ENTITIES.find((e) => e.asnOwners.some((o) => owner.includes(o.toLowerCase()))) ?? null;
    },
  };
}
