/**
 * Typed errors for input that is not what it claims to be. The CLI prints these as one line with a
 * hint and exits 2; anything else is a bug, printed with its stack (exit 3).
 */
export abstract class UserFacingError extends Error {
  /** Optional next step for the user, printed after the message. */
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** A capture file is unreadable, truncated beyond recovery or not the format it claims. */
export class ImportError extends UserFacingError {
  constructor(
    readonly file: string,
    detail: string,
    hint?: string,
  ) {
    super(`${file}: ${detail}`, hint);
  }
}

/** A policy file or URL cannot be read or parsed. */
export class PolicyError extends UserFacingError {
  constructor(
    readonly source: string,
    detail: string,
    hint?: string,
  ) {
    super(`${source}: ${detail}`, hint);
  }
}

/** Bad options, unknown app, database from a newer version, and similar usage problems. */
export class ConfigError extends UserFacingError {}
