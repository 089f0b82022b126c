import { describe, expect, it } from 'vitest';
import { claimsOf, transfers } from './policy-test-helpers.js';

describe('extractTransferClaims', () => {
  it('reads storage in a named country', () => {
    const [claim, ...rest] = transfers(claimsOf('Your data is stored in the United States.'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ transferType: 'storage', countries: ['US'], regions: [], unspecified: false, polarity: 'affirmative' });
  });

  it('maps aliases to ISO codes and regions to region ids', () => {
    expect(transfers(claimsOf('We may transfer your information to the U.S., China and Singapore.'))[0]).toMatchObject({
      transferType: 'transfer',
      countries: ['US', 'CN', 'SG'],
    });
    expect(transfers(claimsOf('Our servers are located in the PRC and the EEA.'))[0]).toMatchObject({ countries: ['CN'], regions: ['EEA'] });
    expect(transfers(claimsOf('Audio is processed on Chinese servers.'))[0]).toMatchObject({ transferType: 'storage', countries: ['CN'] });
  });

  it('reads a country after the city it is in ("located in Frankfurt, Germany"), not a city alone', () => {
    expect(transfers(claimsOf('Our servers are located in Frankfurt, Germany.'))[0]).toMatchObject({ transferType: 'storage', countries: ['DE'] });
    expect(transfers(claimsOf('We host data in Ashburn, Virginia, United States and in Dublin, Ireland.'))[0]).toMatchObject({ countries: ['US', 'IE'] });
    // The city does not turn an origin into a destination.
    expect(transfers(claimsOf('Servers process requests from users in Paris, France.'))).toEqual([]);
  });

  it('marks unnamed destinations as unspecified', () => {
    expect(transfers(claimsOf('Your information may be transferred to other countries.'))[0]).toMatchObject({
      transferType: 'transfer',
      countries: [],
      unspecified: true,
    });
    const outside = transfers(claimsOf('We transfer personal data outside the EEA.'))[0];
    expect(outside).toMatchObject({ unspecified: true, regions: [] });
  });

  it('keeps origins and audiences out of the destinations', () => {
    const claims = transfers(claimsOf('If you live in the UK, your data is transferred from the EU to the United States.'));
    expect(claims).toEqual([expect.objectContaining({ transferType: 'transfer', countries: ['US'], regions: [] })]);
    expect(transfers(claimsOf('Please contact us if you have questions about the US.'))).toEqual([]);
  });

  it('records transfer mechanisms in the trigger', () => {
    const [claim] = transfers(claimsOf('We rely on Standard Contractual Clauses for transfers to Japan.'));
    expect(claim).toMatchObject({ countries: ['JP'] });
    expect(claim?.trigger).toContain('Standard Contractual Clauses');
  });

  it('does not read the pronoun "us" as the United States', () => {
    expect(transfers(claimsOf('You can send us your data.'))).toEqual([]);
  });
});
