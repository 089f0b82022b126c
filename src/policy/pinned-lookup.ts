import type { LookupAddress } from 'node:dns';
import { lookup as systemLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses; injectable so that tests never ask a real DNS server. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (what `fetch` and browsers use): hosts file, then DNS. */
export const resolveWithSystem: HostResolver = async (hostname) => {
  const answers = await systemLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

/** A connection claimcheck refused to open because the address it would reach is private or local. */
export class RefusedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    /** Which range the address is in, e.g. "loopback (127.0.0.0/8)". */
    readonly reason: string,
  ) {
    super(host === address ? `${address} is ${reason}` : `${host} is ${address}, ${reason}`);
    this.name = 'RefusedAddressError';
  }
}

/** Says why an address is refused, or null when it may be connected to. */
export type AddressCheck = (address: string) => string | null;

function wantedFamily(family: unknown): 4 | 6 | null {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return null;
}

/**
 * A `lookup` for node:net that resolves once, checks every address of the answer, and hands exactly
 * those addresses to the connection: the address connected to is the address checked, so a DNS
 * answer that changes between a check and the connection (rebinding) has no second answer to change.
 * One refused address refuses the host, since the socket may try any of them.
 */
export function createPinnedLookup(resolve: HostResolver, check: AddressCheck | null): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        for (const answer of check ? answers : []) {
          const reason = check?.(answer.address);
          if (reason) {
            callback(new RefusedAddressError(hostname, answer.address, reason), '');
            return;
          }
        }
        const family = wantedFamily(options.family);
        const usable = family === null ? answers : answers.filter((a) => a.family === family);
        const first = usable[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), '');
          return;
        }
        if (options.all === true) callback(null, usable.map((a): LookupAddress => ({ address: a.address, family: a.family })));
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), ''),
    );
  };
}
