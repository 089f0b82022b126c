import { findLocalClientAddresses } from '../capture/find-local-clients.js';
import { findCaptureTimeJumps, widestTimeJump } from '../model/describe-capture-time-gap.js';
import { createRequire } from 'node:module';
import type { AuditDataSource, AuditInputs, AuditResult, EntityListRecord, RecipientSummary } from '../model/audit.js';
import { MAX_STORED_IDENTIFIER_HITS } from '../model/capture-summary.js';
import { ConfigError } from '../model/errors.js';
import type { Confidence, Finding } from '../model/finding.js';
import { rankSeverity } from '../model/finding.js';
import type { Entity, IpNetworkInfo } from '../model/entity.js';
import { attributeFlow } from '../enrich/attribute-flow.js';
import type { EntityCatalog } from '../enrich/entity-catalog.js';
import { mergeUserEntities } from '../enrich/merge-user-entities.js';
import { summariseEntityLists } from '../enrich/summarise-entity-lists.js';
import { listUserEntities } from '../store/entity-repository.js';
import type { StoredClaim } from '../store/policy-repository.js';
import { DEFAULT_AUDIT_SETTINGS, recordAuditSettings, type AuditSettings } from '../rules/audit-settings.js';
import { requireApp } from '../store/app-repository.js';
import { listCaptures, listIdentifierSearches, loadDnsQueries, loadFlows, loadIdentifierHits } from '../store/capture-repository.js';
import { checkCaptureVersions } from './check-capture-versions.js';
import { findLinkedSnapshots, findVersionInForce, listPolicySightings, loadClaims, loadLinkedClaims } from '../store/policy-repository.js';
import { saveAudit } from '../store/audit-repository.js';
import type { StoreDatabase } from '../store/open-database.js';
import type { AttributedFlow, AuditView } from '../rules/audit-view.js';
import { isCountedConnection, mayCarryClientData, policyEvidenceOfClaims } from '../rules/evidence.js';
import { mergeCountryMentions } from '../rules/country-mentions.js';
import { classifyRecipient, groupRecipients } from '../rules/recipient-disclosure.js';
import { RULES } from '../rules/registry.js';
import { getRegistrableDomain } from '../enrich/registrable-domain.js';
import { isPolicyHostingPlatform } from '../enrich/policy-hosting-platform.js';
import { findSharedPlatformDomain } from '../enrich/tenant-namespace.js';

/** What an audit needs from outside the database; injected so tests control clock and data. */
export interface AuditDependencies {
  catalog: EntityCatalog;
  network: (ip: string) => IpNetworkInfo;
  now: () => Date;
  toolVersion: string;
  /** User configuration for the rules; defaults to {@link DEFAULT_AUDIT_SETTINGS}. */
  settings?: AuditSettings;
  /** Shipped data sets this run uses (IP data, entity catalog), recorded with the audit for its report. */
  dataSources?: readonly AuditDataSource[];
}

/** The catalog an audit attributes with, and the imported lists merged into it. */
interface AuditCatalog {
  catalog: EntityCatalog;
  entityLists: EntityListRecord[];
}

/** Merged catalogs by base catalog, reused while the stored lists are unchanged (batch audits of many apps). */
const mergedCatalogs = new WeakMap<EntityCatalog, AuditCatalog & { fingerprint: string }>();

/**
 * node:crypto, loaded only for a database with imported lists: loading it (and the stream modules it
 * pulls in) costs every audit command about 10 ms of start-up CPU, and most databases have no lists.
 */
function loadCrypto(): typeof import('node:crypto') {
  return createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
}

/** The base catalog with this database's imported lists (`claimcheck entities import`) filling its gaps. */
function loadAuditCatalog(db: StoreDatabase, base: EntityCatalog): AuditCatalog {
  const userEntities = listUserEntities(db);
  if (userEntities.length === 0) return { catalog: base, entityLists: [] };
  const fingerprint = loadCrypto().createHash('sha256').update(JSON.stringify(userEntities)).digest('hex');
  const cached = mergedCatalogs.get(base);
  if (cached?.fingerprint === fingerprint) return cached;
  const merged = { fingerprint, catalog: mergeUserEntities(base, userEntities).catalog, entityLists: summariseEntityLists(userEntities) };
  mergedCatalogs.set(base, merged);
  return merged;
}

/**
 * Named processors the policy extractor could not tie to an entity (it only knows the shipped
 * catalog) get one from the audit's catalog, which includes imported lists.
 */
