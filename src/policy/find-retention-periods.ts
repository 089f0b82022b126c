import numberWords from './lexicons/number-words.json' with { type: 'json' };
import retention from './lexicons/retention-terms.json' with { type: 'json' };
import timeUnits from './lexicons/time-units.json' with { type: 'json' };

/** A duration stated in a sentence ("up to 2 years"), offsets relative to the sentence. */
export interface RetentionPeriod {
  start: number;
  end: number;
  /** The words as written, qualifier included ("a maximum of 90 days"). */
  text: string;
  /** Length in days (month = 30.44 days, year = 365.25 days), or null for "a few weeks". */
  days: number | null;
}

const UNITS: Readonly<Record<string, number>> = timeUnits.units;
const NUMBER_UNITS: Readonly<Record<string, number | null>> = numberWords.units;
const TENS: Readonly<Record<string, number>> = numberWords.tens;

const unitAlternation = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/\s+/g, '\\s+'))
  .join('|');
const wordNumber = [
  `(?:${Object.keys(TENS).join('|')})(?:[\\s-](?:${Object.keys(NUMBER_UNITS).filter((w) => /^[a-z]+$/.test(w)).join('|')}))?`,
  `(?:${Object.keys(NUMBER_UNITS)
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/\s+/g, '\\s+'))
    .join('|')})(?:\\s+hundred)?`,
  'half\\s+an?',
].join('|');
const qualifier = retention.periodQualifiers
  .sort((a, b) => b.length - a.length)
  .map((q) => q.replace(/\s+/g, '\\s+'))
  .join('|');

/**
 * number (digits, words, or "three (3)") + optional hyphen + unit, with an optional qualifier before
 * it ("up to", "a maximum of") and an optional "period of" between ("a period of two years").
 */
const PERIOD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${qualifier})\\s+)?(?:a\\s+period\\s+of\\s+)?(\\d{1,4}(?:[.,]\\d+)?|${wordNumber})(?:\\s*\\(\\s*\\d{1,4}\\s*\\))?(?:\\s*-\\s*|\\s+)(${unitAlternation})(?![\\p{L}\\p{N}])`,
  'giu',
);

/**
 * Finds durations that can be retention periods, skipping ages ("13 years old"), frequencies
 * ("every 30 days", "24 hours a day"), notice periods ("30 days' notice") and bare "a day" without a
 * qualifier (too often part of an idiom).
 */
export function findRetentionPeriods(sentence: string): RetentionPeriod[] {
  const periods: RetentionPeriod[] = [];
  PERIOD.lastIndex = 0;
  for (let m = PERIOD.exec(sentence); m !== null; m = PERIOD.exec(sentence)) {
    const qualifierText = m[1];
    const numberText = (m[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const unit = (m[3] ?? '').toLowerCase().replace(/\s+/g, ' ');
    const before = sentence.slice(Math.max(0, m.index - 20), m.index).toLowerCase();
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 20).toLowerCase();
    if (/(?:every|per|each|aged?|age of|under|over the age of)\s*$/.test(before)) continue;
    if (/^\s*(?:old|of age|['’]?\s*notice|prior notice|in advance|a (?:day|week|month|year)|per)/.test(after)) continue;
    if (/^(?:a|an)$/.test(numberText) && qualifierText === undefined) continue;
    const count = parseNumber(numberText);
    const unitDays = UNITS[unit];
    if (unitDays === undefined) continue;
    const days = count === null ? null : Math.round(count * unitDays * 100) / 100;
    periods.push({ start: m.index, end: m.index + m[0].length, text: m[0], days });
  }
  return periods;
}

/** "30" → 30, "six" → 6, "twenty-five" → 25, "one hundred" → 100, "a few" → null. */
function parseNumber(text: string): number | null {
  if (/^\d/.test(text)) return Number(text.replace(',', '.'));
  if (/^half\s/.test(text)) return 0.5;
  const hundred = /^(.*)\s+hundred$/.exec(text);
  if (hundred) {
    const base = parseNumber(hundred[1] ?? '');
    return base === null ? null : base * 100;
  }
  const [tens, units] = text.split(/[\s-]/);
  if (tens !== undefined && TENS[tens] !== undefined) {
    const unitValue = units === undefined ? 0 : NUMBER_UNITS[units];
    return unitValue === null || unitValue === undefined ? TENS[tens] ?? null : (TENS[tens] ?? 0) + unitValue;
  }
  const value = NUMBER_UNITS[text];
  return value === undefined ? null : value;
}
