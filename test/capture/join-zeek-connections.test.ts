/**
 * Zeek logs of one connection (conn, ssl, quic, http) are one flow: conn.log's packet and byte counts with the
 * names and requests the other logs recorded under the same uid. Checked against the import of the pcap the
 * fixture logs describe (test/fixtures/zeek/README.md).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowSummary } from '../../src/model/capture-summary.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { indexZeekConnections } from '../../src/capture/index-zeek-connections.js';
import { joinZeekConnections } from '../../src/capture/join-zeek-connections.js';
import { listCaptures, loadFlows } from '../../src/store/capture-repository.js';
import { findAppId } from '../../src/store/app-repository.js';
import { openDatabase, type StoreDatabase } from '../../src/store/open-database.js';
import { importCaptures } from '../../src/workflow/import-capture.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { capturePath, writeTempFile } from './support.js';

const FIXTURES = resolve(process.cwd(), 'test/fixtures/zeek');
const tsvConn = join(FIXTURES, 'viber-conn.log');
const tsvSsl = join(FIXTURES, 'viber-ssl.log');
const jsonConn = join(FIXTURES, 'viber-conn.json.log');
const jsonSsl = join(FIXTURES, 'viber-ssl.json.log');
const now = (): Date => new Date('2026-11-23T00:00:00Z');
/** Zeek counts IP bytes; the pcap's frame lengths add an Ethernet header (14 bytes) to every packet. */
const ETHERNET_HEADER = 14;

const tempDir = useTempDir();

function freshDatabase(): StoreDatabase {
  return openDatabase(join(tempDir(), 'store.db'));
}

const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function importAll(files: string[], db = freshDatabase()): Promise<{ db: StoreDatabase; flows: FlowSummary[] }> {
  await importCaptures(db, files, { appName: 'Viber', identifiers: [], now });
  const appId = findAppId(db, 'Viber');
  if (appId === null) throw new Error('app not stored');
  return { db, flows: loadFlows(db, listCaptures(db, appId).map((capture) => capture.id)) };
}

/** The pcap's flow for one client port: what the Zeek records must add up to. */
async function pcapFlows(): Promise<Map<number, FlowSummary>> {
  const summary = await summarizeCapture(capturePath('ndpi_viber.pcap'));
  return new Map(summary.flows.filter((flow) => flow.clientPort === 43702 || flow.clientPort === 55746).map((flow) => [flow.clientPort, flow]));
}

function byClientPort(flows: FlowSummary[]): Map<number, FlowSummary> {
  return new Map(flows.map((flow) => [flow.clientPort, flow]));
}

