/**
 * Facts about the shared real captures, checked by hand with tshark 4.0 (see ../shared/data/captures/README.md).
 * The exhaustive comparison with tshark (conversations, DNS, SNI) runs live in tshark-conformance.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCaptureFormat } from '../../src/capture/detect-capture-format.js';
import { readCapture } from '../../src/capture/read-capture.js';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import type { CaptureSummary } from '../../src/model/capture-summary.js';
import { capturePath } from './support.js';

const summaries = new Map<string, Promise<CaptureSummary>>();
function summarize(name: string): Promise<CaptureSummary> {
  let summary = summaries.get(name);
  if (summary === undefined) {
    summary = summarizeCapture(capturePath(name));
    summaries.set(name, summary);
  }
  return summary;
}

function hostsOf(summary: CaptureSummary, source: string): Set<string> {
  return new Set(summary.flows.flatMap((f) => f.hostNames.filter((h) => h.source === source).map((h) => h.host)));
}

const PACKET_CAPTURES = [
  ['ndpi_android.pcap', 'pcap', 500],
  ['ndpi_viber.pcap', 'pcapng', 466],
  ['ndpi_alexa-app.pcapng', 'pcapng', 3103],
  ['ndpi_pinterest.pcap', 'pcap', 911],
  ['zeek_wikipedia.pcap', 'pcap', 136],
  ['zeek_quic_curl-8.1.2-dev-http3-www-google-de.pcap', 'pcap', 48],
  ['zeek_tls_chrome-1250-tls-x25519-kyber.pcap', 'pcap', 15],
] as const;

describe('real captures', () => {
  it.each(PACKET_CAPTURES)('%s is detected as %s with %i packets and no warnings', async (name, format, packets) => {
    expect(await detectCaptureFormat(capturePath(name))).toBe(format);
    const summary = await summarize(name);
    expect(summary.format).toBe(format);
    expect(summary.packetCount).toBe(packets);
    expect(summary.warningCount).toBe(0);
    expect(summary.sizeBytes).toBe(readFileSync(capturePath(name)).length);
  });

  it('computes the sha256 of the file while streaming it', async () => {
    const summary = await summarize('zeek_wikipedia.pcap');
    const { createHash } = await import('node:crypto');
    expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(capturePath('zeek_wikipedia.pcap'))).digest('hex'));
  });

  it('finds the TLS SNI values of the Android capture and its plaintext HTTP hosts', async () => {
    const summary = await summarize('ndpi_android.pcap');
    const sni = hostsOf(summary, 'tls-sni');
    for (const host of ['android.clients.google.com', 'accounts.google.com', 'play.googleapis.com', 'semanticlocation-pa.googleapis.com', 'datasaver.googleapis.com']) {
      expect(sni).toContain(host);
    }
    const http = hostsOf(summary, 'http-host');
    expect(http).toContain('check.googlezip.net');
    expect(http).toContain('captive.apple.com');
    const googlezip = summary.flows.find((f) => f.hostNames.some((h) => h.host === 'check.googlezip.net' && h.source === 'http-host'));
    expect(googlezip?.encryption).toBe('none');
    expect(googlezip?.httpRequests.length).toBeGreaterThan(0);
  });

  it('finds Viber first- and third-party SNI values in the pcapng file', async () => {
    const summary = await summarize('ndpi_viber.pcap');
    const sni = hostsOf(summary, 'tls-sni');
    for (const host of ['dl-media.viber.com', 'media.cdn.viber.com', 'app-measurement.com', 'mapi.apptimize.com', 'brahe.apptimize.com', 'venetia.iad.appboy.com']) {
      expect(sni).toContain(host);
    }
    const names = new Set(summary.dnsAnswers.map((a) => a.name));
    expect(names).toContain('app.adjust.com');
    expect(names).toContain('graph.facebook.com');
  });

  it('finds region-bearing SNI values and plaintext HTTP in the Alexa capture', async () => {
    const summary = await summarize('ndpi_alexa-app.pcapng');
    const sni = hostsOf(summary, 'tls-sni');
    for (const host of ['mobileanalytics.us-east-1.amazonaws.com', 'cognito-identity.us-east-1.amazonaws.com', 'pitangui.amazon.com', 'fls-na.amazon.com']) {
      expect(sni).toContain(host);
    }
    expect(hostsOf(summary, 'http-host')).toEqual(new Set(['connectivitycheck.android.com', 'alexa.amazon.com', 'ecx.images-amazon.com']));
    // tshark counts 22 HTTP requests; retransmitted requests must not be counted again.
    expect(summary.flows.reduce((n, f) => n + f.httpRequests.length, 0)).toBe(22);
  });

  it('finds third-party SNI values in the Pinterest capture, which has no DNS', async () => {
    const summary = await summarize('ndpi_pinterest.pcap');
    const sni = hostsOf(summary, 'tls-sni');
    for (const host of ['www.google-analytics.com', 'connect.facebook.net', 'www.facebook.com', 'sessions.bugsnag.com', 'js-agent.newrelic.com', 'accounts.google.com', 'images.unsplash.com']) {
      expect(sni).toContain(host);
    }
    expect(summary.dnsAnswers).toHaveLength(0);
  });

  it('maps Wikipedia DNS answers to the flows of their servers', async () => {
    const summary = await summarize('zeek_wikipedia.pcap');
    expect(summary.dnsAnswers).toContainEqual(expect.objectContaining({ name: 'upload.pmtpa.wikimedia.org', type: 'A', value: '208.80.152.3' }));
    expect(summary.dnsAnswers).toContainEqual(expect.objectContaining({ name: 'upload.wikimedia.org', type: 'CNAME', value: 'upload.pmtpa.wikimedia.org' }));
    const upload = summary.flows.filter((f) => f.server === '208.80.152.3' && f.protocol === 'tcp');
    expect(upload.length).toBe(6);
    for (const flow of upload) {
      expect(flow.hostNames.map((h) => `${h.source}:${h.host}`)).toEqual(
        expect.arrayContaining(['http-host:upload.wikimedia.org', 'dns-answer:upload.wikimedia.org', 'dns-answer:upload.pmtpa.wikimedia.org']),
      );
      expect(flow.client).toBe('141.142.220.118');
      expect(flow.serverPort).toBe(80);
    }
    expect(hostsOf(summary, 'http-host')).toContain('meta.wikimedia.org');
  });

  it('reads the SNI of a ClientHello split over two TCP segments', async () => {
    const summary = await summarize('zeek_tls_chrome-1250-tls-x25519-kyber.pcap');
    expect(summary.flows).toHaveLength(1);
    expect(summary.flows[0]?.hostNames).toEqual([expect.objectContaining({ host: 'lh3.google.com', source: 'tls-sni' })]);
    expect(summary.flows[0]?.encryption).toBe('tls');
  });

  it('decrypts the QUIC Initial to read its SNI and marks the flow as QUIC', async () => {
    const summary = await summarize('zeek_quic_curl-8.1.2-dev-http3-www-google-de.pcap');
    expect(summary.flows).toHaveLength(1);
    expect(summary.flows[0]).toMatchObject({ protocol: 'udp', serverPort: 443, encryption: 'quic' });
    expect(summary.flows[0]?.hostNames).toEqual([expect.objectContaining({ host: 'www.google.de', source: 'quic-sni' })]);
  });

  it('reads the HAR files: entries, hosts, encryption and server addresses', async () => {
    const nytimes = await summarize('pagexray_www.nytimes.com.har');
    expect(nytimes.format).toBe('har');
    expect(nytimes.packetCount).toBe(328);
    expect(hostsOf(nytimes, 'har-url').size).toBe(84);
    const requests: { url: string; encrypted: boolean }[] = [];
    for await (const o of readCapture(capturePath('pagexray_www.nytimes.com.har'), 'har')) if (o.kind === 'http-request') requests.push(o);
    expect(requests).toHaveLength(328);
    expect(requests.filter((r) => r.encrypted)).toHaveLength(107);
    expect(requests.filter((r) => r.url.startsWith('https:'))).toHaveLength(107);
    expect(hostsOf(nytimes, 'har-url')).toContain('beacon.krxd.net');

    const ferguson = await summarize('pagexray_ferguson.har');
    expect(ferguson.packetCount).toBe(174);
    expect(hostsOf(ferguson, 'har-url').size).toBe(41);
    for (const host of ['nebula-cdn.kampyle.com', 'service.maxymiser.net', 'script.crazyegg.com', 'cdn.appdynamics.com', 'c.oracleinfinity.io']) {
      expect(hostsOf(ferguson, 'har-url')).toContain(host);
    }
    // Entries carry serverIPAddress, so flows are keyed by address, not by name.
    expect(ferguson.flows.every((f) => /^[0-9.]+$|:/.test(f.server))).toBe(true);
    // Its five HTTP/3 entries (h3) reach addresses and ports that also served h2 entries: each is on its own QUIC flow.
    const quic = ferguson.flows.filter((f) => f.protocol === 'udp');
    expect(quic.map((f) => f.httpRequests.length)).toEqual([1, 1, 1, 1, 1]);
    expect(quic.every((f) => f.encryption === 'quic' && ferguson.flows.some((t) => t.protocol === 'tcp' && t.server === f.server && t.serverPort === f.serverPort))).toBe(true);
    expect(quic.map((f) => f.httpRequests[0]?.url).sort()[0]).toMatch(/^https:\/\/connect\.facebook\.net\/signals\/config\//);
  });
});
