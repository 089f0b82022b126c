import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { attributeFlow } from '../../src/enrich/attribute-flow.js';
import { EntityCatalog } from '../../src/enrich/entity-catalog.js';
import type { IpNetworkInfo } from '../../src/model/entity.js';
import { buildDnsResponse, buildTcpFrame, buildUdpFrame, encodeText, PcapWriter, TCP_FLAGS } from '../helpers/pcap-writer.js';
import { capturePath, writeTempFile } from './support.js';

const phone = '192.168.1.10';
const resolver = '192.168.1.1';
const server = '52.1.2.3';
const amazonNetwork = (): IpNetworkInfo => ({ asn: 16509, asnOwner: 'Amazon.com, Inc.', country: 'US' });
const catalog = EntityCatalog.loadDefault();

/** A DNS answer `asked CNAME target` + `target A 52.1.2.3`, then a plain TCP connection (no SNI, no Host) to it. */
function writeCnameThenTcp(asked: string, target: string): string {
  const writer = new PcapWriter();
  const dns = buildDnsResponse({
    id: 7,
    question: asked,
    answers: [
      { name: asked, type: 'CNAME', value: target, ttl: 60 },
      { name: target, type: 'A', value: server, ttl: 60 },
    ],
  });
  writer.addFrame(1, buildUdpFrame({ src: resolver, dst: phone, srcPort: 53, dstPort: 51000, payload: dns }));
  writer.addFrame(2, buildTcpFrame({ src: phone, dst: server, srcPort: 41000, dstPort: 8883, flags: TCP_FLAGS.SYN, seq: 1 }));
  writer.addFrame(3, buildTcpFrame({ src: phone, dst: server, srcPort: 41000, dstPort: 8883, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 2, payload: encodeText('device-8f3a0c91d2') }));
  return writeTempFile('cname.pcap', writer.toBytes());
}

describe('a flow reached through a CNAME chain', () => {
  it('is credited to the name the app asked for, with the CNAME target as hosting evidence and no lowered confidence', async () => {
    const summary = await summarizeCapture(writeCnameThenTcp('rt.mixpanel.com', 'mp-rt-123.elb.amazonaws.com'));
    const flow = summary.flows.find((f) => f.serverPort === 8883)!;
    expect(flow.hostNames).toEqual([
      { host: 'rt.mixpanel.com', source: 'dns-answer', frame: 1, viaCname: 'mp-rt-123.elb.amazonaws.com' },
      { host: 'mp-rt-123.elb.amazonaws.com', source: 'dns-answer', frame: 1, cnameOf: 'rt.mixpanel.com' },
    ]);
    const attribution = attributeFlow(flow, { catalog, network: amazonNetwork, firstPartyDomains: [] });
    expect(attribution).toMatchObject({ entityId: 'mixpanel', host: 'rt.mixpanel.com', relation: 'recipient', confidence: 'medium' });
    expect(attribution.evidence[0]).toBe('DNS answer "rt.mixpanel.com" (frame 1), an alias (CNAME) of mp-rt-123.elb.amazonaws.com');
    expect(attribution.evidence[1]).toMatch(/^CNAME target mp-rt-123\.elb\.amazonaws\.com → Amazon Web Services.*where rt\.mixpanel\.com is hosted/);
    expect(attribution.evidence.join('\n')).not.toMatch(/ambiguous/);
  });

  it("keeps the app's own name first party when it is an alias of a platform host", async () => {
    const summary = await summarizeCapture(writeCnameThenTcp('rt.ourapp-example.com', 'ourapp-prod.herokuapp.com'));
    const flow = summary.flows.find((f) => f.serverPort === 8883)!;
    const attribution = attributeFlow(flow, { catalog, network: amazonNetwork, firstPartyDomains: ['ourapp-example.com'] });
    expect(attribution).toMatchObject({ relation: 'first-party', host: 'rt.ourapp-example.com', confidence: 'medium' });
  });

  it('credits the Alexa capture\'s flows without SNI to www.amazon.com, not the CloudFront name it is an alias of', async () => {
    // Frame 63: www.amazon.com CNAME www.cdn.amazon.com CNAME d3ag4hukkh62yn.cloudfront.net A 52.85.209.216 (and more).
    const summary = await summarizeCapture(capturePath('ndpi_alexa-app.pcapng'));
    const flows = summary.flows.filter((f) => f.clientPort === 38483 || f.clientPort === 54413);
    expect(flows).toHaveLength(2);
    for (const flow of flows) {
      expect(flow.hostNames.some((h) => h.source === 'tls-sni' || h.source === 'http-host')).toBe(false);
      const attribution = attributeFlow(flow, { catalog, network: amazonNetwork, firstPartyDomains: [] });
      expect(attribution).toMatchObject({ host: 'www.amazon.com', entityId: 'amazon', relation: 'recipient', confidence: 'medium' });
      expect(attribution.evidence[0]).toMatch(/^DNS answer "www\.amazon\.com" \(frame 63\), an alias \(CNAME\) of d3ag4hukkh62yn\.cloudfront\.net$/);
    }
  });
});
