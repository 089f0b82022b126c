/** Command-line wording found in the sixth new-user trial: counts, HAR lines, and captures whose clock jumps. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../src/model/capture-summary.js';
import { describeCaptureTimeGap } from '../../src/model/describe-capture-time-gap.js';
import { capturePath } from '../capture/support.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const SLOW = 300_000;
const tempDir = useTempDir();

/** Two plain and TLS requests and one entry without a URL (one import warning). */
function writeSmallHar(dir: string): string {
  const entry = (time: string, url: string | undefined, ip?: string) => ({
    startedDateTime: time,
    ...(ip !== undefined ? { serverIPAddress: ip } : {}),
    request: { method: 'GET', ...(url !== undefined ? { url } : {}), httpVersion: 'HTTP/1.1', headers: [] },
    response: {},
  });
  const file = join(dir, 'small.har');
  const entries = [
    entry('2025-02-15T10:00:00.000Z', 'http://sdk.agora.io/ping?uid=alice-4242', '103.98.134.10'),
    entry('2025-02-15T10:00:01.000Z', 'https://api.acmechat.example/v1/login?uid=alice-4242', '88.198.10.10'),
    entry('2025-02-15T10:00:02.000Z', undefined),
  ];
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries } }));
  return file;
}

const flowAt = (firstTime: number, lastTime: number): CaptureSummary['flows'][number] => ({ firstTime, lastTime }) as CaptureSummary['flows'][number];

describe('command-line counts and HAR lines', () => {
  it(
    'says "1 claim" and "1 warning", HTTP or HTTPS for a HAR flow, and HAR entries for identifier hits in a HAR',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'one.md'), '# Privacy Policy\n\nWe keep your personal data for 30 days.\n');
      const extracted = await runCliAsync(['extract', join(dir, 'one.md')]);
      expect(extracted.stderr).toMatch(/^1 claim from /);

      const har = writeSmallHar(dir);
      const inspected = await runCliAsync(['inspect', har, '--identifier', 'uid=alice-4242']);
      expect(inspected.status, inspected.stderr).toBe(0);
      const lines = inspected.stdout.split('\n');
      expect(lines[0]).toMatch(/: har, 3 requests, 2 flows, 0 DNS answers, .*, 1 warning$/);
      expect(lines).toContain('  HTTP → 103.98.134.10:80  1 request  none  sdk.agora.io');
      expect(lines).toContain('  HTTPS → 88.198.10.10:443  1 request  tls  api.acmechat.example');
      // The server and host the value went to (trial7 P3-19); a HAR records no client or transport.
      expect(lines).toContain('  identifier uid (raw) HAR entry 1 offset 29 PLAINTEXT  → 103.98.134.10:80 sdk.agora.io');
      expect(inspected.stdout).not.toMatch(/HTTP\(S\)|frame \d/);

      const imported = await runCliAsync(['--db', join(dir, 'cc.db'), 'import', har, '--app', 'S']);
      expect(imported.stdout).toMatch(/\(har, 3 requests, 2 flows, 0 DNS answers, 0 identifier hits, 1 warning\)\n$/);
    },
    SLOW,
  );

  it(
    'warns when a capture\u2019s record times jump by years (ndpi_viber.pcap), on inspect and import',
    async () => {
      const dir = tempDir();
      const viber = capturePath('ndpi_viber.pcap');
      const inspected = await runCliAsync(['inspect', viber]);
      expect(inspected.stderr).toMatch(/^warning: .*ndpi_viber\.pcap: record times jump 2 times: 1410 days, from 2018-05-24 to 2022-04-03; 768 days, from 2022-04-03 to 2024-05-10; with nothing between: a device clock was wrong or captures were joined/m);
      const imported = await runCliAsync(['--db', join(dir, 'cc.db'), 'import', viber, '--app', 'Viber']);
      expect(imported.status).toBe(0);
      expect(imported.stderr.split('\n').filter((l) => l.includes('record times jump'))).toHaveLength(1);
      const calm = await runCliAsync(['inspect', capturePath('ndpi_pinterest.pcap')]);
      expect(calm.stderr).not.toContain('record times jump');
    },
    SLOW,
  );

  it('measures the widest gap between flow times, and leaves joined pcapng sections to their own warning', () => {
    const day = 86400;
    const base = 1_527_120_000;
    expect(describeCaptureTimeGap('a.pcap', { flows: [flowAt(base, base + 60), flowAt(base + 29 * day, base + 29 * day)], warnings: [] })).toBeNull();
    expect(describeCaptureTimeGap('a.pcap', { flows: [flowAt(base, base + 60), flowAt(base + 60, base + 2000 * day)], warnings: [] })).toBe(
      'a.pcap: record times jump 2000 days, from 2018-05-24 to 2023-11-14 with nothing between: a device clock was wrong or captures were joined; check the dates (they choose the policy version an audit reads)',
    );
    const joined = [{ kind: 'warning', offset: 0, where: 'byte', message: '1 of 2 pcapng sections start more than 30 days away from the section before' }] as CaptureSummary['warnings'];
    expect(describeCaptureTimeGap('a.pcapng', { flows: [flowAt(base, base + 2000 * day)], warnings: joined })).toBeNull();
  });
});
