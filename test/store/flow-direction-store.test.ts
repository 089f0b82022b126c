/**
 * The direction split of flows survives the store: on the real Android capture, where Apple's servers re-send FINs
 * to 192.168.2.17 and that address never sends a packet (tshark: it is never an ip.src), the stored flows say the
 * client sent nothing, and every flow's split comes back as the import counted it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeCapture } from '../../src/capture/summarize-capture.js';
import { loadFlows } from '../../src/store/capture-repository.js';
import { openDatabase } from '../../src/store/open-database.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { capturePath } from '../capture/support.js';
import { requireTshark } from '../capture/tshark-facts.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const ANDROID = capturePath('ndpi_android.pcap');

describe('direction split in the store', () => {
  it('stores what each end sent, and the Apple flows of ndpi_android.pcap as nothing sent by the client', async () => {
    requireTshark();
    const sources = spawnSync('tshark', ['-n', '-r', ANDROID, '-T', 'fields', '-e', 'ip.src'], { encoding: 'utf8' }).stdout.split('\n');
    expect(sources).not.toContain('192.168.2.17');
    const db = openDatabase(join(tempDir(), 'directions.db'));
    try {
      const outcome = await importCapture(db, ANDROID, { appName: 'Android', identifiers: [], now: () => new Date('2026-11-24T00:00:00Z') });
      const stored = loadFlows(db, [outcome.captureId]);
      const summary = await summarizeCapture(ANDROID);
      const split = (f: { client: string; clientPort: number; server: string; serverPort: number; clientToServer?: unknown; serverToClient?: unknown }) =>
        [`${f.client}:${f.clientPort}>${f.server}:${f.serverPort}`, f.clientToServer, f.serverToClient];
      expect(stored.map(split).sort()).toEqual(summary.flows.map(split).sort());
      const apple = stored.filter((f) => f.server.startsWith('17.248.'));
      expect(apple.length).toBe(3);
      for (const flow of apple) {
        expect(flow.client).toBe('192.168.2.17');
        expect(flow.clientToServer).toEqual({ packets: 0, bytes: 0, payloadBytes: 0 });
        expect(flow.serverToClient?.packets).toBe(flow.packets);
      }
    } finally {
      db.close();
    }
  });
});
