import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { PcapWriter, TCP_FLAGS, buildTcpFrame, buildTlsClientHello } from '../helpers/pcap-writer.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const LISTS = resolve('..', 'shared', 'data', 'entities');

/** One TLS connection from the phone to `server` naming `sni`. */
function writeCapture(file: string, server: string, sni: string): void {
  const pcap = new PcapWriter();
  const phone = { src: '192.168.1.20', srcPort: 51000, dst: server, dstPort: 443 };
  const back = { src: server, srcPort: 443, dst: '192.168.1.20', dstPort: 51000 };
  pcap.addFrame(1_800_000_000, buildTcpFrame({ ...phone, flags: TCP_FLAGS.SYN, seq: 1 }));
  pcap.addFrame(1_800_000_000.01, buildTcpFrame({ ...back, flags: TCP_FLAGS.SYN | TCP_FLAGS.ACK, seq: 100, ack: 2 }));
  pcap.addFrame(1_800_000_000.02, buildTcpFrame({ ...phone, flags: TCP_FLAGS.ACK | TCP_FLAGS.PSH, seq: 2, ack: 101, payload: buildTlsClientHello(sni) }));
  writeFileSync(file, pcap.toBytes());
}

describe('claimcheck entities', () => {
  it('imports each supported list format and reports what it stored', () => {
    const db = join(tempDir(), 'e.db');
    for (const [file, format] of [
      ['disconnect_entities.json', 'disconnect'],
      ['duckduckgo_app_android-tds.json', 'duckduckgo'],
      ['webxray_domain_owners.json', 'webxray'],
    ] as const) {
      const run = runCli(['--db', db, 'entities', 'import', join(LISTS, file), '--format', format]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`${file}: \\d+ organisations from a ${format} list`));
    }
    const again = runCli(['--db', db, 'entities', 'import', join(LISTS, 'webxray_domain_owners.json'), '--format', 'webxray']);
    expect(again.stdout).toMatch(/ 0 added, 0 extended, \d+ unchanged/);
    const list = runCli(['--db', db, 'entities', 'list']);
    const rows = list.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows).toHaveLength(3);
    // Each list with its size, format, file, full sha256 and first import date, as reports name it.
    const webxray = rows.find((r) => r[2] === 'webxray_domain_owners.json');
    expect(webxray?.slice(1)).toEqual([
      'webxray',
      'webxray_domain_owners.json',
      `sha256 ${createHash('sha256').update(readFileSync(join(LISTS, 'webxray_domain_owners.json'))).digest('hex')}`,
      expect.stringMatching(/^imported \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    ]);
    expect(Number(webxray?.[0])).toBeGreaterThan(400);
    expect(runCli(['--db', db, 'entities', 'clear']).stdout).toMatch(/^removed \d+ user-supplied entities/);
    expect(runCli(['--db', db, 'entities', 'list']).stdout).toContain('no user-supplied entities');
  });

  it('a file that is not the named format is one line naming the file, exit 2', () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    const wrongFormat = runCli(['--db', db, 'entities', 'import', join(LISTS, 'webxray_domain_owners.json'), '--format', 'disconnect']);
    expect(wrongFormat.status).toBe(2);
    expect(wrongFormat.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrongFormat.stderr).toContain('webxray_domain_owners.json: not a disconnect entity list');

    const notJson = join(dir, 'list.json');
    writeFileSync(notJson, '{"entities": ');
    const broken = runCli(['--db', db, 'entities', 'import', notJson, '--format', 'duckduckgo']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^claimcheck: .*list\.json: not a JSON file/);

    const missing = runCli(['--db', db, 'entities', 'import', join(dir, 'nope.json'), '--format', 'webxray']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.json: file not found');
    expect(runCli(['--db', db, 'entities', 'import', notJson, '--format', 'csv']).status).toBe(2);
  });

  it('policy and audit use imported organisations: a tracker only the list knows, named in the policy, is consistent', () => {
    const dir = tempDir();
    const db = join(dir, 'e.db');
    const policy = join(dir, 'policy.md');
    writeFileSync(policy, '# Privacy\n\n## Sharing\n\nWe share advertising identifiers with Yieldmo, our advertising partner.\n');
    const capture = join(dir, 'session.pcap');
    // Yieldmo is in the Disconnect list but not in the shipped catalog; its ad server runs on AWS.
    writeCapture(capture, '3.208.10.10', 'ads.yieldmo.com');

    expect(runCli(['--db', db, 'entities', 'import', join(LISTS, 'disconnect_entities.json'), '--format', 'disconnect']).status).toBe(0);
    expect(runCli(['--db', db, 'policy', 'add', policy, '--app', 'App']).status).toBe(0);
    expect(runCli(['--db', db, 'import', capture, '--app', 'App']).status).toBe(0);
    const audit = runCli(['--db', db, 'audit', '--app', 'App', '--json']);
    expect(audit.stderr).toBe('');
    const result = JSON.parse(audit.stdout) as AuditResult;
    expect(result.recipients.find((r) => r.hosts.includes('ads.yieldmo.com'))).toMatchObject({ organisation: 'Yieldmo', label: 'consistent' });
    expect(result.findings.filter((f) => f.ruleId === 'undisclosed-recipient')).toEqual([]);

    // The audit names the list it merged, and the report's methodology says how to get the same result.
    const sha256 = createHash('sha256').update(readFileSync(join(LISTS, 'disconnect_entities.json'))).digest('hex');
    expect(result.inputs.entityLists).toEqual([
      { file: 'disconnect_entities.json', format: 'disconnect', sha256, importedAt: expect.stringMatching(/^\d{4}-/), entities: expect.any(Number) },
    ]);
    expect(result.inputs.settings).toEqual({ jurisdictions: { mode: 'undisclosed', option: 'all', countries: [] } });
    const out = join(dir, 'reports');
    expect(runCli(['--db', db, 'report', '--app', 'App', '--format', 'md', '--out', out]).status).toBe(0);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain(`User-imported entity list disconnect\\_entities.json: Disconnect format (claimcheck entities import --format disconnect), sha256 ${sha256}, imported `);
    expect(markdown).toContain('--jurisdictions all, the default');
    expect(markdown).toMatch(/To run this audit again: install claimcheck \S+; import the entity list above .*; run `claimcheck audit --app App --jurisdictions all`\./);
  });

  it('audit --jurisdictions rejects unknown codes with exit 2', () => {
    const run = runCli(['--db', join(tempDir(), 'e.db'), 'audit', '--app', 'App', '--jurisdictions', 'CN,XQ']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"XQ"');
  });
});
