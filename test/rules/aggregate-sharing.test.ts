import { describe, expect, it } from 'vitest';
import { sharesOnlyAggregateData } from '../../src/rules/aggregate-sharing.js';

describe('sharesOnlyAggregateData', () => {
  it('is true when every piece of shared data is aggregated or de-identified (Quora)', () => {
    expect(sharesOnlyAggregateData('We share aggregated or anonymized information with third parties for market research, reporting, and analytics.')).toBe(true);
    expect(sharesOnlyAggregateData('We share with our advertisers and publishers aggregate statistics, metrics, and reports about the performance of their ads in the Quora Platform.')).toBe(true);
    expect(sharesOnlyAggregateData('We may share non-personally identifiable information that does not identify you with partners.')).toBe(true);
  });

  it('is false when other data is shared too, or nothing is aggregated', () => {
    expect(sharesOnlyAggregateData('We share aggregated statistics and your device identifiers with third parties.')).toBe(false);
    expect(sharesOnlyAggregateData('We share your information with analytics providers.')).toBe(false);
    // Review 8: a conjunction or another adjective is no part of the aggregated phrase.
    expect(sharesOnlyAggregateData('We share aggregated and personal information with our analytics providers.')).toBe(false);
    expect(sharesOnlyAggregateData('We share aggregated statistics and your IP address and phone number with our analytics providers.')).toBe(false);
    expect(sharesOnlyAggregateData('We share aggregated, anonymized or pseudonymized data with our analytics providers.')).toBe(false);
    // Pseudonymised data is still personal data.
    expect(sharesOnlyAggregateData('We share pseudonymised usage data with analytics providers.')).toBe(false);
  });
});
