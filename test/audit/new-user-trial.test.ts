/**
 * A tester's first audits, run the way `policy add`, `import` and `audit` run them: short real-world
 * policy text against real captures from ../shared/data/captures, with the shipped entity catalog and
 * IP data. Each case is a finding that would have been wrong or misleading in print.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import type { AuditResult } from '../../src/model/audit.js';
import { buildReportModel, MAX_SHOWN_QUOTES, type ReportModel } from '../../src/report/report-model.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { RULES } from '../../src/rules/registry.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { validateJsonSchema } from '../report/json-schema-subset.js';

const CAPTURES = resolve('../shared/data/captures');
const POLICIES = resolve('../shared/data/policies');
const tempDir = useTempDir();
const now = (): Date => new Date('2026-11-23T00:00:00Z');
// Loading the IP data sets takes seconds on a busy machine.
const SLOW = 120_000;

/** Stores the policy text (Markdown) and the capture for a fresh app, and audits it. */
async function audit(policy: string, capture: string): Promise<AuditResult> {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.md');
  writeFileSync(policyFile, policy);
  const db = openDatabase(join(dir, 'trial.db'));
  try {
    storePolicy(db, 'Trial', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
    await importCapture(db, join(CAPTURES, capture), { appName: 'Trial', identifiers: [], now });
    return runAudit(db, 'Trial', { ...createAuditDependencies(), now });
  } finally {
    db.close();
  }
}

describe('a denial limited to one kind of data (ndpi_pinterest.pcap: connect.facebook.net serves a script)', () => {
  it('is restated with its scope and is not "incorrect": contact alone does not show messages were sent', async () => {
    const result = await audit('# Privacy Policy\n\n## Sharing\n\nWe do not share your messages with Facebook.\n', 'ndpi_pinterest.pcap');
    const meta = result.findings.find((f) => f.ruleId === 'undisclosed-recipient' && f.subject.startsWith('Meta'));
    expect(meta).toMatchObject({ label: 'omitted', severity: 'medium' });
    expect(meta?.title).toBe('Meta Platforms, Inc. receives data; the policy only says it does not share your messages with it');
    expect(meta?.explanation).toContain('connect.facebook.net');
    expect(meta?.explanation).toContain('neither confirms nor contradicts');
    expect(meta?.explanation).not.toContain('data is not shared with this organisation');
    expect(meta?.policyEvidence.map((p) => p.quote)).toEqual(['We do not share your messages with Facebook.']);
    expect(result.recipients.find((r) => r.organisation.startsWith('Meta'))?.label).toBe('omitted');
  }, SLOW);

  it('a denial with a purpose after the recipient is scoped (omitted, medium), restated with its purpose', async () => {
    const result = await audit('# Privacy Policy\n\n## Sharing\n\nWe never share your data with Facebook for advertising purposes.\n', 'ndpi_pinterest.pcap');
    const meta = result.findings.find((f) => f.ruleId === 'undisclosed-recipient' && f.subject.startsWith('Meta'));
    expect(meta).toMatchObject({ label: 'omitted', severity: 'medium' });
    expect(meta?.title).toBe('Meta Platforms, Inc. receives data; the policy only says it does not share your data with it (for advertising purposes)');
  }, SLOW);

  it('a denial of any sharing with the company stays incorrect and high, worded as the policy put it', async () => {
    const result = await audit('# Privacy Policy\n\n## Sharing\n\nWe never share your information with Facebook.\n', 'ndpi_pinterest.pcap');
    const meta = result.findings.find((f) => f.ruleId === 'undisclosed-recipient' && f.subject.startsWith('Meta'));
    expect(meta).toMatchObject({ label: 'incorrect', severity: 'high' });
    expect(meta?.title).toBe('Policy says it does not share your information with Facebook, but the app sends data to Meta Platforms, Inc.');
  }, SLOW);
});

describe('encryption claims against plain HTTP (zeek_wikipedia.pcap: four hosts over plain HTTP)', () => {
  it('a claim about passwords alone is not contradicted by plain HTTP that cannot be shown to carry passwords', async () => {
    const result = await audit('# Privacy Policy\n\n## Security\n\nPasswords are encrypted.\n', 'zeek_wikipedia.pcap');
    expect(result.findings.filter((f) => f.ruleId === 'unencrypted-transport')).toEqual([]);
  }, SLOW);

  it('an unscoped claim is still compared, worded as the policy put it, not as a claim about data in transit', async () => {
    const policy = '# Privacy Policy\n\n## Security\n\nWe use industry-standard encryption to protect your information.\n';
    const findings = (await audit(policy, 'zeek_wikipedia.pcap')).findings.filter((f) => f.ruleId === 'unencrypted-transport');
    expect(findings.map((f) => f.subject).sort()).toEqual(['bits.wikimedia.org', 'meta.wikimedia.org', 'upload.wikimedia.org', 'www.wikipedia.org']);
    for (const f of findings) {
      expect(f).toMatchObject({ label: 'incorrect', confidence: 'medium', title: `Plain HTTP to ${f.subject} despite a general encryption claim` });
      expect(f.explanation).toContain(
        'The policy says \u201cWe use industry-standard encryption to protect your information\u201d without limiting that to stored data or to some kinds of data, so the claim covers data the app sends over the network.',
      );
      expect(f.explanation).not.toContain('in transit');
    }
  }, SLOW);
});

/** The report of an audit, as `claimcheck report` builds it (without snapshot texts: quotes stand alone). */
function report(result: AuditResult): ReportModel {
  return buildReportModel(result, { generatedAt: now(), toolVersion: 'test', rules: RULES.map((r) => r.meta), dataSources: [] });
}

describe('countries named only as where readers live (ndpi_pinterest.pcap: 270 KB to Ireland, 165 KB to the United States)', () => {
  const stored = 'Your data is stored in Germany.';
  const rights = 'If you live in the United States or Ireland, you may have additional rights under local law.';

  it('a rights sentence does not disclose a destination: the country findings stay, and say how the policy names the country', async () => {
    const withRights = await audit(`# Privacy Policy\n\n## Storage\n\n${stored}\n\n## Your rights\n\n${rights}\n`, 'ndpi_pinterest.pcap');
    const without = await audit(`# Privacy Policy\n\n## Storage\n\n${stored}\n`, 'ndpi_pinterest.pcap');
    const countryFindings = (r: AuditResult) => r.findings.filter((f) => f.ruleId === 'undisclosed-country' || f.ruleId === 'processor-country').map((f) => `${f.ruleId} ${f.subject}`);
    expect(countryFindings(withRights)).toEqual(countryFindings(without));
    expect(countryFindings(withRights)).toEqual(expect.arrayContaining(['undisclosed-country IE', 'undisclosed-country US']));
    const ireland = withRights.findings.find((f) => f.ruleId === 'undisclosed-country' && f.subject === 'IE');
    expect(ireland?.title).toBe('Traffic to Ireland, a country the policy does not name as a place data goes');
    // The sentence behind that reading is quoted with its span, so a reader can check it.
    expect(ireland?.explanation).toContain(`It mentions Ireland only as where users live or whose law applies: \u201c${rights.replace(/\.$/, '')}\u201d (characters `);
    const span = /\(characters (\d+)\u2013(\d+) of the same policy text\)/.exec(ireland?.explanation ?? '');
    expect(Number(span?.[2]) - Number(span?.[1])).toBe(rights.length);
    expect(withRights.countryMentions).toEqual([]);
  }, SLOW);

  it('a mention that does say where data goes still counts, and the report names the sentence that counted', async () => {
    const office = 'Our support team in Ireland answers your requests.';
    const result = await audit(`# Privacy Policy\n\n## Storage\n\n${stored} ${office}\n\n## Your rights\n\n${rights}\n`, 'ndpi_pinterest.pcap');
    expect(result.findings.some((f) => f.subject === 'IE')).toBe(false);
    expect(result.findings.some((f) => f.ruleId === 'undisclosed-country' && f.subject === 'US')).toBe(true);
    expect(result.countryMentions).toEqual([expect.objectContaining({ country: 'IE', quote: office })]);
    const mention = result.countryMentions?.[0];
    expect(mention && { start: mention.span.start, end: mention.span.end }).toBeTruthy();
    const model = report(result);
    expect(renderMarkdown(model)).toContain(`Ireland (IE): \u201cOur support team in Ireland answers your requests\u201d (characters ${mention?.span.start}–${mention?.span.end}`);
    expect(renderHtml(model)).toContain('Countries treated as disclosed by a mention');
    const json = JSON.parse(renderJson(model)) as { countryMentions: unknown[] };
    expect(json.countryMentions[0]).toMatchObject({ country: 'IE', quote: office });
    // A report with a mention in it conforms to the schema, every field documented.
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, json, { strict: true })).toEqual([]);
  }, SLOW);

  it('lists no mention when no rule would have flagged the country: a policy that states no location', async () => {
    const result = await audit('# Privacy Policy\n\nOur support team in Ireland answers your requests.\n', 'ndpi_pinterest.pcap');
    expect(result.findings.some((f) => f.ruleId === 'undisclosed-country')).toBe(false);
    expect(result.countryMentions).toEqual([]);
  }, SLOW);

  it('"CONTACT US" in a heading does not disclose the United States', async () => {
    const result = await audit('# Privacy Policy\n\nYour data is stored on servers in Germany.\n\n## CONTACT US\n\nWrite to privacy@example.org.\n', 'ndpi_viber.pcap');
    expect(result.findings.some((f) => f.ruleId === 'undisclosed-country' && f.subject === 'US')).toBe(true);
    expect(result.countryMentions?.some((m) => m.country === 'US')).toBe(false);
  }, SLOW);
});

