import { describe, expect, it } from 'vitest';
import { findAudienceStatements } from '../../src/policy/find-audience-statements.js';

const kinds = (text: string): string[] => [...new Set(findAudienceStatements(text).map((s) => s.kind))];

describe('findAudienceStatements', () => {
  it('recognises children, Californians, Europeans and users in other countries', () => {
    expect(kinds('We do not knowingly collect personal information from children under 13 without parental consent.')).toEqual(['children']);
    expect(kinds('California residents may request a list of disclosures under the Shine the Light law.')).toEqual(['californians']);
    expect(kinds('If you are in the European Economic Area, the GDPR gives you further rights.')).toEqual(['europeans']);
    expect(kinds('Users located outside the United States consent to the transfer of their data.')).toEqual(['other-countries']);
  });

  it('needs acronyms in capitals and finds nothing in a general sentence', () => {
    expect(kinds('We use cookies to remember your settings.')).toEqual([]);
    expect(kinds('the eea of the text')).toEqual([]);
  });
});
