/**
 * A policy that names no country, only that data may go "anywhere in the world" (trial7b item 17), end to end as
 * `policy add`, `import` and `audit` run them on a real capture: one finding for all the countries the traffic
 * reached, listing each as evidence, not one near-identical finding per country (docs/rules/undisclosed-country.md).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import type { AuditResult } from '../../src/model/audit.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { capturePath } from '../capture/support.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const now = (): Date => new Date('2026-11-24T00:00:00Z');
// Loading the IP data sets takes seconds on a busy machine.
const SLOW = 120_000;
const BLUESKY = join(process.cwd(), '..', 'shared', 'data', 'policies', 'Bluesky_privacy-policy_2026-01-09.md');

async function auditViber(policyFile: string): Promise<AuditResult> {
  const db = openDatabase(join(tempDir(), 'trial.db'));
  try {
    storePolicy(db, 'B', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
    await importCapture(db, capturePath('ndpi_viber.pcap'), { appName: 'B', identifiers: [], now, appDomains: [] });
    return runAudit(db, 'B', { ...createAuditDependencies(), now });
  } finally {
    db.close();
  }
}

describe('a policy that names no country, only "anywhere in the world" (trial7b item 17)', () => {
  it(
    'Bluesky + ndpi_viber: one vague finding for the United States, every flow as evidence; Germany and Ireland are in the EEA it sends data out of',
    async () => {
      const result = await auditViber(BLUESKY);
      const countries = result.findings.filter((f) => f.ruleId === 'undisclosed-country');
      expect(countries).toHaveLength(1);
      const [finding] = countries;
      expect(finding).toMatchObject({
        subject: 'countries the policy does not name',
        label: 'vague',
        severity: 'low',
        title: 'Traffic to United States: no transfer statement of the policy names a country, only that data may go \u201canywhere in the world\u201d',
      });
      expect(new Set(finding?.packetEvidence.map((e) => e.country))).toEqual(new Set(['US']));
      expect(finding?.policyEvidence[0]?.quote).toBe('We may transfer, process, and store all personal information we collect anywhere in the world.');
      // "If we transfer personal information from the European Economic Area, Switzerland, Brazil and/or the United Kingdom
      // to a country …" places data in the EEA (trial8 item 5): the finding says which countries it set aside, and why.
      expect(finding?.explanation).toContain(
        'The traffic also reached Germany and Ireland (members of the European Economic Area, which the policy sends data out of), which this audit treats as disclosed, so they are not part of this finding',
      );
      expect(result.countryMentions?.map((m) => [m.country, m.region])).toEqual([
        ['DE', 'EEA'],
        ['IE', 'EEA'],
      ]);
      // The policy names no country, so processor-country (default mode) has nothing to compare with.
      expect(result.findings.filter((f) => f.ruleId === 'processor-country')).toEqual([]);
    },
    SLOW,
  );
});
