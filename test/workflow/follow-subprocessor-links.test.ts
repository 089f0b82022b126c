import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import type { PolicySnapshot } from '../../src/model/policy.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { followSubprocessorLinks } from '../../src/workflow/follow-subprocessor-links.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { analysePolicy } from '../../src/workflow/add-policy.js';

const organisations = EntityCatalog.loadDefault().organisationNames();
const FIXTURES = join('test', 'fixtures', 'policies', 'subprocessors');
const POLICY = readFileSync(join(FIXTURES, 'privacy.html'), 'utf8');
const LIST = readFileSync(join(FIXTURES, 'subprocessors.html'), 'utf8');
/** A policy whose sub-processor table is on the page itself, linked to by another URL of the same page. */
const SELF_LINKING_POLICY = LIST.replace('</h1>', '</h1><p>See the <a href="/self?lang=en#subprocessors">list of our sub-processors</a> below.</p>');
const now = (): Date => new Date('2026-11-01T00:00:00Z');

let server: LoopbackServer;
let requests: string[] = [];

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    requests.push(request.url ?? '/');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url?.startsWith('/self') ? SELF_LINKING_POLICY : LIST);
  });
});

afterAll(() => server.close());

/** The fixture policy as if fetched from `source`, its list link replaced by `href`; nothing is fetched. */
function policyAt(source: string, href: string): { snapshot: PolicySnapshot; extracted: ReturnType<typeof extractPolicyText> } {
  const bytes = new TextEncoder().encode(POLICY.replace('href="subprocessors.html"', `href="${href}"`));
  const snapshot: PolicySnapshot = { source, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), fetchedAt: now().toISOString(), format: 'html' };
  return { snapshot, extracted: extractPolicyText(snapshot) };
}

describe('followSubprocessorLinks and private addresses', () => {
  it.each([
    ['a loopback address', (port: string) => `http://127.0.0.1:${port}/subprocessors.html`, /127\.0\.0\.1/],
    ['a host name resolving to loopback', (port: string) => `http://localhost:${port}/subprocessors.html`, /localhost/],
    ['an IPv6 loopback address', (port: string) => `http://[::1]:${port}/subprocessors.html`, /::1/],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254/],
    ['a private network address', () => 'http://10.0.0.5/subprocessors.html', /10\.0\.0\.5/],
    ['a carrier-grade NAT address', () => 'http://100.64.0.5/subprocessors.html', /100\.64\.0\.5 is carrier-grade NAT/],
    ['an IPv4-mapped IPv6 loopback address', (port: string) => `http://[::ffff:7f00:1]:${port}/subprocessors.html`, /loopback/],
  ])('refuses a link of a policy on a public address to %s, before connecting', async (_, link, address) => {
    requests = [];
    const port = new URL(server.base).port;
    const href = link(port);
    const policy = policyAt('https://203.0.113.10/legal/privacy.html', href);
    const run = followSubprocessorLinks(policy, { organisations, now, load: { timeoutMs: 2000 } });
    await expect(run).rejects.toThrow(/refusing to connect to a private or local address/);
    await expect(run).rejects.toThrow(address);
    await expect(run).rejects.toThrow(`(sub-processor list linked from https://203.0.113.10/legal/privacy.html)`);
    expect(requests).toEqual([]);
  });

  it('follows a loopback link of a policy that is itself on a loopback address (tests, intranets)', async () => {
    const policy = policyAt(`${server.base}/legal/privacy.html`, `${server.base}/subprocessors.html`);
    const { pages } = await followSubprocessorLinks(policy, { organisations, now });
    expect(pages.map((p) => [p.target, p.claims.length > 0])).toEqual([[`${server.base}/subprocessors.html`, true]]);
  });
});

describe('followSubprocessorLinks judges the policy by the address it was fetched from', () => {
  /** The fixture policy as fetched from `serverAddress` under a name; its link goes to the same name. */
  function fetchedPolicy(serverAddress: string): { snapshot: PolicySnapshot; extracted: ReturnType<typeof extractPolicyText> } {
    const port = new URL(server.base).port;
    const policy = policyAt(`http://intranet.test:${port}/legal/privacy.html`, `http://intranet.test:${port}/subprocessors.html`);
    return { ...policy, snapshot: { ...policy.snapshot, serverAddress } };
  }
  const resolveHost = async (): Promise<{ address: string; family: 4 }[]> => [{ address: '127.0.0.1', family: 4 }];

  it('follows links within the private network a policy really came from', async () => {
    const { pages } = await followSubprocessorLinks(fetchedPolicy('127.0.0.1'), { organisations, now, load: { resolveHost } });
    expect(pages).toHaveLength(1);
  });

  it('refuses them when the policy came from a public address, whatever its name resolves to now', async () => {
    requests = [];
    const run = followSubprocessorLinks(fetchedPolicy('104.16.132.229'), { organisations, now, load: { resolveHost } });
    await expect(run).rejects.toThrow(/refusing to connect to a private or local address: intranet\.test is 127\.0\.0\.1, loopback/);
    expect(requests).toEqual([]);
  });
});

