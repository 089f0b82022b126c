/** Fixtures of the policy-version CLI tests: two versions of one policy and a HAR session dated on a given day. */
/** A policy that names Sentry as the crash reporter (tests of policy versions in force). */
export const POLICY_NAMING_SENTRY = `# Murmur Privacy Policy

## Service providers

We share crash reports with Functional Software, Inc. (Sentry), which processes them on our behalf in the United States.
`;

/** The same policy naming only "service providers". */
export const POLICY_WITHOUT_SENTRY = `# Murmur Privacy Policy

## Service providers

We share your personal data with service providers who process it on our behalf.
`;

/**
 * A minimal HAR of a browsing session on `day` (YYYY-MM-DD): crash reports to Sentry and the app's own API, for
 * tests that need a capture dated in a given period (policy versions in force).
 */
export function buildSentrySessionHar(day: string): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        { startedDateTime: `${day}T10:00:00.000Z`, serverIPAddress: '34.120.195.249', request: { method: 'POST', url: 'https://o450123.ingest.sentry.io/api/12/envelope/', headers: [] }, response: {} },
        { startedDateTime: `${day}T10:00:01.000Z`, serverIPAddress: '203.0.113.10', request: { method: 'GET', url: 'https://api.murmur.example/rooms', headers: [] }, response: {} },
      ],
    },
  });
}