describe('recipients the policy covers carry the sentence that covered them (ndpi_pinterest.pcap)', () => {
  it('shows the quote behind a consistent and a vague label in the Markdown, HTML and JSON recipients table', async () => {
    const named = 'We use Google Analytics to understand how people use the app.';
    const category = 'We work with analytics partners and error-reporting service providers.';
    const result = await audit(`# Privacy Policy\n\n## Who we share data with\n\n${named} ${category}\n`, 'ndpi_pinterest.pcap');
    const analytics = result.recipients.find((r) => r.organisation === 'Google Analytics');
    expect(analytics?.label).toBe('consistent');
    expect(analytics?.policyEvidence?.map((p) => p.quote)).toEqual([named]);
    const vague = result.recipients.find((r) => r.label === 'vague');
    expect(vague?.policyEvidence?.[0]?.quote).toBe(category);
    const model = report(result);
    const json = JSON.parse(renderJson(model)) as ReportModel;
    expect(json.recipients.find((r) => r.organisation === 'Google Analytics')?.policyEvidence?.[0]).toMatchObject({ quote: named, span: analytics?.policyEvidence?.[0]?.span });
    expect(json.recipients.find((r) => r.organisation === 'Google Analytics')?.policyEvidence?.[0]?.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    const row = renderMarkdown(model).split('\n').find((line) => line.startsWith('| Google Analytics |'));
    expect(row).toContain('\u201cWe use Google Analytics to understand how people use the app\u201d (characters');
    expect(renderHtml(model)).toContain('\u201cWe use Google Analytics to understand how people use the app\u201d');
  }, SLOW);
});

describe('quotes on a long real policy (Reddit) against a news site (pagexray_www.nytimes.com.har)', () => {
  it('quotes each sentence once, lists categories once, and shows a bounded number of quotes in Markdown and HTML', async () => {
    const policy = readFileSync(join(POLICIES, 'Reddit_privacy-policy_2026-08-20.md'), 'utf8');
    const result = await audit(policy, 'pagexray_www.nytimes.com.har');
    const vague = result.findings.filter((f) => f.ruleId === 'undisclosed-recipient' && f.label === 'vague');
    expect(vague.length).toBeGreaterThan(10);
    for (const f of result.findings) {
      const spans = f.policyEvidence.map((p) => `${p.snapshotSha256}:${p.span.start}-${p.span.end}`);
      expect(new Set(spans).size, f.title).toBe(spans.length);
    }
    for (const f of vague) {
      const listed = [...f.explanation.matchAll(/"([^"]+)"/g)].map((m) => m[1]?.toLowerCase().replace(/ies$/, 'y').replace(/s$/, ''));
      expect(new Set(listed).size, f.explanation).toBe(listed.length);
    }
    const markdown = renderMarkdown(report(result));
    const crowded = vague.filter((f) => f.policyEvidence.length > MAX_SHOWN_QUOTES);
    expect(crowded.length).toBeGreaterThan(0);
    for (const section of markdown.split('\n### ').slice(1)) {
      expect(section.split('\n').filter((line) => line.startsWith('> \u2014 ')).length).toBeLessThanOrEqual(MAX_SHOWN_QUOTES);
    }
    expect(markdown).toMatch(/… and \d+ more sentences of the policy on this point, quoted in report\.json\./);
    const json = JSON.parse(renderJson(report(result))) as ReportModel;
    expect(json.findings.map((f) => f.policyEvidence.length)).toEqual(result.findings.map((f) => f.policyEvidence.length));
  }, SLOW);
});
