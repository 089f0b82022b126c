import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { findActingRecipients } from '../../src/policy/find-acting-recipients.js';
import { claimsOf, makeSnapshot, ORGANISATIONS, processors } from './policy-test-helpers.js';

const names = (sentence: string): string[] => processors(claimsOf(sentence)).map((c) => `${c.polarity === 'negative' ? 'NOT ' : ''}${c.entityId ?? c.name}`);

describe('a company named as the one handling the service’s data', () => {
  it('is a recipient when it is the subject of handling data, with or without a description beside its name', () => {
    expect(names('Agora carries the audio of every call.')).toEqual(['agora']);
    expect(names('Agora, our real-time audio partner, stores call metadata.')).toEqual(['agora']);
    expect(names('Our real-time audio partner, Agora, stores call metadata in Singapore.')).toEqual(['agora']);
    expect(names('Our analytics provider (Mixpanel) receives usage events.')).toContain('Mixpanel');
    // A company outside the catalog is validated as a name like any list item.
    expect(names('Sendbird relays chat messages between users.')).toEqual(['Sendbird']);
  });

  it('is a recipient when it runs a service for the app, or a service is done by it', () => {
    expect(names('Agora provides our voice infrastructure.')).toEqual(['agora']);
    expect(names('Voice calls are carried by Agora’s network.')).toEqual(['agora']);
    expect(names('Your personal information is stored by Amazon Web Services.')).toEqual(['amazon']);
  });

  it('is not a recipient when the handling is denied, or the "company" is the reader, the service or a modal', () => {
    // "does not store" says what Agora does not keep, not that nothing reaches it: no denial of sharing either.
    expect(names('Agora does not store your audio.')).toEqual([]);
    expect(names('May access user information in relation to a legal claim.')).toEqual([]);
    expect(names('We’ll keep your data for 30 days in case you regret your decision.')).toEqual([]);
    expect(names('Agora provides real-time audio to developers around the world.')).toEqual([]);
    const own = extractPolicyText(makeSnapshot('Our websites are operated by Acme Media. Acme Media stores your messages.', 'text'));
    expect(processors(extractClaims(own, { organisations: ORGANISATIONS, firstPartyNames: ['acme media'] }))).toEqual([]);
  });

  it('reads names given as what a kind of recipient is, without a generic claim for the kind', () => {
    const all = (sentence: string): string[] => processors(claimsOf(sentence)).map((c) => c.entityId ?? c.category ?? c.name);
    expect(all('Our hosting provider is AWS.')).toEqual(['amazon']);
    expect(all('Our partners are Meta and Google.')).toEqual(['meta', 'google']);
    expect(all('Stripe is our payment processor.')).toEqual(['Stripe']);
    expect(all('Our payment processors are Stripe Inc. and Adyen N.V.')).toEqual(['Stripe Inc.', 'Adyen N.V.']);
    // "include" lists some of them: the kind stays a category claim.
    expect(all('Our partners include Meta and Google.')).toContain('partners');
    // Not a recipient: the app's own provider role, people, a mission.
    expect(all('The provider of the app is Acme Ltd.')).toEqual([]);
    expect(all('Our CEO is John Smith.')).toEqual([]);
  });

  it('keeps a company whose own verb is negated a denial, and on-device handling no recipient (review 8)', () => {
    expect(names('Google does not receive your messages, and Mixpanel stores usage events for us.')).toEqual(['NOT google', 'Mixpanel']);
    expect(names('Apple Health stores your health data on your device.')).toEqual([]);
  });

  it('keeps a singular category whose parenthesis is not a company (review 8)', () => {
    expect(processors(claimsOf('We share your usage data with our analytics provider (EU).')).map((c) => c.category)).toEqual(['analytics']);
  });

  it('does not take a noun for the verb: "access" is not handling', () => {
    expect(names('Employee access to personal information is strictly on a need-to-know basis.')).toEqual([]);
  });

  it('gives the name’s exact span, after any fused heading word that cannot be in a name', () => {
    const text = 'Processing May receive data. Our partner, Sendbird Inc, relays messages.';
    expect(findActingRecipients(text).map((found) => found.name.text)).toEqual(['Sendbird Inc']);
  });
});
