import type { Command } from 'commander';
import { runDemo } from '../../workflow/run-demo.js';
import { createAuditDependencies, describeDataSources } from '../cli-context.js';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('audit the bundled example voice-chat app end to end and write its reports')
    .option('--out <dir>', 'directory for the reports', 'reports')
    .action(async (options: { out: string }) => {
      const result = await runDemo(options.out, { ...createAuditDependencies(), dataSources: describeDataSources() });
      const byRule = new Map<string, number>();
      for (const f of result.audit.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
      const lines = [
        `Audited the bundled example "${result.audit.appName}": ${result.audit.findings.length} finding${result.audit.findings.length === 1 ? '' : 's'}`,
        ...[...byRule].map(([rule, count]) => `  ${rule.padEnd(24)} ${count}`),
        'Reports:',
        ...result.reportPaths.map((p) => `  ${p}`),
      ];
      process.stdout.write(lines.join('\n') + '\n');
    });
}
