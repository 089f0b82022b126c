import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReadStats } from '../../src/capture/link-frame.js';
import { readObservationsInto } from '../../src/capture/read-capture.js';
import type { CaptureFormat, Observation } from '../../src/model/observation.js';
import { capturePath, chunkBytes, collectObservations } from './support.js';

/** A copy of an observation as it is now: payload views become arrays, so later refills cannot change it. */
function snapshot(o: Observation): unknown {
  return o.kind === 'packet' ? { ...o, payload: Array.from(o.payload) } : o.kind === 'http-request' ? { ...o, body: Array.from(o.body) } : { ...o };
}

describe('readObservationsInto', () => {
  it.each([
    ['zeek_wikipedia.pcap', 'pcap'],
    ['ndpi_android.pcap', 'pcap'],
    ['ndpi_alexa-app.pcapng', 'pcapng'],
    ['zeek_quic_curl-8.1.2-dev-http3-www-google-de.pcap', 'pcap'],
    ['pagexray_ferguson.har', 'har'],
  ] as const)('hands the sink of %s, one by one, what the batch reader yields', async (name, format) => {
    const bytes = new Uint8Array(readFileSync(capturePath(name)));
    const batched = await collectObservations(bytes, format as CaptureFormat, 4096);
    const seen: unknown[] = [];
    const packetObjects = new Set<Observation>();
    const stats = createReadStats();
    await readObservationsInto(chunkBytes(bytes, 4096), name, format as CaptureFormat, stats, {
      push(observation: Observation): void {
        // Taken at push time, as the capture summariser does: a packet observation may be refilled afterwards.
        seen.push(snapshot(observation));
        if (observation.kind === 'packet') packetObjects.add(observation);
      },
    });
    expect(batched.observations.length).toBeGreaterThan(0);
    expect(seen).toEqual(batched.observations.map(snapshot));
    expect(stats).toEqual(batched.stats);
    // Packet captures refill one packet observation rather than allocating one per packet.
    if (format !== 'har') expect(packetObjects.size).toBe(1);
  });
});
