/**
 * Hosts an operating system or browser contacts by itself (connectivity checks, captive-portal probes,
 * network time). A capture of one app on a phone or laptop always holds some of this traffic; counting it
 * as the app's recipients would blame the app for what the device does. The list is data
 * (`data/device-background-hosts.json`), each entry with its purpose and source.
 */
import type { FlowSummary } from '../model/capture-summary.js';
import backgroundHosts from './data/device-background-hosts.json' with { type: 'json' };
import { matchCertificateStatus } from './certificate-status.js';
import { memoiseByText } from './memoise-by-text.js';
import { normaliseHostName } from './registrable-domain.js';

/** One documented host of device background traffic. */
export interface DeviceBackgroundHost {
  /** Exact host name, or (with `suffix`) the name and every name below it. */
  host?: string;
  suffix?: string;
  /** When set, only plain HTTP flows whose every request asks for one of these paths (the host serves other things too). */
  paths?: string[];
  operator: string;
  purpose: string;
  source: string;
  /** Who sends such traffic, when not simply "the device" (an encrypted DNS resolver relays every app's look-ups). */
  sender?: string;
}

/** A flow recognised as device background traffic: the matching entry, the host name that matched, and who sends such traffic. */
export interface DeviceBackgroundMatch {
  entry: DeviceBackgroundHost;
  host: string;
  /** "sent by the device, not by the app", or for certificate checks the TLS stack's part. */
  sender: string;
}

const SENT_BY_DEVICE = 'sent by the device, not by the app';
const SENT_BY_TLS_STACK = 'made by the TLS stack checking a server certificate (the operating system\'s, or a browser\'s), not data the app chose to send';

const ENTRIES: readonly DeviceBackgroundHost[] = backgroundHosts.hosts;

const entryOfHost = memoiseByText((host: string): DeviceBackgroundHost | null => {
  const name = normaliseHostName(host);
  return ENTRIES.find((e) => (e.host !== undefined && name === e.host) || (e.suffix !== undefined && (name === e.suffix || name.endsWith(`.${e.suffix}`)))) ?? null;
});

/** Host and path of an absolute request URL; null for a bare request target (no host known). */
const readRequestUrl = memoiseByText((url: string): Readonly<{ host: string; path: string }> | null => {
  try {
    const parsed = new URL(url);
    return Object.freeze({ host: parsed.hostname, path: parsed.pathname });
  } catch {
    return null;
  }
});

/** True when the entry allows the flow: no path limit, or plain HTTP requests that all ask for a listed path. */
function pathsAllow(entry: DeviceBackgroundHost, flow: FlowSummary): boolean {
  const paths = entry.paths;
  if (paths === undefined) return true;
  // Without a request line (TLS) the path is unknown, and such hosts also serve the user's own traffic.
  return flow.httpRequests.length > 0 && flow.httpRequests.every((r) => paths.includes(readRequestUrl(r.url)?.path ?? ''));
}

/**
 * The device background entry a flow belongs to, judged by the host name attribution chose, else by the
 * plain HTTP requests on it when every one of them goes to a listed host (a probe's own Host header is
 * stronger evidence than a DNS answer shared with other names); else certificate-status traffic (OCSP, CRL:
 * `certificate-status.ts`); null for the app's traffic.
 */
export function matchDeviceBackground(flow: FlowSummary, selectedHost: string | null): DeviceBackgroundMatch | null {
  const listed = matchListedHost(flow, selectedHost);
  if (listed !== null) return { ...listed, sender: listed.entry.sender ?? SENT_BY_DEVICE };
  const status = matchCertificateStatus(flow, selectedHost);
  return status === null ? null : { ...status, sender: SENT_BY_TLS_STACK };
}

function matchListedHost(flow: FlowSummary, selectedHost: string | null): Omit<DeviceBackgroundMatch, 'sender'> | null {
  if (selectedHost !== null) {
    const entry = entryOfHost(selectedHost);
    if (entry !== null) return pathsAllow(entry, flow) ? { entry, host: normaliseHostName(selectedHost) } : null;
  }
  const requested = flow.httpRequests.map((r) => readRequestUrl(r.url)?.host ?? null);
  const first = requested[0];
  if (first === undefined || first === null) return null;
  const entry = entryOfHost(first);
  if (entry === null || !requested.every((host) => host !== null && entryOfHost(host) === entry)) return null;
  return pathsAllow(entry, flow) ? { entry, host: normaliseHostName(first) } : null;
}

/** Every entry, for documentation and tests. */
export function listDeviceBackgroundHosts(): readonly DeviceBackgroundHost[] {
  return ENTRIES;
}
