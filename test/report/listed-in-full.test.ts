import { describe, expect, it } from 'vitest';
import { describeUndisclosedCountry } from '../../src/report/wording.js';

describe('lists cut short say so (trial 9)', () => {
  it('a country finding that names four of eight organisations says how many more there are', () => {
    const organisations = ['A Corp', 'B Corp', 'C Corp', 'D Corp', 'E Corp', 'F Corp', 'G Corp', 'H Corp'];
    const base = { country: 'NL', disclosed: ['US'], discountedMention: null, flowCount: 8, bytes: 1000, carriesIdentifiers: false, unspecifiedTransferClause: false };
    const wording = describeUndisclosedCountry({ ...base, organisations });
    expect(wording.explanation).toContain('used by A Corp, B Corp, C Corp, D Corp, and 4 more organisations');
    expect(describeUndisclosedCountry({ ...base, organisations: organisations.slice(0, 4) }).explanation).not.toContain('more organisation');
    expect(describeUndisclosedCountry({ ...base, organisations: organisations.slice(0, 5), hostingOrganisations: ['A Corp'] }).explanation).toContain(
      'used by B Corp, C Corp, D Corp, and to servers hosted by A Corp, and 1 more organisation',
    );
  });
});
