import { describe, expect, it } from 'vitest';
import { readEncryptedEndpoint } from '../../src/rules/encrypted-endpoint.js';

describe('readEncryptedEndpoint', () => {
  it('reads claims that name the service\'s own servers as the protected end', () => {
    for (const quote of [
      'We use HTTPS for all communication between the app and our servers.',
      'Information you send to us is encrypted using SSL.',
      'Data transmitted between your device and our servers is encrypted with TLS.',
      'Our website uses HTTPS.',
      'Connections to our data centres are encrypted in transit.',
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
