import { getRegistrableDomain, normaliseHostName } from './registrable-domain.js';

/**
 * Services where many unrelated apps publish their privacy policy. The host of a policy URL normally tells whose
 * app it is (its domain counts as first party, its catalogued operator as the policy's own company); on these
 * hosts it tells only where the text was published, so a policy at sites.google.com does not make Google's
 * traffic first party nor Google the operator. The platform's own policy (www.tumblr.com/privacy, docs.github.com)
 * is on a host of its own and keeps its first-party reading.
 */
/** Policy generators: every host of theirs serves customers' policies. */
const GENERATOR_DOMAINS = new Set([
  'iubenda.com', 'termly.io', 'termsfeed.com', 'privacypolicies.com', 'freeprivacypolicy.com', 'app-privacy-policy.com',
  'websitepolicies.com', 'privacypolicygenerator.info', 'getterms.io', 'flycricket.io', 'enzuzo.com',
]);
/** Sites and blogs on a subdomain per customer (myapp.tumblr.com), the company itself on the bare domain or www. */
const SUBDOMAIN_PLATFORMS = new Set(['tumblr.com', 'wordpress.com', 'blogspot.com', 'weebly.com', 'wixsite.com', 'medium.com', 'gitbook.io']);
/** Customer pages under a path of one host (sites.google.com/view/myapp, github.com/me/app). */
const PLATFORM_HOSTS = new Set([
  'sites.google.com', 'docs.google.com', 'drive.google.com', 'storage.googleapis.com', 'raw.githubusercontent.com',
  'gist.github.com', 'github.com', 'gitlab.com', 'notion.so', 'www.notion.so', 'pastebin.com',
]);

/** True when a policy URL's host is a publishing platform rather than the app's own site. */
export function isPolicyHostingPlatform(host: string): boolean {
  const name = normaliseHostName(host);
  if (PLATFORM_HOSTS.has(name)) return true;
  const domain = getRegistrableDomain(name);
  if (domain === null) return false;
  if (GENERATOR_DOMAINS.has(domain)) return true;
  return SUBDOMAIN_PLATFORMS.has(domain) && name !== domain && name !== `www.${domain}`;
}
