import type { Command } from 'commander';
import type { IdentifierNeedle } from '../../model/capture-summary.js';
import type { CaptureFormat } from '../../model/observation.js';
import { summarizeCapture } from '../../capture/summarize-capture.js';
import { indexZeekConnections } from '../../capture/index-zeek-connections.js';
import { joinZeekConnections } from '../../capture/join-zeek-connections.js';
import { formatEndpoint, formatTime } from '../../report/format-evidence.js';
import { collectIdentifier, parseCaptureFormat } from '../parse-options.js';
import { createProgressBar } from '../progress-bar.js';
import { nameCaptureRecords } from '../../model/capture-record-name.js';
import { describeCaptureUnits } from '../../model/describe-capture-units.js';
import { describeEmptyCapture } from '../../model/describe-empty-capture.js';
import { describeCaptureTimeGap } from '../../model/describe-capture-time-gap.js';
import { describeLocalClients } from '../../report/report-wording.js';
import { describeHitContext } from '../../report/wording.js';
import { safeTerminalText } from '../terminal-text.js';
import { readIdentifierFile } from '../../capture/read-identifier-file.js';
import { stringifyJsonSafely } from '../../report/escape-text.js';
import { countNoun } from '../count-noun.js';
import { describeHitDestination } from '../describe-hit-destination.js';

/** A HAR flow's scheme, from the encryption its URLs' scheme gave it (a HAR records no transport); HTTP/3 is HTTPS. */
function nameHarScheme(flow: { protocol: string; encryption: string }): string {
  if (flow.protocol === 'udp' || flow.encryption === 'tls' || flow.encryption === 'quic') return 'HTTPS';
  return flow.encryption === 'none' ? 'HTTP' : 'HTTP(S)';
}

/** Lines of each list printed; --json has them all. */
const SHOWN = 50;

