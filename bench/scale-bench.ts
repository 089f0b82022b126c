/**
 * Database growth: builds one database with 1,000 apps, about 10 million packets' worth of flows
 * and 100,000 claims, then times `audit` and `report` for single apps (targets: under 1 s and
 * under 2 s) in-process and as CLI commands, and prints the database size.
 *
 * Content is realistic, not random noise: policies are real ones from ../shared/data analysed by
 * the real extractor, flows reuse servers and host names seen in real captures (so attribution does
 * real catalog and ASN work), and rows go in through the store's own insert functions in large
 * transactions. Set CLAIMCHECK_BENCH_APPS to a smaller number for a quick run. Set
 * CLAIMCHECK_BENCH_DB=<path> to keep the generated database there (and reuse it if it already exists),
 * so that whole commands can be timed again, or A/B against another build, without regenerating it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../src/audit/run-audit.js';
import { summarizeCapture } from '../src/capture/summarize-capture.js';
import { createAuditDependencies, describeDataSources, loadCatalog } from '../src/cli/cli-context.js';
import type { CaptureSummary, DnsAnswerSummary, FlowSummary, IdentifierHit } from '../src/model/capture-summary.js';
import { findPackageRoot } from '../src/package-root.js';
import { buildReportModel } from '../src/report/report-model.js';
import { RULES } from '../src/rules/registry.js';
import { addAppDomains, ensureApp, requireApp } from '../src/store/app-repository.js';
import { loadAudit } from '../src/store/audit-repository.js';
import { insertCapture, listCaptures, loadFlows, loadIdentifierHits } from '../src/store/capture-repository.js';
import { countRows } from '../src/store/check-database.js';
import { openDatabase, type StoreDatabase } from '../src/store/open-database.js';
import { findLatestSnapshot, insertPolicySnapshot, loadClaims } from '../src/store/policy-repository.js';
import { analysePolicy, EXTRACTOR_VERSION, type AnalysedPolicy } from '../src/workflow/add-policy.js';
import { REPORT_FORMATS, writeReports } from '../src/workflow/write-reports.js';
import { createSeededRandom } from '../test/helpers/seeded-random.js';
import { canMeasureProcesses, measureProcess } from './measure-process.js';

const APPS = Number(process.env.CLAIMCHECK_BENCH_APPS ?? 1000);
const PACKETS_PER_APP = 10_000; // 10 million packets over 1,000 apps
const CLAIMS_PER_APP = 100; // 100,000 claims over 1,000 apps
const MEAN_FLOWS_PER_APP = 500;
const APPS_PER_TRANSACTION = 50;


function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty template list');
  return item;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function time<T>(work: () => T): { result: T; ms: number } {
  const start = process.hrtime.bigint();
  const result = work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Flows of real captures: their servers and host names are what generated flows reuse. */
async function loadFlowTemplates(root: string): Promise<FlowSummary[]> {
  const dir = resolve(root, '../shared/data/captures');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(pcap|pcapng|har)$/.test(f)) : [];
  files.push(join(root, 'observations/example-voice-app/murmur-session.pcap'));
  const flows: FlowSummary[] = [];
  for (const file of files) {
    try {
      const summary = await summarizeCapture(file.includes('/') ? file : join(dir, file));
      flows.push(...summary.flows.filter((f) => !f.server.startsWith('10.') && !f.server.startsWith('192.168.')));
    } catch {
      // A template that does not parse is simply not used.
    }
  }
  return flows;
}

async function loadPolicyTemplates(root: string): Promise<AnalysedPolicy[]> {
  const dir = resolve(root, '../shared/data/policies');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').slice(0, 6).map((f) => join(dir, f)) : [];
  files.push(join(root, 'policies/example-voice-app/murmur-privacy-policy.html'));
  const organisations = loadCatalog().organisationNames();
  const policies: AnalysedPolicy[] = [];
  for (const file of files) policies.push(await analysePolicy(file, { organisations, now: () => new Date('2026-11-01T00:00:00Z') }));
  return policies;
}

