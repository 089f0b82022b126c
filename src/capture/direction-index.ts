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

  /** Number of directions held. */
  get size(): number {
    return this.count;
  }

  get(protocol: TransportProtocol, src: string, srcPort: number, dst: string, dstPort: number): T | undefined {
    const srcId = this.addressIds.get(src);
    const dstId = this.addressIds.get(dst);
    if (srcId === undefined || dstId === undefined) return undefined;
    return this.bySource.get(srcId * PORTS + srcPort)?.get(destinationKey(protocol, dstId, dstPort));
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
  }

  clear(): void {
    this.addressIds.clear();
    this.bySource.clear();
    this.count = 0;
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
