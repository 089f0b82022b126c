import { describe, expect, it } from 'vitest';
import { readDenialScope } from '../../src/rules/denial-scope.js';

// Sentences as real policies write them (../shared/data/policies), with the tester's case first.
describe('readDenialScope', () => {
  it('reads one kind of data as a scope: contact with the company cannot show the denial false', () => {
    expect(readDenialScope('We do not share your messages with Facebook.')).toMatchObject({ verb: 'share', object: 'your messages', data: 'your messages', scoped: true });
    expect(readDenialScope('We do not sell or share your private chat messages, government-issued identification or precise GPS location with advertisers.')).toMatchObject({
      verb: 'sell or share',
      data: 'your private chat messages',
      scoped: true,
    });
    expect(readDenialScope('Your messages are never shared with Facebook.')).toMatchObject({ verb: 'share', object: 'your messages', scoped: true });
  });

  it('reads a denial of any sharing as unscoped', () => {
    expect(readDenialScope('We never share your information with Facebook.')).toMatchObject({ verb: 'share', object: 'your information', data: null, scoped: false });
    expect(readDenialScope('We do not share any of your personal data with Meta.')).toMatchObject({ data: null, scoped: false });
    expect(readDenialScope('We do not disclose personal data to Google.')).toMatchObject({ verb: 'disclose', scoped: false });
  });

  it('reads a purpose or exception after the recipient as a scope, and keeps it for the wording', () => {
    expect(readDenialScope('We never share your data with Google for advertising purposes.')).toMatchObject({
      object: 'your data',
      data: null,
      scoped: true,
      conditions: [{ kind: 'purpose', text: 'for advertising purposes' }],
    });
    expect(readDenialScope('We do not provide your data to Google for its own marketing.')).toMatchObject({ scoped: true, conditions: [{ text: 'for its own marketing' }] });
    expect(readDenialScope('Your information is never shared with Meta unless you link your account.')).toMatchObject({
      scoped: true,
      conditions: [{ kind: 'exception', text: 'unless you link your account' }],
    });
    // Nothing after the recipient: still a denial of all sharing.
    expect(readDenialScope('We never share your information with Facebook, Inc.')).toMatchObject({ scoped: false, conditions: [] });
  });

  it('keeps sales, conditions and sentences it cannot read scoped', () => {
    expect(readDenialScope('We do not sell your personal information to third parties.')).toMatchObject({ verb: 'sell', data: null, scoped: true });
    const conditions = [{ kind: 'exception' as const, text: 'unless you connect your Facebook account' }];
    expect(readDenialScope('We do not share your information with Facebook unless you connect your Facebook account.', conditions)).toMatchObject({ scoped: true, conditions });
    expect(readDenialScope('Facebook receives nothing from us about your activity on the app.')).toMatchObject({ verb: null, scoped: true });
  });

  it('reads the denial of the recipient\'s own clause, not the first of the sentence (0012, session 9 item 4)', () => {
    const sentence = 'We do not sell your data, and we do not share your information with Agora except to provide calls.';
    // Agora's clause denies sharing all data, limited by its exception; the sale is the first clause's.
    expect(readDenialScope(sentence, [], 'Agora')).toMatchObject({ verb: 'share', object: 'your information', data: null, scoped: true });
    expect(readDenialScope(sentence, [], 'Agora').conditions.map((c) => c.text)).toEqual(['except to provide calls']);
    // Unconditional in its own clause: a flat denial, though the first clause is a sale.
    expect(readDenialScope('We do not sell your data, and we never share your information with Agora.', [], 'Agora')).toMatchObject({ verb: 'share', scoped: false });
    // And the other way round: one kind of data in the recipient's clause after a flat first denial.
    expect(readDenialScope('We never share your information with Google, and your audio is never shared with Agora.', [], 'Agora')).toMatchObject({
      verb: 'share',
      object: 'your audio',
      data: 'your audio',
      scoped: true,
    });
    // Without a recipient, the first denial, as before.
    expect(readDenialScope('We do not sell your data, and we never share your information with Agora.')).toMatchObject({ verb: 'sell', scoped: true });
  });
});

