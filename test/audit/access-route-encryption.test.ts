/**
 * LINE's "appropriate encryption measures in the access route to Personal Data" (trial8 item 2), end to end on a real
 * capture: the sentence is about the path to data held in the service's data centres, so plain HTTP to Amazon hosts
 * from another app's capture is not compared with it; the service's own hosts still are (docs/rules/unencrypted-transport.md).
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

const POLICY =
  '# L Privacy Policy\n\nL Corp processes personal data.\n\n## Provision of Personal Data\n\n' +
  'Personal Data stored in our data centers may be accessed from a third country. ' +
  'We will take necessary measures to ensure that Personal Data is properly protected in accordance with our security standards, such as by taking appropriate encryption measures in the access route to Personal Data.\n';

async function auditWith(appDomain: string): Promise<[string, string][]> {
  const dir = tempDir();
  const policyFile = join(dir, 'policy.md');
  writeFileSync(policyFile, POLICY);
  const db = openDatabase(join(dir, 'trial.db'));
  try {
    storePolicy(db, 'L', await analysePolicy(policyFile, { organisations: loadCatalog().organisationNames(), now }), now);
    await importCapture(db, capturePath('ndpi_alexa-app.pcapng'), { appName: 'L', identifiers: [], now, appDomains: [appDomain] });
    const result = runAudit(db, 'L', { ...createAuditDependencies(), now });
    return result.findings.filter((f) => f.ruleId === 'unencrypted-transport').map((f) => [f.subject, f.label]);
  } finally {
    db.close();
  }
}

describe('an encryption claim about the access route to stored data (trial8 item 2)', () => {
  it('ndpi_alexa-app with --app-domain line.me: no Amazon host is compared with it', async () => {
    expect(await auditWith('line.me')).toEqual([]);
  }, SLOW);

  it('with --app-domain amazon.com the service\u2019s own hosts (Amazon\u2019s image host too) are still compared', async () => {
    expect(await auditWith('amazon.com')).toEqual([
      ['alexa.amazon.com', 'incorrect'],
      ['ecx.images-amazon.com', 'incorrect'],
    ]);
  }, SLOW);
});