/** "  … and 12 more DNS answers (--json lists them all)" when a list was cut, else nothing. */
function describeMore(total: number, noun: string, plural = `${noun}s`): string[] {
  const more = total - SHOWN;
  return more > 0 ? [`  … and ${more} more ${more === 1 ? noun : plural} (--json lists them all)`] : [];
}

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('summarise one capture: packets, flows, host names, DNS answers; stores nothing')
    .argument('<capture>', 'capture file')
    .option('--json', 'print the summary as JSON')
    .option('--format <format>', 'capture format; default: from magic bytes, else extension', parseCaptureFormat)
    .option('--identifier <label=value>', 'an identifier to look for (repeatable)', collectIdentifier)
    .option('--identifiers <file>', 'a file of identifiers to look for: one label=value a line (# comments), or JSON')
    .action(async (file: string, options: { json?: boolean; format?: CaptureFormat; identifier?: IdentifierNeedle[]; identifiers?: string }) => {
      const identifiers = [...(options.identifier ?? []), ...(options.identifiers !== undefined ? await readIdentifierFile(options.identifiers) : [])];
      const progress = createProgressBar(`reading ${safeTerminalText(file)}`);
      const read = await summarizeCapture(file, {
        format: options.format,
        identifiers,
        onProgress: (done, total) => progress.update(done, total),
      });
      // A conn record's flow gets conn.log's packet and byte counts (and the log's other records by uid).
      const summary = read.format === 'zeek' ? joinZeekConnections(read, await indexZeekConnections([file])) : read;
      progress.finish();
      for (const warning of summary.warnings.slice(0, 5)) {
        process.stderr.write(`warning: ${safeTerminalText(file)}: ${warning.where} ${warning.offset}: ${safeTerminalText(warning.message)}\n`);
      }
      const empty = describeEmptyCapture(safeTerminalText(file), summary);
      if (empty !== null) process.stderr.write(`warning: ${empty}\n`);
      const gap = describeCaptureTimeGap(safeTerminalText(file), summary);
      if (gap !== null) process.stderr.write(`warning: ${gap}\n`);
      const clients = describeLocalClients(safeTerminalText(file), summary.flows);
      if (clients !== null) process.stderr.write(`warning: ${clients}\n`);
      if (options.json) {
        process.stdout.write(`${stringifyJsonSafely(summary, 2)}\n`);
        return;
      }
      const lines = [
        `${file}: ${summary.format}, ${describeCaptureUnits(summary.format, summary.packetCount)}, ${countNoun(summary.flows.length, 'flow')}, ${countNoun(summary.dnsAnswers.length, 'DNS answer')}` +
          (summary.firstTime !== null ? `, ${formatTime(summary.firstTime)} – ${formatTime(summary.lastTime ?? summary.firstTime)}` : '') +
          (summary.warningCount > 0 ? `, ${countNoun(summary.warningCount, 'warning')}` : ''),
      ];
      for (const flow of summary.flows) {
        const hosts = [...new Set(flow.hostNames.map((h) => h.host))].join(', ');
        // A HAR records neither transport nor client, and its "packets" are requests: say so, as reports do.
        const line =
          summary.format === 'har'
            ? `  ${nameHarScheme(flow)} → ${formatEndpoint(flow.server, flow.serverPort)}  ${describeCaptureUnits('har', flow.packets)}  ${flow.encryption}`
            : `  ${flow.protocol.toUpperCase().padEnd(4)} ${formatEndpoint(flow.client, flow.clientPort)} → ${formatEndpoint(flow.server, flow.serverPort)}  ${flow.packets} pkts ${flow.bytes} B  ${flow.encryption}`;
        lines.push(`${line}${hosts ? `  ${hosts}` : ''}`);
      }
      // DNS answers and queries, as the README promises: which names the device looked up and what they resolved to.
      if (summary.dnsAnswers.length > 0) lines.push(`DNS answers (${summary.dnsAnswers.length}):`);
      for (const a of summary.dnsAnswers.slice(0, SHOWN)) lines.push(`  ${a.name} ${a.type} ${a.value}  ttl ${a.ttl}  ${nameCaptureRecords(summary.format, 1)} ${a.frame}`);
      lines.push(...describeMore(summary.dnsAnswers.length, 'DNS answer'));
      const queries = summary.dnsQueries ?? [];
      if (queries.length > 0) lines.push(`DNS queries (${queries.length}):`);
      for (const q of queries.slice(0, SHOWN)) lines.push(`  ${q.name} ${q.type}  ${nameCaptureRecords(summary.format, 1)} ${q.frame}`);
      lines.push(...describeMore(queries.length, 'DNS query', 'DNS queries'));
      if (summary.identifierHits.length > 0) lines.push(`Identifier hits (${summary.identifierHits.length}):`);
      for (const hit of summary.identifierHits.slice(0, SHOWN)) {
        // A HAR's "frames" are its entries and a Zeek log's its lines, as reports call them.
        const frames = hit.endFrame !== undefined ? `${nameCaptureRecords(summary.format, 2)} ${hit.frame}-${hit.endFrame}` : `${nameCaptureRecords(summary.format, 1)} ${hit.frame}`;
        lines.push(`  identifier ${hit.label} (${hit.encoding}) ${frames} offset ${hit.offset} ${hit.encrypted ? 'encrypted' : 'PLAINTEXT'}${describeHitContext(hit.context) === hit.context ? '' : ` in ${describeHitContext(hit.context)}`}  ${describeHitDestination(hit, summary.flows, summary.format === 'har')}`);
      }
      lines.push(...describeMore(summary.identifierHits.length, 'identifier hit'));
      const heuristic = summary.heuristicHits ?? [];
      if (heuristic.length > 0) lines.push(`Heuristic finds (${heuristic.length}):`);
      for (const hit of heuristic.slice(0, SHOWN)) {
        lines.push(`  heuristic ${hit.label} ${hit.value} (${hit.encoding}) ${nameCaptureRecords(summary.format, 1)} ${hit.frame} ${hit.context} ${hit.encrypted ? 'encrypted' : 'PLAINTEXT'}${describeHitContext(hit.context) === hit.context ? '' : ` in ${describeHitContext(hit.context)}`}  ${describeHitDestination(hit, summary.flows, summary.format === 'har')}`);
      }
      lines.push(...describeMore(heuristic.length, 'heuristic find'));
      process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
    });
}
