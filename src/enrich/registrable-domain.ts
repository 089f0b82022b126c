/**
 * Registrable domain (eTLD+1) of a host name, via tldts and the Public Suffix List it bundles.
 *
 * Decision: both the ICANN and the PRIVATE sections of the list are used. Private entries
 * (appspot.com, cloudfront.net, s3.amazonaws.com, herokuapp.com…) are namespaces where each label
 * below them belongs to a different customer, so `a.appspot.com` and `b.appspot.com` are different
 * parties; folding them into `appspot.com` would attribute one app's backend to every other app on
 * the same platform. The platform itself is still found by the entity catalog's suffix match.
 * When the host *is* a private suffix (`googleapis.com`, `ec2-1-2-3-4.compute-1.amazonaws.com`), tldts
 * has no registrable domain in private mode, and we fall back to the ICANN-only answer, which names
 * the operator of that suffix.
 */
import { getDomain } from '../tldts.js';
import { isIpLiteral } from './ip-address.js';
import { memoiseByText } from './memoise-by-text.js';

/** Lower-case, strip one trailing dot and surrounding brackets/whitespace: the forms captures use. */
export function normaliseHostName(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * Registrable domain of a host name (`api.agora.io` → `agora.io`, `www.bbc.co.uk` → `bbc.co.uk`,
 * `myapp.appspot.com` → `myapp.appspot.com`), or null for IP literals, single labels (`localhost`)
 * and names under no known public suffix.
 */
export function getRegistrableDomain(host: string): string | null {
  return registrableDomainOnce(host);
}

const registrableDomainOnce = memoiseByText((host: string): string | null => {
  const h = normaliseHostName(host);
  if (h === '' || isIpLiteral(h)) return null;
  const options = { allowPrivateDomains: true, validateHostname: true, detectIp: true } as const;
  return getDomain(h, options) ?? getDomain(h, { ...options, allowPrivateDomains: false });
});

/**
 * The registrable domain under the ICANN section only (`alice-shop.myshopify.com` → `myshopify.com`): the name the
 * service itself registered, not a platform customer's label below a private suffix. Null as for
 * {@link getRegistrableDomain}.
 */
export function getIcannRegistrableDomain(host: string): string | null {
  const h = normaliseHostName(host);
  if (h === '' || isIpLiteral(h)) return null;
  return getDomain(h, { allowPrivateDomains: false, validateHostname: true, detectIp: true });
}
