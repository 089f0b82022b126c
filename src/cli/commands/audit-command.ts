import type { Command } from 'commander';
import { runAudit } from '../../audit/run-audit.js';
import { rankSeverity, type Severity } from '../../model/finding.js';
import { parseJurisdictions, type JurisdictionSetting } from '../../rules/audit-settings.js';
import { createAuditDependencies, withDatabase } from '../cli-context.js';
import { parseAppName, parseSeverityOption } from '../parse-options.js';
import { safeTerminalText } from '../terminal-text.js';
import { stringifyJsonSafely } from '../../report/escape-text.js';
import { describeCaptureVersionNote } from '../../report/describe-policy-dates.js';
import { describeEmptyTraffic } from '../../report/describe-empty-traffic.js';
import { beganFirst, describeLocalClientsCaveat, describeTimeJumpCaveat, listTimeJumps } from '../../report/report-wording.js';

/** Exit code 1 tells scripts that findings at or above --fail-on exist. */
export const FINDINGS_EXIT_CODE = 1;

export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description("run every rule over an app's stored policy and captures; store and print the findings")
    .requiredOption('--app <name>', 'app to audit', parseAppName)
    .option('--json', 'print the findings as JSON')
    .option('--fail-on <severity>', 'exit with code 1 when a finding has this severity or higher (info, low, medium, high)', parseSeverityOption)
    .option(
      '--jurisdictions <list>',
      'jurisdictions of interest for processor-country: ISO country codes or EU, EEA, UK, Europe (comma-separated), "all" (default: every country the policy does not name, when it names any) or "none"',
      parseJurisdictions,
    )
    .action(async (options: { app: string; json?: boolean; failOn?: Severity; jurisdictions?: JurisdictionSetting }, command: Command) => {
      const deps = createAuditDependencies();
      if (options.jurisdictions) deps.settings = { jurisdictions: options.jurisdictions };
      const result = await withDatabase(command, (db) => runAudit(db, options.app, deps), 'must-exist');
      if (options.json) {
        process.stdout.write(`${stringifyJsonSafely(result, 2)}\n`);
      } else {
        const lines = [`audit #${result.auditId} of ${result.appName}: ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}`];
        // "0 findings" alone reads as a clean result; with nothing to attribute it only means nothing was checked.
        const empty = describeEmptyTraffic(result);
        if (result.inputs.captures.length === 0) lines.push('  note: no captures imported for this app');
        else if (empty !== null) lines.push(`  note: ${empty}`);
        const policy = result.inputs.policy;
        if (policy) for (const note of policy.captureVersionNotes ?? []) lines.push(`  note: ${describeCaptureVersionNote(note, policy, (text) => text)}`);
        // A clock jump makes the capture dates, which chose the policy version, doubtful.
        for (const c of result.inputs.captures) if (c.timeJump) lines.push(`  note: ${describeTimeJumpCaveat(c.file, listTimeJumps(c), beganFirst(c, result.inputs.captures))}`);
        // Several local addresses opened connections: several devices or sessions, all audited as the app's.
        for (const c of result.inputs.captures) if (c.clientAddresses) lines.push(`  note: ${describeLocalClientsCaveat(c.file, c.clientAddresses)}`);
        for (const f of result.findings) lines.push(`  [${f.severity.padEnd(6)}] ${f.ruleId.padEnd(22)} ${f.title}`);
        process.stdout.write(safeTerminalText(lines.join('\n')) + '\n');
      }
      const threshold = options.failOn;
      if (threshold && result.findings.some((f) => rankSeverity(f.severity) >= rankSeverity(threshold))) {
        process.exitCode = FINDINGS_EXIT_CODE;
      }
    });
}
