/**
 * Fetches that connect only to the address they checked: a fake resolver and a loopback server, no
 * network. Where a redirect must first reach an allowed server, the address table is a stand-in in
 * which 127.0.0.1 plays a public address and 127.0.0.2 a private one (both reach this machine).
 */
import type { LookupAddress } from 'node:dns';
import type { IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicySnapshot } from '../../src/policy/load-policy-snapshot.js';
import { createPinnedLookup, RefusedAddressError, type HostResolver, type ResolvedAddress } from '../../src/policy/pinned-lookup.js';
import { describeRefusedAddress } from '../../src/policy/private-address.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';

const POLICY = '<h1>Privacy</h1><p>We share data with Sentry for crash reports.</p>';

/** A resolver answering from a table, recording every question; an answer list is used in turn, the last one repeating. */
function fakeResolver(answers: Record<string, ResolvedAddress[][]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolver = async (hostname: string): Promise<ResolvedAddress[]> => {
    const times = asked.filter((h) => h === hostname).length;
    asked.push(hostname);
    const list = answers[hostname];
    const answer = list?.[Math.min(times, list.length - 1)];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answer;
  };
  return Object.assign(resolver, { asked });
}

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });

/** 127.0.0.2 stands for a private address, 127.0.0.1 for a public one; everything else as in the real table. */
const standInTable = (address: string): string | null => (address === '127.0.0.1' ? null : address === '127.0.0.2' ? 'stand-in private address' : describeRefusedAddress(address));