describe('Zeek logs joined by connection id', () => {
  it.each([
    ['TSV', tsvConn, tsvSsl],
    ['JSON', jsonConn, jsonSsl],
  ])('imports a %s conn.log with its ssl.log as one flow per connection, with the counts of the pcap', async (_kind, conn, ssl) => {
    const { flows } = await importAll([conn, ssl]);
    const expected = await pcapFlows();
    expect(flows).toHaveLength(2);
    const joined = byClientPort(flows);
    for (const [port, sni] of [
      [43702, 'app-measurement.com'],
      [55746, 'venetia.iad.appboy.com'],
    ] as const) {
      const flow = joined.get(port);
      const fromPcap = expected.get(port);
      expect(flow, `flow from port ${port}`).toBeDefined();
      expect(fromPcap).toBeDefined();
      expect({ server: flow?.server, serverPort: flow?.serverPort, packets: flow?.packets }).toEqual({ server: fromPcap?.server, serverPort: fromPcap?.serverPort, packets: fromPcap?.packets });
      expect(flow?.bytes).toBe((fromPcap?.bytes ?? 0) - ETHERNET_HEADER * (fromPcap?.packets ?? 0));
      expect(flow?.payloadBytes).toBe(fromPcap?.payloadBytes);
      expect(flow?.lastTime).toBeCloseTo(fromPcap?.lastTime ?? 0, 5);
      expect(flow?.encryption).toBe('tls');
      // The name the pcap shows in its ClientHello, credited to the conn record (its line: 9 or 10 in TSV, 1 or 2 in JSON).
      expect(flow?.hostNames.map((name) => [name.host, name.source])).toEqual([[sni, 'tls-sni']]);
      expect(fromPcap?.hostNames.map((name) => name.host)).toContain(sni);
      expect(flow?.hostNames[0]?.frame).toBe(flow?.firstFrame);
      // ...and keeps the ssl record's own file and line.
      const sslLine = (jsonLines: boolean): number => (port === 43702 ? 1 : 2) + (jsonLines ? 0 : 8);
      expect(flow?.hostNames[0]?.origin).toEqual({ file: basename(ssl), line: sslLine(ssl === jsonSsl), sha256: sha256Of(ssl) });
    }
  });

  it('joins whatever order the logs are given in, and keeps the ssl log as a capture without flows of its own', async () => {
    const { db, flows } = await importAll([tsvSsl, tsvConn]);
    const captures = listCaptures(db, findAppId(db, 'Viber') ?? 0);
    expect(captures.map((capture) => capture.fileName)).toEqual(['viber-ssl.log', 'viber-conn.log']);
    expect(loadFlows(db, [captures[0]?.id ?? 0])).toEqual([]);
    expect(flows.map((flow) => [flow.clientPort, flow.packets, flow.hostNames.map((name) => name.host)])).toEqual([
      [43702, 27, ['app-measurement.com']],
      [55746, 19, ['venetia.iad.appboy.com']],
    ]);
  });

  it('reads an ssl.log without its conn.log as before: one flow per connection, named, without counts', async () => {
    const { flows } = await importAll([tsvSsl]);
    expect(flows.map((flow) => [flow.clientPort, flow.packets, flow.bytes, flow.hostNames.map((name) => name.host)])).toEqual([
      [43702, 0, 0, ['app-measurement.com']],
      [55746, 0, 0, ['venetia.iad.appboy.com']],
    ]);
  });

  it('does not move names onto a conn.log imported before (its flows are stored already)', async () => {
    const first = await importAll([tsvConn]);
    const { flows } = await importAll([tsvConn, tsvSsl], first.db);
    expect(flows).toHaveLength(4);
    expect(flows.filter((flow) => flow.hostNames.length > 0).map((flow) => flow.clientPort)).toEqual([43702, 55746]);
  });

  it('counts a lone conn.log by its orig_pkts and resp_pkts, and reads service=ssl as TLS', async () => {
    const summary = await summarizeCapture(tsvConn);
    const joined = joinZeekConnections(summary, await indexZeekConnections([tsvConn]));
    expect(joined.flows.map((flow) => [flow.clientPort, flow.packets, flow.bytes, flow.payloadBytes, flow.encryption])).toEqual([
      [43702, 27, 5129 + 3268, 4341 + 2636, 'tls'],
      [55746, 19, 1394 + 6113, 842 + 5637, 'tls'],
    ]);
  });

  it('joins conn, http and dns records of one JSON log stream, and an http.log in a file of its own', async () => {
    // One Zeek JSON stream with conn, dns and http records of a plain-HTTP fetch; the second request on the
    // connection sits in a separate http.log.
    const conn = { ts: 1300475168.853899, uid: 'CUM0KZ3MLUfNB0cl11', 'id.orig_h': '141.142.220.118', 'id.orig_p': 43927, 'id.resp_h': '208.80.152.2', 'id.resp_p': 80, proto: 'tcp', service: 'http', duration: 0.3, orig_bytes: 1130, resp_bytes: 4196, conn_state: 'SF', history: 'ShADadFf', orig_pkts: 7, orig_ip_bytes: 1502, resp_pkts: 6, resp_ip_bytes: 4516 };
    const dnsConn = { ts: 1300475167.096535, uid: 'CHhAvVGS1DHFjwGM9', 'id.orig_h': '141.142.220.118', 'id.orig_p': 48649, 'id.resp_h': '141.142.2.2', 'id.resp_p': 53, proto: 'udp', service: 'dns', duration: 0.000435, orig_bytes: 38, resp_bytes: 89, conn_state: 'SF', history: 'Dd', orig_pkts: 1, orig_ip_bytes: 66, resp_pkts: 1, resp_ip_bytes: 117 };
    const dns = { ts: 1300475167.096535, uid: 'CHhAvVGS1DHFjwGM9', 'id.orig_h': '141.142.220.118', 'id.orig_p': 48649, 'id.resp_h': '141.142.2.2', 'id.resp_p': 53, proto: 'udp', trans_id: 59114, query: 'meta.wikimedia.org', qtype_name: 'A', rcode_name: 'NOERROR', answers: ['208.80.152.2'], TTLs: [3600.0] };
    const http1 = { ts: 1300475168.854378, uid: 'CUM0KZ3MLUfNB0cl11', 'id.orig_h': '141.142.220.118', 'id.orig_p': 43927, 'id.resp_h': '208.80.152.2', 'id.resp_p': 80, trans_depth: 1, method: 'GET', host: 'meta.wikimedia.org', uri: '/images/wikimedia-button.png', user_agent: 'Mozilla/5.0', status_code: 200 };
    const http2 = { ...http1, ts: 1300475168.892913, trans_depth: 2, uri: '/images/poweredby_mediawiki_88x31.png' };
    const stream = writeTempFile('zeek.json.log', [dnsConn, conn, dns, http1].map((record) => JSON.stringify(record)).join('\n') + '\n');
    const httpLog = writeTempFile('http.log', JSON.stringify(http2) + '\n');
    const { flows } = await importAll([stream, httpLog]);
    expect(flows).toHaveLength(2);
    const web = flows.find((flow) => flow.serverPort === 80);
    expect(web).toMatchObject({ packets: 13, bytes: 1502 + 4516, payloadBytes: 1130 + 4196, encryption: 'none', firstFrame: 2 });
    expect(web?.httpRequests.map((request) => [request.frame, request.url, request.origin])).toEqual([
      [4, 'http://meta.wikimedia.org/images/wikimedia-button.png', undefined],
      [2, 'http://meta.wikimedia.org/images/poweredby_mediawiki_88x31.png', { file: basename(httpLog), line: 1, sha256: sha256Of(httpLog) }],
    ]);
    expect(web?.hostNames.map((name) => [name.host, name.source])).toEqual([
      ['meta.wikimedia.org', 'http-host'],
      ['meta.wikimedia.org', 'dns-answer'],
    ]);
    expect(flows.find((flow) => flow.serverPort === 53)).toMatchObject({ packets: 2, bytes: 66 + 117 });
  });
});
