import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createPinnedLookup, RefusedAddressError, type AddressCheck, type HostResolver } from './pinned-lookup.js';

/** How one hop may connect: which resolver names are asked of, and which addresses are refused (null: none). */
export interface ConnectionRules {
  resolve: HostResolver;
  check: AddressCheck | null;
}

/** The response of one hop, its body decoded and the address it came from. */
export interface PageResponse {
  status: number;
  statusText: string;
  header(name: string): string | null;
  /** The server address the socket is connected to: the address that was checked. */
  remoteAddress: string | null;
  /** The body with any content encoding (gzip, deflate, br) undone. */
  body: Readable;
  /** Drops the rest of the body and the connection. */
  discard(): void;
}

/** A body in a content encoding claimcheck cannot undo. */
export class UnsupportedEncodingError extends Error {}

function decode(response: IncomingMessage): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : encoding === 'identity' || encoding === ''
            ? null
            : undefined;
  if (decoder === undefined) throw new UnsupportedEncodingError(`unsupported content encoding "${encoding}"`);
  if (decoder === null) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

/**
 * One GET over node:http(s), connecting only to addresses that passed `rules.check`: an address in
 * the URL is checked before connecting, a host name through {@link createPinnedLookup}. Each request
 * has its own connection (no agent pool), so a socket opened for one hop or one page is never reused
 * by another that has not been checked. Rejects with {@link RefusedAddressError} before connecting.
 */
export function requestPage(url: URL, rules: ConnectionRules, signal: AbortSignal, headers: Record<string, string>): Promise<PageResponse> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (rules.check && isIP(host) !== 0) {
    const reason = rules.check(host);
    if (reason) return Promise.reject(new RefusedAddressError(host, host, reason));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'GET', headers, signal, agent: false, lookup: createPinnedLookup(rules.resolve, rules.check) },
      (response) => {
        let body: Readable;
        try {
          body = decode(response);
        } catch (error) {
          response.destroy();
          reject(error);
          return;
        }
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : (value ?? null);
          },
          remoteAddress: response.socket.remoteAddress ?? null,
          body,
          discard: () => {
            body.destroy();
            response.destroy();
          },
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
