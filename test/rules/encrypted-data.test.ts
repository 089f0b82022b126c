import { describe, expect, it } from 'vitest';
import { readEncryptedData } from '../../src/rules/encrypted-data.js';

// Sentences as policies write them: the tester's case, the demo policy, WhatsApp's and LINE's wording.
describe('readEncryptedData', () => {
  it('reads a claim about one kind of data', () => {
    expect(readEncryptedData('Passwords are encrypted.')).toBe('Passwords');
    expect(readEncryptedData('As always, your personal messages and calls are end-to-end encrypted.')).toBe('your personal messages and calls');
    expect(readEncryptedData('We hash and salt passwords before storing them.')).toBe('passwords');
    expect(readEncryptedData('We use encryption to protect payment card details in transit.')).toBe('payment card details');
    // Named transport protections narrow the claim as "encryption" does.
    expect(readEncryptedData('Passwords are transmitted over HTTPS.')).toBe('Passwords');
    expect(readEncryptedData('Your credit card number is sent to our payment processor using Secure Sockets Layer (SSL) technology.')).toBe('Your credit card number');
    expect(readEncryptedData('We use SSL to protect payment information.')).toBe('payment information');
    expect(readEncryptedData('We use TLS certificates to secure login credentials when you sign in.')).toBe('login credentials');
  });

  it('reads a claim about data in general, or one that names no data, as unscoped', () => {
    expect(readEncryptedData('We use industry-standard encryption to protect your information.')).toBeNull();
    expect(readEncryptedData('All data transmitted between the app and our servers is encrypted using TLS.')).toBeNull();
    expect(readEncryptedData('Your personal data is encrypted in transit and at rest.')).toBeNull();
    expect(readEncryptedData('Technical protections, such as encryption and pseudonymisation.')).toBeNull();
    expect(readEncryptedData('We use SSL to protect your information.')).toBeNull();
    expect(readEncryptedData('Your data is transmitted over HTTPS.')).toBeNull();
    expect(readEncryptedData('All communications are sent over TLS.')).toBeNull();
  });
});
