/**
 * Child process of the capture benchmark: imports one capture into a fresh database exactly as
 * `claimcheck import` does (stream, parse, identifier search, one write transaction) and prints one JSON line
 * with the elapsed time and this process's peak RSS. Run apart from the benchmark so the RSS is the import's own.
 *
 * Usage: node dist/bench/measure-capture-import.js <capture> <database> <identifiers.json>
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { IdentifierNeedle } from '../src/model/capture-summary.js';
import { openDatabase } from '../src/store/open-database.js';
import { importCapture } from '../src/workflow/import-capture.js';

/** What the child reports to the benchmark. */
export interface ImportMeasurement {
  seconds: number;
  /** User + system CPU time of the import: less disturbed than wall time when other work shares the machine. */
  cpuSeconds: number;
  maxRssBytes: number;
  packets: number;
  flows: number;
  dnsAnswers: number;
  identifierHits: number;
  hostNames: number;
  warnings: number;
}

async function measureImport(): Promise<void> {
  const [capture, database, identifiersFile] = process.argv.slice(2);
  if (capture === undefined || database === undefined || identifiersFile === undefined) {
    throw new Error('usage: measure-capture-import <capture> <database> <identifiers.json>');
  }
  const identifiers = JSON.parse(readFileSync(identifiersFile, 'utf8')) as IdentifierNeedle[];
  const db = openDatabase(database);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const outcome = await importCapture(db, capture, { appName: 'bench', identifiers, now: () => new Date(0) });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  if (outcome.status !== 'imported') throw new Error('capture was already imported');
  const s = outcome.summary;
  const measurement: ImportMeasurement = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    // resourceUsage reports kilobytes.
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    packets: s.packetCount,
    flows: s.flows.length,
    dnsAnswers: s.dnsAnswers.length,
    identifierHits: s.identifierHits.length,
    hostNames: s.flows.reduce((n, f) => n + f.hostNames.length, 0),
    warnings: s.warningCount,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

await measureImport();
