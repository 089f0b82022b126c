/**
 * Live agreement with tshark on every real pcap/pcapng capture in ../shared/data/captures: `claimcheck inspect
 * --json` must report the packet count, TCP/UDP conversations (frames and bytes), DNS question names and answers,
 * TLS/QUIC server names and HTTP Host values that tshark reports. tshark runs at test time; deliberate
 * differences are documented in docs/decisions/tshark-conformance.md.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../src/model/capture-summary.js';
import { runCli } from '../helpers/run-cli.js';
import { CAPTURES_DIR, capturePath } from './support.js';
import { buildConversationKey, buildDirectedKey, readTsharkFacts, requireTshark, type TsharkFacts } from './tshark-facts.js';

const PACKET_CAPTURES = readdirSync(CAPTURES_DIR)
  .filter((name) => /\.(pcap|pcapng|cap)$/.test(name))
  .sort();

function inspect(file: string): CaptureSummary {
  const run = runCli(['inspect', '--json', file]);
  if (run.status !== 0) throw new Error(`claimcheck inspect exited ${String(run.status)}: ${run.stderr}`);
  return JSON.parse(run.stdout) as CaptureSummary;
}

function flowKey(flow: CaptureSummary['flows'][number]): string {
  return buildConversationKey(flow.protocol, flow.client, flow.clientPort, flow.server, flow.serverPort);
}

/** Host names of one evidence kind, as `conversation|host`. */
function hostsBySource(summary: CaptureSummary, sources: string[]): Set<string> {
  return new Set(summary.flows.flatMap((f) => f.hostNames.filter((h) => sources.includes(h.source)).map((h) => `${flowKey(f)}|${h.host}`)));
}

/** True when tshark's printed byte figure (`749 bytes`, `31 kB`, `2 MB`) is what `exact` prints as. */
function printsAs(bytesText: string, exact: number): boolean {
  const [number, unit] = bytesText.split(' ');
  const scale = { bytes: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[unit ?? ''];
  if (scale === undefined) return false;
  return scale === 1 ? Number(number) === exact : Math.round(exact / scale) === Number(number) || Math.floor(exact / scale) === Number(number);
}

describe('agreement with tshark on the real captures', () => {
  beforeAll(() => requireTshark());

  it('has captures to compare', () => {
    expect(PACKET_CAPTURES.length).toBeGreaterThanOrEqual(7);
  });

  describe.each(PACKET_CAPTURES)('%s', (name) => {
    let theirs: TsharkFacts;
    let ours: CaptureSummary;
    beforeAll(async () => {
      requireTshark();
      theirs = await readTsharkFacts(capturePath(name));
      ours = inspect(capturePath(name));
    });

    it('has the same packet count', () => {
      expect(theirs.packetCount).toBeGreaterThan(0);
      expect(ours.packetCount).toBe(theirs.packetCount);
    });

    it("has tshark's TCP/UDP conversations with the same frame and byte counts", () => {
      const mine = new Map(
        ours.flows.filter((f) => f.protocol === 'tcp' || f.protocol === 'udp').map((f) => [flowKey(f), { frames: f.packets, bytes: f.bytes }]),
      );
      expect(theirs.conversations.size).toBeGreaterThan(0);
      expect(mine).toEqual(theirs.conversations);
      // The per-frame tally above must be tshark's own conversation table, not our reading of its fields.
      expect(new Set(theirs.conversationTable.keys())).toEqual(new Set(theirs.conversations.keys()));
      for (const [key, row] of theirs.conversationTable) {
        const exact = theirs.conversations.get(key);
        expect(exact?.frames, key).toBe(row.frames);
        expect(printsAs(row.bytesText, exact?.bytes ?? -1), `${key}: ${row.bytesText} vs ${String(exact?.bytes)}`).toBe(true);
      }
    });

    it('splits each conversation by direction as tshark does: what the client sent, and what the server sent', () => {
      const mine = new Map<string, { frames: number; bytes: number }>();
      for (const f of ours.flows.filter((flow) => flow.protocol === 'tcp' || flow.protocol === 'udp')) {
        if (f.clientToServer === undefined || f.serverToClient === undefined) throw new Error(`${flowKey(f)}: no direction split`);
        expect(f.clientToServer.packets + f.serverToClient.packets, flowKey(f)).toBe(f.packets);
        expect(f.clientToServer.payloadBytes + f.serverToClient.payloadBytes, flowKey(f)).toBe(f.payloadBytes);
        // tshark lists a direction only when it carried a frame.
        const sent = { frames: f.clientToServer.packets, bytes: f.clientToServer.bytes };
        const back = { frames: f.serverToClient.packets, bytes: f.serverToClient.bytes };
        if (sent.frames > 0) mine.set(buildDirectedKey(f.protocol, f.client, f.clientPort, f.server, f.serverPort), sent);
        if (back.frames > 0) mine.set(buildDirectedKey(f.protocol, f.server, f.serverPort, f.client, f.clientPort), back);
      }
      expect(mine).toEqual(theirs.directions);
    });

    it('has the same DNS question names and A/AAAA/CNAME answers', () => {
      expect(new Set((ours.dnsQueries ?? []).map((q) => q.name))).toEqual(theirs.dnsQuestions);
      expect(new Set(ours.dnsAnswers.map((a) => `${a.name}|${a.type}|${a.value}`))).toEqual(theirs.dnsAnswers);
    });

    it('has the same TLS and QUIC server names on the same conversations', () => {
      expect(hostsBySource(ours, ['tls-sni', 'quic-sni'])).toEqual(theirs.serverNames);
    });

    it('has the same plain-HTTP Host values on the same conversations', () => {
      expect(hostsBySource(ours, ['http-host'])).toEqual(theirs.httpHosts);
    });
  });
});
