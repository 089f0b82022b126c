import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Claim } from '../model/claim.js';
import { PolicyError } from '../model/errors.js';
import type { ExtractedPolicy, PolicySnapshot } from '../model/policy.js';
import { firstPartyHints, type OrganisationName } from '../policy/extract-claims.js';
import { compileOrganisationMatcher } from '../policy/match-organisations.js';
import { detectFirstPartyNames } from '../policy/detect-first-party-names.js';
import { extractPolicyText } from '../policy/extract-policy-text.js';
import { extractSubprocessorList } from '../policy/extract-subprocessor-list.js';
import { findSubprocessorLinks, type SubprocessorLink } from '../policy/find-subprocessor-links.js';
import { loadPolicySnapshot, type LoadPolicyOptions } from '../policy/load-policy-snapshot.js';
import { resolveWithSystem, type HostResolver } from '../policy/pinned-lookup.js';
import { isPrivateAddress } from '../policy/private-address.js';
import { resolvePolicyLink } from '../policy/resolve-policy-link.js';

/** A sub-processor page a policy links to, read and analysed, not yet stored. */
export interface LinkedPage {
  link: SubprocessorLink;
  /** The link resolved against the policy's source: what was fetched or read. */
  target: string;
  snapshot: PolicySnapshot;
  extracted: ExtractedPolicy;
  claims: Claim[];
}

/** What following a policy's sub-processor links gave: the pages, and what the user should know. */
export interface FollowedLinks {
  pages: LinkedPage[];
  warnings: string[];
}

/** More links than this announcing a list is a page of navigation, not a policy pointing to its list. */
const MAX_LINKED_PAGES = 5;

/** Options of {@link followSubprocessorLinks}. */
export interface FollowOptions {
  organisations: OrganisationName[];
  now: () => Date;
  load?: LoadPolicyOptions;
  /** Look for links in the policy (`--follow-subprocessors`); default true. */
  discover?: boolean;
  /**
   * Lists the user names directly (`--subprocessor-list`): a file path or http(s) URL each, for a
   * list the policy names without linking to it or links in a way that is not recognised.
   */
  given?: readonly string[];
}

/**
 * Finds the policy's links to sub-processor lists, fetches or reads each page with the same guarded
 * loader as the policy (http(s) only, size, time and redirect limits), and reads its table or list
 * into claims. All or nothing: a link that cannot be followed, a page that cannot be read and a page
 * with no readable list are each a {@link PolicyError} naming the page, so that nothing is stored
 * that silently lacks the list (docs/decisions/0007-follow-subprocessor-lists.md says why). A policy
 * with no such link is not an error, only a warning: there is nothing to follow. So are a "here" link
 * found only by its sentence whose page has no list, and a link to the policy's own bytes (inline list).
 */
