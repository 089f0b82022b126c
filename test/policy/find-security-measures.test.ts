import { describe, expect, it } from 'vitest';
import { findSecurityMeasures } from '../../src/policy/find-security-measures.js';

const kinds = (text: string): string[] => [...new Set(findSecurityMeasures(text).map((m) => m.kind))];

describe('findSecurityMeasures', () => {
  it('reads generic protection statements', () => {
    expect(kinds('We use commercially reasonable security measures to protect your personal information.')).toContain('generic');
    expect(kinds('No method of transmission over the Internet is 100% secure.')).toEqual(['generic']);
  });

  it('tells transport from storage protection', () => {
    expect(kinds('Payment pages are protected by Secure Sockets Layer (SSL) technology.')).toContain('secure-transfer');
    expect(kinds('Your data is stored on secure servers behind a firewall in controlled facilities.')).toEqual(['secure-storage']);
  });

  it('counts acronyms only in capitals and ignores sentences about something else', () => {
    expect(kinds('Visit https://example.com/ssl/help for our store locations.')).toEqual([]);
    expect(kinds('We use cookies to remember your language.')).toEqual([]);
  });

  it('recognises access limitation and security programmes', () => {
    expect(kinds('Access to your information is limited to employees who need to know it.')).toContain('access-limitation');
    expect(kinds('Our security team runs regular security audits.')).toContain('security-program');
  });

  it('reads limits on what recipients may do as access limitation', () => {
    expect(kinds('We provide these companies only with the information they need to perform their services.')).toContain('access-limitation');
    expect(kinds('Our vendors are restricted from using this data for their own marketing.')).toContain('access-limitation');
    expect(kinds('We share your information with vendors.')).toEqual([]);
  });
});

describe('findSecurityMeasures: statements, not topics', () => {
  it('does not read a question or a table-of-contents line as a statement', () => {
    expect(kinds('What security measures do we take?')).toEqual([]);
    expect(kinds('How do I know my information is safe on Example.com')).toEqual([]);
    expect(kinds('We use reasonable security measures. What choices do you have?')).toEqual(['generic']);
  });

  it('reads monitoring for attempts to break in as a measure', () => {
    // archives.gov (OPP-115), labelled Data Security.
    const text =
      'For site security purposes and to ensure that this service remains available to all users, this Government computer system employs software programs to monitor network traffic to identify unauthorized attempts to upload or change information, or otherwise cause damage.';
    expect(findSecurityMeasures(text).map((m) => `${m.kind} ${m.trigger}`)).toEqual(['generic site security purposes', 'generic unauthorized attempts']);
  });

  it('does not read a policy announcing its topics as a practice', () => {
    expect(kinds('This policy also tells you how we use cookies and the measures we take to protect the security of the information you provide.')).toEqual([]);
    expect(kinds('We have implemented this Privacy Policy to inform visitors how we use and protect the information we collect.')).toEqual([]);
    expect(kinds('This policy applies to our apps. We protect your personal information with physical, electronic and managerial procedures.')).toEqual(['generic']);
  });

  it('does not count a remembered password or misuse of the site as protection of data', () => {
    expect(kinds('We use cookies to recognise you, to save your password in password-protected areas and to enable shopping carts.')).toEqual([]);
    expect(kinds('We may disclose information to protect against misuse or unauthorized use of the Example Services.')).toEqual([]);
    expect(kinds('Notify us immediately of any unauthorized use of your account.')).toEqual(['generic']);
    expect(kinds('Keep your password secret and do not share your password with anyone.')).toContain('user-authentication');
  });

  it('reads limits on recipients worded as a restriction', () => {
    expect(kinds('We forward the information you give us to the publisher to the extent necessary to fulfill your request.')).toEqual(['access-limitation']);
    expect(kinds('We do not authorize those third parties to make any other use of your information.')).toEqual(['access-limitation']);
    expect(kinds('Card numbers will only be shared with third parties who help to complete the purchase.')).toEqual(['access-limitation']);
    expect(kinds('To a company that assists us and which agrees not to sell or use personal information for other purposes.')).toEqual(['access-limitation']);
  });
});
