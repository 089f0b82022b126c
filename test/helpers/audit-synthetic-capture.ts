/**
 * End-to-end audit of a capture built in test code: `policy add` of a Markdown policy, `import` of the pcap and
 * `audit`, as the CLI runs them, with the shipped catalog and IP data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/audit/run-audit.js';
import { createAuditDependencies, loadCatalog } from '../../src/cli/cli-context.js';
import type { AuditResult } from '../../src/model/audit.js';
import { openDatabase } from '../../src/store/open-database.js';
import { analysePolicy, storePolicy } from '../../src/workflow/add-policy.js';
import { importCapture } from '../../src/workflow/import-capture.js';
import { PcapWriter, TCP_FLAGS, buildTcpFrame, encodeText } from './pcap-writer.js';

const now = (): Date => new Date('2026-11-23T00:00:00Z');

/** The capturing device's address in synthetic captures. */
export const PHONE = '192.168.1.10';

/** Audits `capture` (pcap bytes) against the Markdown `policy` in `dir`, for an app whose own domain is app.example. */
export async function auditSyntheticCapture(dir: string, policy: string, capture: Uint8Array): Promise<AuditResult> {
  writeFileSync(join(dir, 'phone.pcap'), capture);
  writeFileSync(join(dir, 'policy.md'), policy);
  const db = openDatabase(join(dir, 'audit.db'));
  try {
    storePolicy(db, 'App', await analysePolicy(join(dir, 'policy.md'), { organisations: loadCatalog().organisationNames(), now }), now);
    await importCapture(db, join(dir, 'phone.pcap'), { appName: 'App', identifiers: [], now, appDomains: ['app.example'] });
    return runAudit(db, 'App', { ...createAuditDependencies(), now });
  } finally {
    db.close();
  }
}

/** A TCP connection from the phone: handshake, one client payload, and the server's answer. */
export function addTcpExchange(writer: PcapWriter, time: number, server: string, serverPort: number, clientPort: number, request: Uint8Array, answer = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'): void {
  const c = { src: PHONE, dst: server, srcPort: clientPort, dstPort: serverPort };
  const s = { src: server, dst: PHONE, srcPort: serverPort, dstPort: clientPort };
  writer.addFrame(time, buildTcpFrame({ ...c, flags: TCP_FLAGS.SYN, seq: 1000 }));
  writer.addFrame(time + 0.01, buildTcpFrame({ ...s, flags: TCP_FLAGS.SYN | TCP_FLAGS.ACK, seq: 5000, ack: 1001 }));
  writer.addFrame(time + 0.02, buildTcpFrame({ ...c, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 1001, ack: 5001, payload: request }));
  writer.addFrame(time + 0.03, buildTcpFrame({ ...s, flags: TCP_FLAGS.PSH | TCP_FLAGS.ACK, seq: 5001, ack: 1001 + request.length, payload: encodeText(answer) }));
}
