import { describe, expect, it } from 'vitest';
import type { OrganisationName } from '../../src/policy/match-organisations.js';
import { claimsOf, processors } from './policy-test-helpers.js';

const ORGANISATIONS: OrganisationName[] = [
  { entityId: 'apptimize', names: ['Apptimize'], domains: ['apptimize.com'] },
  { entityId: 'stripe', names: ['Stripe', 'Stripe, Inc.'], domains: ['stripe.com'] },
];

describe('a catalogued company keeping the service data is named as a recipient (trial 7b P1-5)', () => {
  it('makes a named processor claim beside the retention claim', () => {
    expect(processors(claimsOf('Apptimize retains experiment data for 12 months.', ORGANISATIONS)).map((c) => [c.entityId, c.polarity])).toEqual([['apptimize', 'affirmative']]);
  });

  it('adds nothing for a denial, or when the sentence already names the company as a processor', () => {
    expect(processors(claimsOf('Stripe does not retain your card details.', ORGANISATIONS)).filter((c) => c.polarity === 'affirmative')).toEqual([]);
    expect(processors(claimsOf('We share card details with Stripe, which keeps them for 7 years.', ORGANISATIONS)).map((c) => c.entityId)).toEqual(['stripe']);
  });
});