describe('followSubprocessorLinks and a list on the policy page itself', () => {
  it('skips a link to the same bytes as the policy with a note that the list is inline', async () => {
    const bytes = new TextEncoder().encode(SELF_LINKING_POLICY);
    const snapshot: PolicySnapshot = { source: `${server.base}/self`, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), fetchedAt: now().toISOString(), format: 'html' };
    const { pages, warnings } = await followSubprocessorLinks({ snapshot, extracted: extractPolicyText(snapshot) }, { organisations, now });
    expect(pages).toEqual([]);
    expect(warnings).toEqual([`${server.base}/self?lang=en: the same bytes as the policy (its sub-processor list is inline), not stored again`]);
  });
});

describe('followSubprocessorLinks and a "here" link judged by its sentence', () => {
  const tempDir = useTempDir();

  it('warns, not refuses, when such a link leads to a page without a list; a link named for the list still refuses', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'privacy.html'), '<h1>Privacy</h1><p>We share data with service providers. A list of our vendors is <a href="partners.html">here</a>.</p>');
    writeFileSync(join(dir, 'partners.html'), '<h1>Partners</h1><p>We are proud of our partners.</p>');
    const policy = await analysePolicy(join(dir, 'privacy.html'), { organisations, now });
    const { pages, warnings } = await followSubprocessorLinks(policy, { organisations, now });
    expect(pages).toEqual([]);
    expect(warnings).toEqual([`${join(dir, 'partners.html')}: no sub-processor table or list found on the page linked from ${join(dir, 'privacy.html')}; the link only sat in a sentence about a list, so it was skipped`]);

    writeFileSync(join(dir, 'privacy.html'), '<h1>Privacy</h1><p>See the <a href="partners.html">list of our vendors</a>.</p>');
    const named = await analysePolicy(join(dir, 'privacy.html'), { organisations, now });
    await expect(followSubprocessorLinks(named, { organisations, now })).rejects.toThrow(/no sub-processor table or list found on the page/);
  });
});

describe('followSubprocessorLinks and links discovered in a local policy file', () => {
  const tempDir = useTempDir();
  /** Every name resolves to `address`; nothing asks a real DNS server. */
  const resolvingTo = (address: string, family: 4 | 6) => async (): Promise<{ address: string; family: 4 | 6 }[]> => [{ address, family }];

  it.each([
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', resolvingTo('93.184.215.14', 4), /169\.254\.169\.254 is link-local \(cloud metadata\)/],
    ['a name resolving to cloud metadata', () => 'http://lists.example/subprocessors', resolvingTo('169.254.169.254', 4), /lists\.example is 169\.254\.169\.254, link-local/],
    ['a name resolving to IPv4-compatible loopback', (port: string) => `http://lists.example:${port}/subprocessors.html`, resolvingTo('::7f00:1', 6), /loopback \(127\.0\.0\.0\/8\), as IPv4-compatible/],
    ['IPv4-compatible loopback written in the URL', (port: string) => `http://[::127.0.0.1]:${port}/subprocessors.html`, resolvingTo('93.184.215.14', 4), /as IPv4-compatible/],
    ['our loopback test server', (port: string) => `http://127.0.0.1:${port}/subprocessors.html`, resolvingTo('93.184.215.14', 4), /127\.0\.0\.1 is loopback/],
  ])('refuses a link to %s found in a policy saved as a file, before connecting', async (_, link, resolveHost, reason) => {
    requests = [];
    const dir = tempDir();
    const file = join(dir, 'privacy.html');
    writeFileSync(file, POLICY.replace('href="subprocessors.html"', `href="${link(new URL(server.base).port)}"`));
    const policy = await analysePolicy(file, { organisations, now });
    const run = followSubprocessorLinks(policy, { organisations, now, load: { resolveHost, timeoutMs: 2000 } });
    await expect(run).rejects.toThrow(/refusing to connect to a private or local address/);
    await expect(run).rejects.toThrow(reason);
    await expect(run).rejects.toThrow(`(sub-processor list linked from ${file})`);
    expect(requests).toEqual([]);
  });

  it('still reads a list saved beside the file, and a list on the local network the user names with --subprocessor-list', async () => {
    const dir = tempDir();
    const file = join(dir, 'privacy.html');
    writeFileSync(file, POLICY);
    writeFileSync(join(dir, 'subprocessors.html'), LIST);
    const policy = await analysePolicy(file, { organisations, now });
    const beside = await followSubprocessorLinks(policy, { organisations, now });
    expect(beside.pages.map((p) => p.target)).toEqual([join(dir, 'subprocessors.html')]);

    requests = [];
    const given = `${server.base}/subprocessors.html`;
    const named = await followSubprocessorLinks(policy, { organisations, now, discover: false, given: [given] });
    expect(named.pages.map((p) => [p.target, p.claims.length > 0])).toEqual([[given, true]]);
    expect(requests).toEqual(['/subprocessors.html']);
  });
});