/** One app's capture: about PACKETS_PER_APP packets spread over a few hundred flows. */
function generateCapture(appIndex: number, templates: readonly FlowSummary[], random: () => number): CaptureSummary {
  const flowCount = Math.max(10, Math.round(MEAN_FLOWS_PER_APP * (0.4 + 1.2 * random())));
  const baseTime = 1_780_000_000 + appIndex * 3600;
  const flows: FlowSummary[] = [];
  const dnsAnswers: DnsAnswerSummary[] = [];
  const identifierHits: IdentifierHit[] = [];
  let frame = 1;
  let packetsLeft = PACKETS_PER_APP;
  const client = `10.${(appIndex >> 8) & 255}.${appIndex & 255}.2`;
  for (let i = 0; i < flowCount; i++) {
    const template = pick(templates, random);
    const packets = i === flowCount - 1 ? Math.max(1, packetsLeft) : Math.max(1, Math.round((PACKETS_PER_APP / flowCount) * (0.2 + 1.6 * random())));
    packetsLeft -= packets;
    const firstTime = baseTime + i * 0.5;
    const bytes = packets * (80 + Math.floor(random() * 1200));
    flows.push({
      ...template,
      client,
      clientPort: 40_000 + (i % 20_000),
      packets,
      bytes,
      payloadBytes: Math.floor(bytes * 0.8),
      firstTime,
      lastTime: firstTime + packets * 0.01,
      firstFrame: frame,
      lastFrame: frame + packets - 1,
      sampleFrames: [frame, frame + 1, frame + 2].filter((f) => f < frame + packets),
      hostNames: template.hostNames.map((h) => ({ ...h, frame })),
      httpRequests: template.httpRequests.slice(0, 3).map((r) => ({ ...r, frame })),
    });
    for (const host of template.hostNames.slice(0, 1)) {
      dnsAnswers.push({ frame, time: firstTime, name: host.host, type: template.server.includes(':') ? 'AAAA' : 'A', value: template.server, ttl: 300 });
    }
    if (template.encryption === 'none' && identifierHits.length < 20) {
      identifierHits.push({
        label: 'user_id',
        value: `u-${appIndex}`,
        encoding: 'raw',
        frame,
        time: firstTime,
        offset: 40,
        context: 'payload',
        encrypted: false,
        protocol: template.protocol,
        src: client,
        srcPort: 40_000 + i,
        dst: template.server,
        dstPort: template.serverPort,
      });
    }
    frame += packets;
  }
  return {
    file: `app-${appIndex}.pcapng`,
    format: 'pcapng',
    sha256: `${appIndex.toString(16).padStart(8, '0')}${'0'.repeat(56)}`,
    sizeBytes: PACKETS_PER_APP * 600,
    packetCount: frame - 1,
    firstTime: baseTime,
    lastTime: baseTime + flowCount,
    flows,
    dnsAnswers,
    identifierHits,
    warnings: [],
    warningCount: 0,
  };
}

/** Pads or trims a policy's claims to CLAIMS_PER_APP (repeating real claims keeps their shape real). */
function claimsForApp(policy: AnalysedPolicy): AnalysedPolicy['claims'] {
  if (policy.claims.length === 0) return [];
  return Array.from({ length: CLAIMS_PER_APP }, (_, i) => policy.claims[i % policy.claims.length]).filter((c) => c !== undefined);
}

function generateDatabase(db: StoreDatabase, policies: readonly AnalysedPolicy[], flows: readonly FlowSummary[]): void {
  const random = createSeededRandom(20261123).next;
  const now = new Date('2026-11-23T00:00:00Z');
  for (let start = 0; start < APPS; start += APPS_PER_TRANSACTION) {
    db.transaction(() => {
      for (let app = start; app < Math.min(APPS, start + APPS_PER_TRANSACTION); app++) {
        const appId = ensureApp(db, `App ${String(app).padStart(4, '0')}`, now);
        addAppDomains(db, appId, [`app${app}.example`]);
        const policy = pick(policies, random);
        insertPolicySnapshot(db, appId, policy.snapshot, policy.extracted, claimsForApp(policy), EXTRACTOR_VERSION);
        insertCapture(db, appId, generateCapture(app, flows, random), `app-${app}.pcapng`, now);
      }
    })();
  }
}

/** Wall time of one CLI run, and its CPU time (user + system, all threads) when GNU time is there to measure it. */
interface CliCost {
  ms: number;
  cpuMs: number | null;
}

async function runCliTimed(root: string, args: string[]): Promise<CliCost> {
  const cli = join(root, 'dist/src/cli/main.js');
  if (canMeasureProcesses()) {
    const cost = await measureProcess(process.execPath, [cli, ...args], false);
    return { ms: cost.wallSeconds * 1000, cpuMs: cost.cpuSeconds * 1000 };
  }
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`claimcheck ${args.join(' ')} failed: ${result.stderr}`);
  return { ms, cpuMs: null };
}

/** Runs a command once per app in turn and gives the medians. */
async function medianCliCost(runs: (() => Promise<CliCost>)[]): Promise<CliCost> {
  const costs: CliCost[] = [];
  for (const run of runs) costs.push(await run());
  const cpu = costs.map((c) => c.cpuMs).filter((c): c is number => c !== null);
  return { ms: median(costs.map((c) => c.ms)), cpuMs: cpu.length === costs.length ? median(cpu) : null };
}

function describeCliCost(cost: CliCost): string {
  return cost.cpuMs === null ? formatMs(cost.ms) : `${formatMs(cost.ms)} (CPU ${formatMs(cost.cpuMs)})`;
}

