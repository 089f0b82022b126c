import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/model/entity.js';
import type { ProcessorClaim } from '../../src/model/claim.js';
import type { StoredClaim } from '../../src/store/policy-repository.js';
import { rankCoverageClaims } from '../../src/rules/rank-coverage-claims.js';

const apple: Entity = { id: 'apple', name: 'Apple Inc.', aliases: [], country: 'US', roles: [], domains: ['apple.com'], asnOwners: [], categories: [], sources: [] };

function claim(id: number, sectionPath: string[], quote: string): ProcessorClaim & StoredClaim {
  return { id, snapshotId: 1, kind: 'processor', processorType: 'category', name: 'third parties', category: 'third-parties', polarity: 'affirmative', sectionPath, quote, span: { start: id * 100, end: id * 100 + quote.length } };
}

describe('rankCoverageClaims', () => {
  it("reads 'Provision of Personal Data' as a sharing heading, so its general sentence is not outranked by a subsection's (LINE, trial 8 item 6)", () => {
    const general = claim(1, ['LY Corporation Privacy Policy', '5.Provision of Personal Data'], 'However, in the following cases, we may provide Personal Data to third parties.');
    const other = claim(2, ['LY Corporation Privacy Policy', '4.Purpose of use of Personal Data'], 'We may provide your Personal Data to third parties for marketing.');
    expect(rankCoverageClaims([other, general], [apple]).map((c) => c.id)).toEqual([1, 2]);
  });
});
