/**
 * Country findings a journalist can print (trial 6 P1-1, P1-5, P2-4), end to end as `policy add`, `import` and `audit`
 * run them: a short policy, a HAR whose servers the pinned IP data places in Germany, China, Singapore and the United
 * States, and the audit's finding label, title and quote.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import type { AuditResult } from '../../src/model/audit.js';
import type { Finding } from '../../src/model/finding.js';
import { buildReportModel } from '../../src/report/report-model.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { RULES } from '../../src/rules/registry.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const now = (): Date => new Date('2026-11-23T00:00:00Z');
// Loading the IP data sets takes seconds on a busy machine.
const SLOW = 120_000;

/** One request each to servers registered in Germany, China, Singapore (plain HTTP) and the United States. */
const HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    entries: [
      ['https://api.acmechat.example/v1/login', '88.198.10.10'],
      ['https://ap-cn.agora.io/join', '47.96.20.30'],
      ['http://sdk.agora.io/ping', '103.98.134.10'],
      ['https://o123.ingest.sentry.io/api/1/envelope/', '34.120.195.249'],
    ].map(([url, ip], i) => ({ startedDateTime: `2025-02-15T10:00:0${i}.000Z`, serverIPAddress: ip, request: { method: 'GET', url, headers: [] }, response: {} })),
  },
});

/** A policy that stores data in Ireland, with `sentence` in its storage section, audited against the HAR. */
async function audit(sentence: string): Promise<AuditResult> {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.md');
  writeFileSync(policyFile, `# Example App Privacy Policy\n\n## Where we store data\n\nWe store your personal data on servers in Ireland.\n\n${sentence}\n`);
  writeFileSync(join(dir, 'session.har'), HAR);
  const db = openDatabase(join(dir, 'trial.db'));
  try {
    storePolicy(db, 'Trial', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
    await importCapture(db, join(dir, 'session.har'), { appName: 'Trial', identifiers: [], now, appDomains: ['acmechat.example'] });
    return runAudit(db, 'Trial', { ...createAuditDependencies(), now });
  } finally {
    db.close();
  }
}

const countryFinding = (result: AuditResult, country: string): Finding | undefined =>
  result.findings.find((f) => f.ruleId === 'undisclosed-country' && f.subject === country);

describe('a country the policy denies (trial 6 P1-1)', () => {
  it('"never stored in Singapore or China": traffic to each is incorrect, quoting the denial, and neither is "treated as disclosed"', async () => {
    const denial = 'Your data is never stored in Singapore or China.';
    const result = await audit(denial);
    for (const [country, name] of [['SG', 'Singapore'], ['CN', 'China']] as const) {
      const finding = countryFinding(result, country);
      expect(finding, country).toMatchObject({ label: 'incorrect', severity: 'high', title: `Traffic to ${name}, where the policy says data is not stored` });
      expect(finding?.policyEvidence[0]?.quote).toBe(denial);
    }
    expect(result.countryMentions?.map((m) => m.country)).toEqual([]);
    const markdown = renderMarkdown(buildReportModel(result, { generatedAt: now(), toolVersion: 'test', rules: RULES.map((r) => r.meta), dataSources: [] }));
    expect(markdown).not.toContain('Countries treated as disclosed by a mention');
    expect(markdown).toContain('Traffic to Singapore, where the policy says data is not stored');
  }, SLOW);

  it('"will not sell or transfer your data to China, Russia or Singapore": every listed country is denied', async () => {
    const result = await audit('We will not sell or transfer your data to China, Russia or Singapore.');
    expect(countryFinding(result, 'SG')).toMatchObject({ label: 'incorrect', title: 'Traffic to Singapore, where the policy says data is not sent' });
    expect(countryFinding(result, 'CN')).toMatchObject({ label: 'incorrect' });
  }, SLOW);

  it('"We do not store your voice recordings in China" and "Payment data is never transferred to Singapore": omitted, the denial quoted beside it', async () => {
    const recordings = 'We do not store your voice recordings in China.';
    const payments = 'Payment data is never transferred to Singapore.';
    const result = await audit(`${recordings} ${payments}`);
    const china = countryFinding(result, 'CN');
    expect(china).toMatchObject({ label: 'omitted', title: 'Traffic to China, a country the policy does not name as a place data goes (it says voice recordings are not stored there)' });
    expect(china?.policyEvidence[0]?.quote).toBe(recordings);
    expect(china?.explanation).toContain('not which data, so it does not contradict that denial');
    const singapore = countryFinding(result, 'SG');
    expect(singapore).toMatchObject({ label: 'omitted', title: 'Traffic to Singapore, a country the policy does not name as a place data goes (it says payment data is not sent there)' });
    expect(singapore?.policyEvidence[0]?.quote).toBe(payments);
  }, SLOW);
});

describe('cities, states and cloud regions (trial 6 P1-5)', () => {
  it('"hosted by Amazon Web Services in Frankfurt and Virginia" names Germany and the United States, and the finding for China says so', async () => {
    const hosted = 'Our servers are hosted by Amazon Web Services in Frankfurt and Virginia.';
    const result = await audit(hosted);
    expect(countryFinding(result, 'DE')).toBeUndefined();
    expect(countryFinding(result, 'US')).toBeUndefined();
    const china = countryFinding(result, 'CN');
    expect(china?.explanation).toContain('The policy names Germany, Ireland, United States as where data is stored or sent.');
    expect(china?.policyEvidence.map((p) => p.quote)).toContain(hosted);
  }, SLOW);

  it('"the AWS eu-central-1 (Frankfurt) region" names Germany', async () => {
    const result = await audit('Your account data is hosted in the AWS eu-central-1 (Frankfurt) region.');
    expect(countryFinding(result, 'DE')).toBeUndefined();
    expect(countryFinding(result, 'US')).toMatchObject({ label: 'omitted' });
  }, SLOW);
});

describe('mentions that are not destinations (trial 6 P2-4)', () => {
  it('an EU representative\'s address with a postcode before the city leaves the Germany finding, quoting the address', async () => {
    const address = 'Our EU representative is Acme GmbH, Friedrichstrasse 10, 10117 Berlin, Germany.';
    const germany = countryFinding(await audit(address), 'DE');
    expect(germany).toMatchObject({ label: 'omitted', title: 'Traffic to Germany, a country the policy does not name as a place data goes' });
    expect(germany?.explanation).toContain(`It mentions Germany only in a postal address: \u201c${address.replace(/\.$/, '')}\u201d`);
  }, SLOW);

  it('"Spotify USA Inc." in a company name leaves the United States finding, and says why', async () => {
    const us = countryFinding(await audit('This Privacy Policy describes how we at Spotify USA Inc. process personal data of U.S. residents.'), 'US');
    expect(us?.explanation).toContain('It mentions United States only in a company name, as a company\u2019s seat or as where its representative is');
  }, SLOW);
});
