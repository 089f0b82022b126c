/**
 * `policy add --follow-subprocessors` end to end through the CLI: local files and a loopback HTTP
 * server only (no test touches the network).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.js';
import { readDatabaseState } from '../helpers/database-state.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { validateJsonSchema } from '../report/json-schema-subset.js';
import { runCliAsync, type CliRun } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const FIXTURES = join('test', 'fixtures', 'policies', 'subprocessors');
const POLICY = readFileSync(join(FIXTURES, 'privacy.html'), 'utf8');
const LIST = readFileSync(join(FIXTURES, 'subprocessors.html'), 'utf8');
const LIMIT = 5 * 1024 * 1024;
/** A browsing session: the app's own API and crash reports to Sentry, which only the linked list names. */
const SESSION_HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    entries: [
      { startedDateTime: '2026-11-01T10:00:00.000Z', serverIPAddress: '34.120.195.249', request: { method: 'POST', url: 'https://o450123.ingest.sentry.io/api/12/envelope/', headers: [] }, response: {} },
      { startedDateTime: '2026-11-01T10:00:01.000Z', serverIPAddress: '203.0.113.10', request: { method: 'GET', url: 'https://api.murmur.example/rooms', headers: [] }, response: {} },
    ],
  },
});
const HOSTILE_LIST = `<!DOCTYPE html><html><head><title>Sub-processors</title></head><body><h1>Sub-processors</h1>
<table><tr><th>Sub-processor</th><th>Purpose</th><th>Location</th></tr>
<tr><td>Evil &lt;script&gt;alert(1)&lt;/script&gt; Corp</td><td><img src=x onerror="alert(2)">Tracking &amp; <b onmouseover="alert(3)">profiling</b></td><td>United States</td></tr>
<tr><td>Functional Software, Inc.</td><td>Crash reports</td><td>United States</td></tr>
</table><script>alert(4)</script></body></html>`;
const PROSE_PAGE = '<html><body><h1>Our partners</h1><p>We work with a small number of trusted partners to run Murmur.</p></body></html>';

const tempDir = useTempDir();
let server: LoopbackServer;
let base = '';

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const url = request.url ?? '/';
    const html = (body: string): void => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    };
    if (url === '/privacy') {
      response.writeHead(301, { location: '/legal/privacy.html' });
      response.end();
    } else if (url === '/legal/privacy.html') html(POLICY);
    else if (url === '/legal/subprocessors.html') html(LIST);
    else if (url === '/hostile.html') html(HOSTILE_LIST);
    else if (url === '/prose.html') html(PROSE_PAGE);
    else if (url.startsWith('/linking?to=')) html(POLICY.replace('href="subprocessors.html"', `href="${decodeURIComponent(url.slice('/linking?to='.length))}"`));
    else if (url === '/file-link/privacy.html') html(POLICY.replace('href="subprocessors.html"', 'href="fi&#9;le:///etc/passwd"'));
    else if (url === '/list.pdf') {
      response.writeHead(200, { 'content-type': 'application/pdf' });
      response.end(Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Length 4 >>\nstream\n\u0000\u0001\u0002\u0003\nendstream\n', 'latin1'));
    }
    else if (url.startsWith('/hop/')) {
      // An endless chain of redirects, each to the next number.
      response.writeHead(302, { location: `/hop/${Number(url.slice(5)) + 1}` });
      response.end();
    } else if (url === '/huge.html') {
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': String(LIMIT + 1) });
      response.end('x'.repeat(LIMIT + 1));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  base = server.base;
});

afterAll(() => server.close());

/** A folder with the fixture policy linking to `href`, the fixture list beside it and the session capture. */
function writeCase(href = 'subprocessors.html'): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'privacy.html'), POLICY.replace('href="subprocessors.html"', `href="${href}"`));
  writeFileSync(join(dir, 'subprocessors.html'), LIST);
  writeFileSync(join(dir, 'session.har'), SESSION_HAR);
  return dir;
}

/**
 * The fixture policy served by the loopback server with its list link replaced by `href`: a policy on a loopback
 * address may link within it, while a policy file's discovered links may not reach a private address.
 */
function webPolicyLinkingTo(href: string): string {
  return `${base}/linking?to=${encodeURIComponent(href)}`;
}

async function cli(dir: string, ...args: string[]): Promise<CliRun> {
  return runCliAsync(['--db', 'claimcheck.db', ...args], dir);
}

