import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';
import { claimsOf, encryptions, makeSnapshot, ORGANISATIONS } from './policy-test-helpers.js';

const markdownClaims = (markdown: string) => extractClaims(extractPolicyText(makeSnapshot(markdown, 'markdown')), { organisations: ORGANISATIONS });

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

  it('collects hedges from the claim\'s own sentence only', () => {
    const [claim] = encryptions(
      claimsOf('We take commercially reasonable measures, including encryption, to protect your data. However, no method of transmission over the Internet is 100% secure.'),
    );
    expect(claim?.hedges).toEqual(['commercially reasonable']);
    const [disclaimer] = encryptions(claimsOf('No method of transmission is 100% secure, even with encryption.'));
    expect(disclaimer?.hedges).toEqual(['No method', '100% secure']);
  });

  it('reads a conditional hedge, and not the disclaimer of the next sentence (trial P2-7)', () => {
    const [claim, ...rest] = encryptions(claimsOf('Where technically feasible, voice messages are encrypted at rest. No method of storage is 100% secure.'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ scope: 'at-rest', polarity: 'affirmative', hedges: ['Where technically feasible'] });
    expect(encryptions(claimsOf('We encrypt your files at rest when available.'))[0]?.hedges).toEqual(['when available']);
    expect(encryptions(claimsOf('We use TLS wherever possible.'))[0]?.hedges).toEqual(['wherever possible']);
  });

  it('takes "we try" as a hedge only when what is tried is protection (WhatsApp)', () => {
    const whatsapp = encryptions(claimsOf('If a message cannot be delivered, we keep it in encrypted form on our servers for up to 30 days while we try to deliver it.'));
    expect(whatsapp).toEqual([expect.objectContaining({ scope: 'at-rest', polarity: 'affirmative', hedges: [] })]);
    const offline = encryptions(claimsOf('If the recipient\u2019s device is offline, we store the encrypted message for up to 30 days as we attempt to deliver the message.'));
    expect(offline[0]?.hedges).toEqual([]);
    expect(encryptions(claimsOf('We try to protect your data in transit with encryption.'))[0]?.hedges).toEqual(['We try']);
    expect(encryptions(claimsOf('Our systems are designed to keep your data secure using encryption.'))[0]?.hedges).toEqual(['designed to']);
  });

  it('keeps the encryption affirmative when the negation is on another verb (WhatsApp)', () => {
    expect(encryptions(claimsOf('We cannot see the media as it is encrypted.'))[0]).toMatchObject({ polarity: 'affirmative' });
    expect(encryptions(claimsOf('We cannot see the contents of undelivered messages stored on our servers as they are encrypted.'))[0]).toMatchObject({ polarity: 'affirmative' });
    expect(encryptions(claimsOf('You may also provide content that is not encrypted which means that we can see it.'))[0]).toMatchObject({ polarity: 'negative' });
  });

  it('reads a statement that data is not encrypted as a negative claim (Bluesky direct messages)', () => {
    const [claim, ...rest] = encryptions(claimsOf('These are unencrypted and can be accessed for Trust & Safety purposes.'));
    expect(rest).toEqual([]);
    expect(claim).toMatchObject({ polarity: 'negative', scope: 'unspecified', trigger: 'unencrypted' });
    expect(encryptions(claimsOf('Backups are stored unencrypted on our servers.'))[0]).toMatchObject({ polarity: 'negative' });
    expect(encryptions(claimsOf('Payment data is never sent unencrypted.'))[0]).toMatchObject({ polarity: 'affirmative' });
    expect(encryptions(claimsOf('We send data without encryption to legacy devices.'))[0]).toMatchObject({ polarity: 'negative' });
    // A warning that what users post is public says nothing about how the service protects data (OPP-115 does not label it Data Security).
    expect(encryptions(claimsOf('Information that you voluntarily disclose in our forums is unencrypted, public information.'))).toEqual([]);
  });

  it('keeps denials negative and ignores hashing', () => {
    expect(encryptions(claimsOf('Cloud chats are not end-to-end encrypted.'))[0]).toMatchObject({ scope: 'end-to-end', polarity: 'negative' });
    expect(encryptions(claimsOf('We share one-way encrypted email addresses with partners.'))).toEqual([]);
    expect(encryptions(claimsOf('We store cryptographic hash values of the phone numbers of your contacts.'))).toEqual([]);
    expect(encryptions(claimsOf('Security matters to us.'))).toEqual([]);
  });

  describe('reads an unscoped word with what governs its sentence (trial9 item 3)', () => {
    it('marks encryption listed as a safeguard for international transfers (Spotify, Pinterest)', () => {
      const policy = [
        '# 7. Transfer to other countries',
        '',
        'Whenever we transfer personal data internationally, we use tools to make sure the data transfer complies with applicable law.',
        '',
        'We also identify and use additional protections as appropriate for each data transfer. For example, we use:',
        '',
        '*   technical protections, such as encryption and pseudonymization',
        '*   policies and processes to challenge disproportionate or unlawful government authority requests',
      ].join('\n');
      expect(encryptions(markdownClaims(policy))).toEqual([expect.objectContaining({ scope: 'unspecified', safeguard: 'transfers' })]);
    });

    it('reads "These include … encryption …" with the sentence it refers to: safeguards for data in our systems are at rest (Spotify)', () => {
      const [claim, ...rest] = encryptions(
        claimsOf(
          'We have put various safeguards in place to guard against unauthorized access and unnecessary retention of personal data in our systems. These include pseudonymization, encryption, access, and retention policies.',
        ),
      );
      expect(rest).toEqual([]);
      expect(claim).toMatchObject({ scope: 'at-rest', safeguard: 'general', quote: 'These include pseudonymization, encryption, access, and retention policies.' });
    });

    it('marks one item of a list of safeguards as a general mention, in a sentence or under a lead-in about measures (WeChat)', () => {
      expect(encryptions(claimsOf('Our safeguards include firewalls, encryption and access controls.'))[0]).toMatchObject({ scope: 'unspecified', safeguard: 'general' });
      const wechat = ['# 7. Security of your personal information', '', 'Our technical and organizational measures include:', '', '*   applying encryption;', '*   implementing access controls;'].join('\n');
      expect(encryptions(markdownClaims(wechat))).toEqual([expect.objectContaining({ scope: 'unspecified', safeguard: 'general' })]);
    });

    it('keeps a claim that is not one item among safeguards at full weight', () => {
      for (const sentence of [
        'We use industry-standard encryption to protect your data.',
        'We take commercially reasonable measures, including encryption, to protect your data.',
        'We use strong encryption, such as TLS, to protect your information.',
      ]) {
        const [claim] = encryptions(claimsOf(sentence));
        expect(claim?.safeguard, sentence).toBeUndefined();
        expect(claim?.scope, sentence).not.toBe('at-rest');
      }
      // "Asset Transfers" is not a section about international transfers.
      const merger = ['# Sharing in the Event of Merger, Sale, or Other Asset Transfers', '', 'We use industry-standard encryption to protect your data.'].join('\n');
      expect(encryptions(markdownClaims(merger))[0]?.safeguard).toBeUndefined();
    });
  });
});