export async function followSubprocessorLinks(
  analysed: { snapshot: PolicySnapshot; extracted: ExtractedPolicy; firstPartyNames?: readonly string[] },
  options: FollowOptions,
): Promise<FollowedLinks> {
  const policy = analysed.snapshot;
  // The names the policy's own claims were read with: a company the policy only discusses ("Google") must not
  // count as the operator here either, or its entry in the list would be dropped as the company's own affiliate.
  const firstPartyNames =
    analysed.firstPartyNames ?? detectFirstPartyNames(analysed.extracted, firstPartyHints(compileOrganisationMatcher(options.organisations), undefined));
  const warnings: string[] = [];
  const targets = new Map<string, { link: SubprocessorLink; origin: string; discovered: boolean }>();
  const seen = new Set([identify(policy.finalUrl ?? policy.source)]);
  const add = (target: string, link: SubprocessorLink, origin: string, discovered: boolean): void => {
    // A link back to the policy itself (another anchor of the same page) is not a separate list.
    if (!seen.has(identify(target))) targets.set(target, { link, origin, discovered });
    seen.add(identify(target));
  };
  for (const given of options.given ?? []) add(given, { href: given, text: '' }, `given for ${policy.source}`, false);
  if (options.discover !== false) {
    const before = targets.size;
    for (const link of findSubprocessorLinks(policy)) {
      // After redirects, a relative link means what it means on the page the browser ends up on.
      add(resolvePolicyLink(policy.finalUrl ?? policy.source, link.href), link, `linked from ${policy.source}`, true);
    }
    if (targets.size === before) warnings.push('no link to a sub-processor list found in the policy; stored without one');
  }
  if (targets.size > MAX_LINKED_PAGES) {
    throw new PolicyError(
      policy.source,
      `${targets.size} links look like sub-processor lists; at most ${MAX_LINKED_PAGES} are followed`,
      'this looks like a page of navigation rather than a policy; add the policy page itself',
    );
  }
  const pages: LinkedPage[] = [];
  const webPolicy = isWebUrl(policy.finalUrl ?? policy.source);
  // A policy on the user's own network may link within it (intranets, test servers); a public one may not. A local
  // file says nothing about where it came from (often saved from the web), so its web links are guarded too; a list
  // the user names with --subprocessor-list is the user's own choice and is never guarded.
  const refusePrivateAddresses = !webPolicy || !(await isOnPrivateAddress(policy, options.load?.resolveHost ?? resolveWithSystem));
  for (const [target, { link, origin, discovered }] of targets) {
    // A web page never gets a local file read, whatever its links say (the user's own --subprocessor-list may).
    if (discovered && webPolicy && !isWebUrl(target)) {
      throw new PolicyError(target, `refusing to read a local file for a link of a web policy (sub-processor list ${origin})`);
    }
    const snapshot = await loadLinkedSnapshot(target, origin, { ...options.load, now: options.now, refusePrivateAddresses: discovered && refusePrivateAddresses });
    // Another URL of the policy page itself (?lang=en#subprocessors): the list is inline, already stored with the policy.
    if (snapshot.sha256 === policy.sha256) {
      warnings.push(`${target}: the same bytes as the policy (its sub-processor list is inline), not stored again`);
      continue;
    }
    const extracted = extractPolicyText(snapshot);
    const claims = extractSubprocessorList(extracted, { organisations: options.organisations, firstPartyNames });
    if (claims.length === 0 && link.foundByContext) {
      warnings.push(`${target}: no sub-processor table or list found on the page ${origin}; the link only sat in a sentence about a list, so it was skipped`);
      continue;
    }
    if (claims.length === 0) {
      throw new PolicyError(
        target,
        `no sub-processor table or list found on the page ${origin}`,
        'claimcheck reads tables whose header row names the columns (e.g. "Sub-processor | Purpose | Location"), lists of "Name – purpose – country" items and lists of names under a sub-processor heading; add the policy without --follow-subprocessors to store it without the list',
      );
    }
    pages.push({ link, target, snapshot, extracted, claims });
  }
  return { pages, warnings };
}

/**
 * Whether the policy came from a private or local address: the address its bytes came from when it
 * was fetched (asking DNS again could get a different answer), else its URL's host resolved now. A
 * host that no longer resolves counts as public, and so does one with any public address: the
 * stricter reading.
 */
async function isOnPrivateAddress(policy: PolicySnapshot, resolveHost: HostResolver): Promise<boolean> {
  if (policy.serverAddress !== undefined) return isPrivateAddress(policy.serverAddress);
  const host = new URL(policy.finalUrl ?? policy.source).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isPrivateAddress(host);
  try {
    const addresses = await resolveHost(host);
    return addresses.length > 0 && addresses.every((a) => isPrivateAddress(a.address));
  } catch {
    return false;
  }
}

function isWebUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** One spelling per document: a URL without its fragment, a file by its absolute path. */
function identify(source: string): string {
  if (!isWebUrl(source)) return resolve(source);
  const url = new URL(source);
  url.hash = '';
  return url.toString();
}

/** Loads a linked page; its errors name the page and say which policy it belongs to. */
async function loadLinkedSnapshot(target: string, origin: string, options: LoadPolicyOptions): Promise<PolicySnapshot> {
  try {
    return await loadPolicySnapshot(target, options);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const detail = error.message.slice(error.source.length + 2);
    // Sub-processor lists are often PDFs, which claimcheck does not read.
    const hint = /binary/.test(detail)
      ? 'claimcheck reads HTML, Markdown and text; save the list as one of these and pass it with --subprocessor-list <file>'
      : error.hint;
    throw new PolicyError(target, `${detail} (sub-processor list ${origin})`, hint);
  }
}
