/**
 * Review 9 item 7: a peer-to-peer call to another user's home connection had become "Traffic to Germany … servers used by
 * Deutsche Telekom AG", `incorrect` against "We do not transfer your personal data to China" for a participant on
 * Chinanet, and "voice recordings" going to China against a denial of that. Call media that went straight to another
 * participant is where that person is, not a transfer by the service.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/model/audit.js';
import { PHONE, auditSyntheticCapture } from '../helpers/audit-synthetic-capture.js';
import { PcapWriter, buildUdpFrame } from '../helpers/pcap-writer.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const SLOW = 120_000;
const HOME_DE = '79.192.0.1'; // AS3320 Deutsche Telekom AG, DE
const HOME_CN = '183.0.0.1'; // AS4134 Chinanet, CN
const HOSTING_DE = '88.198.10.10'; // AS24940 Hetzner Online GmbH, DE: a server, not a home connection

/** A STUN message (RFC 8489 §5): type, no attributes, the magic cookie and a transaction id. */
function stun(type: number, id: number): Uint8Array {
  const bytes = new Uint8Array(20);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, type);
  view.setUint32(4, 0x2112a442);
  view.setUint32(16, id);
  return bytes;
}

/** An RTP packet (RFC 3550 §5.1): version 2, payload type 111 (Opus), the sequence number and SSRC, 160 bytes of audio. */
function rtp(sequence: number, ssrc: number): Uint8Array {
  const bytes = new Uint8Array(172);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x80;
  bytes[1] = 111;
  view.setUint16(2, sequence);
  view.setUint32(8, ssrc);
  return bytes;
}

/**
 * A call's media path to `peer`: ICE connectivity checks (a Binding request and its success response from the phone and,
 * when `peerChecks`, from the other end too), then audio each way.
 */
function addCall(writer: PcapWriter, peer: string, start: number, peerChecks = true): void {
  const out = { src: PHONE, dst: peer, srcPort: 50000, dstPort: 50001 };
  const back = { src: peer, dst: PHONE, srcPort: 50001, dstPort: 50000 };
  writer.addFrame(start, buildUdpFrame({ ...out, payload: stun(0x0001, 1) }));
  writer.addFrame(start + 0.01, buildUdpFrame({ ...back, payload: stun(0x0101, 1) }));
  if (peerChecks) {
    writer.addFrame(start + 0.02, buildUdpFrame({ ...back, payload: stun(0x0001, 2) }));
    writer.addFrame(start + 0.03, buildUdpFrame({ ...out, payload: stun(0x0101, 2) }));
  }
  for (let i = 0; i < 5; i++) writer.addFrame(start + 0.1 + i * 0.02, buildUdpFrame({ ...out, payload: rtp(100 + i, 0x1234) }));
  for (let i = 0; i < 5; i++) writer.addFrame(start + 0.3 + i * 0.02, buildUdpFrame({ ...back, payload: rtp(500 + i, 0x5678) }));
}

async function auditCall(policy: string, peer: string, peerChecks = true): Promise<AuditResult> {
  const writer = new PcapWriter();
  addCall(writer, peer, 1_700_000_000, peerChecks);
  return auditSyntheticCapture(tempDir(), policy, writer.toBytes());
}

const US_POLICY = '# Privacy\n\n## Where data goes\n\nYour personal data is stored on servers in the United States.\n';
const CHINA_DENIAL = `${US_POLICY}\nWe do not transfer your personal data to China.\n`;
const RECORDINGS_DENIAL = `${US_POLICY}\nWe do not send your voice recordings to China.\n`;

const countryFindings = (audit: AuditResult): string[] => audit.findings.filter((f) => f.ruleId === 'undisclosed-country').map((f) => `${f.subject} ${f.label}`);

describe('a peer-to-peer call to another participant’s connection (review 9 item 7)', () => {
  it('is listed as the other participant, in their country, and is no country finding', async () => {
    const audit = await auditCall(US_POLICY, HOME_DE);
    expect(countryFindings(audit)).toEqual([]);
    const peer = audit.recipients.find((r) => r.relation === 'peer');
    expect(peer).toMatchObject({ organisation: "a call participant's connection (Deutsche Telekom AG)", countries: ['DE'], label: null });
  }, SLOW);

  it('does not contradict a denial of transfers to China, nor of voice recordings sent there', async () => {
    expect(countryFindings(await auditCall(CHINA_DENIAL, HOME_CN))).toEqual([]);
    expect(countryFindings(await auditCall(RECORDINGS_DENIAL, HOME_CN))).toEqual([]);
  }, SLOW);

  it('needs both ends’ ICE checks and an access network: a one-sided check or a hosting network still counts', async () => {
    // Only the phone asked: the other end may be a TURN relay or an ICE-lite media server in China.
    const oneSided = await auditCall(CHINA_DENIAL, HOME_CN, false);
    expect(countryFindings(oneSided)).toEqual(['CN incorrect']);
    // Counted, but the evidence row says what it may be.
    const row = oneSided.findings.find((f) => f.ruleId === 'undisclosed-country')?.packetEvidence[0]?.detail;
    expect(row).toContain("AS4134 Chinanet, an access network (fixed connections of the public): this may be another call participant's connection rather than a server");
    // Both ends asked, but the address is a hosting company's: a media server running full ICE.
    expect(countryFindings(await auditCall(US_POLICY, HOSTING_DE))).toEqual(['DE omitted']);
  }, SLOW);
});
