import { InvalidArgumentError, type Command } from 'commander';
import { getRegistrableDomain } from '../../enrich/registrable-domain.js';
import { ConfigError } from '../../model/errors.js';
import type { Claim } from '../../model/claim.js';
import { diffPolicyClaims } from '../../policy/diff-policy-claims.js';
import { findAppId, requireApp } from '../../store/app-repository.js';
import { findLinkedSnapshots, listPolicySightings, listSnapshots, loadClaims, type StoredSnapshot } from '../../store/policy-repository.js';
import { classifySightings, findChangeTo, type PolicySighting } from '../../store/policy-timeline.js';
import { parseDeclaredDate } from '../../policy/parse-declared-date.js';
import { describePolicyDates } from '../../report/describe-policy-dates.js';
import { describeRepeatedPolicy, describeSightingWhen } from './describe-policy-sighting.js';
import { describeClaim } from './extract-command.js';
import { analysePolicy, checkPolicyLanguage, storePolicy } from '../../workflow/add-policy.js';
import { describeOverlongPassages } from '../../policy/split-sentences.js';
import { followSubprocessorLinks } from '../../workflow/follow-subprocessor-links.js';
import { loadCatalogWithUserEntities, warnAboutSharedAppDomains, warnAboutSimilarAppName, withDatabase } from '../cli-context.js';
import { collectString, parseAppName } from '../parse-options.js';
import { safeTerminalText } from '../terminal-text.js';
import { countNoun } from '../count-noun.js';

interface PolicyAddOptions {
  app: string;
  appDomain?: string[];
  anyLanguage?: boolean;
  followSubprocessors?: boolean;
  subprocessorList?: string[];
  asOf?: string;
}

/** Parses `--as-of` before anything is opened, so a bad date writes nothing. */
function parseAsOfOption(text: string): string {
  const parsed = parseDeclaredDate(text, new Date());
  if ('problem' in parsed) throw new InvalidArgumentError(parsed.problem);
  return parsed.date;
}

/**
 * Why `--as-of` cannot date what this command would store, or null. An archived copy is bytes saved then; anything
 * fetched now (a URL, a linked list found by --follow-subprocessors) shows the present, whatever date it is given.
 */
