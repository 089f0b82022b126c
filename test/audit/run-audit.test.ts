import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit, summariseRecipients, type AuditDependencies } from '../../src/audit/run-audit.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import type { CaptureSummary, FlowSummary } from '../../src/model/capture-summary.js';
import type { IpNetworkInfo } from '../../src/model/entity.js';
import { addAppDomains, ensureApp, requireApp } from '../../src/store/app-repository.js';
import { loadAudit } from '../../src/store/audit-repository.js';
import { insertCapture } from '../../src/store/capture-repository.js';
import { openDatabase, type StoreDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importEntityList } from '../../src/workflow/import-entities.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const catalog = EntityCatalog.loadDefault();
const NOW = new Date('2026-11-01T00:00:00Z');
const NETWORK: Record<string, IpNetworkInfo> = {
  '185.235.84.1': { asn: 44788, asnOwner: 'Criteo SA', country: 'FR' },
  '47.96.20.30': { asn: 37963, asnOwner: 'Hangzhou Alibaba Advertising Co.,Ltd.', country: 'CN' },
};
const deps: AuditDependencies = {
  catalog,
  network: (ip) => NETWORK[ip] ?? { asn: null, asnOwner: null, country: null },
  now: () => NOW,
  toolVersion: 'test',
};

function flowTo(server: string, sni: string | null, frame: number): FlowSummary {
  return {
    protocol: 'tcp', client: '192.168.1.5', clientPort: 40000 + frame, server, serverPort: 443, packets: 4, bytes: 900, payloadBytes: 600,
    firstTime: 1_800_000_000 + frame, lastTime: 1_800_000_001 + frame, firstFrame: frame, lastFrame: frame + 3, sampleFrames: [frame, frame + 1],
    hostNames: sni ? [{ host: sni, source: 'tls-sni', frame }] : [], encryption: 'tls', httpRequests: [],
  };
}

/** An app with a policy (Markdown) and one capture of the given flows. */
async function seedApp(policy: string, flows: FlowSummary[], appDomains: string[] = ['app.example']): Promise<StoreDatabase> {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.md');
  writeFileSync(policyFile, policy);
  const db = openDatabase(join(dir, 'test.db'));
  const analysed = await analysePolicy(policyFile, { organisations: catalog.organisationNames(), now: () => NOW });
  storePolicy(db, 'App', analysed, () => NOW, appDomains);
  const summary: CaptureSummary = {
    file: join(dir, 'c.pcap'), format: 'pcap', sha256: 'c'.repeat(64), sizeBytes: 1, packetCount: 20, firstTime: null, lastTime: null,
    flows, dnsAnswers: [], identifierHits: [], warnings: [], warningCount: 0,
  };
  insertCapture(db, ensureApp(db, 'App', NOW), summary, 'c.pcap', NOW);
  return db;
}

const POLICY = '# Privacy\n\n## Sharing\n\nWe share advertising identifiers with Criteo SA, our advertising partner.\n\nYour data is stored in the United States.\n';

describe('runAudit with imported entity lists', () => {
  it('attributes a domain only an imported list knows to the organisation the list names', async () => {
    // Yieldmo is in the Disconnect list but not in the shipped catalog; its ad server runs on AWS.
    const db = await seedApp(POLICY, [flowTo('3.208.10.10', 'ads.yieldmo.com', 10)]);
    try {
      const before = runAudit(db, 'App', deps);
      // Unknown to the catalog, so "our advertising partner" may or may not cover it: vague, as a possibility.
      expect(before.recipients.find((r) => r.hosts.includes('ads.yieldmo.com'))).toMatchObject({ organisation: 'yieldmo.com', label: 'vague' });

      importEntityList(db, join('..', 'shared', 'data', 'entities', 'disconnect_entities.json'), 'disconnect');
      const after = runAudit(db, 'App', deps);
      const yieldmo = after.recipients.find((r) => r.hosts.includes('ads.yieldmo.com'));
      expect(yieldmo).toMatchObject({ organisation: 'Yieldmo', relation: 'recipient' });
      const finding = after.findings.find((f) => f.ruleId === 'undisclosed-recipient' && f.subject === 'Yieldmo');
      expect(finding?.packetEvidence[0]?.detail).toContain('yieldmo.com → Yieldmo');
    } finally {
      db.close();
    }
  });

  it('imported lists do not change what the shipped catalog already attributes', async () => {
    const db = await seedApp(POLICY, [flowTo('47.96.20.30', 'ap-cn.agora.io', 10)]);
    try {
      const before = runAudit(db, 'App', deps).recipients;
      importEntityList(db, join('..', 'shared', 'data', 'entities', 'duckduckgo_web_tds_v6.json'), 'duckduckgo');
      importEntityList(db, join('..', 'shared', 'data', 'entities', 'webxray_domain_owners.json'), 'webxray');
      const after = runAudit(db, 'App', deps).recipients;
      expect(after).toEqual(before);
    } finally {
      db.close();
    }
  });
});

