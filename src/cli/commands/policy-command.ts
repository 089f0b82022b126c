import type { Command } from 'commander';
import { getRegistrableDomain } from '../../enrich/registrable-domain.js';
import { analysePolicy, storePolicy } from '../../workflow/add-policy.js';
import { loadCatalog, withDatabase } from '../cli-context.js';
import { collectString } from '../parse-options.js';
import { safeTerminalText } from '../terminal-text.js';

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('store and manage policy snapshots');
  policy
    .command('add')
    .description('store a policy snapshot (bytes, sha256, source, time) and its claims for an app')
    .argument('<policy>', 'policy file or http(s) URL')
    .requiredOption('--app <name>', 'app the policy belongs to')
    .option('--app-domain <domain>', "the app's own domain (repeatable); its traffic is first party", collectString)
    .action(async (source: string, options: { app: string; appDomain?: string[] }, command: Command) => {
      const now = (): Date => new Date();
      const analysed = await analysePolicy(source, { organisations: loadCatalog().organisationNames(), now });
      await withDatabase(command, (db) => {
        const domains = (options.appDomain ?? []).map((d) => getRegistrableDomain(d) ?? d);
        const result = storePolicy(db, options.app, analysed, now, domains);
        const label = safeTerminalText(source);
        process.stdout.write(
          result.created
            ? `stored policy ${label} for ${safeTerminalText(options.app)}: snapshot #${result.snapshotId}, ${analysed.claims.length} claims (sha256 ${analysed.snapshot.sha256.slice(0, 12)})\n`
            : `policy ${label} is already stored for ${safeTerminalText(options.app)} (snapshot #${result.snapshotId}, same sha256); nothing changed\n`,
        );
      });
    });
}
