import { getRegistrableDomain, normaliseHostName } from './registrable-domain.js';

/**
 * Services where many unrelated apps publish their privacy policy. The host of a policy URL normally tells whose
 * app it is (its domain counts as first party, its catalogued operator as the policy's own company); on these
 * hosts it tells only where the text was published, so a policy at sites.google.com does not make Google's
 * traffic first party nor Google the operator.
 */
const PLATFORM_DOMAINS = new Set([
  'iubenda.com', 'termly.io', 'termsfeed.com', 'privacypolicies.com', 'freeprivacypolicy.com', 'app-privacy-policy.com',
  'websitepolicies.com', 'privacypolicygenerator.info', 'getterms.io', 'flycricket.io', 'enzuzo.com',
  'github.com', 'gitlab.com', 'notion.so', 'notion.site', 'medium.com', 'dropbox.com', 'blogspot.com', 'wordpress.com',
  'weebly.com', 'wixsite.com', 'tumblr.com', 'gitbook.io', 'pastebin.com',
]);
/** Platforms on a company's main domain: only these hosts, not the domain. */
const PLATFORM_HOSTS = new Set(['sites.google.com', 'docs.google.com', 'drive.google.com', 'storage.googleapis.com', 'raw.githubusercontent.com']);

/** True when a policy URL's host is a publishing platform rather than the app's own site. */
export function isPolicyHostingPlatform(host: string): boolean {
  const name = normaliseHostName(host);
  if (PLATFORM_HOSTS.has(name)) return true;
  const domain = getRegistrableDomain(name);
  return domain !== null && PLATFORM_DOMAINS.has(domain);
}
