import { Command, type ParseOptionsResult } from 'commander';

/**
 * A commander Command that reports a mistyped option before a missing required one. Commander checks
 * required options first, so `import x.pcap --ap Foo` said "required option '--app' not specified",
 * which hides the typo; this says "unknown option '--ap' (did you mean --app?)".
 */
const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * Options a user gives to one command that belong to another (audit prints findings; report writes files), keyed
 * by command and flag: the typo suggestion cannot find them, since only the command run is loaded.
 */
const OTHER_COMMAND_OPTIONS: Record<string, string> = {
  'audit --format': 'report takes --format: claimcheck report --app <name> --format html',
  'audit --out': 'report takes --out: claimcheck report --app <name> --out <dir>',
  'import --out': 'import stores captures in the database; report or export write files',
};

export class StrictCommand extends Command {
  override createCommand(name?: string): Command {
    return new StrictCommand(name);
  }

  override parseOptions(argv: string[]): ParseOptionsResult {
    const parsed = super.parseOptions(argv);
    const first = parsed.unknown[0];
    // A command with sub-commands passes the rest on to them; only a leaf command knows every option it takes.
    // Help is not among a command's options: commander answers it after this, wherever it stands.
    const asksForHelp = parsed.unknown.some((arg) => HELP_FLAGS.has(arg));
    if (this.commands.length === 0 && !asksForHelp && first !== undefined && first.startsWith('-')) {
      const flag = first.split('=')[0] ?? first;
      const suggestion = suggestOption(flag, this.allLongFlags());
      const elsewhere = OTHER_COMMAND_OPTIONS[`${this.name()} ${flag}`];
      const hint = suggestion !== null ? `did you mean ${suggestion}?` : elsewhere;
      this.error(`unknown option '${flag}'${hint === undefined ? '' : ` (${hint})`}`, { code: 'commander.unknownOption' });
    }
    return parsed;
  }

  /** Long flags this command accepts, its own and those its ancestors define (e.g. --db). */
  private allLongFlags(): string[] {
    const flags: string[] = ['--help'];
    for (let command: Command | null = this; command !== null; command = command.parent) {
      for (const option of command.options) if (option.long !== undefined) flags.push(option.long);
    }
    return flags;
  }
}

/** The closest known flag: one the typed flag starts, or within two edits of it; null when none is close. */
export function suggestOption(typed: string, known: readonly string[]): string | null {
  if (!typed.startsWith('--') || typed.length < 4) return null;
  let best: string | null = null;
  let bestDistance = 3;
  for (const flag of known) {
    const distance = flag.startsWith(typed) ? 1 : editDistance(typed, flag);
    if (distance < bestDistance) {
      best = flag;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance; flags are short, so the quadratic table is fine. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
