import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyError } from '../model/errors.js';

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Where a link in a policy leads, as a source `loadPolicySnapshot` accepts: an http(s) URL, or for a
 * policy read from a local file, a relative link as a file beside it. Refused with a
 * {@link PolicyError} naming the link: other schemes (mailto:, javascript:, file:, data:, ftp:), a
 * root-relative link in a local file (it names a path on a web server that is not there), and a
 * relative link leading out of the policy's folder (a hostile page could otherwise have a local file
 * such as a key read into the database and quoted in a published report).
 */
export function resolvePolicyLink(policySource: string, href: string): string {
  const refuse = (detail: string, hint?: string): never => {
    throw new PolicyError(href, `${detail} (sub-processor link in ${policySource})`, hint);
  };
  const policyScheme = SCHEME.exec(policySource)?.[1]?.toLowerCase();
  const linkScheme = SCHEME.exec(href)?.[1]?.toLowerCase();
  const webPolicy = policyScheme === 'http' || policyScheme === 'https';
  if (linkScheme !== undefined && linkScheme !== 'http' && linkScheme !== 'https') {
    refuse(`refusing to follow a link with the URL scheme "${linkScheme}:"`, 'only http(s) pages and files beside a local policy are followed; add the policy without --follow-subprocessors');
  }
  if (webPolicy || linkScheme !== undefined || href.startsWith('//')) {
    let url: URL;
    try {
      // A protocol-relative link in a local file gets https, as a browser on the site would use.
      url = new URL(href, webPolicy ? policySource : 'https://invalid.invalid/');
    } catch {
      return refuse('not a valid URL');
    }
    url.hash = '';
    return url.toString();
  }
  if (href.startsWith('/')) {
    refuse('a link from the web site\'s root cannot be followed from a local file', 'add the policy by its URL so that the link resolves against it');
  }
  const policyPath = policyScheme === 'file' ? fileURLToPath(policySource) : policySource;
  let linkPath: string;
  try {
    linkPath = decodeURIComponent(href.replace(/[?#].*$/, ''));
  } catch {
    return refuse('not a valid relative link');
  }
  const folder = dirname(policyPath);
  const target = join(folder, linkPath);
  if (!isInside(resolve(folder), resolve(target)) || !isInside(realFolder(folder), realPathOrSelf(target))) {
    refuse("the link leads out of the policy's folder", 'copy the sub-processor page next to the policy file');
  }
  return target;
}

function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

function realFolder(folder: string): string {
  return realPathOrSelf(resolve(folder));
}

/** The path with symbolic links resolved; a missing file stays as it is (reading it will say so). */
function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}
