/**
 * Customer namespaces on hosting platforms (`<bucket>.s3.amazonaws.com`, `<app>.appspot.com`).
 * A host name under one of them names the platform, not the party that controls the service, so
 * attribution reports the platform as hosting rather than as the recipient.
 */
import tenantNamespaces from './data/tenant-namespaces.json' with { type: 'json' };
import { memoiseByText } from './memoise-by-text.js';
import { normaliseHostName } from './registrable-domain.js';

/** A domain under which a platform hands out host names to its customers. */
export interface TenantNamespace {
  /** The platform's domain; customer hosts are strictly below it. */
  suffix: string;
  /** Catalog entity of the platform. */
  entityId: string;
  /** Product name for evidence, e.g. 'Amazon CloudFront'. */
  service: string;
}

const NAMESPACES: readonly TenantNamespace[] = [...tenantNamespaces.namespaces].sort((a, b) => b.suffix.length - a.suffix.length);

/** All shipped namespaces, longest suffix first. */
export function listTenantNamespaces(): readonly TenantNamespace[] {
  return NAMESPACES;
}

/**
 * The platform namespace a host name belongs to as a customer host (strictly below the suffix, so
 * `appspot.com` itself is not a tenant), or null. The longest matching suffix wins.
 */
export function findTenantNamespace(host: string): TenantNamespace | null {
  return findOnce(host);
}

const findOnce = memoiseByText((host: string): TenantNamespace | null => {
  const h = normaliseHostName(host);
  for (const ns of NAMESPACES) {
    if (h.endsWith(`.${ns.suffix}`)) return ns;
  }
  return null;
});

/**
 * The platform whose customers get names under this domain (`cloudfront.net`, `web.app`, or a parent such as
 * `amazonaws.com` of `s3.amazonaws.com`), or null: such a domain is shared by every customer, so it cannot be one
 * app's own (`--app-domain`).
 */
export function findSharedPlatformDomain(domain: string): TenantNamespace | null {
  const d = normaliseHostName(domain);
  return NAMESPACES.find((ns) => ns.suffix === d || ns.suffix.endsWith(`.${d}`)) ?? null;
}