async function auditAndReport(dir: string): Promise<ReportModel> {
  for (const args of [['import', 'session.har', '--app', 'Murmur'], ['audit', '--app', 'Murmur'], ['report', '--app', 'Murmur', '--out', 'out']]) {
    const run = await cli(dir, ...args);
    expect(run.status, run.stderr).toBe(0);
  }
  return JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as ReportModel;
}

describe('policy add --follow-subprocessors', () => {
  it('a processor named only on the linked list makes its traffic consistent, quoted from the list', async () => {
    const without = writeCase();
    expect((await cli(without, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--app-domain', 'murmur.example')).status).toBe(0);
    const before = await auditAndReport(without);
    expect(before.recipients.find((r) => r.entityId === 'sentry')?.label).not.toBe('consistent');
    expect(before.findings.some((f) => f.ruleId === 'undisclosed-recipient' && f.subject.includes('Sentry'))).toBe(true);

    const followed = writeCase();
    const add = await cli(followed, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--app-domain', 'murmur.example', '--follow-subprocessors');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/stored sub-processor list subprocessors\.html: snapshot #2, 6 sub-processors/);
    const after = await auditAndReport(followed);
    expect(after.recipients.find((r) => r.entityId === 'sentry')?.label).toBe('consistent');
    expect(after.findings.some((f) => f.ruleId === 'undisclosed-recipient')).toBe(false);

    // Every new field is in docs/report.schema.json (strict: nothing undocumented).
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, after, { strict: true })).toEqual([]);
    expect(after.inputs.policy?.linkedPages).toEqual([
      expect.objectContaining({ kind: 'subprocessor-list', source: 'subprocessors.html', claimCounts: { processor: 6, transfer: 8 } }),
    ]);
    const fromList = after.findings.flatMap((f) => f.policyEvidence).find((p) => p.quote.startsWith('Zendesk, Inc.'));
    expect(fromList).toMatchObject({
      source: 'subprocessors.html',
      snapshotSha256: after.inputs.policy?.linkedPages?.[0]?.sha256,
      document: { kind: 'subprocessor-list', linkedFrom: { source: 'privacy.html', sha256: after.inputs.policy?.sha256 } },
      sectionPath: ['Murmur Sub-processors', 'Service-specific sub-processors'],
    });
    expect(fromList?.context?.before).toContain('Twilio Inc. | Sending SMS verification codes');
    // Zendesk is not in the traffic: its row is quoted under the list's one claimed-not-observed finding.
    const markdown = readFileSync(join(followed, 'out', 'report.md'), 'utf8');
    expect(markdown).toMatch(/Each company not seen, with its entry in the sub-processor list subprocessors\.html \(snapshot `[0-9a-f]{64}`, linked from the policy privacy\.html\):/);
    expect(markdown).toContain('- **Zendesk, Inc.**, confidence low: “Zendesk, Inc. \\| Customer support tickets \\| United States” (section “Murmur Sub-processors › Service-specific sub-processors”, characters');
    expect(markdown).toContain('(`claimcheck policy add --subprocessor-list subprocessors.html`, `claimcheck import`)');
    const html = readFileSync(join(followed, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/companies not seen, each with its entry in the sub-processor list subprocessors\.html \(snapshot <code>[0-9a-f]{64}<\/code>, linked from the policy privacy\.html\)/);
  }, 60_000);

  it('a 60-row list gives one readable finding for the companies the traffic never reached, each with its row', async () => {
    // Sixty companies from the entity catalog, Sentry among them (its traffic is in the session).
    const entities = (JSON.parse(readFileSync(join('src', 'enrich', 'data', 'entities.json'), 'utf8')) as { id: string; name: string }[]).filter((e) => e.id !== 'sentry');
    const names = ['Functional Software, Inc. (Sentry)', ...entities.slice(0, 59).map((e) => e.name)];
    const rows = names.map((name, i) => `<tr><td>${name.replace(/&/g, '&amp;')}</td><td>Service ${i + 1}</td><td>United States</td></tr>`).join('\n');
    const dir = writeCase();
    writeFileSync(join(dir, 'subprocessors.html'), `<html><body><h1>Sub-processors</h1><table><tr><th>Sub-processor</th><th>Purpose</th><th>Location</th></tr>\n${rows}\n</table></body></html>`);
    const add = await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--app-domain', 'murmur.example', '--follow-subprocessors');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toContain('60 sub-processors');
    const report = await auditAndReport(dir);
    const notSeen = report.findings.filter((f) => f.ruleId === 'claimed-not-observed');
    expect(notSeen).toHaveLength(1);
    const [list] = notSeen;
    expect(list?.title).toBe('The linked sub-processor list names 60 companies; 59 of them were not seen in the traffic');
    expect(list?.explanation).toMatch(/\. \d{2} of them \(confidence medium below\) are services apps usually contact directly, so their absence says the most/);
    expect(list?.group?.listed).toBe(60);
    expect(list?.group?.entries.map((e) => e.nameInPolicy)).toEqual(names.slice(1));
    // JSON keeps every row with its provenance, and every entry points at its own.
    expect(list?.policyEvidence).toHaveLength(59);
    const evidenceIds = new Set(list?.policyEvidence.map((p) => p.claimId));
    expect(list?.group?.entries.every((e) => e.claimIds.length === 1 && evidenceIds.has(e.claimIds[0] ?? -1))).toBe(true);
    const schema = JSON.parse(readFileSync(join('docs', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validateJsonSchema(schema, report, { strict: true })).toEqual([]);
    // Markdown lists each company once, under the finding; HTML folds the long list.
    const markdown = readFileSync(join(dir, 'out', 'report.md'), 'utf8');
    expect(markdown.split('\n').filter((line) => /^- \*\*.+\*\*(?: \(.+\))?, confidence (low|medium): “/.test(line))).toHaveLength(59);
    expect(markdown).toContain('; and 49 more, all listed with their entries below.');
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<details class="entries"><summary>59 companies not seen, each with its entry in the sub-processor list subprocessors.html');
  }, 60_000);

  it('a company outside the entity catalog, named on the list by its legal name, is a disclosed recipient of its traffic', async () => {
    const dir = writeCase();
    writeFileSync(
      join(dir, 'subprocessors.html'),
      LIST.replace('<tr><td>Zendesk, Inc.</td>', '<tr><td>Acme Helpdesk, Inc.</td><td>In-app support chat</td><td>United States</td></tr>\n    <tr><td>Zendesk, Inc.</td>'),
    );
    const har = JSON.parse(SESSION_HAR) as { log: { entries: unknown[] } };
    har.log.entries.push({ startedDateTime: '2026-11-01T10:00:02.000Z', serverIPAddress: '198.51.100.20', request: { method: 'POST', url: 'https://murmur.acmehelpdesk.com/api/v2/messages', headers: [] }, response: {} });
    writeFileSync(join(dir, 'session.har'), JSON.stringify(har));
    const add = await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--app-domain', 'murmur.example', '--follow-subprocessors');
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/stored sub-processor list subprocessors\.html: snapshot #2, 7 sub-processors/);
    const report = await auditAndReport(dir);
    const acme = report.recipients.find((r) => r.hosts.includes('murmur.acmehelpdesk.com'));
    expect(acme?.relation).toBe('recipient');
    expect(acme?.label).toBe('consistent');
    expect(report.findings.filter((f) => f.ruleId === 'undisclosed-recipient').map((f) => f.subject)).toEqual([]);
  }, 60_000);

  it('adding the same policy twice stores nothing new but when it was read again', async () => {
    const dir = writeCase();
    expect((await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--follow-subprocessors')).status).toBe(0);
    const state = readDatabaseState(join(dir, 'claimcheck.db'));
    const again = await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--follow-subprocessors');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('(snapshot #1, same sha256): seen again on ');
    expect(again.stdout).toContain('is already stored (snapshot #2, same sha256); nothing changed');
    // One sighting more (the policy read again, decision 0010); the list has none of its own.
    expect(readDatabaseState(join(dir, 'claimcheck.db'))).toEqual({ ...state, counts: { ...state.counts, policy_sightings: (state.counts.policy_sightings ?? 0) + 1 } });
    expect(state.counts).toMatchObject({ policy_snapshots: 2, policy_links: 1, policy_sightings: 1 });
  });

  it('ties a list found later to a policy stored before without it', async () => {
    const dir = writeCase();
    expect((await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur')).status).toBe(0);
    const later = await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--follow-subprocessors');
    expect(later.stdout).toMatch(/is already stored for Murmur \(snapshot #1, same sha256\): seen again on \S+; nothing changed in content\nstored sub-processor list subprocessors\.html: snapshot #2/);
    const versions = await cli(dir, 'policy', 'diff', '--app', 'Murmur');
    // The list is not a version of the policy.
    expect(versions.stderr).toContain('has 1 stored policy version');
  });

  it('resolves a relative link against the policy URL and fetches the list', async () => {
    const dir = tempDir();
    const run = await cli(dir, 'policy', 'add', `${base}/legal/privacy.html`, '--app', 'Murmur', '--follow-subprocessors');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`stored sub-processor list ${base}/legal/subprocessors.html: snapshot #2, 6 sub-processors`);
  });

  it('resolves a relative link against the URL the policy was redirected to', async () => {
    const dir = tempDir();
    const run = await cli(dir, 'policy', 'add', `${base}/privacy`, '--app', 'Murmur', '--follow-subprocessors');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`stored sub-processor list ${base}/legal/subprocessors.html: snapshot #2`);
  });

  it('refuses a file: link of a web policy spelled with a tab the URL parser strips, storing nothing', async () => {
    const dir = tempDir();
    const run = await cli(dir, 'policy', 'add', `${base}/file-link/privacy.html`, '--app', 'Murmur', '--follow-subprocessors');
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(/refusing to follow a link with the URL scheme "file:" \(sub-processor link in http:\/\/127\.0\.0\.1:\d+\/file-link\/privacy\.html\)/);
    expect(run.stdout).toBe('');
    expect(readDatabaseState(join(dir, 'claimcheck.db')).counts.policy_snapshots ?? 0).toBe(0);
  });

  it('refuses a loopback link discovered in a local policy file; the same list named with --subprocessor-list is stored', async () => {
    const dir = writeCase(`${base}/legal/subprocessors.html`);
    const refused = await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--follow-subprocessors');
    expect(refused.status).toBe(2);
    expect(refused.stderr.split('\n')[0]).toMatch(/^claimcheck: http:\/\/127\.0\.0\.1:\d+\/legal\/subprocessors\.html: refusing to connect to a private or local address: 127\.0\.0\.1 is loopback \(127\.0\.0\.0\/8\) \(sub-processor list linked from privacy\.html\)/);
    expect(readDatabaseState(join(dir, 'claimcheck.db')).counts.policy_snapshots ?? 0).toBe(0);
    const given = await cli(dir, 'policy', 'add', 'privacy.html', '--app', 'Murmur', '--subprocessor-list', `${base}/legal/subprocessors.html`);
    expect(given.status, given.stderr).toBe(0);
    expect(given.stdout).toContain(`stored sub-processor list ${base}/legal/subprocessors.html: snapshot #2`);
  });

  it('escapes hostile HTML of the linked list in every report', async () => {
    const dir = writeCase();
    expect((await cli(dir, 'policy', 'add', webPolicyLinkingTo('/hostile.html'), '--app', 'Murmur', '--follow-subprocessors')).status).toBe(0);
    const report = await auditAndReport(dir);
    const quote = report.findings.flatMap((f) => f.policyEvidence).find((p) => p.quote.startsWith('Evil'));
    expect(quote?.quote).toBe('Evil <script>alert(1)</script> Corp | Tracking & profiling | United States');
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('Evil &lt;script&gt;alert(1)&lt;/script&gt; Corp');
    expect(html).not.toMatch(/<script>alert|onerror|onmouseover/);
    expect(readFileSync(join(dir, 'out', 'report.md'), 'utf8')).not.toContain('<script>');
  }, 60_000);

  it.each([
    ['a missing page', () => `${base}/missing.html`, /missing\.html: HTTP 404/],
    ['endless redirects', () => `${base}/hop/1`, /hop\/1: more than 5 redirects/],
    ['a page over the size limit', () => `${base}/huge.html`, /huge\.html: response is \d+ bytes, over the limit of 5242880/],
    ['a javascript: link', () => 'javascript:alert(1)', /javascript:alert\(1\): refusing to follow a link with the URL scheme "javascript:"/],
    ['a mailto: link', () => 'mailto:privacy@murmur.example', /refusing to follow a link with the URL scheme "mailto:"/],
    ['a PDF list, with a hint to save it as HTML or text', () => `${base}/list.pdf`, /list\.pdf: not a policy document: the content is binary \(sub-processor list linked from http:\/\/127\.0\.0\.1:\d+\/linking\?to=\S+\) \(claimcheck reads HTML, Markdown and text; save the list as one of these and pass it with --subprocessor-list <file>\)/],
    ['a page with no table or list of sub-processors', () => `${base}/prose.html`, /prose\.html: no sub-processor table or list found on the page linked from http:\/\/127\.0\.0\.1:\d+\/linking\?to=/],
    ['a link out of the policy folder', () => '../../etc/passwd', /out of the policy's folder/],
  ])('refuses %s: one line naming the page, exit 2, nothing stored', async (_, href, message) => {
    const dir = writeCase(href());
    // Pages on the loopback server are linked from a policy on it (a policy file may not link to a private address).
    const policy = href().startsWith(base) ? webPolicyLinkingTo(href()) : 'privacy.html';
    const run = await cli(dir, 'policy', 'add', policy, '--app', 'Murmur', '--follow-subprocessors');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toMatch(message);
    expect(readDatabaseState(join(dir, 'claimcheck.db')).counts.policy_snapshots ?? 0).toBe(0);
  });

  it('stores a list given with --subprocessor-list for a policy that names it without a link', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'plain.html'), POLICY.replace(/<a href="subprocessors.html">([^<]*)<\/a>/, '$1'));
    const run = await cli(dir, 'policy', 'add', 'plain.html', '--app', 'Murmur', '--subprocessor-list', 'subprocessors.html');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('stored sub-processor list subprocessors.html: snapshot #2, 6 sub-processors');
    const missing = await cli(dir, 'policy', 'add', 'plain.html', '--app', 'Other', '--subprocessor-list', 'nowhere.html');
    expect(missing.status).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('claimcheck: nowhere.html: file not found (sub-processor list given for plain.html)');
  });

  it('warns and stores the policy alone when it links to no list', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'plain.html'), POLICY.replace(/<a href="subprocessors.html">([^<]*)<\/a>/, '$1'));
    const run = await cli(dir, 'policy', 'add', 'plain.html', '--app', 'Murmur', '--follow-subprocessors');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: plain.html: no link to a sub-processor list found in the policy; stored without one');
    expect(readDatabaseState(join(dir, 'claimcheck.db')).counts).toMatchObject({ policy_snapshots: 1, policy_links: 0 });
  });

  it('batch: a manifest row with follow_subprocessors=yes stores the list; a row whose list fails is reported alone', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'dangling.html'), POLICY.replace('href="subprocessors.html"', 'href="gone/subprocessors.html"'));
    writeFileSync(
      join(dir, 'apps.csv'),
      ['app,policy,captures,app_domains,follow_subprocessors', 'Murmur,privacy.html,session.har,murmur.example,yes', 'Dangling,dangling.html,session.har,,yes', ''].join('\n'),
    );
    const run = await cli(dir, 'batch', 'apps.csv', '--workers', '1');
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^2 apps: 1 audited, 0 skipped \(already audited\), 1 failed\n/);
    expect(run.stderr).toContain(`line 3: app "Dangling": ${join(dir, 'gone', 'subprocessors.html')}: file not found (sub-processor list linked from ${join(dir, 'dangling.html')})`);
    expect(readDatabaseState(join(dir, 'claimcheck.db')).counts).toMatchObject({ apps: 1, policy_snapshots: 2, policy_links: 1 });
    expect(readFileSync(join(dir, 'batch', 'summary.csv'), 'utf8')).toMatch(/\r\nMurmur,audited,\d+,\d+,0,0,0,0,1,"Functional Software, Inc\. \(Sentry\) \(consistent\)",/);
  }, 60_000);

  it('batch: a row whose policy links to no list is audited, with the warning on stderr naming its line', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'plain.html'), POLICY.replace(/<a href="subprocessors.html">([^<]*)<\/a>/, '$1'));
    writeFileSync(join(dir, 'apps.csv'), 'app,policy,captures,follow_subprocessors\nPlain,plain.html,session.har,yes\n');
    const run = await cli(dir, 'batch', 'apps.csv', '--workers', '1');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('claimcheck: warning: apps.csv: line 2: app "Plain": no link to a sub-processor list found in the policy; stored without one\n');
    expect(run.stdout).toMatch(/^1 apps: 1 audited, 0 skipped \(already audited\), 0 failed\n/);
  }, 60_000);

  it('batch: refuses a follow_subprocessors value that is not yes or no', async () => {
    const dir = writeCase();
    writeFileSync(join(dir, 'apps.csv'), 'app,policy,follow_subprocessors\nMurmur,privacy.html,sometimes\n');
    const run = await cli(dir, 'batch', 'apps.csv');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('claimcheck: apps.csv: line 2: follow_subprocessors is "sometimes", not yes or no\n');
  });

  it('extract --follow-subprocessors previews the list claims and stores nothing', async () => {
    const dir = writeCase();
    const run = await runCliAsync(['extract', 'privacy.html', '--follow-subprocessors', '--json'], dir);
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { linkedPages: { kind: string; source: string; claims: { kind: string; name?: string }[] }[] };
    expect(printed.linkedPages.map((p) => [p.kind, p.source])).toEqual([['subprocessor-list', 'subprocessors.html']]);
    expect(printed.linkedPages[0]?.claims.filter((c) => c.kind === 'processor').map((c) => c.name)).toContain('Functional Software, Inc. (Sentry)');
    expect(readDatabaseState(join(dir, 'claimcheck.db')).counts).toEqual({});
  });
});
