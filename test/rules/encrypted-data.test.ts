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
    // LINE's list item: a feature that encrypts messages promises nothing about other traffic (trial 8).
    expect(readEncryptedData('Provision of encryption feature of messages')).toBe('messages');
    expect(readEncryptedData('We use TLS certificates to secure login credentials when you sign in.')).toBe('login credentials');
    // WhatsApp: what cannot be seen because it is encrypted is the data (the negation is on "see", trial P2-8).
    expect(readEncryptedData('We cannot see the media as it is encrypted.')).toBe('the media');
    expect(readEncryptedData('We cannot see the contents of undelivered messages stored on our servers as they are encrypted.')).toBe(
      'the contents of undelivered messages stored on our servers',
    );
    // WhatsApp defines end-to-end encryption by the data it covers; the list is long, its last item is kept.
    expect(
      readEncryptedData(
        'End-to-end encryption means that your calls, messages, media within messages including content like images, audio, video, documents and files are encrypted to protect against third parties (including WhatsApp and Meta) reading or listening to them.',
      ),
    ).toBe('documents and files');
    expect(readEncryptedData('We temporarily store your messages in encrypted form while they are being delivered.')).toBe('your messages');
    expect(readEncryptedData('If your device is offline, we store the encrypted message for up to 30 days as we attempt to deliver the message.')).toBe('message');
    expect(readEncryptedData('* using an encryption key or your password to retrieve an encryption key to decrypt your backed-up chat history.')).toBe(
      'your backed-up chat history',
    );
    // WeChat lists what it collects; "encrypted voice data" names a kind of data, it promises nothing about traffic.
    expect(
      readEncryptedData(
        'Information relating to your use of WeChat Out, including WeChat ID, IP address, voice call data (dialed phone number, encrypted voice data), spending history and credit top up transaction records.',
      ),
    ).toBe('voice data');
    // A relative clause describes the data: it neither widens it nor makes the subject too long to read.
    expect(readEncryptedData('Precise Location Information that you share with your contacts in your chats is encrypted so WhatsApp cannot see it.')).toBe(
      'Precise Location Information',
    );
  });

  it('reads a claim about data in general, or one that names no data, as unscoped', () => {
    expect(readEncryptedData('We use industry-standard encryption to protect your information.')).toBeNull();
    expect(readEncryptedData('All data transmitted between the app and our servers is encrypted using TLS.')).toBeNull();
    expect(readEncryptedData('Your personal data is encrypted in transit and at rest.')).toBeNull();
    expect(readEncryptedData('Technical protections, such as encryption and pseudonymisation.')).toBeNull();
    expect(readEncryptedData('We use SSL to protect your information.')).toBeNull();
    expect(readEncryptedData('Your data is transmitted over HTTPS.')).toBeNull();
    expect(readEncryptedData('All communications are sent over TLS.')).toBeNull();
    expect(readEncryptedData('All information that you provide to us is encrypted in transit.')).toBeNull();
    expect(readEncryptedData('We send encrypted personal data only.')).toBeNull();
    // "network traffic" is traffic: all of it (trial 7b P1-6).
    expect(readEncryptedData('All network traffic from the app is encrypted.')).toBeNull();
    expect(readEncryptedData('All outgoing internet connections are encrypted.')).toBeNull();
    expect(readEncryptedData('Network logs are encrypted.')).toBe('Network logs');
  });
});
