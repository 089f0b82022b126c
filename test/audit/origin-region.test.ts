/**
 * Quora (trial8 item 5), end to end on a real policy and capture: "Where we transfer your personal information outside
 * of the European Economic Area or the United Kingdom …" places data in the EEA, so traffic to Ireland is not "a
 * country the policy does not name"; the report lists it, with that sentence, among the countries treated as disclosed
 * (docs/rules/undisclosed-country.md).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import { buildReportModel } from '../../src/report/report-model.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { RULES } from '../../src/rules/registry.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { capturePath } from '../capture/support.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const now = (): Date => new Date('2026-11-24T00:00:00Z');
// Loading the IP data sets takes seconds on a busy machine.
const SLOW = 120_000;
const QUORA = join(process.cwd(), '..', 'shared', 'data', 'policies', 'Quora_privacy-policy_2025-10-23.md');
const PINTEREST = join(process.cwd(), '..', 'shared', 'data', 'policies', 'Pinterest_privacy-policy_2025-10-03.md');

describe('a region the policy sends data out of (trial8 item 5)', () => {
  it(
    'Quora + ndpi_pinterest: no country finding; Ireland is set aside as a member of the EEA, the United States by a mention',
    async () => {
      const db = openDatabase(join(tempDir(), 'trial.db'));
      try {
        storePolicy(db, 'Quora', await analysePolicy(QUORA, { organisations: loadCatalog().organisationNames(), now }), now);
        await importCapture(db, capturePath('ndpi_pinterest.pcap'), { appName: 'Quora', identifiers: [], now, appDomains: ['quora.com'] });
        const result = runAudit(db, 'Quora', { ...createAuditDependencies(), now });
        expect(result.findings.filter((f) => f.ruleId === 'undisclosed-country' || f.ruleId === 'processor-country')).toEqual([]);
        expect(result.countryMentions?.map((m) => [m.country, m.region])).toEqual([
          ['IE', 'EEA'],
          ['US', undefined],
        ]);
        expect(result.countryMentions?.[0]?.quote).toMatch(/^Where we transfer your personal information outside of the European Economic Area or the United Kingdom/);
      } finally {
        db.close();
      }
    },
    SLOW,
  );

  it(
    'Pinterest + ndpi_pinterest: the report names the transfer statement that made each country disclosed, Ireland through the EEA heading (trial9 item 27)',
    async () => {
      const db = openDatabase(join(tempDir(), 'pinterest.db'));
      try {
        storePolicy(db, 'Pinterest', await analysePolicy(PINTEREST, { organisations: loadCatalog().organisationNames(), now }), now);
        await importCapture(db, capturePath('ndpi_pinterest.pcap'), { appName: 'Pinterest', identifiers: [], now, appDomains: ['pinterest.com'] });
        const result = runAudit(db, 'Pinterest', { ...createAuditDependencies(), now });
        expect(result.countryMentions?.map((m) => [m.country, m.region, m.transferStatement, m.quote])).toEqual([
          ['IE', 'EEA', true, 'Additional steps for data transfers in the EEA, Switzerland and the UK'],
          ['US', undefined, true, expect.stringContaining('transfer and store your information outside your home country, including in the United States')],
        ]);
        const model = buildReportModel(result, { generatedAt: now(), toolVersion: 'test', rules: RULES.map((r) => r.meta), dataSources: [] });
        const markdown = renderMarkdown(model);
        expect(markdown).toContain('**Countries a transfer statement names.**');
        expect(markdown).toContain('- Ireland (IE), a member of the European Economic Area, which the statement names: \u201cAdditional steps for data transfers in the EEA, Switzerland and the UK\u201d');
        expect(markdown).not.toContain('Countries treated as disclosed by a mention');
        expect(renderHtml(model)).toContain('<h3>Countries a transfer statement names</h3>');
      } finally {
        db.close();
      }
    },
    SLOW,
  );
});

