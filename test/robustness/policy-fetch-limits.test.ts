/**
 * Limits of policy URL fetching that test/policy/load-policy-snapshot.test.ts does not reach:
 * a body over the limit sent without Content-Length (chunked), a server that never answers,
 * a redirect without Location, a redirect to a non-http scheme through the CLI, and that a
 * refused fetch stores nothing. Loopback server only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/model/errors.js';
import { loadPolicySnapshot } from '../../src/policy/load-policy-snapshot.js';
import { readDatabaseState } from '../helpers/database-state.js';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server.js';
import { runCli } from '../helpers/run-cli.js';

let server: LoopbackServer;
let base = '';
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimcheck-fetch-'));
  server = await startLoopbackServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/chunked-huge') {
      // No Content-Length: the limit must be enforced while streaming.
      response.writeHead(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 40; i++) response.write('We share data. '.repeat(100));
      response.end();
    } else if (url === '/never') {
      // Accepts the request and never answers: only the time-out ends it.
    } else if (url === '/no-location') {
      response.writeHead(302);
      response.end();
    } else if (url === '/to-javascript') {
      response.writeHead(302, { location: 'javascript:alert(1)' });
      response.end();
    } else if (url === '/to-data') {
      response.writeHead(307, { location: 'data:text/html,<p>We never share.</p>' });
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  base = server.base;
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('policy URL limits', () => {
  it('stops a chunked body at the size limit', async () => {
    await expect(loadPolicySnapshot(`${base}/chunked-huge`, { maxBytes: 10_000 })).rejects.toThrow(/over the limit of 10000 bytes/);
  });

  it('times out a server that never answers', async () => {
    await expect(loadPolicySnapshot(`${base}/never`, { timeoutMs: 300 })).rejects.toThrow(/timed out after 300 ms/);
  });

  it('refuses a redirect without Location and redirects to javascript: or data: URLs', async () => {
    await expect(loadPolicySnapshot(`${base}/no-location`)).rejects.toThrow(/redirect without a Location/);
    await expect(loadPolicySnapshot(`${base}/to-javascript`)).rejects.toThrow(PolicyError);
    await expect(loadPolicySnapshot(`${base}/to-javascript`)).rejects.toThrow(/unsupported URL scheme "javascript:"/);
    await expect(loadPolicySnapshot(`${base}/to-data`)).rejects.toThrow(/unsupported URL scheme "data:"/);
  });

  it('through the CLI: one line naming the URL, exit 2, nothing stored', async () => {
    const db = join(dir, 'fetch.db');
    const url = `${base}/to-javascript`;
    // The loopback server must keep serving while the CLI runs, so the CLI cannot be run synchronously here.
    const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['dist/src/cli/main.js', '--db', db, 'policy', 'add', url, '--app', 'Fetched']);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
      child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`claimcheck: ${url}: redirected to unsupported URL scheme "javascript:"\n`);
    expect(readDatabaseState(db).counts.apps ?? 0).toBe(0);
    expect(runCli(['--db', join(dir, 'unused.db'), 'policy', 'add', 'gopher://127.0.0.1/x', '--app', 'G']).status).toBe(2);
  });
});
