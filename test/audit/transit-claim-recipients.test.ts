/**
 * "Communications with our servers and with our service providers are encrypted in transit" (trial7b item 14), end to
 * end on a real capture: plain HTTP to the app's own hosts is compared with it (docs/rules/unencrypted-transport.md).
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

describe('a transit claim naming service providers beside "our servers" (trial7b item 14)', () => {
  it(
    'ndpi_alexa-app with --app-domain amazon.com: alexa.amazon.com and ecx.images-amazon.com are both compared',
    async () => {
      const dir = tempDir();
      const policyFile = join(dir, 'policy.md');
      writeFileSync(policyFile, '# E Privacy Policy\n\nE Ltd processes personal data.\n\nCommunications with our servers and with our service providers are encrypted in transit.\n');
      const db = openDatabase(join(dir, 'trial.db'));
      try {
        storePolicy(db, 'E', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
        await importCapture(db, capturePath('ndpi_alexa-app.pcapng'), { appName: 'E', identifiers: [], now, appDomains: ['amazon.com'] });
        const result = runAudit(db, 'E', { ...createAuditDependencies(), now });
        const plain = result.findings.filter((f) => f.ruleId === 'unencrypted-transport');
        // Since catalog commit 64dea6d images-amazon.com is Amazon's, so with --app-domain amazon.com both hosts are the
        // service's own (the uncatalogued-recipient wording is covered in test/rules/unencrypted-transport.test.ts).
        expect(plain.map((f) => [f.subject, f.confidence])).toEqual([
          ['alexa.amazon.com', 'high'],
          ['ecx.images-amazon.com', 'high'],
        ]);
        for (const finding of plain) expect(finding.explanation).not.toContain('compared as one of');
      } finally {
        db.close();
      }
    },
    SLOW,
  );
});

describe('a transit claim naming only recipients ("Data we share with service providers …", place8 "Left alone")', () => {
  it(
    'ndpi_alexa-app with --app-domain amazon.com: the app\u2019s own plain HTTP is not data shared with service providers, so no finding',
    async () => {
      const dir = tempDir();
      const policyFile = join(dir, 'policy.md');
      writeFileSync(policyFile, '# E Privacy Policy\n\nE Ltd processes personal data.\n\nData we share with service providers is encrypted in transit.\n');
      const db = openDatabase(join(dir, 'trial.db'));
      try {
        storePolicy(db, 'E', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
        await importCapture(db, capturePath('ndpi_alexa-app.pcapng'), { appName: 'E', identifiers: [], now, appDomains: ['amazon.com'] });
        const result = runAudit(db, 'E', { ...createAuditDependencies(), now });
        expect(result.findings.filter((f) => f.ruleId === 'unencrypted-transport')).toEqual([]);
      } finally {
        db.close();
      }
    },
    SLOW,
  );
});
