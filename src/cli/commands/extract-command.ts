import type { Command } from 'commander';
import type { Claim } from '../../model/claim.js';
import { describeUnsupportedLanguage, detectPolicyLanguage } from '../../policy/detect-policy-language.js';
import { analysePolicy } from '../../workflow/add-policy.js';
import { loadCatalog } from '../cli-context.js';
import { safeTerminalText } from '../terminal-text.js';
import { stringifyJsonSafely } from '../../report/escape-text.js';

/** One line describing a claim's typed content, for the text output of `extract`. */
export function describeClaim(claim: Claim): string {
  const negation = claim.polarity === 'negative' ? 'NOT ' : '';
  switch (claim.kind) {
    case 'processor':
      return `processor  ${negation}${claim.processorType === 'named' ? claim.name : `[${claim.category ?? 'category'}] ${claim.name}`}${claim.entityId ? ` (entity ${claim.entityId})` : ''}`;
    case 'retention':
      return `retention  ${negation}${claim.vagueness}${claim.periodDays !== null ? ` ${claim.periodDays} days` : ''} "${claim.trigger}"${claim.dataKind ? ` — ${claim.dataKind}` : ''}`;
    case 'encryption':
      return `encryption ${negation}${claim.scope}${claim.technologies.length > 0 ? ` [${claim.technologies.join(', ')}]` : ''}${claim.hedges.length > 0 ? ` hedged: ${claim.hedges.join('; ')}` : ''}`;
    case 'transfer':
      return `transfer   ${negation}${claim.transferType} ${[...claim.countries, ...claim.regions].join(', ') || '—'}${claim.unspecified ? ' (unspecified countries)' : ''}`;
  }
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the claims found in one policy (file or http(s) URL); stores nothing')
    .argument('<policy>', 'policy file (HTML, Markdown or text) or http(s) URL')
    .option('--json', 'print claims as JSON')
    .action(async (source: string, options: { json?: boolean }) => {
      const policy = await analysePolicy(source, { organisations: loadCatalog().organisationNames(), now: () => new Date() });
      const unsupported = describeUnsupportedLanguage(detectPolicyLanguage(policy.extracted.text));
      if (unsupported !== null) process.stderr.write(`claimcheck: warning: ${safeTerminalText(source)}: ${unsupported}\n`);
      if (options.json) {
        process.stdout.write(
          `${stringifyJsonSafely({ source: policy.snapshot.source, sha256: policy.snapshot.sha256, format: policy.snapshot.format, claims: policy.claims }, 2)}\n`,
        );
        return;
      }
      for (const claim of policy.claims) {
        const quote = claim.quote.length > 160 ? `${claim.quote.slice(0, 157)}…` : claim.quote;
        process.stdout.write(
          safeTerminalText(`${describeClaim(claim)}\n    ${claim.sectionPath.join(' › ') || '(top)'} [${claim.span.start}–${claim.span.end}] "${quote}"`) + '\n',
        );
      }
      process.stderr.write(`${policy.claims.length} claims from ${safeTerminalText(source)} (${policy.snapshot.format}, sha256 ${policy.snapshot.sha256.slice(0, 12)})\n`);
    });
}
