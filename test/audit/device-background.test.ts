import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit, type AuditDependencies } from '../../src/audit/run-audit.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { listDeviceBackgroundHosts } from '../../src/enrich/device-background.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { lookupIpNetwork } from '../../src/enrich/ip-network-database.js';
import type { AuditResult } from '../../src/model/audit.js';
import { ensureApp } from '../../src/store/app-repository.js';
import { insertCapture } from '../../src/store/capture-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const catalog = EntityCatalog.loadDefault();
const NOW = new Date('2026-11-01T00:00:00Z');
const deps: AuditDependencies = { catalog, network: lookupIpNetwork, now: () => NOW, toolVersion: 'test' };
const CAPTURES = join('..', 'shared', 'data', 'captures');

/** A policy that names where data goes (Germany) and promises encryption, so country and transport rules run. */
const POLICY = '# Privacy\n\n## Security\n\nAll data is encrypted in transit.\n\n## Where data goes\n\nYour data is stored on servers in Germany.\n';

/** Audits one real capture of a phone (searched for the given identifiers) against the policy above. */
async function auditCapture(file: string, identifiers: { label: string; value: string }[] = []): Promise<AuditResult> {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.md');
  writeFileSync(policyFile, POLICY);
  const db = openDatabase(join(dir, 'test.db'));
  try {
    const analysed = await analysePolicy(policyFile, { organisations: catalog.organisationNames(), now: () => NOW });
    storePolicy(db, 'App', analysed, () => NOW, ['app.example']);
    const summary = await summarizeCapture(join(CAPTURES, file), { identifiers });
    insertCapture(db, ensureApp(db, 'App', NOW), summary, file, NOW, identifiers);
    return runAudit(db, 'App', deps);
  } finally {
    db.close();
  }
}

/** Every host a finding's packet evidence names. */
function hostsInFindings(audit: AuditResult): string[] {
  return audit.findings.flatMap((f) => f.packetEvidence.map((e) => e.host ?? ''));
}

describe('device background traffic (OS connectivity checks, network time)', () => {
  it('lists the checks of a real Android capture with their relation and makes no finding of them', async () => {
    const audit = await auditCapture('ndpi_android.pcap');
    const background = audit.recipients.filter((r) => r.relation === 'device-background');
    expect(background.flatMap((r) => r.hosts).sort()).toEqual(expect.arrayContaining(['connectivitycheck.gstatic.com', 'check.googlezip.net']));
    expect(background.every((r) => r.label === null)).toBe(true);
    // The plain-HTTP captive-portal probe is named by its Host header although the DNS answers name CDN aliases.
    expect(background.some((r) => r.organisation === 'Apple' || r.hosts.some((h) => h.includes('apple')))).toBe(true);
    const blamed = hostsInFindings(audit);
    expect(blamed).not.toContain('connectivitycheck.gstatic.com');
    // Chrome Data Saver's proxy check (plain HTTP GET /connect) is the browser's, not an undisclosed recipient or plain-HTTP finding.
    expect(blamed).not.toContain('check.googlezip.net');
    expect(blamed.filter((h) => h.includes('apple'))).toEqual([]);
    // The app's own Google traffic (Play, Firebase) is still a recipient.
    expect(audit.recipients.some((r) => r.relation === 'recipient' && r.hosts.includes('app-measurement.com'))).toBe(true);
  });

  it("lists Chrome Data Saver's proxy and reports and Google Play services' check-in as background, not Google's recipients", async () => {
    const audit = await auditCapture('ndpi_android.pcap');
    const background = audit.recipients.filter((r) => r.relation === 'device-background').flatMap((r) => r.hosts);
    expect(background).toEqual(expect.arrayContaining(['proxy.googlezip.net', 'datasaver.googleapis.com', 'android.clients.google.com']));
    const google = audit.recipients.find((r) => r.relation === 'recipient' && r.organisation === 'Google LLC');
    for (const host of ['proxy.googlezip.net', 'datasaver.googleapis.com', 'android.clients.google.com']) expect(google?.hosts ?? []).not.toContain(host);
    expect(hostsInFindings(audit)).not.toContain('proxy.googlezip.net');
    // Hosts with no documented single purpose (account sign-in, Play services APIs the app may call) stay recipients.
    expect(google?.hosts).toEqual(expect.arrayContaining(['accounts.google.com', 'semanticlocation-pa.googleapis.com']));
  });

  it("lists Google Play services' push connection (mtalk.google.com) as background: every app shares it", async () => {
    const audit = await auditCapture('ndpi_alexa-app.pcapng');
    const background = audit.recipients.filter((r) => r.relation === 'device-background').flatMap((r) => r.hosts);
    expect(background).toEqual(expect.arrayContaining(['mtalk.google.com', 'android.clients.google.com']));
    expect(hostsInFindings(audit)).not.toContain('mtalk.google.com');
    // The Alexa app's own SDK traffic (Amazon's ad and analytics endpoints) is untouched.
    expect(audit.recipients.some((r) => r.relation === 'recipient' && r.hosts.includes('mads.amazon-adsystem.com'))).toBe(true);
  });

  it('still reports an identifier that travels in a connectivity check, and says what the traffic is', async () => {
    // The probe's User-Agent carries the phone's model number: an identifier a user may give.
    const audit = await auditCapture('ndpi_alexa-app.pcapng', [{ label: 'device-model', value: 'LGLS751' }]);
    const probe = audit.findings.find(
      (f) => f.ruleId === 'plaintext-identifier' && f.packetEvidence.some((e) => e.host === 'connectivitycheck.android.com'),
    );
    expect(probe?.explanation).toContain("connectivitycheck.android.com is normally the device's own background traffic");
    // The app did not send it: its policy is not judged on it, and the title says whose traffic it was (trial9 item 5).
    expect(probe).toMatchObject({ severity: 'medium', label: null, policyEvidence: [] });
    expect(probe?.title).toContain("in the device's own background traffic to connectivitycheck.android.com");
    // Without the identifier the same probe makes no country or transport finding; with it, the country counts.
    const country = audit.findings.find((f) => f.ruleId === 'undisclosed-country' && f.packetEvidence.some((e) => e.host === 'connectivitycheck.android.com'));
    expect(country?.packetEvidence.find((e) => e.host === 'connectivitycheck.android.com')?.detail).toContain('counted because a user identifier travels in it');
    expect(audit.findings.filter((f) => f.ruleId === 'unencrypted-transport' && f.subject === 'connectivitycheck.android.com')).toEqual([]);
    const plain = await auditCapture('ndpi_alexa-app.pcapng');
    expect(hostsInFindings(plain)).not.toContain('connectivitycheck.android.com');
  });

  it('ships a documented list: every entry has one way to match, an operator, a purpose and a source', () => {
    const entries = listDeviceBackgroundHosts();
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect(Number(entry.host !== undefined) + Number(entry.suffix !== undefined)).toBe(1);
      expect(entry.operator.length * entry.purpose.length * entry.source.length).toBeGreaterThan(0);
    }
  });
});
