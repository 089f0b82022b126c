/**
 * `import` keeps what `inspect` shows: DNS questions, heuristic identifier hits (apart from user-supplied ones, and
 * marked heuristic), and the end frame of a hit spanning TCP segments; and a multi-file import is all or nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/model/errors.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { listCaptures, listIdentifierSearches, loadDnsQueries, loadHeuristicHits, loadIdentifierHits } from '../../src/store/capture-repository.js';
import { countRows } from '../../src/store/check-database.js';
import { openDatabase, type StoreDatabase } from '../../src/store/open-database.js';
import { findAppId } from '../../src/store/app-repository.js';
import { importCaptures } from '../../src/workflow/import-capture.js';
import { buildTcpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { capturePath } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'claimcheck-import-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = (): Date => new Date('2026-11-23T00:00:00Z');
const secret = { label: 'user_id', value: 'u-7c1e55d0-segmented' };
let databases = 0;

function freshDatabase(): StoreDatabase {
  databases += 1;
  return openDatabase(join(dir, `store-${databases}.db`));
}

/** A plain HTTP request whose query carries `secret`, cut by TCP segmentation in the middle of the value. */
function writeSplitRequest(): string {
  const request = `GET /collect?uid=${secret.value}&v=2 HTTP/1.1\r\nHost: metrics.example.net\r\n\r\n`;
  const cut = request.indexOf(secret.value) + 7;
  const endpoints = { src: '10.0.0.5', dst: '203.0.113.80', srcPort: 51000, dstPort: 80 };
  const writer = new PcapWriter();
  writer.addFrame(1700000000, buildTcpFrame({ ...endpoints, seq: 100, flags: TCP_FLAGS.SYN }));
  writer.addFrame(1700000000.1, buildTcpFrame({ ...endpoints, seq: 101, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, payload: encodeText(request.slice(0, cut)) }));
  writer.addFrame(1700000000.2, buildTcpFrame({ ...endpoints, seq: 101 + cut, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, payload: encodeText(request.slice(cut)) }));
  const file = join(dir, 'split-request.pcap');
  writeFileSync(file, writer.toBytes());
  return file;
}

describe('import stores what inspect shows', () => {
  it('keeps DNS questions, heuristic hits apart and marked, and the end frame of a segmented hit', async () => {
    const pcap = capturePath('ndpi_android.pcap');
    const har = capturePath('pagexray_ferguson.har');
    const split = writeSplitRequest();
    const db = freshDatabase();
    const outcomes = await importCaptures(db, [pcap, har, split], { appName: 'Android', identifiers: [secret], now });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    const captureIds = outcomes.map((o) => o.captureId);

    const expected = await Promise.all([pcap, har, split].map((file) => summarizeCapture(file, { identifiers: [secret] })));
    const android = expected[0]!;
    const ferguson = expected[1]!;
    expect(android.dnsQueries?.length).toBeGreaterThan(0);
    expect(loadDnsQueries(db, [captureIds[0]!])).toEqual(android.dnsQueries?.map((q) => ({ ...q, captureId: captureIds[0] })));

    expect(ferguson.heuristicHits?.length).toBeGreaterThan(0);
    const heuristic = loadHeuristicHits(db, [captureIds[1]!]);
    // Loaded in frame and offset order; the summary lists them as found (URL, headers, body of each entry).
    const inLoadOrder = [...(ferguson.heuristicHits ?? [])].sort((a, b) => a.frame - b.frame || a.offset - b.offset);
    expect(heuristic).toEqual(inLoadOrder.map((h) => ({ ...h, captureId: captureIds[1] })));
    expect(heuristic.every((h) => h.heuristic === true)).toBe(true);
    // Nothing that reads the user's identifier hits sees a guess.
    expect(loadIdentifierHits(db, captureIds).some((h) => h.heuristic === true)).toBe(false);

    const [hit, ...others] = loadIdentifierHits(db, [captureIds[2]!]);
    expect(others.filter((h) => h.encoding === 'raw')).toEqual([]);
    expect(hit).toMatchObject({ label: 'user_id', encoding: 'raw', frame: 2, endFrame: 3, encrypted: false });
    expect(expected[2]!.identifierHits[0]).toMatchObject({ frame: 2, endFrame: 3 });
    db.close();
  });
});

