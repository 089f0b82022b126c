/**
 * Names each direction packets travel in a capture (transport protocol, source address and port, destination
 * address and port) with a small integer, 0, 1, 2… in order of first sight, so that later stages can keep
 * per-direction state in plain arrays. Looked up once per packet, straight from the header bytes: an open-addressing
 * table over typed arrays, so no address text, key string or map entry is built or hashed per packet. Memory grows
 * with the number of directions (under 100 bytes each), as the flow table's does with flows: never with packets.
 */
import type { TransportProtocol } from '../model/observation.js';

/**
 * Key of a direction, in 32-bit words: source address (four words; an IPv4 address uses the first), destination
 * address (four words), the two ports, then the transport protocol and IP version (an IPv4 address and an IPv6
 * address that share their first word must differ).
 */
const KEY_WORDS = 10;
const PROTOCOL_INDEX: Record<TransportProtocol, number> = { tcp: 0, udp: 1, icmp: 2, other: 3 };
const INITIAL_SLOTS = 1024;

export class DirectionTable {
  /** Key words of direction `id` at `id * KEY_WORDS`. */
  private keys = new Int32Array(INITIAL_SLOTS * KEY_WORDS);
  /** Hash slots holding `id + 1`, 0 when empty; kept at most half full so probes stay short. */
  private slots = new Int32Array(INITIAL_SLOTS * 2);
  private count = 0;
  /** The key being looked up: reused, so a lookup allocates nothing. */
  private readonly probe = new Int32Array(KEY_WORDS);

  /** Number of directions named so far. */
  get size(): number {
    return this.count;
  }

  /**
   * The id of the direction of a packet whose source address is the `addressLength` (4 or 16) bytes of `header` at
   * `sourceAt`, followed by its destination address; a direction not seen before gets the next id.
   */
  idOf(header: Uint8Array, sourceAt: number, addressLength: 4 | 16, protocol: TransportProtocol, srcPort: number, dstPort: number): number {
    const key = this.probe;
    const words = addressLength >> 2;
    for (let i = 0; i < 4; i++) {
      key[i] = i < words ? readWord(header, sourceAt + i * 4) : 0;
      key[4 + i] = i < words ? readWord(header, sourceAt + addressLength + i * 4) : 0;
    }
    key[8] = (srcPort << 16) | dstPort;
    key[9] = (PROTOCOL_INDEX[protocol] << 8) | addressLength;
    const mask = this.slots.length - 1;
    for (let slot = hashKey(key, 0) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === 0) return this.add(slot);
      if (this.holds(held - 1)) return held - 1;
    }
  }

  /** Whether direction `id` has the key being looked up. */
  private holds(id: number): boolean {
    const keys = this.keys;
    const probe = this.probe;
    const at = id * KEY_WORDS;
    for (let i = 0; i < KEY_WORDS; i++) if (keys[at + i] !== probe[i]) return false;
    return true;
  }

  private add(slot: number): number {
    const id = this.count;
    if ((id + 1) * KEY_WORDS > this.keys.length) {
      const grown = new Int32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys.set(this.probe, id * KEY_WORDS);
    this.slots[slot] = id + 1;
    this.count += 1;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = hashKey(this.keys, id * KEY_WORDS) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/** Hash of the key at `at` in `words`: multiplicative (Fibonacci) mixing of each word, high bits folded down. */
function hashKey(words: Int32Array, at: number): number {
  let hash = 0;
  for (let i = 0; i < KEY_WORDS; i++) hash = Math.imul(hash ^ (words[at + i] as number), 0x9e3779b1);
  return hash ^ (hash >>> 15);
}

function readWord(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
}
