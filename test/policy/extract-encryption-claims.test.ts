import { describe, expect, it } from 'vitest';
import { claimsOf, encryptions } from './policy-test-helpers.js';

describe('extractEncryptionClaims', () => {
  it('reads "industry-standard encryption" as unspecified scope with its strength word', () => {
    const [claim, ...rest] = encryptions(claimsOf('We use industry-standard encryption to protect your data.'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ scope: 'unspecified', technologies: ['industry-standard'], polarity: 'affirmative' });
  });

  it('tells the scopes apart and names technologies', () => {
    expect(encryptions(claimsOf('Data is encrypted in transit using TLS 1.2.'))[0]).toMatchObject({ scope: 'in-transit', technologies: ['TLS 1.2'] });
    expect(encryptions(claimsOf('We use HTTPS to protect your connection.'))[0]).toMatchObject({ scope: 'in-transit', technologies: ['HTTPS'] });
    expect(encryptions(claimsOf('Backups are stored encrypted with AES-256.'))[0]).toMatchObject({ scope: 'at-rest', technologies: ['AES-256'] });
    expect(encryptions(claimsOf('Your calls are end-to-end encrypted with the Signal Protocol.'))[0]).toMatchObject({
      scope: 'end-to-end',
      technologies: ['Signal Protocol'],
    });
    const both = encryptions(claimsOf('We encrypt your data in transit and at rest.'));
    expect(both.map((c) => c.scope).sort()).toEqual(['at-rest', 'in-transit']);
  });

  it('collects hedges, also from the next sentence', () => {
    const [claim] = encryptions(
      claimsOf('We take commercially reasonable measures, including encryption, to protect your data. However, no method of transmission over the Internet is 100% secure.'),
    );
    expect(claim?.hedges).toEqual(expect.arrayContaining(['commercially reasonable', 'no method', '100% secure']));
  });

  it('keeps denials negative and ignores hashing', () => {
    expect(encryptions(claimsOf('Cloud chats are not end-to-end encrypted.'))[0]).toMatchObject({ scope: 'end-to-end', polarity: 'negative' });
    expect(encryptions(claimsOf('We share one-way encrypted email addresses with partners.'))).toEqual([]);
    expect(encryptions(claimsOf('Security matters to us.'))).toEqual([]);
  });
});
