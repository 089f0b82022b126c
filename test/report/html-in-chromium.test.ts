/**
 * Opens HTML reports in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
 * no browser is downloaded). Checks that a report renders, loads nothing, and that a policy and a
 * capture full of `<script>`, `onerror=` and `javascript:` payloads execute nothing — also with the
 * Content-Security-Policy removed, so escaping alone is tested, not only the CSP behind it.
 * Fails (does not skip) when Chromium is missing: CI installs it in .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpRequest, buildTcpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { withoutCodeSpans } from '../helpers/markdown-code-spans.js';

function findChromium(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  const path = found.stdout.trim().split('\n')[0] ?? '';
  return found.status === 0 && path ? path : null;
}

const HOSTILE_APP = `Evil <script>alert('app')</script> "App" <img src=x onerror=alert('app')>`;
const HOSTILE_LABEL = `user<svg onload=alert('label')>`;

/** A capture with one plain-HTTP request whose path and body carry payloads and a user id. */
function writeHostileCapture(path: string): void {
  const pcap = new PcapWriter();
  const c = { src: '192.168.1.23', dst: '198.51.100.7', srcPort: 40001, dstPort: 80 };
  const s = { src: c.dst, dst: c.src, srcPort: c.dstPort, dstPort: c.srcPort };
  const request = buildHttpRequest({
    method: 'POST',
    host: 'cdn.hostile.example',
    path: `/<script>fetch('http://127.0.0.1:9/url')</script>?next=javascript:alert('url')&u=u-4815162342`,
    body: `{"user":"u-4815162342","x":"<img src=x onerror=alert('body')>"}`,
  });
  let t = 1_795_165_200;
  pcap.addFrame((t += 0.01), buildTcpFrame({ ...c, flags: TCP_FLAGS.SYN, seq: 1000 }));
  pcap.addFrame((t += 0.01), buildTcpFrame({ ...s, flags: TCP_FLAGS.SYN | TCP_FLAGS.ACK, seq: 5000, ack: 1001 }));
  pcap.addFrame((t += 0.01), buildTcpFrame({ ...c, flags: TCP_FLAGS.ACK, seq: 1001, ack: 5001 }));
  pcap.addFrame((t += 0.01), buildTcpFrame({ ...c, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 1001, ack: 5001, payload: request }));
  pcap.addFrame((t += 0.01), buildTcpFrame({ ...s, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 5001, ack: 1001 + request.length, payload: encodeText('HTTP/1.1 204 No Content\r\n\r\n') }));
  writeFileSync(path, pcap.toBytes());
}

