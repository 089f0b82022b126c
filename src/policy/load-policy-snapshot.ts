import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PolicyError } from '../model/errors.js';
import type { PolicySnapshot } from '../model/policy.js';
import { detectNotText, detectPolicyFormat } from './detect-policy-format.js';
import { resolveWithSystem, RefusedAddressError, type HostResolver } from './pinned-lookup.js';
import { describeRefusedAddress } from './private-address.js';
import { requestPage, UnsupportedEncodingError, type ConnectionRules, type PageResponse } from './request-page.js';

/** Options of {@link loadPolicySnapshot}; the defaults suit one interactive fetch. */
export interface LoadPolicyOptions {
  /** Clock for `fetchedAt`; injectable so snapshots in tests are reproducible. */
  now?: () => Date;
  /** Largest document accepted, in bytes (default 5 MB). Real policies are well under 1 MB. */
  maxBytes?: number;
  /** Time allowed for the whole fetch including redirects and body (default 20 s). */
  timeoutMs?: number;
  /**
   * Refuse to connect to loopback, link-local, private-network and other special-purpose addresses
   * (src/policy/private-address.ts), checked on the address each hop connects to: set for links found
   * in a policy on a public address, which must not make claimcheck reach into the user's own network.
   */
  refusePrivateAddresses?: boolean;
  /** Resolves host names (default: the operating system's resolver); tests give a fake one. */
  resolveHost?: HostResolver;
  /**
   * Which addresses {@link refusePrivateAddresses} refuses (default: describeRefusedAddress). Tests on a
   * loopback server substitute a table in which 127.0.0.1 stands for a public address.
   */
  checkAddress?: (address: string) => string | null;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_REDIRECTS = 5;

/**
 * Reads a policy from a local file or an http(s) URL into an immutable snapshot (bytes, sha256,
 * fetch time, format). Every failure — unreachable host, HTTP error, too large, binary or empty
 * content — is a {@link PolicyError}.
 */
export async function loadPolicySnapshot(source: string, options: LoadPolicyOptions = {}): Promise<PolicySnapshot> {
  const now = options.now ?? (() => new Date());
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let bytes: Uint8Array;
  let contentType: string | null = null;
  let path: string | null = source;
  let finalUrl: string | null = null;
  let serverAddress: string | null = null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(source)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const fetched = await fetchPolicyBytes(source, maxBytes, timeoutMs, {
      resolve: options.resolveHost ?? resolveWithSystem,
      check: options.refusePrivateAddresses === true ? (options.checkAddress ?? describeRefusedAddress) : null,
    });
    bytes = fetched.bytes;
    contentType = fetched.contentType;
    path = new URL(fetched.finalUrl).pathname;
    if (fetched.finalUrl !== source) finalUrl = fetched.finalUrl;
    serverAddress = fetched.serverAddress;
  } else if (scheme === 'file') {
    let filePath: string;
    try {
      filePath = fileURLToPath(source);
    } catch {
      throw new PolicyError(source, 'not a valid file URL');
    }
    bytes = await readPolicyFile(source, filePath, maxBytes);
  } else if (scheme !== undefined) {
    throw new PolicyError(source, `unsupported URL scheme "${scheme}:"`, 'give a local file path or an http(s) URL');
  } else {
    bytes = await readPolicyFile(source, source, maxBytes);
  }

  const notText = detectNotText(bytes);
  if (notText !== null) {
    throw new PolicyError(
      source,
      `not a policy document: ${notText === 'empty' ? 'the content is empty' : 'the content is binary'}`,
      'give the policy as HTML, Markdown or plain text',
    );
  }

  return {
    source,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fetchedAt: now().toISOString(),
    format: detectPolicyFormat(bytes, { contentType, path }),
    ...(finalUrl !== null ? { finalUrl } : {}),
    ...(serverAddress !== null ? { serverAddress } : {}),
  };
}

async function readPolicyFile(source: string, filePath: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new PolicyError(source, 'not a regular file');
    if (info.size > maxBytes) throw new PolicyError(source, `file is ${info.size} bytes, over the limit of ${maxBytes}`);
    const buffer = await readFile(filePath);
    // The file may have grown between stat and read.
    if (buffer.byteLength > maxBytes) throw new PolicyError(source, `file is over the limit of ${maxBytes} bytes`);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PolicyError(source, 'file not found');
    if (code === 'EACCES' || code === 'EPERM') throw new PolicyError(source, 'permission denied');
    throw new PolicyError(source, `cannot read file (${code ?? describeError(error)})`);
  }
}

interface FetchedBytes {
  bytes: Uint8Array;
  contentType: string | null;
  finalUrl: string;
  serverAddress: string | null;
}

const REFUSED_HINT = 'a page linked from a public policy, or from a policy file, must be public too; if you trust it, pass it yourself with --subprocessor-list <file-or-url>';

/**
 * Follows redirects by hand so that each hop is checked (http/https only, at most five), then
 * streams the body with a byte limit; one abort signal bounds the whole exchange in time. Every hop
 * connects only to the address its check passed (see requestPage).
 */
async function fetchPolicyBytes(source: string, maxBytes: number, timeoutMs: number, rules: ConnectionRules): Promise<FetchedBytes> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let url = source;
  try {
    for (let hop = 0; ; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new PolicyError(source, `invalid URL ${JSON.stringify(url)}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new PolicyError(source, `redirected to unsupported URL scheme "${parsed.protocol}"`);
      }
      let response: PageResponse;
      try {
        response = await requestPage(parsed, rules, controller.signal, {
          accept: 'text/html, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1',
          'accept-encoding': 'gzip, deflate, br',
        });
      } catch (error) {
        if (error instanceof RefusedAddressError) {
          throw new PolicyError(source, `refusing to connect to a private or local address: ${error.message}`, REFUSED_HINT);
        }
        if (error instanceof UnsupportedEncodingError) throw new PolicyError(source, error.message);
        if (controller.signal.aborted) throw new PolicyError(source, `timed out after ${timeoutMs} ms`);
        throw new PolicyError(source, `fetch failed: ${describeError(error)}`, 'check the URL and your network connection');
      }
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        const location = response.header('location');
        response.discard();
        if (location === null) throw new PolicyError(source, `HTTP ${response.status} redirect without a Location header`);
        if (hop >= MAX_REDIRECTS) throw new PolicyError(source, `more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, parsed).toString();
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        response.discard();
        throw new PolicyError(source, `HTTP ${response.status} ${response.statusText}`.trim());
      }
      const declared = Number(response.header('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.discard();
        throw new PolicyError(source, `response is ${declared} bytes, over the limit of ${maxBytes}`);
      }
      const bytes = await readBodyWithLimit(source, response, maxBytes, controller, timeoutMs);
      return { bytes, contentType: response.header('content-type'), finalUrl: url, serverAddress: response.remoteAddress };
    }
  } finally {
    clearTimeout(timer);
  }
}

async function readBodyWithLimit(
  source: string,
  response: PageResponse,
  maxBytes: number,
  controller: AbortController,
  timeoutMs: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    // The limit counts decoded bytes, so a small compressed body cannot expand past it.
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        response.discard();
        throw new PolicyError(source, `response is over the limit of ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    if (controller.signal.aborted) throw new PolicyError(source, `timed out after ${timeoutMs} ms`);
    throw new PolicyError(source, `reading the response failed: ${describeError(error)}`);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}
