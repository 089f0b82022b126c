import type { Command } from 'commander';
import type { IdentifierHitsNotStored, IdentifierNeedle } from '../../model/capture-summary.js';
import type { CaptureFormat } from '../../model/observation.js';
import { getRegistrableDomain } from '../../enrich/registrable-domain.js';
import { importCaptures, type ImportOutcome } from '../../workflow/import-capture.js';
import { ImportError } from '../../model/errors.js';
import { warnAboutSharedAppDomains, warnAboutSimilarAppName, withDatabase } from '../cli-context.js';
import { collectIdentifier, collectString, parseAppName, parseCaptureFormat } from '../parse-options.js';
import { createProgressBar, type ProgressBar } from '../progress-bar.js';
import { describeCaptureUnits } from '../../model/describe-capture-units.js';
import { describeEmptyCapture } from '../../model/describe-empty-capture.js';
import { describeCaptureTimeGap } from '../../model/describe-capture-time-gap.js';
import { safeTerminalText } from '../terminal-text.js';
import { describeHitsNotStored, describeLocalClients } from '../../report/report-wording.js';
import { readIdentifierFile } from '../../capture/read-identifier-file.js';
import { countNoun } from '../count-noun.js';

interface ImportOptions {
  app: string;
  identifier?: IdentifierNeedle[];
  identifiers?: string;
  format?: CaptureFormat;
  appDomain?: string[];
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import captures (pcap, pcapng, HAR, Zeek logs) for an app and search them for identifiers')
    .argument('<captures...>', 'capture files')
    .requiredOption('--app <name>', 'app the captures belong to', parseAppName)
    .option('--identifier <label=value>', 'an identifier to look for in payloads (repeatable)', collectIdentifier)
    .option('--identifiers <file>', 'a file of identifiers to look for: one label=value a line (# comments), or JSON')
    .option('--format <format>', 'capture format (pcap, pcapng, har, zeek); default: from magic bytes, else extension', parseCaptureFormat)
    .option('--app-domain <domain>', "the app's own domain (repeatable); its traffic is first party", collectString)
    .action(async (files: string[], options: ImportOptions, command: Command) => {
      const identifiers = [...(options.identifier ?? []), ...(options.identifiers !== undefined ? await readIdentifierFile(options.identifiers) : [])];
      await withDatabase(command, async (db) => {
        warnAboutSimilarAppName(db, options.app);
        warnAboutSharedAppDomains(options.appDomain ?? []);
        // One bar per file, replaced when the next file starts; all files commit together, so results print after.
        const progress: { file: string | null; bar: ProgressBar | null } = { file: null, bar: null };
        const outcomes: { file: string; outcome: ImportOutcome }[] = [];
        let domainsAdded: string[] = [];
        try {
          await importCaptures(db, files, {
            appName: options.app,
            appDomains: (options.appDomain ?? []).map((d) => getRegistrableDomain(d) ?? d),
            identifiers,
            format: options.format,
            now: () => new Date(),
            onProgress: (file, done, total) => {
              if (progress.bar === null || progress.file !== file) {
                progress.bar?.finish();
                progress.file = file;
                progress.bar = createProgressBar(`importing ${safeTerminalText(file)}`);
              }
              progress.bar.update(done, total);
            },
            onFileDone: (file, outcome) => outcomes.push({ file, outcome }),
            onAppDomainsAdded: (domains) => {
              domainsAdded = domains;
            },
          });
        } catch (error) {
          // One bad file rolls back all of them: a user who sees only "trunc.har: …" would think good.pcap went in.
          if (error instanceof ImportError && files.length > 1) {
            const untouched = `none of the ${files.length} files given was imported`;
            throw new ImportError(error.file, error.message.slice(error.file.length + 2), error.hint === undefined ? untouched : `${error.hint}; ${untouched}`);
          }
          throw error;
        } finally {
          progress.bar?.finish();
        }
        for (const { file, outcome } of outcomes) printOutcome(file, outcome);
        // Printed after the commit: a repeat import that only adds a domain says so rather than "nothing changed".
        if (domainsAdded.length > 0) process.stdout.write(`recorded app domain${domainsAdded.length === 1 ? '' : 's'} ${domainsAdded.map(safeTerminalText).join(', ')} for ${safeTerminalText(options.app)}\n`);
      });
    });
}

function printOutcome(file: string, outcome: ImportOutcome): void {
  const name = safeTerminalText(file);
  if (outcome.status === 'already-imported') {
    process.stdout.write(`${name}: already imported for this app (same sha256 ${outcome.sha256.slice(0, 12)}); its traffic is not stored twice\n`);
    return;
  }
  if (outcome.status === 'searched-again') {
    const labels = safeTerminalText(outcome.identifiers.map((i) => i.label).join(', '));
    process.stdout.write(
      `${name}: already imported as capture #${outcome.captureId} (same sha256 ${outcome.sha256.slice(0, 12)}); searched it for ${outcome.identifiers.length} new identifier${outcome.identifiers.length === 1 ? '' : 's'} (${labels}): ${outcome.hits} hit${outcome.hits === 1 ? '' : 's'}\n`,
    );
    warnAboutHitsNotStored(name, outcome.hitsNotStored);
    return;
  }
  const s = outcome.summary;
  process.stdout.write(
    `${name}: imported as capture #${outcome.captureId} (${s.format}, ${describeCaptureUnits(s.format, s.packetCount)}, ${countNoun(s.flows.length, 'flow')}, ${countNoun(s.dnsAnswers.length, 'DNS answer')}, ${countNoun(s.identifierHits.length, 'identifier hit')}${s.warningCount > 0 ? `, ${countNoun(s.warningCount, 'warning')}` : ''})\n`,
  );
  warnAboutHitsNotStored(name, s.identifierHitsNotStored);
  for (const warning of s.warnings.slice(0, 5)) {
    process.stderr.write(`warning: ${name}: ${warning.where} ${warning.offset}: ${safeTerminalText(warning.message)}\n`);
  }
  const empty = describeEmptyCapture(name, s);
  if (empty !== null) process.stderr.write(`warning: ${empty}\n`);
  const gap = describeCaptureTimeGap(name, s);
  if (gap !== null) process.stderr.write(`warning: ${gap}\n`);
  const clients = describeLocalClients(name, s.flows);
  if (clients !== null) process.stderr.write(`warning: ${clients}\n`);
}

/** One warning line when identifier hits went past the stored-hit cap, so the printed hit count is not read as the total. */
function warnAboutHitsNotStored(name: string, counts: readonly IdentifierHitsNotStored[] | undefined): void {
  const note = describeHitsNotStored(counts);
  if (note !== null) process.stderr.write(`warning: ${name}: ${safeTerminalText(note)}\n`);
}
