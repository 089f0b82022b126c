/**
 * Capture import benchmark: generates a realistic pcap (1 GiB by default; CLAIMCHECK_BENCH_MB=<n> for a quick
 * run) in a temporary directory, imports it with identifier search on in a child process (throughput, packets/s,
 * peak RSS), has tshark extract the same fields from the same file, prints both and the ratio, and deletes the
 * file. Targets (issue 4): peak RSS under 300 MB, at least 10x tshark's throughput.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateBenchCapture } from './generate-bench-capture.js';
import type { ImportMeasurement } from './measure-capture-import.js';

const MB = 1024 * 1024;
const RSS_TARGET_BYTES = 300 * MB;
const RATIO_TARGET = 10;

/** The fields claimcheck's import derives, as tshark field names. */
const TSHARK_FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'frame.len',
  'ip.src',
  'ip.dst',
  'ipv6.src',
  'ipv6.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags',
  'udp.srcport',
  'udp.dstport',
  'dns.qry.name',
  'dns.resp.name',
  'dns.a',
  'dns.aaaa',
  'dns.cname',
  'tls.handshake.extensions_server_name',
  'http.request.method',
  'http.host',
  'http.request.uri',
];

/** Runs the import in a child node process and returns what it measured. */
async function measureImport(capture: string, database: string, identifiersFile: string): Promise<ImportMeasurement> {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'measure-capture-import.js');
  const output = await new Promise<string>((resolve, reject) => {
    const process_ = spawn(process.execPath, [child, capture, database, identifiersFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    process_.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    process_.on('error', reject);
    process_.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`import child exited with ${String(code)}`))));
  });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as ImportMeasurement;
}

/** Runs tshark's field extraction over the capture, output discarded: wall time, CPU time and peak RSS (VmHWM). */
async function measureTshark(capture: string): Promise<{ seconds: number; cpuSeconds: number; maxRssBytes: number } | null> {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const ticksPerSecond = readClockTicks();
  const started = performance.now();
  let peak = 0;
  let cpuTicks = 0;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('tshark', ['-n', '-r', capture, '-T', 'fields', ...TSHARK_FIELDS.flatMap((f) => ['-e', f])], { stdio: ['ignore', 'ignore', 'ignore'] });
    // /proc/<pid>/status VmHWM is the peak resident set so far and /proc/<pid>/stat fields 14-15 the CPU ticks
    // used; sampling both until exit catches the peak and all but the last 100 ms of CPU time.
    const timer = setInterval(() => {
      try {
        const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(child.pid)}/status`, 'utf8'));
        if (match !== null) peak = Math.max(peak, Number(match[1]) * 1024);
        const fields = readFileSync(`/proc/${String(child.pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        cpuTicks = Math.max(cpuTicks, Number(fields[11] ?? 0) + Number(fields[12] ?? 0));
      } catch {
        // The process may have just exited.
      }
    }, 100);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) resolve();
      else reject(new Error(`tshark exited with ${String(code)}`));
    });
  });
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuTicks / ticksPerSecond, maxRssBytes: peak };
}

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

function format(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Entry point called by bench/run.ts. */
export async function runBenchmark(): Promise<void> {
  const sizeMb = Number(process.env['CLAIMCHECK_BENCH_MB'] ?? '1024');
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) throw new Error('CLAIMCHECK_BENCH_MB must be a positive number of MiB');
  const dir = mkdtempSync(join(tmpdir(), 'claimcheck-bench-'));
  try {
    const capture = join(dir, 'bench.pcap');
    const generationStart = performance.now();
    const generated = generateBenchCapture(capture, sizeMb * MB);
    const generationSeconds = (performance.now() - generationStart) / 1000;
    const identifiersFile = join(dir, 'identifiers.json');
    writeFileSync(identifiersFile, JSON.stringify(generated.identifiers));
    const megabytes = generated.bytes / MB;
    process.stdout.write(
      `capture: ${format(megabytes)} MiB, ${generated.packets.toLocaleString('en-US')} packets, ${generated.sessions.toLocaleString('en-US')} sessions ` +
        `(generated in ${format(generationSeconds)} s; ${generated.identifiers.length} identifiers searched)\n`,
    );

    const ours = await measureImport(capture, join(dir, 'bench.db'), identifiersFile);
    if (ours.packets !== generated.packets) throw new Error(`import saw ${ours.packets} packets, generator wrote ${generated.packets}`);
    process.stdout.write(
      `claimcheck import: ${format(ours.seconds, 2)} s wall (${format(ours.cpuSeconds, 2)} s CPU), ${format(megabytes / ours.seconds)} MiB/s, ` +
        `${format(ours.packets / ours.seconds / 1000)}k packets/s, peak RSS ${format(ours.maxRssBytes / MB)} MiB (target < 300) ${ours.maxRssBytes < RSS_TARGET_BYTES ? 'OK' : 'OVER'}\n` +
        `  found ${ours.flows.toLocaleString('en-US')} flows, ${ours.hostNames.toLocaleString('en-US')} host names, ${ours.dnsAnswers.toLocaleString('en-US')} DNS answers, ` +
        `${ours.identifierHits.toLocaleString('en-US')} identifier hits (stored, capped), ${ours.warnings} warnings\n`,
    );

    const tshark = await measureTshark(capture);
    if (tshark === null) {
      process.stdout.write('tshark: not installed; ratio not measured\n');
      return;
    }
    const ratio = tshark.seconds / ours.seconds;
    const cpuRatio = tshark.cpuSeconds / ours.cpuSeconds;
    process.stdout.write(
      `tshark -T fields (${TSHARK_FIELDS.length} fields, no identifier search): ${format(tshark.seconds, 2)} s wall (${format(tshark.cpuSeconds, 1)} s CPU), ` +
        `${format(megabytes / tshark.seconds)} MiB/s, peak RSS ${format(tshark.maxRssBytes / MB)} MiB\n` +
        `ratio: claimcheck is ${format(ratio)}x tshark by wall time, ${format(cpuRatio)}x by CPU time (target >= ${RATIO_TARGET}x) ` +
        `${ratio >= RATIO_TARGET ? 'OK' : 'BELOW TARGET'}\n` +
        (Math.abs(ratio - cpuRatio) > 0.25 * cpuRatio ? '  (wall and CPU ratios differ: other work shared the machine; the CPU ratio is the steadier figure)\n' : ''),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
