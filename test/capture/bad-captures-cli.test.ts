/**
 * `claimcheck import` on damaged captures, through the compiled CLI: a file that cannot be read as its format is
 * refused with exit 2 and one stderr line naming the file, the byte offset or line, and the problem, leaving the
 * database exactly as it was; recoverable damage imports with a warning line that names the byte offset.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDatabaseState } from '../helpers/database-state.js';
import { buildHttpRequest, buildTcpFrame, buildUdpFrame, encodeText, PcapngWriter, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { runCli, runCliAsync, type CliRun } from '../helpers/run-cli.js';
import { capturePath } from './support.js';

let dir = '';
let db = '';

function run(args: string[]): CliRun {
  return runCli(args, dir);
}

function buildPcap(): Uint8Array {
  const writer = new PcapWriter();
  for (let i = 0; i < 4; i++) {
    writer.addFrame(
      100 + i,
      buildTcpFrame({ src: '10.0.0.2', dst: '10.0.0.9', srcPort: 4000 + i, dstPort: 80, flags: TCP_FLAGS.ACK, seq: 1, payload: buildHttpRequest({ host: 'h.example', path: `/?uid=user-00${i}-abcdef` }) }),
    );
  }
  return writer.toBytes();
}

function buildPcapng(): Uint8Array {
  const writer = new PcapngWriter();
  for (let i = 0; i < 4; i++) writer.addEnhancedPacket(100 + i, buildUdpFrame({ src: '10.0.0.2', dst: '10.0.0.9', srcPort: 5000 + i, dstPort: 9999, payload: encodeText('hello') }));
  return writer.toBytes();
}

/**
 * Runs an import that must be refused and checks the one-line message and the untouched database. `earlier` are
 * good files given before the bad one, in the same command.
 */
function expectRefused(file: string, mentions: RegExp[], extra: string[] = [], named = file, earlier: string[] = []): void {
  const before = readDatabaseState(db);
  const result = run(['import', ...earlier, file, '--app', 'Bad', ...extra]);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines, result.stderr).toHaveLength(2);
  expect(lines[0]).toMatch(/^claimcheck: /);
  expect(lines[0]).toContain(named);
  for (const mention of mentions) expect(lines[0]).toMatch(mention);
  expect(readDatabaseState(db)).toEqual(before);
}

