/**
 * A capture joining several sessions or devices (ndpi_viber.pcap: 2018-05-24 from 192.168.0.17, 2022-04-03 from
 * 192.168.2.100, 2024-05-10 from 192.168.12.156 on a second interface) names every time jump and every local address
 * that opened connections, at import and in audit and report.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLocalClientAddresses } from '../../src/capture/find-local-clients.js';
import { describeCaptureTimeGap, findCaptureTimeJump, findCaptureTimeJumps } from '../../src/model/describe-capture-time-gap.js';
import type { FlowSummary } from '../../src/model/capture-summary.js';
import { runCli } from '../helpers/run-cli.js';
import { validateJsonSchema } from '../report/json-schema-subset.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { capturePath } from './support.js';
import { requireTshark } from './tshark-facts.js';

const tempDir = useTempDir();
const at = (iso: string): number => Date.parse(iso) / 1000;
const flowAt = (start: string, end = start) => ({ firstTime: at(start), lastTime: at(end) });

type Ends = Pick<FlowSummary, 'protocol' | 'client' | 'server' | 'clientToServer'>;
const sent = (payloadBytes: number) => ({ packets: 1, bytes: 60 + payloadBytes, payloadBytes });

describe('time jumps', () => {
  it('lists every jump of more than 30 days, in time order, and the widest is still one of them', () => {
    const flows = [flowAt('2018-05-24T10:00:00Z', '2018-05-24T10:05:00Z'), flowAt('2022-04-03T09:00:00Z'), flowAt('2022-04-03T09:10:00Z'), flowAt('2024-05-10T08:00:00Z')];
    expect(findCaptureTimeJumps(flows)).toEqual([
      { days: 1410, from: '2018-05-24', to: '2022-04-03' },
      { days: 768, from: '2022-04-03', to: '2024-05-10' },
    ]);
    expect(findCaptureTimeJump(flows)).toEqual({ days: 1410, from: '2018-05-24', to: '2022-04-03' });
    const warning = describeCaptureTimeGap('joined.pcap', { flows: flows.map((f) => ({ ...f }) as unknown as FlowSummary), warnings: [] });
    expect(warning).toBe(
      'joined.pcap: record times jump 2 times: 1410 days, from 2018-05-24 to 2022-04-03; 768 days, from 2022-04-03 to 2024-05-10; with nothing between: a device clock was wrong or captures were joined; check the dates (they choose the policy version an audit reads)',
    );
    expect(findCaptureTimeJumps([flowAt('2024-01-01T00:00:00Z'), flowAt('2024-01-20T00:00:00Z')])).toEqual([]);
  });
});

describe('local client addresses', () => {
  it('counts private addresses that sent data on a connection they opened, not silent ones, servers or LAN chatter', () => {
    const flows: Ends[] = [
      { protocol: 'tcp', client: '192.168.2.16', server: '216.58.1.1', clientToServer: sent(500) },
      // A server re-sending FINs to a device that has gone: that device opened nothing in the capture.
      { protocol: 'tcp', client: '192.168.2.17', server: '17.248.176.75', clientToServer: sent(0) },
      // A LAN device answering a connection is a server.
      { protocol: 'tcp', client: '192.168.2.30', server: '93.184.216.34', clientToServer: sent(10) },
      { protocol: 'tcp', client: '192.168.2.16', server: '192.168.2.30', clientToServer: sent(10) },
      // Another device's multicast chatter is not traffic to anyone.
      { protocol: 'udp', client: '192.168.2.40', server: '239.255.255.250', clientToServer: sent(100) },
      // A call or QUIC to a public server is.
      { protocol: 'udp', client: '192.168.12.156', server: '18.195.4.121', clientToServer: sent(900) },
      // Unknown split (flows of an older database) counts as sent on.
      { protocol: 'tcp', client: '10.0.0.5', server: '1.1.1.1' },
    ];
    expect(findLocalClientAddresses(flows)).toEqual(['10.0.0.5', '192.168.2.16', '192.168.12.156']);
  });

  it('warns at import and audit and in the report that ndpi_viber.pcap holds three sessions from three local addresses', () => {
    requireTshark();
    // tshark: each of the three addresses sends packets in the capture.
    const sources = new Set(spawnSync('tshark', ['-n', '-r', capturePath('ndpi_viber.pcap'), '-T', 'fields', '-e', 'ip.src'], { encoding: 'utf8' }).stdout.split('\n'));
    for (const address of ['192.168.0.17', '192.168.2.100', '192.168.12.156']) expect(sources.has(address), address).toBe(true);
    const dir = tempDir();
    const db = `${dir}/viber.db`;
    const policy = `${dir}/policy.md`;
    writeFileSync(policy, '# Privacy Policy\n\nWe share your personal information with service providers. Your data is stored in Germany.\n');
    expect(runCli(['--db', db, 'policy', 'add', policy, '--app', 'Viber']).status).toBe(0);
    const imported = runCli(['--db', db, 'import', capturePath('ndpi_viber.pcap'), '--app', 'Viber']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('record times jump 2 times: 1410 days, from 2018-05-24 to 2022-04-03; 768 days, from 2022-04-03 to 2024-05-10;');
    expect(imported.stderr).toContain('connections were opened from 3 local addresses (192.168.0.17, 192.168.2.100, 192.168.12.156)');
    const audited = runCli(['--db', db, 'audit', '--app', 'Viber']);
    expect(audited.stdout).toContain('note: ndpi_viber.pcap: record times jump 2 times (1,410 days, from 2018-05-24 to 2022-04-03; 768 days, from 2022-04-03 to 2024-05-10)');
    expect(audited.stdout).toContain('note: ndpi_viber.pcap: connections were opened from 3 local addresses');
    expect(runCli(['--db', db, 'report', '--app', 'Viber', '--out', `${dir}/out`]).status).toBe(0);
    const markdown = readFileSync(`${dir}/out/report.md`, 'utf8') as string;
    expect(markdown).toContain('- **Capture devices caveat:** ndpi\\_viber.pcap: connections were opened from 3 local addresses');
    expect(markdown).toContain('with jumps of 1,410 days (2018-05-24 to 2022-04-03) and 768 days (2022-04-03 to 2024-05-10): not one session');
    const json = JSON.parse(readFileSync(`${dir}/out/report.json`, 'utf8') as string) as { inputs: { captures: { timeJumps?: unknown[]; clientAddresses?: string[] }[] } };
    expect(json.inputs.captures[0]?.timeJumps).toHaveLength(2);
    expect(json.inputs.captures[0]?.clientAddresses).toEqual(['192.168.0.17', '192.168.2.100', '192.168.12.156']);
    const schema = JSON.parse(readFileSync('docs/report.schema.json', 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, json, { strict: true })).toEqual([]);
  }, 120_000);
});
