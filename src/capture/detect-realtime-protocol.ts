/**
 * Payload signatures of real-time media protocols in UDP datagrams, so that flows with no host name
 * (IP-only media relays) still say what they carry. Each check follows the protocol's own framing
 * rules closely enough that random bytes rarely pass; RTP, whose header is short and loose, is only
 * reported once two datagrams of one flow agree (same SSRC, advancing sequence number).
 */
import type { RealtimeSignature } from '../model/capture-summary.js';

/** RFC 8489 §5: the fixed magic cookie of every STUN message (also TURN, RFC 8656). */
const STUN_MAGIC_COOKIE = 0x2112a442;

/** RFC 8489 §5, §18.2: message type 0x0001, a Binding request (class request, method Binding). */
const STUN_BINDING_REQUEST = 0x0001;

/** STUN message: top two bits zero, length a multiple of 4 matching the datagram, the magic cookie. */
export function isStunMessage(payload: Uint8Array): boolean {
  if (payload.length < 20 || ((payload[0] ?? 0xff) & 0xc0) !== 0) return false;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const length = view.getUint16(2);
  return length % 4 === 0 && length + 20 === payload.length && view.getUint32(4) === STUN_MAGIC_COOKIE;
}

/**
 * RTCP compound packet (RFC 3550 §6.1): it starts with a sender or receiver report (type 200 or
 * 201), every packet in it has version 2 and a type in the RTCP range 192–223, and their length
 * fields (32-bit words minus one) add up to exactly the datagram.
 */
export function isRtcpPacket(payload: Uint8Array): boolean {
  if (payload.length < 8) return false;
  const firstType = payload[1] ?? 0;
  if (firstType !== 200 && firstType !== 201) return false;
  let offset = 0;
  while (offset + 4 <= payload.length) {
    const type = payload[offset + 1] ?? 0;
    if (((payload[offset] ?? 0) >> 6) !== 2 || type < 192 || type > 223) return false;
    offset += ((((payload[offset + 2] ?? 0) << 8) | (payload[offset + 3] ?? 0)) + 1) * 4;
  }
  return offset === payload.length;
}

/** RTP header fields needed to link datagrams of one stream (RFC 3550 §5.1), or null when it cannot be RTP. */
export function readRtpHeader(payload: Uint8Array): { ssrc: number; sequence: number } | null {
  const first = payload[0] ?? 0;
  if (payload.length < 12 || first >> 6 !== 2) return null;
  const payloadType = (payload[1] ?? 0) & 0x7f;
  // RFC 5761 §4: types 64–95 would collide with RTCP when multiplexed; real streams avoid them.
  if (payloadType >= 64 && payloadType <= 95) return null;
  const csrcCount = first & 0x0f;
  if (12 + csrcCount * 4 > payload.length) return null;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { ssrc: view.getUint32(8), sequence: view.getUint16(2) };
}

/** How far apart two RTP sequence numbers of one stream may be and still count as the same stream. */
const MAX_SEQUENCE_STEP = 16;

/** Datagrams examined per flow: media announces itself early (STUN before media, RTCP within seconds). */
const MAX_DATAGRAMS = 64;

/**
 * Per-flow detector state: which protocols were seen, an RTP header waiting for confirmation, and which ends sent STUN
 * Binding requests. Both ends sending them are two full ICE agents checking connectivity (RFC 8445 §2.5, §7.2): a
 * peer-to-peer media path. A TURN server or an ICE-lite media server only answers, never asks.
 */
export class RealtimeSignatureTracker {
  private readonly found: RealtimeSignature[] = [];
  private rtpCandidate: { ssrc: number; sequence: number } | null = null;
  private readonly bindingRequestSenders = new Set<string>();
  private examined = 0;

  /**
   * Looks at one UDP datagram of the flow (only the first few per flow, to keep import cost flat). `sender` names the end
   * that sent it (address and port), so that Binding requests from both ends can be told.
   */
  observe(payload: Uint8Array, frame: number, sender?: string): void {
    if (this.examined >= MAX_DATAGRAMS || payload.length === 0) return;
    this.examined += 1;
    if (isStunMessage(payload)) {
      if (!this.has('stun')) this.found.push({ protocol: 'stun', frame });
      if (sender !== undefined && (((payload[0] ?? 0) << 8) | (payload[1] ?? 0)) === STUN_BINDING_REQUEST) {
        this.bindingRequestSenders.add(sender);
        if (this.bindingRequestSenders.size === 2 && !this.has('ice')) this.found.push({ protocol: 'ice', frame });
      }
      return;
    }
    if (!this.has('rtcp') && isRtcpPacket(payload)) {
      this.found.push({ protocol: 'rtcp', frame });
      return;
    }
    if (this.has('rtp')) return;
    const header = readRtpHeader(payload);
    if (header === null) return;
    const previous = this.rtpCandidate;
    const step = previous === null ? -1 : (header.sequence - previous.sequence + 0x10000) % 0x10000;
    if (previous !== null && previous.ssrc === header.ssrc && step > 0 && step <= MAX_SEQUENCE_STEP) {
      this.found.push({ protocol: 'rtp', frame });
    } else {
      this.rtpCandidate = header;
    }
  }

  /** Protocols seen so far, each with the first frame that showed it. */
  list(): RealtimeSignature[] {
    return [...this.found];
  }

  private has(protocol: RealtimeSignature['protocol']): boolean {
    return this.found.some((s) => s.protocol === protocol);
  }
}
