import { describe, expect, it } from 'vitest';
import { findClaimConditions } from '../../src/policy/find-claim-conditions.js';
import { claimsOf, processors, retentions, transfers } from './policy-test-helpers.js';

describe('findClaimConditions', () => {
  it('keeps exceptions, conditions and purposes as written, in sentence order', () => {
    expect(findClaimConditions('We share your email with Mailchimp to send newsletters, except where you opt out.')).toEqual([
      { kind: 'purpose', text: 'to send newsletters' },
      { kind: 'exception', text: 'except where you opt out' },
    ]);
    expect(findClaimConditions('We retain logs for 30 days for the purposes of fraud prevention; if required by law, longer.')).toEqual([
      { kind: 'purpose', text: 'for the purposes of fraud prevention' },
      { kind: 'condition', text: 'if required by law' },
    ]);
  });

  it('keeps a qualifier that narrows a denial to one meaning of its verb (BeReal, trial 7)', () => {
    expect(findClaimConditions('We do not sell personal information as traditionally understood.')).toEqual([{ kind: 'condition', text: 'as traditionally understood' }]);
    expect(findClaimConditions('We do not "sell" your data in the traditional sense of the word, but we share it with partners.')).toEqual([
      { kind: 'condition', text: 'in the traditional sense of the word' },
    ]);
    // A term's definition ("as defined in the CCPA") names the law's meaning, which narrows nothing by itself.
    expect(findClaimConditions('We do not share personal information (as defined in the CCPA) with advertisers.')).toEqual([]);
  });

  it('finds nothing in an unconditional sentence and ignores "to" before a noun', () => {
    expect(findClaimConditions('We sell your personal information to data brokers.')).toEqual([]);
  });
});

describe('conditions attach to the clause they belong to', () => {
  it('a qualifier narrows the denial of its own clause, not the next one (trial 7b)', () => {
    const sentence = 'We do not sell your data, as traditionally understood, and we never share your audio with advertisers.';
    expect(findClaimConditions(sentence, sentence.indexOf('sell'))).toEqual([{ kind: 'condition', text: 'as traditionally understood' }]);
    expect(findClaimConditions(sentence, sentence.indexOf('advertisers'))).toEqual([]);
    // Without a position, the whole sentence's, as before.
    expect(findClaimConditions(sentence)).toEqual([{ kind: 'condition', text: 'as traditionally understood' }]);
    const [claim] = processors(claimsOf(sentence));
    expect(claim).toMatchObject({ name: 'advertisers', polarity: 'negative' });
    expect(claim).not.toHaveProperty('conditions');
  });

  it('an exception set off by a comma at the very end scopes every clause, as an opening one does (review 8)', () => {
    const sentence = 'We do not share your data with Microsoft, and we do not share it with Google, unless you give us your consent.';
    const claims = processors(claimsOf(sentence));
    expect(claims.map((c) => [c.name, c.polarity, c.conditions])).toEqual([
      ['Microsoft', 'negative', [{ kind: 'exception', text: 'unless you give us your consent' }]],
      ['Google', 'negative', [{ kind: 'exception', text: 'unless you give us your consent' }]],
    ]);
  });

  it('a condition that opens the sentence scopes every clause; one inside a clause only that clause', () => {
    const claims = processors(claimsOf('If you opt in, we share your email with Microsoft and we share your usage data with Google unless you object.'));
    expect(claims.map((c) => [c.name, c.conditions])).toEqual([
      ['Microsoft', [{ kind: 'condition', text: 'If you opt in' }]],
      ['Google', [{ kind: 'condition', text: 'If you opt in' }, { kind: 'exception', text: 'unless you object' }]],
    ]);
    // A semicolon ends a clause too, and the condition is cut where its clause ends.
    const sentence = 'We may retain the information if the law requires it; we will tell you when that happens.';
    expect(findClaimConditions(sentence, sentence.indexOf('retain'))).toEqual([{ kind: 'condition', text: 'if the law requires it' }]);
    expect(findClaimConditions('You will receive notice when data might be shared with partners and you will have a choice.', 0)).toEqual([
      { kind: 'condition', text: 'when data might be shared with partners' },
    ]);
  });

  it('does not split at what only looks like a new clause: list items after a colon, an aside in parentheses, "we or they", "while"', () => {
    const list = 'We disclose information when required by law: - to investigate illegal activities; - to enforce our agreements with you.';
    expect(findClaimConditions(list, list.indexOf('disclose')).map((c) => c.text)).toEqual(['when required by law', 'to investigate illegal activities', 'to enforce our agreements with you']);
    const aside = 'We share data with ad providers (by disclosing cookie IDs; they may combine it) to provide services to us.';
    expect(findClaimConditions(aside, aside.indexOf('ad providers'))).toEqual([{ kind: 'purpose', text: 'to provide services to us' }]);
    const pronouns = 'We disclose ad data to advertisers to improve the ads that we or they use to measure delivery.';
    expect(findClaimConditions(pronouns, pronouns.indexOf('advertisers'))).toEqual([{ kind: 'purpose', text: 'to improve the ads that we or they use to measure delivery' }]);
    expect(retentions(claimsOf('If a message cannot be delivered, we keep it on our servers for up to 30 days while we try to deliver it.'))[0]?.conditions).toEqual([
      { kind: 'condition', text: 'If a message cannot be delivered' },
      { kind: 'purpose', text: 'to deliver it' },
    ]);
  });
});

