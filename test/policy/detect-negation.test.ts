import { describe, expect, it } from 'vitest';
import { isNegatedAt } from '../../src/policy/detect-negation.js';

const negated = (sentence: string, cue: string): boolean => isNegatedAt(sentence, sentence.indexOf(cue));

describe('isNegatedAt', () => {
  it('reads a negator shortly before the cue in the same clause', () => {
    expect(negated('We do not share your data with advertisers.', 'share')).toBe(true);
    expect(negated('Your data is never sold.', 'sold')).toBe(true);
    expect(negated('We do not sell data, but we share it with partners.', 'share')).toBe(false);
  });

  it('carries the negation to a verb joined by "or" after a long object', () => {
    // Snapchat: the 45-character window ended inside "don’t".
    const snapchat = 'Note, however, that this information is used in real time – we don’t store this information on our servers or share it with third parties.';
    expect(negated(snapchat, 'share')).toBe(true);
    expect(negated('We will never sell the recordings you make in any room of the app or otherwise disclose them to advertisers.', 'disclose')).toBe(true);
    // "to" as a preposition before "or" is the first verb's object, not an infinitive that takes the "or" over.
    expect(negated('We do not sell your personal information to third parties or share it with advertisers.', 'share')).toBe(true);
  });

  it('does not carry it when the "or" joins verbs under another verb or after a new clause (review 8)', () => {
    const consent = 'We do not require your consent to collect your location or share it with our analytics providers where the law allows.';
    expect(negated(consent, 'share')).toBe(false);
    const account = 'Even if you do not create an account we may collect your device identifiers or share them with advertising partners.';
    expect(negated(account, 'share')).toBe(false);
  });

  it('does not carry it when "or" joins nouns before the cue, or a clause break comes between', () => {
    const bluesky = 'We do not retain any biometric data or facial images provided to third-party age verification vendors.';
    expect(negated(bluesky, 'provided')).toBe(false);
    expect(negated('We don’t store this information on our servers, or we share it with third parties.', 'share')).toBe(false);
  });
});