function lookupOnce(resolver: HostResolver, options: { all?: boolean; family?: number }, check = describeRefusedAddress): Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve) => {
    createPinnedLookup(resolver, check)('list.test', options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe('createPinnedLookup', () => {
  it('hands the connection exactly the addresses it resolved and checked, asking once', async () => {
    const resolver = fakeResolver({ 'list.test': [[v6('2606:4700::6810:84e5'), v4('104.16.132.229')]] });
    expect(await lookupOnce(resolver, { all: true })).toEqual({
      error: null,
      address: [
        { address: '2606:4700::6810:84e5', family: 6 },
        { address: '104.16.132.229', family: 4 },
      ],
      family: undefined,
    });
    expect(await lookupOnce(resolver, { family: 4 })).toEqual({ error: null, address: '104.16.132.229', family: 4 });
    expect(resolver.asked).toEqual(['list.test', 'list.test']);
  });

  it('refuses the host when any address of the answer is refused, even after a public one', async () => {
    const resolver = fakeResolver({ 'list.test': [[v4('104.16.132.229'), v4('100.64.12.7')]] });
    const { error } = await lookupOnce(resolver, { all: true });
    expect(error).toBeInstanceOf(RefusedAddressError);
    expect(error?.message).toBe('list.test is 100.64.12.7, carrier-grade NAT shared address space (100.64.0.0/10)');
  });

  it('passes resolver failures and answers without the wanted family on as lookup errors', async () => {
    expect((await lookupOnce(fakeResolver({}), { all: true })).error?.message).toMatch(/ENOTFOUND list\.test/);
    expect((await lookupOnce(fakeResolver({ 'list.test': [[v4('104.16.132.229')]] }), { family: 6 })).error?.message).toMatch(/ENOTFOUND/);
  });
});

describe('loadPolicySnapshot connects only to checked addresses', () => {
  let server: LoopbackServer;
  let port = '';
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = await startLoopbackServer((request, response) => {
      const url = request.url ?? '/';
      seen.push({ url, headers: request.headers });
      if (url === '/policy') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(POLICY);
      } else if (url === '/to-inside') {
        response.writeHead(302, { location: `http://inside.test:${port}/policy` });
        response.end();
      } else if (url === '/again') {
        response.writeHead(302, { location: '/policy' });
        response.end();
      } else if (url === '/gzip') {
        response.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        response.end(gzipSync(POLICY));
      } else if (url === '/bomb') {
        // 61 bytes on the wire, a megabyte once decoded.
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        response.end(gzipSync('x'.repeat(1024 * 1024)));
      } else if (url === '/compress') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'compress' });
        response.end('whatever');
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    port = new URL(server.base).port;
  });
  afterAll(() => server.close());

  it('connects to the address the resolver gave, asking once per hop (no second lookup to rebind)', async () => {
    seen.length = 0;
    const resolver = fakeResolver({ 'policy.test': [[v4('127.0.0.1')], [v4('127.0.0.2')]] });
    const snapshot = await loadPolicySnapshot(`http://policy.test:${port}/policy`, { resolveHost: resolver, refusePrivateAddresses: true, checkAddress: standInTable });
    expect(new TextDecoder().decode(snapshot.bytes)).toBe(POLICY);
    expect(snapshot.serverAddress).toBe('127.0.0.1');
    expect(resolver.asked).toEqual(['policy.test']);
    expect(seen.map((s) => [s.url, s.headers.host])).toEqual([['/policy', `policy.test:${port}`]]);
  });

  it('checks the address of every redirect hop as it connects: a name that rebinds to a private address between hops is refused', async () => {
    seen.length = 0;
    const resolver = fakeResolver({ 'flip.test': [[v4('127.0.0.1')], [v4('127.0.0.2')]] });
    await expect(loadPolicySnapshot(`http://flip.test:${port}/again`, { resolveHost: resolver, refusePrivateAddresses: true, checkAddress: standInTable })).rejects.toThrow(
      `http://flip.test:${port}/again: refusing to connect to a private or local address: flip.test is 127.0.0.2, stand-in private address`,
    );
    expect(resolver.asked).toEqual(['flip.test', 'flip.test']);
    expect(seen.map((s) => s.url)).toEqual(['/again']);
  });

  it('refuses a redirect to another host on a private address before connecting to it', async () => {
    seen.length = 0;
    const resolver = fakeResolver({ 'public.test': [[v4('127.0.0.1')]], 'inside.test': [[v4('127.0.0.2')]] });
    await expect(loadPolicySnapshot(`http://public.test:${port}/to-inside`, { resolveHost: resolver, refusePrivateAddresses: true, checkAddress: standInTable })).rejects.toThrow(
      /refusing to connect to a private or local address: inside\.test is 127\.0\.0\.2/,
    );
    expect(seen.map((s) => s.url)).toEqual(['/to-inside']);
  });

  it.each([
    ['a name resolving to loopback', () => `http://list.test:${port}/policy`, /list\.test is 127\.0\.0\.1, loopback \(127\.0\.0\.0\/8\)/],
    ['a name with one private address among public ones', () => `http://mixed.test:${port}/policy`, /mixed\.test is 10\.0\.0\.7, private network/],
    ['a carrier-grade NAT address', () => `http://100.64.0.1:${port}/policy`, /: 100\.64\.0\.1 is carrier-grade NAT shared address space \(100\.64\.0\.0\/10\)/],
    ['0.0.0.0, which reaches this machine', () => `http://0.0.0.0:${port}/policy`, /"this network"/],
    ['loopback written as one decimal number', () => `http://2130706433:${port}/policy`, /127\.0\.0\.1 is loopback/],
    ['loopback written in hexadecimal', () => `http://0x7f.1:${port}/policy`, /127\.0\.0\.1 is loopback/],
    ['an IPv4-mapped loopback address', () => `http://[::ffff:127.0.0.1]:${port}/policy`, /loopback \(127\.0\.0\.0\/8\)/],
    ['a NAT64 address of the cloud metadata service', () => 'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', /link-local \(cloud metadata\)/],
  ])('with the real address table, refuses %s before connecting', async (_, url, message) => {
    seen.length = 0;
    const resolver = fakeResolver({ 'list.test': [[v4('127.0.0.1')]], 'mixed.test': [[v4('104.16.132.229'), v4('10.0.0.7')]] });
    await expect(loadPolicySnapshot(url(), { resolveHost: resolver, refusePrivateAddresses: true, timeoutMs: 2000 })).rejects.toThrow(message);
    expect(seen).toEqual([]);
  });

  it('undoes gzip, and counts the size limit on the decoded bytes', async () => {
    const snapshot = await loadPolicySnapshot(`${server.base}/gzip`);
    expect(new TextDecoder().decode(snapshot.bytes)).toBe(POLICY);
    await expect(loadPolicySnapshot(`${server.base}/bomb`, { maxBytes: 100_000 })).rejects.toThrow(`${server.base}/bomb: response is over the limit of 100000 bytes`);
    await expect(loadPolicySnapshot(`${server.base}/compress`)).rejects.toThrow(`${server.base}/compress: unsupported content encoding "compress"`);
  });
});
