/**
 * "Our users are located in the United States, Canada, Brazil and Japan" (trial7b item 4, place8 "Left alone"), end
 * to end on a real capture: the sentence says where users are, not where data goes, so it no longer hides the United
 * States finding; the finding quotes it as the only mention (docs/rules/undisclosed-country.md).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { capturePath } from '../capture/support.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const now = (): Date => new Date('2026-11-24T00:00:00Z');
// Loading the IP data sets takes seconds on a busy machine.
const SLOW = 120_000;

// The trial's pol/ctry2.md.
const POLICY = [
  '# Voxa Privacy Policy',
  'Voxa Ltd ("we") provides a voice assistant. This policy explains how we process personal data.',
  '## About us',
  'Our users are located in the United States, Canada, Brazil and Japan.',
  'We offer the app in Germany, France and India.',
  '## Transfers',
  'We never transfer personal data outside the EEA.',
  'Your data stays in the EU, except that we use service providers anywhere in the world for customer support.',
  'We do not store your voice recordings in China.',
].join('\n\n');

describe('"Our users are located in the United States" (trial7b item 4)', () => {
  it(
    'ndpi_alexa-app: the United States is a country the policy does not name as a place data goes, and no mention hides it',
    async () => {
      const dir = tempDir();
      const policyFile = join(dir, 'policy.md');
      writeFileSync(policyFile, `${POLICY}\n`);
      const db = openDatabase(join(dir, 'trial.db'));
      try {
        storePolicy(db, 'Voxa', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
        await importCapture(db, capturePath('ndpi_alexa-app.pcapng'), { appName: 'Voxa', identifiers: [], now, appDomains: [] });
        const result = runAudit(db, 'Voxa', { ...createAuditDependencies(), now });
        const countries = result.findings.filter((f) => f.ruleId === 'undisclosed-country');
        expect(countries.map((f) => [f.subject, f.label, f.severity])).toEqual([['US', 'vague', 'low']]);
        expect(countries[0]?.explanation).toContain(
          'It mentions United States only as where users live or whose law applies: \u201cOur users are located in the United States, Canada, Brazil and Japan\u201d',
        );
        expect(result.countryMentions?.some((m) => m.country === 'US')).toBe(false);
      } finally {
        db.close();
      }
    },
    SLOW,
  );
});