describe('runAudit first-party domains', () => {
  it("counts the other domains of the catalogued operator of the app's domains as first party (trial 7 P1-2)", async () => {
    // The app is Pinterest (--app-domain pinterest.com); its images come from pinimg.com, catalogued as Pinterest's.
    const policy = '# Privacy\n\nWe share information with advertisers and other partners.\n';
    const db = await seedApp(policy, [flowTo('151.101.0.84', 'i.pinimg.com', 10), flowTo('151.101.0.85', 'www.pinterest.com', 20)], ['pinterest.com']);
    try {
      const result = runAudit(db, 'App', deps);
      expect(result.recipients.map((r) => [r.relation, r.hosts])).toEqual([['first-party', ['i.pinimg.com', 'www.pinterest.com']]]);
      expect(result.findings.filter((f) => f.ruleId === 'undisclosed-recipient')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("makes nothing else first party for an app on a platform's customer domain (myapp.web.app, review 7)", async () => {
    const policy = '# Privacy\n\nWe share information with analytics providers.\n';
    const db = await seedApp(policy, [flowTo('142.250.1.1', 'firebaseinstallations.googleapis.com', 10), flowTo('199.36.158.100', 'other-app.web.app', 20)], ['myapp.web.app']);
    try {
      const relations = runAudit(db, 'App', deps).recipients.map((r) => [r.relation, r.hosts.join(' ')]);
      expect(relations).not.toContainEqual(['first-party', expect.anything()]);
    } finally {
      db.close();
    }
  });

  it("leaves a platform's shared domain out of the app's own (--app-domain cloudfront.net, trial 7b P1-1)", async () => {
    const policy = '# Privacy\n\nWe share information with analytics providers.\n';
    const db = await seedApp(policy, [flowTo('13.35.0.1', 'd111.cloudfront.net', 10), flowTo('13.35.0.2', 'www.amazon.com', 20)], ['cloudfront.net']);
    try {
      const relations = runAudit(db, 'App', deps).recipients.map((r) => r.relation);
      expect(relations).not.toContain('first-party');
    } finally {
      db.close();
    }
  });

  it("records the app's --app-domain list with each audit; an audit stored before it was recorded reads the list as it is now (trial7b item 16)", async () => {
    const db = await seedApp(POLICY, [flowTo('47.96.20.30', 'ap-cn.agora.io', 10)], ['b.example', 'a.example']);
    try {
      const first = runAudit(db, 'App', deps);
      expect(first.inputs.appDomains).toEqual(['a.example', 'b.example']);
      addAppDomains(db, ensureApp(db, 'App', NOW), ['agora.io']);
      const second = runAudit(db, 'App', deps);
      expect(second.inputs.appDomains).toEqual(['a.example', 'agora.io', 'b.example']);
      const app = requireApp(db, 'App');
      // The report of the first audit names the domains it ran with, not those added since.
      expect(loadAudit(db, app, first.auditId)?.appDomains).toEqual(['a.example', 'b.example']);
      // An audit made by an older claimcheck has no list: it is unknown, and the app's list stands in for it.
      const model = JSON.parse((db.prepare('SELECT model FROM audits WHERE id = ?').get(first.auditId) as { model: string }).model) as { inputs: Record<string, unknown> };
      delete model.inputs.appDomains;
      db.prepare('UPDATE audits SET model = ? WHERE id = ?').run(JSON.stringify(model), first.auditId);
      const older = loadAudit(db, app, first.auditId);
      expect(older?.inputs.appDomains).toBeUndefined();
      expect(older?.appDomains).toEqual(['a.example', 'agora.io', 'b.example']);
    } finally {
      db.close();
    }
  });

  it('leaves the same host a third party for an app that is not the operator', async () => {
    const policy = '# Privacy\n\nWe share information with advertisers and other partners.\n';
    const db = await seedApp(policy, [flowTo('151.101.0.84', 'i.pinimg.com', 10)], ['app.example']);
    try {
      expect(runAudit(db, 'App', deps).recipients.map((r) => [r.relation, r.organisation])).toEqual([['recipient', catalog.get('pinterest')?.name]]);
    } finally {
      db.close();
    }
  });
});

describe('runAudit settings', () => {
  it('passes --jurisdictions through to processor-country', async () => {
    const db = await seedApp('# Privacy\n\nWe use Agora for voice chat.\n', [flowTo('47.96.20.30', 'ap-cn.agora.io', 10)]);
    try {
      // The policy states no location: the default mode stays silent, a chosen jurisdiction does not.
      expect(runAudit(db, 'App', deps).findings.filter((f) => f.ruleId === 'processor-country')).toEqual([]);
      const listed = runAudit(db, 'App', { ...deps, settings: { jurisdictions: { mode: 'listed', countries: ['CN'], asWritten: ['CN'] } } });
      expect(listed.findings.filter((f) => f.ruleId === 'processor-country').map((f) => [f.subject, f.label])).toEqual([[catalog.get('agora')?.name, 'omitted']]);
    } finally {
      db.close();
    }
  });
});

describe('summariseRecipients', () => {
  it('labels third-party recipients and only them; first party, hosting and unknown networks get none', () => {
    const flows = [
      attributedFlow({ server: '10.0.0.1', attribution: { relation: 'first-party', organisation: 'example-app.test', host: 'api.example-app.test' } }),
      attributedFlow({ server: '52.1.1.1', attribution: { relation: 'hosting', entityId: 'aws', organisation: 'Amazon Web Services' } }),
      attributedFlow({ server: '45.1.1.1', attribution: { relation: 'unknown', organisation: 'Example Hosting GmbH' } }),
      attributedFlow({ server: '142.1.1.1', attribution: { relation: 'recipient', entityId: 'firebase', organisation: 'Firebase', confidence: 'high' } }),
      attributedFlow({ server: '103.1.1.1', attribution: { relation: 'recipient', entityId: 'agora', organisation: 'Agora', confidence: 'medium' } }),
      attributedFlow({ server: '5.5.5.5', attribution: { relation: 'recipient', organisation: 'tracker.example', domain: 'tracker.example', confidence: 'high' } }),
    ];
    const claims = [
      storedClaim({ kind: 'processor', processorType: 'named', name: 'Google', entityId: 'google', quote: 'We use Google Firebase for analytics.' }),
      storedClaim({ kind: 'processor', processorType: 'named', name: 'Agora', entityId: 'agora', polarity: 'negative', quote: 'We never share your data with Agora.' }),
    ];
    const recipients = summariseRecipients(buildView({ claims, flows }));
    const labels = Object.fromEntries(recipients.map((r) => [r.organisation, [r.relation, r.label]]));
    // The sentence behind each label travels with the recipient, so a "consistent" can be checked too.
    expect(Object.fromEntries(recipients.map((r) => [r.organisation, r.policyEvidence?.map((p) => p.quote)]))).toMatchObject({
      Firebase: ['We use Google Firebase for analytics.'],
      Agora: ['We never share your data with Agora.'],
      'tracker.example': undefined,
    });
    expect(labels).toEqual({
      'Test app (first party)': ['first-party', null],
      'Amazon Web Services': ['hosting', null],
      'Example Hosting GmbH': ['unknown', null],
      Firebase: ['recipient', 'consistent'],
      Agora: ['recipient', 'incorrect'],
      'tracker.example': ['recipient', 'omitted'],
    });
  });

  it("shows the app's own domains as one first-party row and leaves out unattributed LAN and multicast peers", () => {
    const flows = [
      attributedFlow({ server: '3.1.1.1', attribution: { relation: 'first-party', organisation: 'example-app.test', host: 'api.example-app.test' } }),
      attributedFlow({ server: '3.1.1.2', attribution: { relation: 'first-party', organisation: 'example-cdn.test', host: 'cdn.example-cdn.test' } }),
      attributedFlow({ server: '192.168.0.15', attribution: { relation: 'unknown' } }),
      attributedFlow({ server: 'ff02::2', attribution: { relation: 'unknown' } }),
    ];
    const rows = summariseRecipients(buildView({ flows }));
    expect(rows.map((r) => [r.organisation, r.flows])).toEqual([['Test app (first party)', 2]]);
  });
});
