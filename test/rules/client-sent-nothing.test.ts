/**
 * A flow in which the client sent no payload (a server re-sending FINs to a device that has gone, a handshake that
 * carried nothing) is not evidence that the organisation received data: no recipient finding, no country finding,
 * and the recipients table says "contacted, no data sent in the capture". Flows whose direction split is unknown (stored before
 * claimcheck counted directions) keep the old reading.
 */
import { describe, expect, it } from 'vitest';
import { summariseRecipients } from '../../src/audit/run-audit.js';
import { undisclosedCountry } from '../../src/rules/undisclosed-country.js';
import { undisclosedRecipient } from '../../src/rules/undisclosed-recipient.js';
import { attributedFlow, buildView, storedClaim } from '../helpers/audit-view-builder.js';

const NOTHING = { packets: 0, bytes: 0, payloadBytes: 0 };
const FINS = { packets: 8, bytes: 1067, payloadBytes: 539 };

const apple = (sent?: { packets: number; bytes: number; payloadBytes: number }) =>
  attributedFlow({
    server: '17.248.176.75',
    ...(sent !== undefined ? { clientToServer: sent, serverToClient: FINS } : {}),
    attribution: { entityId: 'apple', organisation: 'Apple Inc.', relation: 'recipient', confidence: 'medium', network: { asn: 714, asnOwner: 'Apple Inc.', country: 'NL' } },
  });
const storedInUs = () => storedClaim({ kind: 'transfer', transferType: 'storage', countries: ['US'], regions: [], unspecified: false, trigger: 'stored in' });
const named = () => storedClaim({ kind: 'processor', processorType: 'named', name: 'Amplitude', entityId: 'amplitude' });

describe('flows in which the client sent nothing', () => {
  it('make no undisclosed-recipient or undisclosed-country finding for an organisation seen only in them', () => {
    const view = buildView({ claims: [named(), storedInUs()], flows: [apple(NOTHING), apple({ packets: 2, bytes: 120, payloadBytes: 0 })] });
    expect(undisclosedRecipient.check(view)).toEqual([]);
    expect(undisclosedCountry.check(view)).toEqual([]);
  });

  it('list such an organisation as contacted, with no label, and what the device sent', () => {
    const [row] = summariseRecipients(buildView({ claims: [named()], flows: [apple(NOTHING), apple({ packets: 2, bytes: 120, payloadBytes: 0 })] }));
    expect(row).toMatchObject({ organisation: 'Apple Inc.', label: null, noDataSent: true, bytesSent: 120, flows: 2 });
  });

  it('leave the findings to the flows that carried data: only those are its evidence', () => {
    const carrying = apple({ packets: 4, bytes: 900, payloadBytes: 517 });
    const view = buildView({ claims: [named(), storedInUs()], flows: [apple(NOTHING), carrying] });
    const [finding] = undisclosedRecipient.check(view);
    expect(finding).toMatchObject({ subject: 'Apple Inc.', label: 'omitted' });
    expect(finding?.packetEvidence.map((e) => e.clientPort)).toEqual([carrying.flow.clientPort]);
    expect(finding?.packetEvidence[0]?.clientToServer).toEqual({ packets: 4, bytes: 900, payloadBytes: 517 });
    expect(undisclosedCountry.check(view).map((f) => f.subject)).toEqual(['NL']);
    const [row] = summariseRecipients(view);
    expect(row?.noDataSent).toBeUndefined();
    expect(row?.label).toBe('omitted');
  });

  it('keep the old reading for flows whose split is unknown (databases from before): a finding, no bytesSent', () => {
    const view = buildView({ claims: [named(), storedInUs()], flows: [apple()] });
    expect(undisclosedRecipient.check(view).map((f) => f.subject)).toEqual(['Apple Inc.']);
    expect(undisclosedCountry.check(view).map((f) => f.subject)).toEqual(['NL']);
    const [row] = summariseRecipients(view);
    expect(row).toMatchObject({ label: 'omitted' });
    expect(row?.bytesSent).toBeUndefined();
    expect(row?.noDataSent).toBeUndefined();
    // One flow of unknown split among known ones leaves the organisation's total unknown, not a partial sum.
    const [mixed] = summariseRecipients(buildView({ claims: [named()], flows: [apple(), apple({ packets: 4, bytes: 900, payloadBytes: 517 })] }));
    expect(mixed?.bytesSent).toBeUndefined();
  });
});

describe('bytes beside "receives data"', () => {
  it('say what the device sent and the total (Pinterest: 3,664 B of 30,111 B to Google Analytics), not the total alone', () => {
    const flow = attributedFlow({
      server: '142.250.72.10',
      clientToServer: { packets: 25, bytes: 3664, payloadBytes: 1900 },
      serverToClient: { packets: 36, bytes: 26447, payloadBytes: 24000 },
      attribution: { entityId: 'firebase', organisation: 'Google Analytics', relation: 'recipient', confidence: 'high' },
    });
    flow.flow.bytes = 30111;
    const [finding] = undisclosedRecipient.check(buildView({ claims: [named()], flows: [flow] }));
    expect(finding?.explanation).toContain('The capture shows 1 connection (3.6 KB sent, 29.4 KB in all) to Google Analytics');
  });

  it('say "in both directions" when a flow has no split (databases from before)', () => {
    const [finding] = undisclosedRecipient.check(buildView({ claims: [named()], flows: [apple()] }));
    expect(finding?.explanation).toContain('(1000 B in both directions)');
    const [country] = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows: [apple()] }));
    expect(country?.explanation).toContain('(1000 B in both directions) to servers registered in');
  });

  it('give the country finding what was sent too', () => {
    const [country] = undisclosedCountry.check(buildView({ claims: [storedInUs()], flows: [apple({ packets: 4, bytes: 900, payloadBytes: 517 })] }));
    expect(country?.explanation).toContain('(900 B sent, 1000 B in all) to servers registered in');
  });
});
