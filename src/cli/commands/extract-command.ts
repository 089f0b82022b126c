import type { Command } from 'commander';
import type { Claim } from '../../model/claim.js';
import { describeUnsupportedLanguage, detectPolicyLanguage } from '../../policy/detect-policy-language.js';
import { describeOverlongPassages } from '../../policy/split-sentences.js';
import { analysePolicy } from '../../workflow/add-policy.js';
import { followSubprocessorLinks } from '../../workflow/follow-subprocessor-links.js';
import { loadCatalog } from '../cli-context.js';
import { safeTerminalText } from '../terminal-text.js';
import { stringifyJsonSafely } from '../../report/escape-text.js';
import { countNoun } from '../count-noun.js';

/** One line describing a claim's typed content, for the text output of `extract`. */
export function describeClaim(claim: Claim): string {
  const negation = claim.polarity === 'negative' ? 'NOT ' : '';
  switch (claim.kind) {
    case 'processor':
      return `processor  ${negation}${claim.processorType === 'named' ? claim.name : `[${claim.category ?? 'category'}] ${claim.name}`}${claim.entityId ? ` (entity ${claim.entityId})` : ''}${
        claim.purpose !== undefined || claim.location !== undefined ? ` — ${[claim.purpose, claim.location].filter((v) => v !== undefined).join('; ')}` : ''
      }`;
    case 'retention':
      return `retention  ${negation}${claim.vagueness}${claim.periodDays !== null ? ` ${describePeriodDays(claim.periodDays)}` : ''} "${claim.trigger}"${claim.dataKind ? ` — ${claim.dataKind}` : ''}${
        claim.holder.kind === 'service' ? '' : ` (kept by ${claim.holder.kind === 'named' ? '' : 'unnamed: '}${claim.holder.name})`
      }`;
    case 'encryption':
      return `encryption ${negation}${claim.scope}${claim.technologies.length > 0 ? ` [${claim.technologies.join(', ')}]` : ''}${claim.hedges.length > 0 ? ` hedged: ${claim.hedges.join('; ')}` : ''}`;
    case 'transfer':
      return `transfer   ${negation}${claim.transferType} ${[...claim.countries, ...claim.regions].join(', ') || '—'}${claim.unspecified ? ' (unspecified countries)' : ''}${
        claim.processor !== undefined ? ` by ${claim.processor}` : ''
      }${claim.recipients !== undefined ? ` (${claim.recipients})` : ''}${
        claim.origins !== undefined ? ` out of ${[...claim.origins.regions, ...claim.origins.countries].join(', ')}` : ''
      }`;
  }
}

/** Longest clause shown in the text output; the JSON keeps it whole. */
const MAX_SCOPE_CLAUSE = 60;

/**
 * The clauses that scope a claim, briefly: `scoped by: condition "as traditionally understood"; purpose "to provide
 * the service"`, or null when it has none. Without it, "NOT third parties (implied)" reads as a plain denial (trial 7b).
 */
export function describeClaimScope(claim: Claim): string | null {
  const conditions = claim.conditions ?? [];
  if (conditions.length === 0) return null;
  const clauses = conditions.map((c) => {
    const text = c.text.length > MAX_SCOPE_CLAUSE ? `${c.text.slice(0, MAX_SCOPE_CLAUSE - 1).trimEnd()}…` : c.text;
    return `${c.kind} "${text}"`;
  });
  return `scoped by: ${clauses.join('; ')}`;
}

export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the claims found in one policy (file or http(s) URL); stores nothing')
    .argument('<policy>', 'policy file (HTML, Markdown or text) or http(s) URL')
    .option('--json', 'print claims as JSON')
    .option('--follow-subprocessors', 'also read the sub-processor list the policy links to, as policy add --follow-subprocessors would')
    .action(async (source: string, options: { json?: boolean; followSubprocessors?: boolean }) => {
      const organisations = loadCatalog().organisationNames();
      const now = (): Date => new Date();
      const policy = await analysePolicy(source, { organisations, now });
      const unsupported = describeUnsupportedLanguage(detectPolicyLanguage(policy.extracted.text, policy.extracted.links));
      if (unsupported !== null) process.stderr.write(`claimcheck: warning: ${safeTerminalText(source)}: ${unsupported}\n`);
      const overlong = describeOverlongPassages(policy.extracted.text);
      if (overlong !== null) process.stderr.write(`claimcheck: warning: ${safeTerminalText(source)}: ${overlong}\n`);
      const followed = options.followSubprocessors === true ? await followSubprocessorLinks(policy, { organisations, now }) : null;
      for (const warning of followed?.warnings ?? []) process.stderr.write(`claimcheck: warning: ${safeTerminalText(source)}: ${warning}\n`);
      const pages = followed?.pages ?? [];
      if (options.json) {
        const document = { source: policy.snapshot.source, sha256: policy.snapshot.sha256, format: policy.snapshot.format, claims: policy.claims };
        const linkedPages = pages.map((p) => ({ kind: 'subprocessor-list', source: p.snapshot.source, sha256: p.snapshot.sha256, format: p.snapshot.format, claims: p.claims }));
        process.stdout.write(`${stringifyJsonSafely(followed === null ? document : { ...document, linkedPages }, 2)}\n`);
        return;
      }
      printClaims(policy.claims);
      for (const page of pages) {
        process.stdout.write(`${safeTerminalText(`sub-processor list ${page.snapshot.source} (linked as ${page.link.href}):`)}\n`);
        printClaims(page.claims);
      }
      const fromPages = pages.map((p) => `, ${p.claims.length} from ${safeTerminalText(p.snapshot.source)}`).join('');
      process.stderr.write(`${countNoun(policy.claims.length, 'claim')} from ${safeTerminalText(source)} (${policy.snapshot.format}, sha256 ${policy.snapshot.sha256.slice(0, 12)})${fromPages}\n`);
    });
}


/** Months and years are stored as average days (365.25 a year); print whole days, marked as approximate. */
function describePeriodDays(days: number): string {
  const whole = Math.round(days);
  const unit = whole === 1 ? 'day' : 'days';
  return Number.isInteger(days) ? `${whole} ${unit}` : `about ${whole} ${unit}`;
}

function printClaims(claims: readonly Claim[]): void {
  for (const claim of claims) {
    const quote = claim.quote.length > 160 ? `${claim.quote.slice(0, 157)}…` : claim.quote;
    const scope = describeClaimScope(claim);
    process.stdout.write(
      safeTerminalText(`${describeClaim(claim)}${scope === null ? '' : `\n    ${scope}`}\n    ${claim.sectionPath.join(' › ') || '(top)'} [${claim.span.start}–${claim.span.end}] "${quote}"`) + '\n',
    );
  }
}