describe('claims keep their scope', () => {
  it('a denial with an exception keeps both the negative polarity and the exception', () => {
    const [claim] = processors(claimsOf('We do not share your audio with third parties unless you enable transcription.'));
    expect(claim).toMatchObject({ polarity: 'negative', conditions: [{ kind: 'exception', text: 'unless you enable transcription' }] });
  });

  it('a retention claim keeps its purpose; a claim without clauses has no conditions field', () => {
    expect(retentions(claimsOf('We keep recordings for 30 days to investigate abuse reports.'))[0]?.conditions).toEqual([
      { kind: 'purpose', text: 'to investigate abuse reports' },
    ]);
    expect(retentions(claimsOf('We keep recordings temporarily.'))[0]).not.toHaveProperty('conditions');
  });

  it('names the transfer mechanism of a transfer (SCCs)', () => {
    const [claim] = transfers(claimsOf('Your data may be transferred to the United States under the Standard Contractual Clauses.'));
    expect(claim).toMatchObject({ transferType: 'transfer', countries: ['US'], mechanisms: ['Standard Contractual Clauses'] });
  });
});

describe('findClaimConditions: trial 8 items 15 and 23', () => {
  it('does not end a condition at a comma inside a list of nouns or verbs, but does at a comma before a new clause', () => {
    const sentence = 'We will not provide, disclose or share Personal Data to or with third parties unless we have obtained your consent or such provision, disclosure or sharing of Personal Data is permitted by Applicable Laws.';
    expect(findClaimConditions(sentence)).toEqual([
      { kind: 'exception', text: 'unless we have obtained your consent or such provision, disclosure or sharing of Personal Data is permitted by Applicable Laws' },
    ]);
    // A serial comma before the list's last item.
    expect(findClaimConditions('We may share information with our affiliates to provide, maintain, and improve the Services.')).toEqual([
      { kind: 'purpose', text: 'to provide, maintain, and improve the Services' },
    ]);
    // A pronoun or a conjunction with a new condition after the comma starts another clause.
    expect(findClaimConditions('If you connect your account, we share your name with the partner.')).toEqual([{ kind: 'condition', text: 'If you connect your account' }]);
    expect(findClaimConditions('We share data with Microsoft to protect our site, and, where permitted, so that Microsoft can train its models.').map((c) => c.text)).toEqual([
      'to protect our site',
      'where permitted',
      'so that Microsoft can train its models',
    ]);
  });

  it('drops a condition that only points back ("When we do so")', () => {
    expect(findClaimConditions('When we do so, we may share your email address with an advertising partner.')).toEqual([]);
  });

  it('does not carry an opening condition into a contrasting clause with a condition of its own (Snapchat)', () => {
    const sentence =
      'For example, if you store something in Memories, we will keep it as long as you need it, but when you Chat with a friend, our systems are designed to delete Chats you send within 24 hours after your friend reads it.';
    expect(retentions(claimsOf(sentence))[0]?.conditions).toEqual([{ kind: 'condition', text: 'when you Chat with a friend' }]);
    // Without the contrast the opening condition still scopes every clause.
    expect(findClaimConditions('If you opt in, we share your data with partners and we keep it for 30 days.', 60)).toEqual([{ kind: 'condition', text: 'If you opt in' }]);
  });

  it('reads "other than" after a place noun as which places, not an exception (LINE, session 9 item 2)', () => {
    const sentence = 'We share your data with vendors and affiliates located in countries other than where you live.';
    expect(findClaimConditions(sentence)).toEqual([]);
    expect(processors(claimsOf(sentence)).map((c) => c.conditions)).toEqual([undefined, undefined]);
    expect(findClaimConditions('We may share data with advertisers in regions other than those described above.')).toEqual([]);
    expect(findClaimConditions('We may store your data in the country where you live.')).toEqual([]);
    // "where you …" after anything else is still a condition.
    expect(findClaimConditions('We share your data with partners where you have agreed to it.')).toEqual([{ kind: 'condition', text: 'where you have agreed to it' }]);
    // After a recipient it still narrows who receives the data.
    expect(findClaimConditions('We do not share your data with anyone other than our service providers.')).toEqual([
      { kind: 'exception', text: 'other than our service providers' },
    ]);
  });
});

