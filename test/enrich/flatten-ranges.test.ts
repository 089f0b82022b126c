import { describe, expect, it } from 'vitest';
import { NUMBER_BOUNDS, areRangesDisjoint, flattenRanges } from '../../src/enrich/flatten-ranges.js';

function flatten(rows: [number, number][]): [number, number, number][] {
  const f = flattenRanges(rows.length, (i) => rows[i]?.[0] ?? 0, (i) => rows[i]?.[1] ?? 0, NUMBER_BOUNDS);
  return f.rows.map((row, j) => [f.starts[j] ?? -1, f.ends[j] ?? -1, row]);
}

describe('flattenRanges', () => {
  it('leaves disjoint rows alone', () => {
    expect(flatten([[0, 9], [20, 29]])).toEqual([[0, 9, 0], [20, 29, 1]]);
    expect(areRangesDisjoint(2, (i) => [0, 20][i] ?? 0, (i) => [9, 29][i] ?? 0, NUMBER_BOUNDS)).toBe(true);
  });
  it('lets a nested row win inside its parent and resumes the parent after it', () => {
    expect(flatten([[0, 100], [10, 19], [50, 50]])).toEqual([[0, 9, 0], [10, 19, 1], [20, 49, 0], [50, 50, 2], [51, 100, 0]]);
  });
  it('handles shared starts, shared ends and partial overlaps', () => {
    expect(flatten([[0, 100], [0, 9]])).toEqual([[0, 9, 1], [10, 100, 0]]);
    expect(flatten([[0, 100], [90, 100]])).toEqual([[0, 89, 0], [90, 100, 1]]);
    expect(flatten([[0, 50], [40, 80]])).toEqual([[0, 39, 0], [40, 80, 1]]);
  });
});
