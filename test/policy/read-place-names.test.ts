import { describe, expect, it } from 'vitest';
import { readPlaceNames } from '../../src/policy/read-place-names.js';

describe('readPlaceNames', () => {
  it('reads a sub-processor row\'s city, state or cloud region as its country, and still as a location', () => {
    expect(readPlaceNames('Frankfurt')).toMatchObject({ countries: ['DE'], onlyPlaces: true });
    expect(readPlaceNames('US (Virginia, Oregon)')).toMatchObject({ countries: ['US'], onlyPlaces: true });
    expect(readPlaceNames('eu-west-1, ap-southeast-1')).toMatchObject({ countries: ['IE', 'SG'], onlyPlaces: true });
  });

  it('does not take a purpose for a location', () => {
    expect(readPlaceNames('Payment processing for customers in Texas')).toMatchObject({ countries: ['US'], onlyPlaces: false });
  });
});
