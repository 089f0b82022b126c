import { describe, expect, it } from 'vitest';
import type { TransferClaim } from '../../src/model/claim.js';
import { deniesLocation, readLocationDenial } from '../../src/rules/location-denial.js';

describe('deniesLocation', () => {
  it('reads a negator that governs a storage or transfer verb as a denial', () => {
    for (const sentence of [
      'Your data is never stored in Singapore or China.',
      'We do not transfer your personal data to China.',
      'We will not sell or transfer your data to China, Russia or Singapore.',
      "We don't have servers in Russia.",
      'Your recordings will not be transferred to the United States.',
      'We do not currently store any data in India.',
    ]) expect(deniesLocation(sentence), sentence).toBe(true);
  });

  it('does not read a negator that governs another verb as one', () => {
    for (const sentence of [
      'We cannot guarantee that data transferred to the United States is protected as in the EU.',
      'We are not responsible for data you send to third parties in China.',
      'We store your data in Ireland.',
    ]) expect(deniesLocation(sentence), sentence).toBe(false);
  });
});

describe('readLocationDenial', () => {
  const claim = (quote: string, transferType: 'storage' | 'transfer' = 'storage', conditions: TransferClaim['conditions'] = []): TransferClaim => ({
    kind: 'transfer', transferType, countries: ['CN'], regions: [], unspecified: false, trigger: 'x', polarity: 'negative', quote,
    snapshotId: 1, sectionPath: [], span: { start: 0, end: quote.length }, conditions,
  } as unknown as TransferClaim);
  const read = (quote: string, type: 'storage' | 'transfer' = 'storage') => {
    const d = readLocationDenial(claim(quote, type));
    return d === null ? null : { action: d.action, data: d.data, unclear: d.unclear };
  };

  it('reads denials of data in general as such: "your data", "personal information", "user data", or no data named', () => {
    expect(read('Your data is never stored in Singapore or China.')).toEqual({ action: 'storage', data: null, unclear: false });
    expect(read('We do not transfer your personal data to China.', 'transfer')).toEqual({ action: 'transfer', data: null, unclear: false });
    expect(read('We will not sell or transfer your data to China, Russia or Singapore.', 'transfer')).toEqual({ action: 'transfer', data: null, unclear: false });
    expect(read("We don't have servers in Russia.")).toEqual({ action: 'storage', data: null, unclear: false });
    expect(read('We do not currently store any data in India.')).toEqual({ action: 'storage', data: null, unclear: false });
    expect(read('User data is not processed in China.')).toEqual({ action: 'processing', data: null, unclear: false });
    expect(read('We do not transfer any personal information we collect to China.', 'transfer')).toEqual({ action: 'transfer', data: null, unclear: false });
  });

  it('reads the one kind of data a denial names, active or passive', () => {
    expect(read('We do not store your voice recordings in China.')).toEqual({ action: 'storage', data: 'your voice recordings', unclear: false });
    expect(read('Payment data is never transferred to Russia.', 'transfer')).toEqual({ action: 'transfer', data: 'payment data', unclear: false });
    expect(read('Your recordings will not be transferred to the United States.', 'transfer')).toEqual({ action: 'transfer', data: 'your recordings', unclear: false });
    expect(read('Rest assured that your phone number is never sent to China.', 'transfer')).toEqual({ action: 'transfer', data: 'your phone number', unclear: false });
  });

  it('leaves a pronoun unresolved rather than reading it as all data', () => {
    expect(read('We never store it in China.')).toEqual({ action: 'storage', data: 'it', unclear: true });
    expect(read('Such data is not transferred to China.', 'transfer')).toMatchObject({ unclear: true });
  });

  it('keeps the limit and gives null for a negator that governs another verb', () => {
    const limited = readLocationDenial(claim('We do not transfer your data to China unless you use the app there.', 'transfer', [{ kind: 'exception', text: 'unless you use the app there' }]));
    expect(limited?.limit).toBe('unless you use the app there');
    expect(readLocationDenial(claim('We cannot guarantee that data transferred to China is protected as in the EU.'))).toBeNull();
  });

  it('reads the denial whose verb triggered the claim, not the first of the sentence (session 9 item 4)', () => {
    const quote = 'We do not store your recordings in China, and we do not transfer any data to Russia.';
    const russia = { ...claim(quote, 'transfer'), countries: ['RU'], trigger: 'transfer' } as TransferClaim;
    expect(readLocationDenial(russia)).toMatchObject({ action: 'transfer', data: null });
    const china = { ...claim(quote, 'storage'), trigger: 'store' } as TransferClaim;
    expect(readLocationDenial(china)).toMatchObject({ action: 'storage', data: 'your recordings' });
  });
});

