import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/model/errors.js';
import { loadPolicySnapshot } from '../../src/policy/load-policy-snapshot.js';

const now = (): Date => new Date('2024-05-01T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'claimcheck-policy-'));

describe('loadPolicySnapshot — files', () => {
  it('reads a file, hashes its bytes and detects the format', async () => {
    const path = join(dir, 'policy.md');
    const content = '# Privacy Policy\n\n* We share data with vendors.\n';
    writeFileSync(path, content);
    const snapshot = await loadPolicySnapshot(path, { now });
    expect(snapshot).toMatchObject({ source: path, format: 'markdown', fetchedAt: '2024-05-01T12:00:00.000Z' });
    expect(snapshot.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(new TextDecoder().decode(snapshot.bytes)).toBe(content);
  });

  it('sniffs HTML and plain text regardless of extension', async () => {
    const html = join(dir, 'policy.txt');
    writeFileSync(html, '<!DOCTYPE html><html><body><p>Hi</p></body></html>');
    expect((await loadPolicySnapshot(html, { now })).format).toBe('html');
    const text = join(dir, 'policy');
    writeFileSync(text, 'PRIVACY POLICY\n\nWe collect data.');
    expect((await loadPolicySnapshot(text, { now })).format).toBe('text');
  });

  it('rejects missing, empty, binary and oversized files with a PolicyError', async () => {
    await expect(loadPolicySnapshot(join(dir, 'missing.html'))).rejects.toThrow(PolicyError);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '  \n');
    await expect(loadPolicySnapshot(empty)).rejects.toThrow(/not a policy document/);
    const binary = join(dir, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    await expect(loadPolicySnapshot(binary)).rejects.toThrow(/not a policy document/);
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'a'.repeat(2000));
    await expect(loadPolicySnapshot(big, { maxBytes: 1000 })).rejects.toThrow(/over the limit/);
    await expect(loadPolicySnapshot('ftp://example.com/policy.html')).rejects.toThrow(/unsupported URL scheme/);
  });
});

describe('loadPolicySnapshot — http', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = request.url ?? '/';
      if (url === '/policy') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<p>We share data with vendors.</p>');
      } else if (url === '/markdown') {
        response.writeHead(200, { 'content-type': 'text/markdown' });
        response.end('# Policy\n\nText.');
      } else if (url.startsWith('/redirect/')) {
        const left = Number(url.split('/')[2]);
        response.writeHead(302, { location: left > 0 ? `/redirect/${left - 1}` : '/policy' });
        response.end();
      } else if (url === '/to-file') {
        response.writeHead(301, { location: 'file:///etc/passwd' });
        response.end();
      } else if (url === '/huge') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(50_000));
      } else if (url === '/slow') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('start');
        setTimeout(() => response.end('end'), 2000);
      } else if (url === '/binary') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(Buffer.from([0, 1, 2, 3, 0, 0]));
      } else {
        response.writeHead(404);
        response.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fetches a page and takes the format from the content type', async () => {
    const snapshot = await loadPolicySnapshot(`${base}/policy`, { now });
    expect(snapshot).toMatchObject({ source: `${base}/policy`, format: 'html' });
    expect((await loadPolicySnapshot(`${base}/markdown`, { now })).format).toBe('markdown');
  });

  it('follows up to five redirects and refuses more or non-http targets', async () => {
    expect((await loadPolicySnapshot(`${base}/redirect/4`)).format).toBe('html');
    await expect(loadPolicySnapshot(`${base}/redirect/5`)).rejects.toThrow(/more than 5 redirects/);
    await expect(loadPolicySnapshot(`${base}/to-file`)).rejects.toThrow(/unsupported URL scheme/);
  });

  it('turns HTTP errors, size, time and binary content into PolicyErrors', async () => {
    await expect(loadPolicySnapshot(`${base}/missing`)).rejects.toThrow(/HTTP 404/);
    await expect(loadPolicySnapshot(`${base}/huge`, { maxBytes: 10_000 })).rejects.toThrow(/over the limit/);
    await expect(loadPolicySnapshot(`${base}/slow`, { timeoutMs: 200 })).rejects.toThrow(/timed out/);
    await expect(loadPolicySnapshot(`${base}/binary`)).rejects.toThrow(/not a policy document/);
    await expect(loadPolicySnapshot('http://127.0.0.1:1/policy', { timeoutMs: 2000 })).rejects.toThrow(PolicyError);
  });
});
