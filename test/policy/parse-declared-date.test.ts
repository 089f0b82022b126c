import { describe, expect, it } from 'vitest';
import { parseDeclaredDate } from '../../src/policy/parse-declared-date.js';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('parseDeclaredDate (the date of an archived copy, --as-of)', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    [' 2024-02-29 ', '2024-02-29'],
    ['2024-03-01T12:30:00+02:00', '2024-03-01T10:30:00.000Z'],
    ['2024-03-01T23:30-05:00', '2024-03-02T04:30:00.000Z'],
    ['2026-11-23', '2026-11-23'],
    ['2026-11-23T11:59:59.5Z', '2026-11-23T11:59:59.500Z'],
  ])('reads %s as %s', (text, date) => {
    expect(parseDeclaredDate(text, NOW)).toEqual({ date });
  });

  it.each([
    ['2023-02-29', 'is not a valid date'],
    ['2025-13-01', 'is not a valid date'],
    ['2025-04-31T10:00:00Z', 'is not a valid date'],
    ['2025-01-01T25:00:00Z', 'is not a valid date'],
    ['2025-01-15T10:00:00', 'is not a date like 2024-03-01 or a time with its zone'],
    ['15/01/2025', 'is not a date like'],
    ['20240301123456', 'is not a date like'],
    ['', 'is not a date like'],
    ['2026-11-24', 'is in the future'],
    ['2026-11-23T12:00:01Z', 'is in the future'],
  ])('refuses %s: %s', (text, problem) => {
    const parsed = parseDeclaredDate(text, NOW);
    expect('problem' in parsed && parsed.problem).toContain(problem);
  });

  it('gives dates that compare as text in time order with stored fetch times', () => {
    const day = (parseDeclaredDate('2024-03-01', NOW) as { date: string }).date;
    expect(day <= '2024-03-01T00:00:00.000Z').toBe(true);
    expect(day <= '2024-02-29T23:59:59.999Z').toBe(false);
    expect(day < '2024-03-01T10:30:00.000Z').toBe(true);
  });
});
