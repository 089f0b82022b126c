import { describe, expect, it } from 'vitest';
import { readDataRecipients, readEncryptedEndpoint, readRecipientEnds } from '../../src/rules/encrypted-endpoint.js';

describe('readEncryptedEndpoint', () => {
  it('reads claims that name the service\'s own servers as the protected end', () => {
    for (const quote of [
      'We use HTTPS for all communication between the app and our servers.',
      'Information you send to us is encrypted using SSL.',
      'Data transmitted between your device and our servers is encrypted with TLS.',
      'Our website uses HTTPS.',
      'Connections to our data centres are encrypted in transit.',
      // LINE (trial8 item 2): the path to data held in its data centres, not the app's traffic to others.
      'We will take necessary measures to ensure that Personal Data is properly protected in accordance with our security standards, such as by taking appropriate encryption measures in the access route to Personal Data.',
    ]) {
      expect(readEncryptedEndpoint(quote), quote).toBe('own-servers');
    }
  });

  it('leaves claims about all traffic, or about data, unscoped', () => {
    for (const quote of [
      'All data is encrypted in transit.',
      'We use industry-standard encryption to protect your data.',
      'For example, we use HTTPS while information is being transmitted.',
      'We use TLS to protect our users\u2019 information.',
      'All calls are encrypted in transit using industry-standard TLS.',
    ]) {
      expect(readEncryptedEndpoint(quote), quote).toBeNull();
    }
  });
});

describe('readRecipientEnds', () => {
  it('reads the recipients a claim about the service\'s own servers names beside them as ends (trial7b item 14)', () => {
    expect(readRecipientEnds('Communications with our servers and with our service providers are encrypted in transit.')).toEqual({
      kinds: ['service-providers'],
      written: 'our service providers',
    });
    expect(readRecipientEnds('Traffic between the app, our servers and our partners uses TLS.')).toEqual({ kinds: ['partners'], written: 'our partners' });
    expect(readRecipientEnds('Data sent to us and to third parties is encrypted with TLS.')).toEqual({ kinds: ['third-parties'], written: 'third parties' });
    expect(readRecipientEnds('Connections to our servers and to our cloud providers are encrypted.')?.kinds).toEqual(['service-providers']);
    expect(readRecipientEnds('Communications with our service providers and with our servers are encrypted in transit.')?.kinds).toEqual(['service-providers']);
  });

  it('names none when the sentence names only the service\'s own servers, or no own end at all', () => {
    expect(readRecipientEnds('We use HTTPS for all communication between the app and our servers.')).toBeNull();
    // No own end: the claim is already compared with all traffic.
    expect(readRecipientEnds('Data we share with service providers is encrypted in transit.')).toBeNull();
    expect(readRecipientEnds('All data is encrypted in transit.')).toBeNull();
    // Recipients in another clause are not an end of the connection the sentence protects.
    expect(readRecipientEnds('We use HTTPS between the app and our servers, and we share usage data with partners.')).toBeNull();
    // Review 8: after a bare "and", a recipient with a verb of its own starts a new clause.
    expect(readRecipientEnds('We use TLS to encrypt data sent to our servers, and third parties receive data over their own connections.')).toBeNull();
    expect(readRecipientEnds('Data sent to our servers and our partners is encrypted with TLS.')?.kinds).toEqual(['partners']);
  });
});

describe('readDataRecipients', () => {
  it('reads the recipients a claim with no own end names as where its data goes', () => {
    expect(readDataRecipients('Data we share with service providers is encrypted in transit.')).toEqual({ kinds: ['service-providers'], written: 'service providers' });
    expect(readDataRecipients('Information sent to our partners is protected by TLS.')).toEqual({ kinds: ['partners'], written: 'our partners' });
    expect(readDataRecipients('Personal data we transfer to third parties is encrypted in transit.')?.kinds).toEqual(['third-parties']);
  });

  it('reads none for a claim about all data, about the service\u2019s own servers, or that names no recipient', () => {
    for (const quote of [
      'All data, including data we share with service providers, is encrypted in transit.',
      'Communications with our servers and with our service providers are encrypted in transit.',
      'All data is encrypted in transit.',
      'We use TLS to protect information you provide to us.',
    ]) {
      expect(readDataRecipients(quote), quote).toBeNull();
    }
  });
});