function refuseUndatable(source: string, options: PolicyAddOptions): string | null {
  if (options.asOf === undefined) return null;
  if (options.followSubprocessors === true) {
    // A local policy's relative link is a file beside it, read as it is on disk today; only a linked URL is fetched.
    const how = /^https?:\/\//i.test(source) ? 'fetched now' : 'read now (a file beside the policy as it is on disk today, or a linked URL fetched today)';
    return `--as-of cannot be used with --follow-subprocessors: the linked list would be ${how}, not as of the declared date (save the archived list and pass it with --subprocessor-list <file>)`;
  }
  const url = [source, ...(options.subprocessorList ?? [])].find((s) => /^https?:\/\//i.test(s));
  return url === undefined
    ? null
    : `${url} is a URL, fetched now: not an archived copy (save the archived page, e.g. from web.archive.org/web/<timestamp>id_/<url>, and add the file with --as-of)`;
}

export function registerPolicyCommand(program: Command): void {
  const policy = program.command('policy').description('store and manage policy snapshots');
  policy
    .command('add')
    .description('store a policy snapshot (bytes, sha256, source, time) and its claims for an app')
    .argument('<policy>', 'policy file or http(s) URL')
    .requiredOption('--app <name>', 'app the policy belongs to', parseAppName)
    .option('--app-domain <domain>', "the app's own domain (repeatable); its traffic is first party", collectString)
    .option('--any-language', 'store a policy that is not in English anyway (its claims will be incomplete)')
    .option(
      '--as-of <date>',
      'the date an archived copy (a Wayback Machine save, an old snapshot) shows the policy as of: 2024-03-01 or 2024-03-01T12:00:00Z; audits use the version seen last before a capture began (the real read time is kept too); bytes already stored are recorded as seen on that date too',
      parseAsOfOption,
    )
    .option(
      '--follow-subprocessors',
      'also store the sub-processor list the policy links to (a page of its own, fetched or read beside a local file) and its entries as processor claims',
    )
    .option(
      '--subprocessor-list <file-or-url>',
      "store this page as the policy's sub-processor list (repeatable), for a list the policy names without a link claimcheck recognises",
      collectString,
    )
    .action(async (source: string, options: PolicyAddOptions, command: Command) => {
      const now = (): Date => new Date();
      const undatable = refuseUndatable(source, options);
      if (undatable !== null) throw new ConfigError(undatable);
      await withDatabase(command, async (db) => {
        warnAboutSimilarAppName(db, options.app);
        // Names from imported entity lists count as named processors too.
        const organisations = loadCatalogWithUserEntities(db).organisationNames();
        const domains = (options.appDomain ?? []).map((d) => getRegistrableDomain(d) ?? d);
        warnAboutSharedAppDomains(options.appDomain ?? []);
        // The app's domains (given now or recorded before) tell a catalogued operator ("Microsoft" for msn.com) from a
        // company the policy only discusses.
        const recorded = findAppId(db, options.app) !== null ? requireApp(db, options.app).domains : [];
        const analysed = await analysePolicy(source, { organisations, now, appDomains: [...domains, ...recorded], ...(options.asOf !== undefined ? { declaredDate: options.asOf } : {}) });
        const unsupported = checkPolicyLanguage(analysed, source, options.anyLanguage === true, 'use an English version of the policy, or pass --any-language to store it anyway');
        if (unsupported !== null) process.stderr.write(`claimcheck: warning: ${safeTerminalText(source)}: ${unsupported}\n`);
        const overlong = describeOverlongPassages(analysed.extracted.text);
        if (overlong !== null) process.stderr.write(`claimcheck: warning: ${safeTerminalText(source)}: ${overlong}\n`);
        // Every linked page is fetched and read before anything is stored: all of it is stored, or none.
        const given = options.subprocessorList ?? [];
        const followed =
          options.followSubprocessors === true || given.length > 0
            ? await followSubprocessorLinks(analysed, { organisations, now, discover: options.followSubprocessors === true, given })
            : null;
        const result = storePolicy(db, options.app, analysed, now, domains, followed?.pages ?? []);
        const label = safeTerminalText(source);
        const app = safeTerminalText(options.app);
        const lines = [
          result.created
            ? `stored policy ${label} for ${app}: snapshot #${result.snapshotId}, ${countNoun(analysed.claims.length, 'claim')} (sha256 ${analysed.snapshot.sha256.slice(0, 12)})${
                options.asOf !== undefined ? `, dated ${options.asOf} by the user (archived copy)` : ''
              }`
            : describeRepeatedPolicy(result, label, app),
          ...result.linkedPages.map(({ page, snapshotId, created, linked }) => {
            const entries = page.claims.filter((c) => c.kind === 'processor').length;
            const what = `sub-processor list ${safeTerminalText(page.target)}`;
            return created
              ? `stored ${what}: snapshot #${snapshotId}, ${entries} sub-processors (sha256 ${page.snapshot.sha256.slice(0, 12)})`
              : linked
                ? `linked ${what} (already stored as snapshot #${snapshotId}) to this policy`
                : `${what} is already stored (snapshot #${snapshotId}, same sha256); nothing changed`;
          }),
        ];
        for (const warning of followed?.warnings ?? []) {
          process.stderr.write(`claimcheck: warning: ${label}: ${warning}\n`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
  policy
    .command('diff')
    .description('show claims added, removed or changed between two stored versions of an app\'s policy')
    .requiredOption('--app <name>', 'app whose policy versions to compare', parseAppName)
    .option('--from <version>', 'older version: snapshot number (#3) or sha256 prefix (default: the version seen before the newest one came in)')
    .option('--to <version>', 'newer version: snapshot number or sha256 prefix (default: the version seen last; a version that came back counts as the newest)')
    .option('--json', 'print the diff as JSON')
    .action(async (options: { app: string; from?: string; to?: string; json?: boolean }, command: Command) => {
      await withDatabase(command, (db) => {
        const app = requireApp(db, options.app);
        const snapshots = listSnapshots(db, app.id);
        if (snapshots.length < 2 && (options.from === undefined || options.to === undefined)) {
          throw new ConfigError(
            `app ${JSON.stringify(options.app)} has ${snapshots.length} stored policy version${snapshots.length === 1 ? '' : 's'}; a diff needs two`,
            'store another version with claimcheck policy add <file> --app ' + options.app,
          );
        }
        const { from, to } = chooseDiffSides(snapshots, listPolicySightings(db, app.id), options);
        const diff = diffPolicyClaims(loadClaims(db, from.id), loadClaims(db, to.id));
        if (options.json) {
          const version = (s: DiffSide): Record<string, unknown> => ({
            snapshot: s.id,
            source: s.source,
            sha256: s.sha256,
            fetchedAt: s.fetchedAt,
            ...(s.declaredDate !== undefined ? { declaredDate: s.declaredDate } : {}),
          });
          process.stdout.write(`${JSON.stringify({ app: options.app, from: version(from), to: version(to), ...diff }, null, 2)}\n`);
          return;
        }
        const label = (s: DiffSide): string => `#${s.id} ${s.source} (${describePolicyDates(s)}, sha256 ${s.sha256.slice(0, 12)})`;
        const lines = [`policy versions of ${options.app}: ${label(from)} -> ${label(to)}`];
        for (const claim of diff.added) lines.push(`+ ${describeClaim(claim)}`, `    ${quoteOf(claim)}`);
        for (const claim of diff.removed) lines.push(`- ${describeClaim(claim)}`, `    ${quoteOf(claim)}`);
        for (const change of diff.changed) {
          lines.push(`~ ${describeClaim(change.before)}`, `  -> ${describeClaim(change.after)}`, `    ${quoteOf(change.after)}`);
        }
        lines.push(`${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged`);
        process.stdout.write(`${safeTerminalText(lines.join('\n'))}\n`);
      }, 'must-exist');
    });
  policy
    .command('list')
    .description("list the stored versions of an app's policy as a timeline, oldest first: each time a version was read, with its dates")
    .requiredOption('--app <name>', 'app whose policy versions to list', parseAppName)
    .option('--json', 'print the versions and the timeline as JSON')
    .action(async (options: { app: string; json?: boolean }, command: Command) => {
      await withDatabase(command, (db) => {
        const app = requireApp(db, options.app);
        const versions = listSnapshots(db, app.id).map((s) => ({ snapshot: s, claims: loadClaims(db, s.id).length, linkedPages: findLinkedSnapshots(db, s.id) }));
        const timeline = classifySightings(listPolicySightings(db, app.id));
        if (options.json) {
          const rows = versions.map(({ snapshot: s, claims, linkedPages }) => ({
            snapshot: s.id,
            source: s.source,
            sha256: s.sha256,
            fetchedAt: s.fetchedAt,
            ...(s.declaredDate !== undefined ? { declaredDate: s.declaredDate } : {}),
            claims,
            linkedPages: linkedPages.map((p) => ({ snapshot: p.id, source: p.source, sha256: p.sha256, fetchedAt: p.fetchedAt })),
          }));
          const sightings = timeline.map(({ sighting: g, change }) => ({
            snapshot: g.snapshotId,
            source: g.source,
            sha256: g.sha256,
            fetchedAt: g.readAt,
            ...(g.declaredDate !== undefined ? { declaredDate: g.declaredDate } : {}),
            change: change.kind,
            ...(change.kind === 'return' ? { after: change.after.snapshotId } : {}),
          }));
          process.stdout.write(`${JSON.stringify({ app: options.app, versions: rows, timeline: sightings }, null, 2)}\n`);
          return;
        }
        const count = `${versions.length} stored policy version${versions.length === 1 ? '' : 's'} of ${options.app}`;
        const lines = [timeline.length > versions.length ? `${count}, seen ${timeline.length} times, oldest first:` : `${count}, oldest first:`];
        const byId = new Map(versions.map((v) => [v.snapshot.id, v]));
        for (const { sighting: g, change } of timeline) {
          const head = `#${g.snapshotId} ${g.source}: ${describePolicyDates({ fetchedAt: g.readAt, ...(g.declaredDate !== undefined ? { declaredDate: g.declaredDate } : {}) })}, sha256 ${g.sha256.slice(0, 12)}`;
          if (change.kind === 'same') {
            lines.push(`${head}, the same version again`);
          } else if (change.kind === 'return') {
            lines.push(`${head}, back to version #${g.snapshotId} (first seen ${describeSightingWhen(change.first)}) after #${change.after.snapshotId}`);
          } else {
            const version = byId.get(g.snapshotId);
            lines.push(`${head}, ${countNoun(version?.claims ?? 0, 'claim')}`);
            for (const page of version?.linkedPages ?? []) lines.push(`    sub-processor list #${page.id} ${page.source}: retrieved ${page.fetchedAt}, sha256 ${page.sha256.slice(0, 12)}`);
          }
        }
        process.stdout.write(`${safeTerminalText(lines.join('\n'))}\n`);
      }, 'must-exist');
    });
}

/** One side of a diff: a version, with the source and dates of the sighting that shows it at the change when there is one. */
type DiffSide = Pick<StoredSnapshot, 'id' | 'source' | 'sha256' | 'fetchedAt' | 'declaredDate'>;

/** A version as one sighting shows it: that reading's source and dates. */
function asSeen(snapshot: StoredSnapshot, sighting: PolicySighting): DiffSide {
  return {
    id: snapshot.id,
    source: sighting.source,
    sha256: snapshot.sha256,
    fetchedAt: sighting.readAt,
    ...(sighting.declaredDate !== undefined ? { declaredDate: sighting.declaredDate } : {}),
  };
}

/**
 * The two versions a diff compares. By default the latest change in the timeline: the version seen last and the
 * one seen just before it came in, so a policy that went v1, v2, v1 diffs v2 -> v1 (the return), each side shown
 * with the sighting at the change. `--to` alone takes the change that brought that version in (else, for the
 * earliest version, the newest other one); `--from` alone compares with the version seen last. A version named by
 * the user is shown with its own (first) source and dates.
 */
function chooseDiffSides(
  snapshots: readonly StoredSnapshot[],
  sightings: readonly PolicySighting[],
  options: { app: string; from?: string; to?: string },
): { from: DiffSide; to: DiffSide } {
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const latest = sightings[sightings.length - 1];
  const newest = (latest !== undefined ? byId.get(latest.snapshotId) : undefined) ?? (snapshots[snapshots.length - 1] as StoredSnapshot);
  const to = options.to !== undefined ? selectSnapshot(snapshots, options.to, options.app) : newest;
  if (options.from !== undefined) return { from: selectSnapshot(snapshots, options.from, options.app), to };
  const change = findChangeTo(sightings, to.id);
  const before = change !== null ? byId.get(change.from.snapshotId) : undefined;
  if (change !== null && before !== undefined) {
    return { from: asSeen(before, change.from), to: options.to !== undefined ? to : asSeen(to, change.to) };
  }
  return { from: snapshots.filter((s) => s.id !== to.id).pop() as StoredSnapshot, to };
}

/** A stored version by "#id" / "id" or by sha256 prefix (at least 6 hex digits, unambiguous). */
function selectSnapshot(snapshots: readonly StoredSnapshot[], version: string, app: string): StoredSnapshot {
  const byId = /^#?(\d+)$/.exec(version);
  const matches = byId
    ? snapshots.filter((s) => s.id === Number(byId[1]))
    : /^[0-9a-f]{6,64}$/i.test(version)
      ? snapshots.filter((s) => s.sha256.startsWith(version.toLowerCase()))
      : [];
  const [only, ...rest] = matches;
  if (only === undefined || rest.length > 0) {
    const known = snapshots.map((s) => `#${s.id} ${s.sha256.slice(0, 12)}`).join(', ');
    throw new ConfigError(`${matches.length > 1 ? 'ambiguous' : 'no'} policy version ${JSON.stringify(version)} for app ${JSON.stringify(app)}`, `stored versions: ${known || 'none'}`);
  }
  return only;
}

function quoteOf(claim: Claim): string {
  const quote = claim.quote.length > 160 ? `${claim.quote.slice(0, 157)}…` : claim.quote;
  return `${claim.sectionPath.join(' › ') || '(top)'}: "${quote}"`;
}