/** Runs an import that must succeed with exactly one warning line naming a byte offset. */
/** `thenWarned`: lines expected after the damage warning (a file left with no packets says so too). */
function expectWarned(file: string, mention: RegExp, thenWarned: string[] = []): void {
  const result = run(['import', file, '--app', 'Damaged']);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^${file.replace('.', '\\.')}: imported as capture #\\d+ .*1 warning\\)\\n$`));
  expect(result.stderr).toMatch(new RegExp(`^warning: ${file.replace('.', '\\.')}: byte \\d+: `));
  expect(result.stderr).toMatch(mention);
  expect(result.stderr.split('\n').slice(1)).toEqual([...thenWarned, '']);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'claimcheck-bad-captures-'));
  db = join(dir, 'claimcheck.db');
  const pcap = buildPcap();
  const pcapng = buildPcapng();
  const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const wrongMagic = pcap.slice();
  wrongMagic.set([0x12, 0x34, 0x56, 0x78], 0);
  writeFileSync(join(dir, 'wrong-magic.pcap'), wrongMagic);
  writeFileSync(join(dir, 'header-only-part.pcap'), pcap.subarray(0, 20));
  writeFileSync(join(dir, 'not-a-section.pcapng'), pcapng.subarray(28));
  const badBom = pcapng.slice();
  view(badBom).setUint32(8, 0xdeadbeef, true);
  writeFileSync(join(dir, 'bad-bom.pcapng'), badBom);
  writeFileSync(join(dir, 'not-json.har'), '{"log": {"entries": [{"request": ');
  writeFileSync(join(dir, 'bad-token.har'), '{"log": {\n  "version": "1.2",\n  "entries": x\n}}');
  writeFileSync(join(dir, 'missing-columns.log'), '#separator \\x09\n#path\tconn\n#fields\tts\tuid\tproto\n1.5\tCabc\ttcp\n');
  writeFileSync(join(dir, 'ids-bad.txt'), '# test account\nuser_id=8f3a2c71\nemail\n');

  // Recoverable: the record header of the third packet claims an absurd length; a pcapng cut mid-block;
  // a pcapng block whose length points past the end of the file.
  const absurd = pcap.slice();
  const third = 24 + 2 * (16 + (view(pcap).getUint32(24 + 8, true)));
  view(absurd).setUint32(third + 8, 0x7fffffff, true);
  writeFileSync(join(dir, 'absurd-record.pcap'), absurd);
  writeFileSync(join(dir, 'cut.pcapng'), pcapng.subarray(0, pcapng.length - 6));
  const pastEnd = pcapng.slice();
  view(pastEnd).setUint32(48 + 4, 0x00100000, true);
  writeFileSync(join(dir, 'past-end.pcapng'), pastEnd);
  writeFileSync(join(dir, 'good.pcap'), pcap);

  // A database with something in it, so "unchanged" means something.
  expect(run(['import', capturePath('zeek_wikipedia.pcap'), '--app', 'Base']).status).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claimcheck import on bad captures', () => {
  it.each([
    ['wrong-magic.pcap', [/byte offset 0/, /magic number 0x12345678/]],
    ['header-only-part.pcap', [/byte offset \d+/, /pcap file header/]],
    ['not-a-section.pcapng', [/byte offset 0/, /not a pcapng section header/], ['--format', 'pcapng']],
    ['bad-bom.pcapng', [/byte offset 8/, /byte-order magic/]],
    ['not-json.har', [/line 1: not valid JSON: the document ends early/]],
    ['bad-token.har', [/line 3, column 14: not valid JSON: unexpected "x"/]],
    ['missing-columns.log', [/line 3/, /id\.orig_h/, /conn log/]],
  ] as [string, RegExp[], string[]?][])('refuses %s in one line and leaves the database unchanged', (file, mentions, extra) => {
    expectRefused(file, mentions, extra ?? []);
  });

  it('refuses a bad file given after good ones in one line naming it, importing none of them', () => {
    // The line says the good files were not imported either (trial 9): all of them commit together or none does.
    expectRefused('wrong-magic.pcap', [/byte offset 0/, /magic number/, /none of the 3 files given was imported\)$/], [], 'wrong-magic.pcap', ['good.pcap', capturePath('ndpi_android.pcap')]);
  });

  it('refuses a malformed --identifiers file naming the file and line, before touching the database', () => {
    expectRefused('good.pcap', [/line 3/, /label=value/], ['--identifiers', 'ids-bad.txt'], 'ids-bad.txt');
  });

  it.each([
    ['absurd-record.pcap', /captured length 2147483647 exceeds the limit .*rest of file skipped/, []],
    ['cut.pcapng', /truncated block: its header claims \d+ bytes but the file ends \d+ bytes after its start/, []],
    // The damaged block is the first after the section header: nothing is left to read.
    ['past-end.pcapng', /truncated block: its header claims 1048576 bytes/, ['warning: no packets in past-end.pcapng']],
  ])('imports %s with one warning naming the byte offset', (file, mention, thenWarned) => {
    expectWarned(file, mention, thenWarned);
  });

  it('counts a HAR file in requests, not packets', () => {
    const result = run(['import', capturePath('pagexray_ferguson.har'), '--app', 'Web']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/: imported as capture #\d+ \(har, 174 requests, \d+ flows/);
  });

  it('reads a JSON --identifiers file (array of label/value objects or a label map) like the line format', async () => {
    writeFileSync(join(dir, 'ids.json'), '[{ "label": "user_a", "value": "user-001-abcdef" }, { "label": "user_b", "value": "user-003-abcdef" }]\n');
    writeFileSync(join(dir, 'ids-map.json'), '{ "user_a": "user-001-abcdef", "user_b": "user-003-abcdef" }');
    for (const file of ['ids.json', 'ids-map.json']) {
      const result = await runCliAsync(['inspect', '--json', 'good.pcap', '--identifiers', file], dir);
      expect(result.status, result.stderr).toBe(0);
      const summary = JSON.parse(result.stdout) as { identifierHits: { label: string; frame: number }[] };
      expect(summary.identifierHits.map((h) => [h.label, h.frame])).toEqual([
        ['user_a', 2],
        ['user_b', 4],
      ]);
    }
  });

  it.each([
    ['ids-broken.json', '[{ "label": "user_a", "value": ', /not valid JSON/],
    ['ids-number.json', '[{ "label": "user_a", "value": 12345678 }]', /entry 1: expected a label and a string value/],
    ['ids-short.json', '{ "user_a": "abc" }', /"user_a": expected a label and a string value of at least 4 characters/],
    ['ids-empty.json', '[]', /no identifiers in the file/],
    ['ids-comments.txt', '# test account\n# user_id=\n', /no identifiers in the file/],
  ])('refuses a bad or empty identifier file %s in one line naming it', async (file, text, mention) => {
    writeFileSync(join(dir, file), text);
    const result = await runCliAsync(['inspect', 'good.pcap', '--identifiers', file], dir);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(mention);
  });

  it('reads identifiers from --identifiers and --identifier together', () => {
    writeFileSync(join(dir, 'ids.txt'), '# test account\n\nuser_a = user-001-abcdef\r\n');
    const result = runCli(['inspect', '--json', 'good.pcap', '--identifiers', 'ids.txt', '--identifier', 'user_b=user-003-abcdef'], dir);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { identifierHits: { label: string; frame: number }[] };
    expect(summary.identifierHits.map((h) => [h.label, h.frame])).toEqual([
      ['user_a', 2],
      ['user_b', 4],
    ]);
  });
});