/** Builds the big database, prints generation time, size, audit and report times. */
export async function runBenchmark(): Promise<void> {
  const root = findPackageRoot();
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-scale-'));
  const kept = process.env.CLAIMCHECK_BENCH_DB;
  const path = kept ? resolve(kept) : join(dir, 'scale.db');
  try {
    const reuse = kept !== undefined && existsSync(path);
    const db = openDatabase(path);
    if (reuse) {
      process.stdout.write(`reusing ${path}\n`);
    } else {
      const [policies, flows] = [await loadPolicyTemplates(root), await loadFlowTemplates(root)];
      process.stdout.write(`templates: ${policies.length} real policies (${policies.map((p) => p.claims.length).join('/')} claims), ${flows.length} real flows\n`);
      const generation = time(() => generateDatabase(db, policies, flows));
      db.pragma('wal_checkpoint(TRUNCATE)');
      process.stdout.write(`generated in ${formatMs(generation.ms)}\n`);
    }
    const counts = countRows(db);
    const packets = (db.prepare('SELECT sum(packets) AS n FROM flows').get() as { n: number }).n;
    process.stdout.write(`${counts.apps} apps, ${packets} packets in ${counts.flows} flows, ${counts.claims} claims, ${counts.dns_answers} DNS answers\n`);

    const deps = createAuditDependencies();
    const apps = counts.apps ?? APPS;
    const appNames = [0, Math.floor(apps / 3), Math.floor((2 * apps) / 3), apps - 1].map((i) => `App ${String(i).padStart(4, '0')}`);
    const cold = time(() => runAudit(db, appNames[0] ?? 'App 0000', deps));
    const warm = appNames.map((name) => time(() => runAudit(db, name, deps)).ms);
    process.stdout.write(
      `audit, in-process: first ${formatMs(cold.ms)} (cold: opens the IP tables, JIT warm-up), then median ${formatMs(median(warm))} over ${warm.length} apps (${cold.result.findings.length} findings, ${cold.result.inputs.captures.length} capture, ${cold.result.recipients.length} recipients)\n`,
    );

    // The store's share of an audit: every read buildAuditView makes, without attribution or rules.
    const reads = appNames.map(
      (name) =>
        time(() => {
          const app = requireApp(db, name);
          const snapshot = findLatestSnapshot(db, app.id);
          if (snapshot) loadClaims(db, snapshot.id);
          const captureIds = listCaptures(db, app.id).map((c) => c.id);
          loadFlows(db, captureIds);
          loadIdentifierHits(db, captureIds);
          loadAudit(db, app);
        }).ms,
    );
    process.stdout.write(`  of which database reads (app, policy, claims, captures, flows, hits, latest audit): median ${formatMs(median(reads))}\n`);

    const reportDir = join(dir, 'reports');
    const reportTimes = appNames.map(
      (name) =>
        time(() => {
          const app = requireApp(db, name);
          const audit = loadAudit(db, app);
          if (!audit) throw new Error(`no audit of ${name}`);
          const model = buildReportModel(audit, { generatedAt: new Date(), toolVersion: deps.toolVersion, rules: RULES.map((r) => r.meta), dataSources: describeDataSources() });
          writeReports(model, reportDir, REPORT_FORMATS);
        }).ms,
    );
    process.stdout.write(`report (md, html, json), in-process: median ${formatMs(median(reportTimes))} over ${reportTimes.length} apps\n`);
    db.close();

    const size = statSync(path).size;
    process.stdout.write(`database size: ${formatBytes(size)} (${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')})\n`);

    // Median of several apps: one wall-clock run on a shared machine is mostly noise.
    const cliApps = appNames.slice(1, 6);
    const cliAudit = await medianCliCost(cliApps.map((name) => () => runCliTimed(root, ['--db', path, 'audit', '--app', name])));
    // One directory per app: `--out` names the report directory itself, and reusing one for another app warns.
    const cliReport = await medianCliCost(
      cliApps.map((name, index) => () => runCliTimed(root, ['--db', path, 'report', '--app', name, '--out', join(reportDir, `cli-${index}`)])),
    );
    const cliVersion = await medianCliCost(cliApps.map(() => () => runCliTimed(root, ['--version'])));
    const target = (ms: number, limit: number): string => (ms < limit ? `under ${limit / 1000} s target` : `OVER the ${limit / 1000} s target`);
    // The targets are judged on wall time, as a user waits for it; CPU time says how much of it the load added.
    process.stdout.write(`claimcheck audit (whole command, median of ${cliApps.length} apps): ${describeCliCost(cliAudit)} — ${target(cliAudit.ms, 1000)}\n`);
    process.stdout.write(`claimcheck report (whole command, median of ${cliApps.length} apps): ${describeCliCost(cliReport)} — ${target(cliReport.ms, 2000)}\n`);
    process.stdout.write(`(node start-up and loading every command module, claimcheck --version: ${describeCliCost(cliVersion)})\n`);
    // Wall times above scale with machine load; say how busy the machine was.
    process.stdout.write(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores)\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Also runnable on its own: node dist/bench/scale-bench.js
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runBenchmark();