describe('followSubprocessorLinks and the company\'s own names', () => {
  const tempDir = useTempDir();

  it('reads the list with the names the policy\'s claims were read with: Google, discussed most by a small app, stays a sub-processor', async () => {
    const dir = tempDir();
    const google = Array.from({ length: 12 }, (_, i) => `<p>Feature ${i + 1} of the app uses a Google service, and Google receives your device identifier for it.</p>`).join('');
    writeFileSync(join(dir, 'privacy.html'), `<html><head><title>Privacy</title></head><body><h1>Privacy</h1><p>Pocket Recipes is an app for saving recipes.</p>${google}</body></html>`);
    writeFileSync(
      join(dir, 'list.html'),
      '<h1>Sub-processors</h1><table><tr><th>Sub-processor</th><th>Purpose</th><th>Location</th></tr>' +
        '<tr><td>Google LLC</td><td>Cloud hosting</td><td>United States</td></tr><tr><td>Twilio Inc.</td><td>SMS codes</td><td>United States</td></tr></table>',
    );
    const policy = await analysePolicy(join(dir, 'privacy.html'), { organisations, now });
    expect(policy.firstPartyNames).not.toContain('google');
    const followed = await followSubprocessorLinks(policy, { organisations, now, discover: false, given: [join(dir, 'list.html')] });
    // Before: the list was read with names detected without the catalog ("google", counted most), and Google LLC's row was dropped as the company's own.
    expect(followed.pages[0]?.claims.filter((c) => c.kind === 'processor').map((c) => (c.kind === 'processor' ? c.name : ''))).toEqual(['Google LLC', 'Twilio Inc.']);
    const { firstPartyNames: _, ...withoutNames } = policy;
    const again = await followSubprocessorLinks(withoutNames, { organisations, now, discover: false, given: [join(dir, 'list.html')] });
    expect(again.pages[0]?.claims.filter((c) => c.kind === 'processor')).toHaveLength(2);
  });
});

describe('analysePolicy and the app\'s domains', () => {
  const tempDir = useTempDir();

  it('takes the catalogued company that operates an app domain for the operator, and only then (a Bing and MSN statement)', async () => {
    const file = join(tempDir(), 'privacy.html');
    const microsoft = Array.from({ length: 11 }, (_, i) => `<p>Microsoft uses feature ${i + 1} data to run the search service.</p>`).join('');
    writeFileSync(file, `<html><body><h1>Bing and MSN Privacy Statement</h1>${microsoft}<p>We may share search queries with Microsoft and with advertisers.</p></body></html>`);
    const recipients = (policy: Awaited<ReturnType<typeof analysePolicy>>): string[] => policy.claims.flatMap((c) => (c.kind === 'processor' && c.processorType === 'named' ? [c.name] : []));
    const asMsn = await analysePolicy(file, { organisations, now, appDomains: ['msn.com'] });
    expect(asMsn.firstPartyNames).toContain('microsoft');
    expect(recipients(asMsn)).not.toContain('Microsoft');
    const unknown = await analysePolicy(file, { organisations, now });
    expect(unknown.firstPartyNames).not.toContain('microsoft');
    expect(recipients(unknown)).toContain('Microsoft');
  });
});
