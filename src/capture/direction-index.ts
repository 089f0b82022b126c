/**
 * A map keyed by one direction of a conversation: protocol, source address and port, destination address and
 * port. It is looked up once or twice per packet, so it avoids building and hashing a string key each time:
 * addresses become small integers (their strings are mostly the same interned instances, whose hash V8 caches),
 * and the key is two integer lookups, (source id, port) then (destination id, port, protocol).
 */
import type { TransportProtocol } from '../model/observation.js';

const PROTOCOL_INDEX: Record<TransportProtocol, number> = { tcp: 0, udp: 1, icmp: 2, other: 3 };
const PORTS = 65536;

export class DirectionIndex<T> {
  private readonly addressIds = new Map<string, number>();
  private readonly bySource = new Map<number, Map<number, T>>();
  private count = 0;
  /** The direction found last: a TCP transfer sends runs of segments the same way, which then need no lookup. */
  private lastProtocol: TransportProtocol | null = null;
  private lastSrc = '';
  private lastSrcPort = -1;
  private lastDst = '';
  private lastDstPort = -1;
  private lastValue: T | undefined = undefined;

  /** Number of directions held. */
  get size(): number {
    return this.count;
  }

  get(protocol: TransportProtocol, src: string, srcPort: number, dst: string, dstPort: number): T | undefined {
    if (srcPort === this.lastSrcPort && dstPort === this.lastDstPort && protocol === this.lastProtocol && src === this.lastSrc && dst === this.lastDst) {
      return this.lastValue;
    }
    const srcId = this.addressIds.get(src);
    const dstId = this.addressIds.get(dst);
    if (srcId === undefined || dstId === undefined) return undefined;
    const value = this.bySource.get(srcId * PORTS + srcPort)?.get(destinationKey(protocol, dstId, dstPort));
    if (value !== undefined) this.remember(protocol, src, srcPort, dst, dstPort, value);
    return value;
  }

  set(protocol: TransportProtocol, src: string, srcPort: number, dst: string, dstPort: number, value: T): void {
    const sourceKey = this.idOf(src) * PORTS + srcPort;
    const key = destinationKey(protocol, this.idOf(dst), dstPort);
    let destinations = this.bySource.get(sourceKey);
    if (destinations === undefined) {
      destinations = new Map();
      this.bySource.set(sourceKey, destinations);
    }
    if (!destinations.has(key)) this.count += 1;
    destinations.set(key, value);
    this.remember(protocol, src, srcPort, dst, dstPort, value);
  }

  clear(): void {
    this.lastProtocol = null;
    this.lastValue = undefined;
    this.addressIds.clear();
    this.bySource.clear();
    this.count = 0;
  }

  private remember(protocol: TransportProtocol, src: string, srcPort: number, dst: string, dstPort: number, value: T): void {
    this.lastProtocol = protocol;
    this.lastSrc = src;
    this.lastSrcPort = srcPort;
    this.lastDst = dst;
    this.lastDstPort = dstPort;
    this.lastValue = value;
  }

  private idOf(address: string): number {
    let id = this.addressIds.get(address);
    if (id === undefined) {
      id = this.addressIds.size;
      this.addressIds.set(address, id);
    }
    return id;
  }
}

function destinationKey(protocol: TransportProtocol, dstId: number, dstPort: number): number {
  return (dstId * PORTS + dstPort) * 4 + PROTOCOL_INDEX[protocol];
}
