import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyError } from '../model/errors.js';

/** What the WHATWG URL parser removes before reading a link: tabs and newlines anywhere, controls and spaces around it. */
const URL_STRIPPED_ANYWHERE = /[\t\n\r]/g;
const URL_STRIPPED_AROUND = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;

/**
 * Where a link in a policy leads, as a source `loadPolicySnapshot` accepts: an http(s) URL, or for a
 * policy read from a local file, a relative link as a file beside it. Refused with a
 * {@link PolicyError} naming the link: other schemes (mailto:, javascript:, file:, data:, ftp:), a
 * root-relative link in a local file (it names a path on a web server that is not there), and a
 * relative link leading out of the policy's folder (a hostile page could otherwise have a local file
 * such as a key read into the database and quoted in a published report). The scheme is read from
 * the parsed URL, not the text as written: "fi&#9;le:" is "file:" to the parser.
 */
export function resolvePolicyLink(policySource: string, rawHref: string): string {
  const refuse = (detail: string, hint?: string): never => {
    throw new PolicyError(rawHref, `${detail} (sub-processor link in ${policySource})`, hint);
  };
  const href = rawHref.replace(URL_STRIPPED_ANYWHERE, '').replace(URL_STRIPPED_AROUND, '');
  const webPolicy = /^https?:\/\//i.test(policySource);
  const absolute = URL.canParse(href) ? new URL(href) : null;
  if (webPolicy || absolute !== null || href.startsWith('//')) {
    let url: URL;
    try {
      // A protocol-relative link in a local file gets https, as a browser on the site would use.
      url = absolute ?? new URL(href, webPolicy ? policySource : 'https://invalid.invalid/');
    } catch {
      return refuse('not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      refuse(`refusing to follow a link with the URL scheme "${url.protocol}"`, 'only http(s) pages and files beside a local policy are followed; add the policy without --follow-subprocessors');
    }
    url.hash = '';
    return url.toString();
  }
  if (href.startsWith('/')) {
    refuse('a link from the web site\'s root cannot be followed from a local file', 'add the policy by its URL so that the link resolves against it');
  }
  const policyPath = /^file:/i.test(policySource) ? fileURLToPath(policySource) : policySource;
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
