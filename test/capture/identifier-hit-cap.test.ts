import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run-audit.js';
import { MAX_IDENTIFIER_HITS, summarizeCapture } from '../../src/capture/summarize-capture.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import { ensureApp } from '../../src/store/app-repository.js';
import { insertCapture, listCaptures } from '../../src/store/capture-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { buildReportModel } from '../../src/report/report-model.js';
import { renderMarkdown } from '../../src/report/render-markdown.js';
import { RULES } from '../../src/rules/registry.js';
import { buildUdpFrame, encodeText, PcapWriter } from '../helpers/pcap-writer.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { describeHitsNotStored } from '../../src/report/report-wording.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const NOW = new Date('2026-11-01T00:00:00Z');
const DEVICE = { label: 'device-id', value: 'a91f3c77e2d4' };
const EMAIL = { label: 'email', value: 'jo.reader@example.org' };
/** Occurrences of the device id per telemetry datagram, and datagrams sent: 15,000 hits in all. */
const PER_DATAGRAM = 1500;
const DATAGRAMS = 10;

/**
 * A chatty telemetry stream: each UDP datagram repeats the device id in every record, then, after the cap has been
 * reached, one datagram to another server carries the e-mail address twice.
 */
function writeChattyCapture(dir: string): string {
  const writer = new PcapWriter();
  const records = Array.from({ length: PER_DATAGRAM }, (_, i) => `{"seq":${i},"dev":"${DEVICE.value}"}`).join('\n');
  for (let i = 0; i < DATAGRAMS; i++) {
    writer.addFrame(1_800_000_000 + i, buildUdpFrame({ src: '192.168.1.20', dst: '93.184.216.34', srcPort: 40000, dstPort: 9000, payload: encodeText(records) }));
  }
  writer.addFrame(1_800_000_010, buildUdpFrame({ src: '192.168.1.20', dst: '198.18.0.9', srcPort: 40001, dstPort: 9001, payload: encodeText(`to=${EMAIL.value}&cc=${EMAIL.value}`) }));
  const file = join(dir, 'chatty.pcap');
  writeFileSync(file, writer.toBytes());
  return file;
}

describe(`identifier hits past the cap of ${MAX_IDENTIFIER_HITS}`, () => {
  it('are counted per identifier, stored as such, and make every count in the report a lower bound, while a destination reached only past the cap keeps its first hits and its finding', async () => {
    const dir = tempDir();
    const file = writeChattyCapture(dir);
    const summary = await summarizeCapture(file, { identifiers: [DEVICE, EMAIL] });
    // The e-mail's two hits come after the cap, on a connection with none stored: both are kept.
    expect(summary.identifierHits).toHaveLength(MAX_IDENTIFIER_HITS + 2);
    expect(summary.identifierHits.filter((h) => h.label === EMAIL.label).map((h) => [h.frame, h.dst])).toEqual([
      [DATAGRAMS + 1, '198.18.0.9'],
      [DATAGRAMS + 1, '198.18.0.9'],
    ]);
    expect(summary.identifierHitsNotStored).toEqual([{ label: DEVICE.label, hits: PER_DATAGRAM * DATAGRAMS - MAX_IDENTIFIER_HITS, keptPerConnection: 3 }]);

    const db = openDatabase(join(dir, 'cap.db'));
    try {
      const policyFile = join(dir, 'policy.md');
      writeFileSync(policyFile, '# Privacy\n\n## Security\n\nAll data is encrypted in transit.\n');
      const catalog = EntityCatalog.loadDefault();
      storePolicy(db, 'App', await analysePolicy(policyFile, { organisations: catalog.organisationNames(), now: () => NOW }), () => NOW, ['app.example']);
      const appId = ensureApp(db, 'App', NOW);
      insertCapture(db, appId, summary, 'chatty.pcap', NOW, [DEVICE, EMAIL]);
      expect(listCaptures(db, appId)[0]?.identifierHitsNotStored).toEqual(summary.identifierHitsNotStored);

      const audit = runAudit(db, 'App', { catalog, network: () => ({ asn: null, asnOwner: null, country: null }), now: () => NOW, toolVersion: 'test' });
      expect(audit.inputs.captures[0]).toMatchObject({ identifierHitCap: MAX_IDENTIFIER_HITS, identifierHitsNotStored: summary.identifierHitsNotStored });
      const deviceFinding = audit.findings.find((f) => f.ruleId === 'plaintext-identifier' && f.subject === DEVICE.label);
      expect(deviceFinding?.explanation).toContain(`at least ${MAX_IDENTIFIER_HITS} times`);
      // The e-mail was found only past the cap, at another destination: it is reported there all the same.
      const emailFinding = audit.findings.find((f) => f.ruleId === 'plaintext-identifier' && f.subject.includes(EMAIL.label));
      expect(emailFinding?.explanation).toContain(`The identifier email ("${EMAIL.value}", 2 times) appears unencrypted`);
      const markdown = renderMarkdown(buildReportModel(audit, { generatedAt: NOW, toolVersion: 'test', rules: RULES.map((r) => r.meta), dataSources: [] }));
      expect(markdown).toContain(
        'identifier hits were capped at 10,000 stored, and past that the first 3 of each identifier on each connection, so every destination keeps located hits; 5,000 more were found and only counted (device-id 5,000)',
      );
    } finally {
      db.close();
    }
  });

  it('import says so on stderr, naming the identifiers that went past it', async () => {
    const dir = tempDir();
    const file = writeChattyCapture(dir);
    const run = await runCliAsync(['--db', join(dir, 'cli.db'), 'import', file, '--app', 'App', '--identifier', `${DEVICE.label}=${DEVICE.value}`, '--identifier', `${EMAIL.label}=${EMAIL.value}`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${MAX_IDENTIFIER_HITS + 2} identifier hits`);
    expect(run.stderr).toContain(
      'chatty.pcap: identifier hits were capped at 10,000 stored, and past that the first 3 of each identifier on each connection, so every destination keeps located hits; 5,000 more were found and only counted (device-id 5,000)',
    );
  });

  it('a capture searched again for a new identifier warns the same way', async () => {
    const dir = tempDir();
    const file = writeChattyCapture(dir);
    const db = join(dir, 'again.db');
    expect((await runCliAsync(['--db', db, 'import', file, '--app', 'App', '--identifier', `${EMAIL.label}=${EMAIL.value}`])).stderr).not.toContain('capped');
    const again = await runCliAsync(['--db', db, 'import', file, '--app', 'App', '--identifier', `${DEVICE.label}=${DEVICE.value}`]);
    expect(again.stdout).toContain(`searched it for 1 new identifier (${DEVICE.label}): ${MAX_IDENTIFIER_HITS} hits`);
    expect(again.stderr).toContain('chatty.pcap: identifier hits were capped at 10,000 stored, and past that the first 3 of each identifier on each connection, so every destination keeps located hits; 5,000 more were found and only counted (device-id 5,000)');
  });

  it('says, for a capture imported before the first hits per connection were kept, that a destination may be missing', () => {
    expect(describeHitsNotStored([{ label: DEVICE.label, hits: 5000 }])).toBe(
      'identifier hits were capped at 10,000 stored; 5,000 more were found and only counted (device-id 5,000), so hit counts in findings are lower bounds, and a destination an identifier reached only after the cap may be missing from the findings',
    );
  });
});