function resolveProcessorNames(claims: StoredClaim[], catalog: EntityCatalog): StoredClaim[] {
  return claims.map((claim) => {
    if (claim.kind !== 'processor' || claim.processorType !== 'named' || claim.entityId) return claim;
    const entity = catalog.findByName(claim.name);
    return entity ? { ...claim, entityId: entity.id } : claim;
  });
}

/** The refusal to audit an app that has no stored policy. */
export function createNoPolicyError(appName: string): ConfigError {
  return new ConfigError(`no policy stored for app ${JSON.stringify(appName)}`, `add one with: claimcheck policy add <file-or-url> --app ${JSON.stringify(appName)}`);
}

/**
 * Loads an app's stored policy and captures into the read-only view the rules check.
 * @throws ConfigError when the app has no stored policy.
 */
export function buildAuditView(db: StoreDatabase, appName: string, deps: AuditDependencies): AuditView {
  return prepareAudit(db, appName, deps).view;
}

/** The view the rules check, and the imported lists its catalog includes. */
function prepareAudit(db: StoreDatabase, appName: string, deps: AuditDependencies): { view: AuditView; entityLists: EntityListRecord[] } {
  const app = requireApp(db, appName);
  const { catalog, entityLists } = loadAuditCatalog(db, deps.catalog);
  const captures = listCaptures(db, app.id);
  // The policy version in force when the earliest capture began, by declared date for an archived copy, else fetch
  // time (the newest one when times are unknown).
  const starts = captures.map((c) => c.firstTime).filter((t): t is number => t !== null);
  const inForce = findVersionInForce(db, app.id, starts.length > 0 ? Math.min(...starts) : null);
  // Without a policy every rule has nothing to compare, and an audit with no findings would read as a clean bill.
  if (!inForce) throw createNoPolicyError(app.name);
  const snapshot = inForce.snapshot;
  // Claims of the sub-processor lists the policy links to count as the policy's own, each keeping its page.
  const claims = resolveProcessorNames([...loadClaims(db, snapshot.id), ...loadLinkedClaims(db, snapshot.id)], catalog);
  const captureById = new Map(captures.map((c) => [c.id, c]));
  // A platform's shared domain (cloudfront.net) is every customer's, never one app's own: the CLI warns when it is given.
  const ownDomains = app.domains.filter((d) => findSharedPlatformDomain(d) === null);
  const firstPartyDomains = [...ownDomains];
  // The company operating the app's own domains serves it from its other domains too (pinterest.com's images come
  // from pinimg.com). Only domains the user gave, not the policy URL's: a catalogued company's policy page seldom
  // stands for the app alone.
  // The app's domain must be one the company owns outright: a customer's name on a platform (myapp.web.app,
  // x.cloudfront.net) has its own registrable domain, which no catalog entry lists, and makes nothing first party.
  for (const domain of ownDomains) {
    const registrable = getRegistrableDomain(domain);
    const operator = registrable === null ? null : catalog.findByDomain(registrable);
    if (operator === null || !operator.domains.includes(registrable ?? '')) continue;
    for (const other of operator.domains) if (!firstPartyDomains.includes(other)) firstPartyDomains.push(other);
  }
  const policyHost = /^https?:\/\//i.test(snapshot.source) ? new URL(snapshot.source).hostname : null;
  const policyDomain = policyHost === null || isPolicyHostingPlatform(policyHost) ? null : getRegistrableDomain(policyHost);
  if (policyDomain) firstPartyDomains.push(policyDomain);

  const captureIds = captures.map((c) => c.id);
  const flows: AttributedFlow[] = loadFlows(db, captureIds).flatMap((flow) => {
    const capture = captureById.get(flow.captureId);
    if (!capture) return [];
    return [{ flow, capture, attribution: attributeFlow(flow, { catalog, network: deps.network, firstPartyDomains, captureFormat: capture.format }) }];
  });
  const lineageCache = new Map<string, Entity[]>();
  const view: AuditView = {
    app,
    snapshot,
    snapshotSighting: inForce.sighting,
    policySightings: inForce.sightings,
    claims,
    captures,
    flows,
    identifierHits: loadIdentifierHits(db, captureIds),
    dnsQueries: loadDnsQueries(db, captureIds),
    settings: deps.settings ?? DEFAULT_AUDIT_SETTINGS,
    lineage(entityId: string): Entity[] {
      let lineage = lineageCache.get(entityId);
      if (!lineage) {
        const self = catalog.get(entityId);
        lineage = self ? [self, ...catalog.ancestors(entityId)] : [];
        lineageCache.set(entityId, lineage);
      }
      return lineage;
    },
    networkOwner: (asnOwner) => catalog.findByAsnOwner(asnOwner),
  };
  return { view, entityLists };
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** Every organisation or network that traffic went to, labelled, biggest first. */
export function summariseRecipients(view: AuditView): RecipientSummary[] {
  const disclosures = new Map(groupRecipients(view).map((r) => [r.key, classifyRecipient(view, r)]));
  const groups = new Map<string, RecipientSummary>();
  const unknownSplit = new Set<string>();
  const carriesData = new Set<string>();
  for (const item of view.flows) {
    // Not plumbing, nor unattributed LAN and multicast peers (the router, ff02::2): those receive nothing from the operator.
    if (!isCountedConnection(item)) continue;
    const a = item.attribution;
    // All of the app's own domains are one party, not a row per domain.
    const key =
      a.relation === 'recipient'
        ? (a.entityId ?? a.domain ?? a.host ?? a.organisation ?? item.flow.server)
        : a.relation === 'first-party'
          ? 'first-party'
          : `${a.relation}:${a.organisation ?? a.network.asnOwner ?? item.flow.server}`;
    let summary = groups.get(key);
    if (!summary) {
      summary = {
        organisation: a.relation === 'first-party' ? `${view.app.name} (first party)` : (a.organisation ?? a.network.asnOwner ?? item.flow.server),
        entityId: a.entityId,
        relation: a.relation,
        label: a.relation === 'recipient' ? (disclosures.get(key)?.label ?? null) : null,
        hosts: [],
        countries: [],
        flows: 0,
        packets: 0,
        bytes: 0,
        confidence: a.confidence,
      };
      const claims = a.relation === 'recipient' ? (disclosures.get(key)?.claims ?? []) : [];
      // The sentences behind the label, so a reader can check a "consistent" as well as a finding.
      if (view.snapshot && claims.length > 0) summary.policyEvidence = policyEvidenceOfClaims(claims, view.snapshot);
      groups.set(key, summary);
    }
    summary.flows += 1;
    summary.packets += item.flow.packets;
    summary.bytes += item.flow.bytes;
    const sent = item.flow.clientToServer;
    // One flow of unknown split leaves the organisation's total unknown; a partial sum would read as the whole.
    if (sent === undefined) unknownSplit.add(key);
    else summary.bytesSent = (summary.bytesSent ?? 0) + sent.bytes;
    if (mayCarryClientData(item)) carriesData.add(key);
    if (a.host && !summary.hosts.includes(a.host)) summary.hosts.push(a.host);
    const country = a.network.country;
    if (country && !summary.countries.includes(country)) summary.countries.push(country);
    // Per-country totals let the report chart bytes by country without re-reading flows.
    const traffic = (summary.countryTraffic ??= []);
    let share = traffic.find((t) => t.country === (country ?? null));
    if (!share) {
      share = { country: country ?? null, flows: 0, bytes: 0 };
      traffic.push(share);
    }
    share.flows += 1;
    share.bytes += item.flow.bytes;
    if (CONFIDENCE_RANK[a.confidence] > CONFIDENCE_RANK[summary.confidence]) summary.confidence = a.confidence;
  }
  for (const [key, summary] of groups) {
    if (unknownSplit.has(key)) delete summary.bytesSent;
    if (!carriesData.has(key)) summary.noDataSent = true;
  }
  return [...groups.values()].sort((x, y) => y.bytes - x.bytes || x.organisation.localeCompare(y.organisation, undefined, { numeric: true }));
}

/** Severity first, then rule order, then subject: the same inputs always give the same report. */
function compareFindings(a: Finding, b: Finding): number {
  const ruleOrder = (f: Finding): number => RULES.findIndex((r) => r.meta.id === f.ruleId);
  // Numbers in names in numeric order: Partner2 before Partner10 (trial7).
  return rankSeverity(b.severity) - rankSeverity(a.severity) || ruleOrder(a) - ruleOrder(b) || a.subject.localeCompare(b.subject, undefined, { numeric: true });
}

function countClaims(claims: readonly StoredClaim[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const claim of claims) counts[claim.kind] = (counts[claim.kind] ?? 0) + 1;
  return counts;
}

function describePolicyInput(db: StoreDatabase, view: AuditView): AuditInputs['policy'] {
  const snapshot = view.snapshot;
  if (!snapshot) return null;
  const policy: NonNullable<AuditInputs['policy']> = {
    source: snapshot.source,
    sha256: snapshot.sha256,
    fetchedAt: snapshot.fetchedAt,
    ...(snapshot.declaredDate !== undefined ? { declaredDate: snapshot.declaredDate } : {}),
    title: snapshot.title,
    claimCounts: countClaims(view.claims.filter((c) => c.page === undefined)),
  };
  // A version back in force (v1 → v2 → v1) keeps its first dates above; the reading that chose it is said too.
  const sighting = view.snapshotSighting;
  if (sighting && (sighting.source !== snapshot.source || sighting.readAt !== snapshot.fetchedAt || sighting.declaredDate !== snapshot.declaredDate)) {
    policy.inForceBy = { source: sighting.source, fetchedAt: sighting.readAt, ...(sighting.declaredDate !== undefined ? { declaredDate: sighting.declaredDate } : {}) };
  }
  const notes = checkCaptureVersions(view.captures, view.policySightings ?? listPolicySightings(db, view.app.id), snapshot.id);
  if (notes.length > 0) policy.captureVersionNotes = notes;
  const pages = findLinkedSnapshots(db, snapshot.id);
  if (pages.length > 0) {
    policy.linkedPages = pages.map((page) => ({
      kind: 'subprocessor-list',
      source: page.source,
      sha256: page.sha256,
      fetchedAt: page.fetchedAt,
      title: page.title,
      claimCounts: countClaims(view.claims.filter((c) => c.page?.sha256 === page.sha256)),
    }));
  }
  return policy;
}

/** What the audit read, with the data sets, imported lists and settings that shaped its findings. */
function describeInputs(
  db: StoreDatabase,
  view: AuditView,
  entityLists: EntityListRecord[],
  dataSources: readonly AuditDataSource[] | undefined,
): AuditInputs {
  return {
    policy: describePolicyInput(db, view),
    captures: view.captures.map((c) => {
      // Found again from the stored flows (as at import), so captures imported before it was stored get it too.
      const flows = view.flows.filter((item) => item.capture.id === c.id);
      const timeJumps = findCaptureTimeJumps(flows.map((item) => item.flow));
      const timeJump = widestTimeJump(timeJumps);
      const clientAddresses = findLocalClientAddresses(flows.map((item) => item.flow));
      return {
        file: c.fileName,
        sha256: c.sha256,
        format: c.format,
        packets: c.packetCount,
        firstTime: c.firstTime,
        lastTime: c.lastTime,
        warnings: c.warningCount,
        // Unknown for captures imported before searches were recorded: then absent, not "none".
        ...(c.identifierSearchesRecorded ? { identifiersSearched: listIdentifierSearches(db, c.id).map((needle) => needle.label) } : {}),
        flows: flows.length,
        ...(c.identifierHitsNotStored ? { identifierHitsNotStored: c.identifierHitsNotStored, identifierHitCap: MAX_STORED_IDENTIFIER_HITS } : {}),
        ...(timeJump !== null ? { timeJump, timeJumps } : {}),
        ...(clientAddresses.length > 1 ? { clientAddresses } : {}),
      };
    }),
    ...(dataSources ? { dataSources: [...dataSources] } : {}),
    entityLists,
    settings: recordAuditSettings(view.settings),
    appDomains: [...view.app.domains].sort(),
  };
}

/**
 * Runs every rule over an app's stored data and stores the audit with its findings.
 * @throws ConfigError when the app has no stored policy; nothing is written then.
 */
export function runAudit(db: StoreDatabase, appName: string, deps: AuditDependencies): AuditResult {
  const { view, entityLists } = prepareAudit(db, appName, deps);
  const outcomes = RULES.map((rule) => rule.review?.(view) ?? { findings: rule.check(view), suppressingMentions: [] });
  const findings = outcomes.flatMap((o) => o.findings).sort(compareFindings);
  const result = {
    createdAt: deps.now().toISOString(),
    toolVersion: deps.toolVersion,
    inputs: describeInputs(db, view, entityLists, deps.dataSources),
    recipients: summariseRecipients(view),
    findings,
    // Only the mentions that kept a rule from a finding: the report says no finding was made for them.
    countryMentions: mergeCountryMentions(outcomes.flatMap((o) => o.suppressingMentions)),
  };
  const auditId = saveAudit(db, view.app.id, view.snapshot?.id ?? null, result);
  return { auditId, appName: view.app.name, appDomains: view.app.domains, ...result };
}