describe('a multi-file import is one transaction', () => {
  it('imports nothing when one file among several is bad, naming that file', async () => {
    const bad = join(dir, 'not-a-capture.pcap');
    writeFileSync(bad, 'this is a text file, not a packet capture\n');
    const db = freshDatabase();
    const before = countRows(db);
    const files = [capturePath('ndpi_android.pcap'), capturePath('zeek_wikipedia.pcap'), bad, capturePath('ndpi_viber.pcap')];
    const failure = await importCaptures(db, files, { appName: 'Mixed', identifiers: [], now }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect(String((failure as Error).message)).toContain('not-a-capture.pcap');
    expect(db.inTransaction).toBe(false);
    expect(countRows(db)).toEqual(before);
    expect(findAppId(db, 'Mixed')).toBeNull();
    db.close();
  });

  it('stores a file given twice once, the second time saying it is already imported', async () => {
    const db = freshDatabase();
    const file = capturePath('zeek_wikipedia.pcap');
    const outcomes = await importCaptures(db, [file, file], { appName: 'Twice', identifiers: [], now });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'already-imported']);
    expect(outcomes[1]?.captureId).toBe(outcomes[0]?.captureId);
    expect(listCaptures(db, findAppId(db, 'Twice') ?? -1)).toHaveLength(1);
    db.close();
  });
});

describe('importing a stored capture again with identifiers', () => {
  it('searches it for the identifiers it was not searched for, stores their hits once, and says so', async () => {
    const file = writeSplitRequest();
    const other = { label: 'host_tag', value: 'metrics.example.net' };
    const db = freshDatabase();
    const [first] = await importCaptures(db, [file], { appName: 'Again', identifiers: [], now });
    expect(first?.status).toBe('imported');
    const captureId = first!.captureId;
    expect(loadIdentifierHits(db, [captureId])).toEqual([]);
    expect(listIdentifierSearches(db, captureId)).toEqual([]);

    const [second] = await importCaptures(db, [file], { appName: 'Again', identifiers: [secret], now });
    expect(second).toMatchObject({ status: 'searched-again', captureId, identifiers: [secret] });
    // The same hits as an import that had the identifier from the start.
    const fresh = freshDatabase();
    const [reference] = await importCaptures(fresh, [file], { appName: 'Again', identifiers: [secret], now });
    const strip = (hits: ReturnType<typeof loadIdentifierHits>): unknown[] => hits.map(({ captureId: _id, ...rest }) => rest);
    expect(strip(loadIdentifierHits(db, [captureId]))).toEqual(strip(loadIdentifierHits(fresh, [reference!.captureId])));
    expect(second).toMatchObject({ hits: loadIdentifierHits(db, [captureId]).length });
    expect(listIdentifierSearches(db, captureId)).toEqual([secret]);
    fresh.close();

    // Only the new one of two identifiers is searched; a repeat changes nothing.
    const hitsBefore = loadIdentifierHits(db, [captureId]).length;
    const [third] = await importCaptures(db, [file], { appName: 'Again', identifiers: [secret, other], now });
    expect(third).toMatchObject({ status: 'searched-again', identifiers: [other] });
    expect(loadIdentifierHits(db, [captureId]).filter((h) => h.label === 'user_id')).toHaveLength(hitsBefore);
    expect(loadIdentifierHits(db, [captureId]).some((h) => h.label === 'host_tag')).toBe(true);
    const [fourth] = await importCaptures(db, [file, file], { appName: 'Again', identifiers: [secret, other], now });
    expect(fourth?.status).toBe('already-imported');
    expect(listCaptures(db, findAppId(db, 'Again') ?? -1)).toHaveLength(1);
    db.close();
  });

  it('a file given twice with identifiers is imported once with its hits stored once', async () => {
    const db = freshDatabase();
    const file = writeSplitRequest();
    const outcomes = await importCaptures(db, [file, file], { appName: 'TwiceIds', identifiers: [secret], now });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'already-imported']);
    const fresh = freshDatabase();
    const [reference] = await importCaptures(fresh, [file], { appName: 'TwiceIds', identifiers: [secret], now });
    expect(loadIdentifierHits(db, [outcomes[0]!.captureId])).toHaveLength(loadIdentifierHits(fresh, [reference!.captureId]).length);
    fresh.close();
    db.close();
  });
});
