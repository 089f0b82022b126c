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
    'Bluesky + ndpi_viber: one vague finding for Germany, Ireland and the United States, every flow as evidence',
    async () => {
      const result = await auditViber(BLUESKY);
      const countries = result.findings.filter((f) => f.ruleId === 'undisclosed-country');
      expect(countries).toHaveLength(1);
      const [finding] = countries;
      expect(finding).toMatchObject({
        subject: 'countries the policy does not name',
        label: 'vague',
        severity: 'low',
        title: 'Traffic to Germany, Ireland and United States: the policy names no country data goes to, only that data may go \u201canywhere in the world\u201d',
      });
      expect(new Set(finding?.packetEvidence.map((e) => e.country))).toEqual(new Set(['DE', 'IE', 'US']));
      expect(finding?.policyEvidence[0]?.quote).toBe('We may transfer, process, and store all personal information we collect anywhere in the world.');
      // Ireland is named only in the EU representative's postal address: the finding says so rather than counting it.
      expect(finding?.explanation).toContain('It mentions Ireland only in a postal address');
      // The policy names no country, so processor-country (default mode) has nothing to compare with.
      expect(result.findings.filter((f) => f.ruleId === 'processor-country')).toEqual([]);
    },
    SLOW,
  );
});
