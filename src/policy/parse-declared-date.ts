/** A date the user declares for an archived copy of a policy, or why the text is not one. */
export type DeclaredDateResult = { date: string } | { problem: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads `--as-of` (and a manifest's `as_of`): an ISO date (`2024-03-01`, kept as written: the day the
 * archived copy shows, compared as its first moment in UTC) or an ISO date-time with its zone
 * (`2024-03-01T12:00:00+02:00`, kept in UTC: `2024-03-01T10:00:00.000Z`). Both forms sort and compare as
 * text with the stored fetch times. Refuses impossible dates (2024-02-30), a time without a zone (whose
 * moment is ambiguous) and a date after `now`: an archived copy cannot show the policy of the future.
 */
export function parseDeclaredDate(text: string, now: Date): DeclaredDateResult {
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.test(trimmed);
  if (!dateOnly && !DATE_TIME.test(trimmed)) {
    return { problem: `${JSON.stringify(text)} is not a date like 2024-03-01 or a time with its zone like 2024-03-01T12:00:00Z` };
  }
  const moment = new Date(dateOnly ? `${trimmed}T00:00:00Z` : trimmed);
  // Date reads 2024-02-30 as 1 March: the calendar date must come back as written.
  if (Number.isNaN(moment.getTime()) || !isRealCalendarDate(trimmed.slice(0, 10))) return { problem: `${JSON.stringify(text)} is not a valid date` };
  if (moment.getTime() > now.getTime()) return { problem: `${JSON.stringify(text)} is in the future` };
  return { date: dateOnly ? trimmed : moment.toISOString() };
}

function isRealCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
