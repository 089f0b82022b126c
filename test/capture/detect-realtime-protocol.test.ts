import { describe, expect, it } from 'vitest';
import { RealtimeSignatureTracker, isRtcpPacket, isStunMessage, readRtpHeader } from '../../src/capture/detect-realtime-protocol.js';

/** STUN Binding Request (RFC 8489 §5) with one attribute of `attributeBytes` bytes. */
function stunBindingRequest(attributeBytes = 8): Uint8Array {
  const out = new Uint8Array(20 + attributeBytes);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x0001);
  view.setUint16(2, attributeBytes);
  view.setUint32(4, 0x2112a442);
  for (let i = 8; i < 20; i++) out[i] = i * 7;
  return out;
}

/** RTP packet (RFC 3550 §5.1), payload type 111 (a common dynamic Opus type). */
function rtpPacket(sequence: number, ssrc: number, payloadType = 111): Uint8Array {
  const out = new Uint8Array(12 + 40).fill(0x55);
  const view = new DataView(out.buffer);
  out[0] = 0x80;
  out[1] = payloadType;
  view.setUint16(2, sequence);
  view.setUint32(4, 160 * sequence);
  view.setUint32(8, ssrc);
  return out;
}

/** RTCP receiver report (RFC 3550 §6.4.2) with one report block: 8 words. */
function rtcpReceiverReport(): Uint8Array {
  const out = new Uint8Array(32);
  out[0] = 0x81;
  out[1] = 201;
  out[3] = 7;
  return out;
}

describe('real-time payload signatures', () => {
  it('recognises STUN by its magic cookie and exact length', () => {
    expect(isStunMessage(stunBindingRequest())).toBe(true);
    const wrongCookie = stunBindingRequest();
    wrongCookie[4] = 0x22;
    expect(isStunMessage(wrongCookie)).toBe(false);
    expect(isStunMessage(stunBindingRequest().subarray(0, 24))).toBe(false);
  });

  it('recognises RTCP by version, packet type and a length that fits', () => {
    expect(isRtcpPacket(rtcpReceiverReport())).toBe(true);
    expect(isRtcpPacket(rtcpReceiverReport().subarray(0, 16))).toBe(false);
    // A compound packet: receiver report followed by an SDES of 3 words.
    const sdes = Uint8Array.of(0x81, 202, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0);
    const compound = new Uint8Array([...rtcpReceiverReport(), ...sdes]);
    expect(isRtcpPacket(compound)).toBe(true);
    expect(isRtcpPacket(compound.subarray(0, compound.length - 4))).toBe(false);
    expect(isRtcpPacket(rtpPacket(1, 5))).toBe(false);
  });

  it('reads RTP headers but refuses RTCP-range payload types and other versions', () => {
    expect(readRtpHeader(rtpPacket(7, 0xdeadbeef))).toEqual({ sequence: 7, ssrc: 0xdeadbeef });
    expect(readRtpHeader(rtpPacket(7, 1, 72))).toBeNull();
    const v1 = rtpPacket(7, 1);
    v1[0] = 0x40;
    expect(readRtpHeader(v1)).toBeNull();
  });

  it('reports RTP only when two datagrams of one stream agree, at the confirming frame', () => {
    const tracker = new RealtimeSignatureTracker();
    tracker.observe(stunBindingRequest(), 3);
    tracker.observe(rtpPacket(100, 42), 4);
    tracker.observe(rtpPacket(500, 43), 5);
    expect(tracker.list()).toEqual([{ protocol: 'stun', frame: 3 }]);
    tracker.observe(rtpPacket(501, 43), 6);
    tracker.observe(rtcpReceiverReport(), 9);
    expect(tracker.list()).toEqual([
      { protocol: 'stun', frame: 3 },
      { protocol: 'rtp', frame: 6 },
      { protocol: 'rtcp', frame: 9 },
    ]);
  });

  it('rarely mistakes random datagrams for media (seeded)', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    };
    let falseStreams = 0;
    for (let flow = 0; flow < 200; flow++) {
      const tracker = new RealtimeSignatureTracker();
      for (let i = 0; i < 20; i++) tracker.observe(Uint8Array.from({ length: 60 }, next), i + 1);
      if (tracker.list().length > 0) falseStreams += 1;
    }
    expect(falseStreams).toBe(0);
  });
});

describe('ICE connectivity checks from both ends (review 9 item 7)', () => {
  it('reports "ice" once both ends have sent a Binding request, at the second end’s first one', () => {
    const tracker = new RealtimeSignatureTracker();
    const response = stunBindingRequest();
    response[0] = 0x01; // 0x0101: Binding success response, not a request
    tracker.observe(stunBindingRequest(), 1, '192.168.1.10|50000');
    tracker.observe(response, 2, '79.192.0.1|50001');
    tracker.observe(stunBindingRequest(), 3, '192.168.1.10|50000');
    expect(tracker.list()).toEqual([{ protocol: 'stun', frame: 1 }]);
    tracker.observe(stunBindingRequest(), 4, '79.192.0.1|50001');
    expect(tracker.list()).toEqual([{ protocol: 'stun', frame: 1 }, { protocol: 'ice', frame: 4 }]);
  });
});
