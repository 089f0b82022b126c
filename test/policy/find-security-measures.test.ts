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