/** Runs policy add → import → audit → report through the compiled CLI; returns the HTML path. */
async function buildHostileReport(dir: string): Promise<string> {
  const db = join(dir, 'hostile.db');
  const policy = join('test', 'fixtures', 'report', 'hostile-policy.html');
  const capture = join(dir, 'hostile.pcap');
  writeHostileCapture(capture);
  const steps = [
    ['--db', db, 'policy', 'add', policy, '--app', HOSTILE_APP],
    ['--db', db, 'import', capture, '--app', HOSTILE_APP, '--identifier', `${HOSTILE_LABEL}=u-4815162342`],
    ['--db', db, 'audit', '--app', HOSTILE_APP],
    ['--db', db, 'report', '--app', HOSTILE_APP, '--format', 'md,html,json', '--out', join(dir, 'out')],
  ];
  for (const args of steps) {
    const run = await runCliAsync(args);
    expect(run.status, `claimcheck ${args.slice(2, 4).join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(1);
  }
  return join(dir, 'out', 'report.html');
}

interface PageObservation {
  requests: string[];
  dialogs: string[];
  console: string[];
  errors: string[];
  title: string;
  text: string;
  activeElements: string[];
  findings: number;
  marks: string[];
  scrollWidth: number;
  viewportWidth: number;
}

/** Loads a file in a fresh page and records every request, dialog, console message and script error. */
async function observe(browser: Browser, file: string): Promise<PageObservation> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(file).href;
  const observation: PageObservation = { requests: [], dialogs: [], console: [], errors: [], title: '', text: '', activeElements: [], findings: 0, marks: [], scrollWidth: 0, viewportWidth: 1280 };
  page.on('request', (r) => {
    if (r.url() !== url) observation.requests.push(r.url());
  });
  page.on('dialog', (d) => {
    observation.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => observation.console.push(m.text()));
  page.on('pageerror', (e) => observation.errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  const facts = await page.evaluate(() => ({
    title: document.title,
    text: document.body.innerText,
    // Anything that could run or load: script-ish elements, event-handler attributes, javascript: or remote URLs.
    activeElements: [...document.querySelectorAll('*')].flatMap((el) => {
      const bad: string[] = [];
      if (/^(script|iframe|object|embed|img|svg|link|base|form|meta)$/i.test(el.tagName) && !(el.tagName === 'META' && !el.getAttribute('http-equiv')?.match(/refresh/i))) {
        bad.push(el.tagName.toLowerCase());
      }
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (/^on/i.test(attr) || /^\s*(javascript|data|https?):/i.test(value) || attr === 'src') bad.push(`${el.tagName.toLowerCase()}[${attr}=${value}]`);
      }
      return bad;
    }),
    findings: document.querySelectorAll('article.finding').length,
    marks: [...document.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
    scrollWidth: document.documentElement.scrollWidth,
  }));
  await page.close();
  return { ...observation, ...facts };
}

describe('HTML report in headless Chromium', () => {
  let browser: Browser;
  let hostileHtml: string;
  let demoHtml: string;
  let demoFindings: number;
  // One directory for the whole file (useTempDir empties per test; these reports serve all tests).
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-chromium-'));

  beforeAll(async () => {
    const executablePath = findChromium();
    expect(executablePath, 'Chromium not found: install the Debian package "chromium" (.ci/run does); this test must not be skipped').not.toBeNull();
    browser = await chromium.launch({
      executablePath: executablePath ?? undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    hostileHtml = await buildHostileReport(dir);
    const demo = await runCliAsync(['demo', '--out', join(dir, 'demo')]);
    expect(demo.status, demo.stderr).toBe(0);
    demoHtml = join(dir, 'demo', 'example-voice-app', 'report.html');
    demoFindings = (JSON.parse(readFileSync(join(dir, 'demo', 'example-voice-app', 'report.json'), 'utf8')) as { findings: unknown[] }).findings.length;
    // A ceiling, not a timing assertion: five CLI runs each load the IP data sets.
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the demo report: summary, findings, quotes in context, charts, no horizontal overflow, nothing loaded', async () => {
    const page = await observe(browser, demoHtml);
    expect(page.title).toBe('claimcheck report: Murmur (example voice app)');
    expect(page.text).toMatch(/Summary[\s\S]*Where the traffic went[\s\S]*Findings[\s\S]*Methodology/);
    expect(demoFindings).toBeGreaterThanOrEqual(5);
    expect(page.findings).toBe(demoFindings);
    expect(page.marks).toContain('We use industry-standard encryption to protect your information.');
    expect(page.text).toContain('Bytes and flows by recipient organisation');
    expect(page.text).toContain('frame.number in {');
    expect(page.scrollWidth).toBeLessThanOrEqual(page.viewportWidth);
    expect(page.requests).toEqual([]);
    expect(page.console).toEqual([]);
    expect(page.errors).toEqual([]);
  });

  it('a hostile policy and capture run nothing and load nothing, and their payloads show as text', async () => {
    const page = await observe(browser, hostileHtml);
    expect(page.findings).toBeGreaterThanOrEqual(3);
    expect(page.requests).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.errors).toEqual([]);
    // A CSP violation would be logged here: the page must not even try.
    expect(page.console).toEqual([]);
    expect(page.title).not.toContain('PWNED');
    expect(page.activeElements).toEqual([]);
    // The payloads are there, as visible text, so a reader sees what the policy really contains.
    expect(page.text).toContain(`<img src=x onerror="fetch('http://127.0.0.1:9/quote');alert('quote')">`);
    expect(page.text).toContain("<script>document.title='PWNED'</script>");
    expect(page.text).toContain("<script>alert('context')</script>");
    expect(page.text).toContain(HOSTILE_APP);
    expect(page.text).toContain(`<script>fetch('http://127.0.0.1:9/url')</script>`);
    // The Markdown view of the same audit carries the payloads only backslash-escaped, never as live HTML.
    const markdown = readFileSync(hostileHtml.replace(/\.html$/, '.md'), 'utf8');
    expect(markdown).toContain("\\<script\\>document.title='PWNED'\\</script\\>");
    expect(withoutCodeSpans(markdown)).not.toMatch(/(^|[^\\])<(script|img|svg)/);
  });

  it('escaping alone holds: with the Content-Security-Policy removed, still nothing runs or loads', async () => {
    const withoutCsp = hostileHtml.replace(/\.html$/, '-no-csp.html');
    const html = readFileSync(hostileHtml, 'utf8');
    const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(stripped).not.toBe(html);
    writeFileSync(withoutCsp, stripped);
    const page = await observe(browser, withoutCsp);
    expect(page.requests).toEqual([]);
    expect(page.dialogs).toEqual([]);
    expect(page.errors).toEqual([]);
    expect(page.console).toEqual([]);
    expect(page.title).not.toContain('PWNED');
    expect(page.activeElements).toEqual([]);
  });
});
