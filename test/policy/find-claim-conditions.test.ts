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
