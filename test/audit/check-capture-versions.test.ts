import { describe, expect, it } from 'vitest';
import { checkCaptureVersions } from '../../src/audit/check-capture-versions.js';
import type { PolicySighting } from '../../src/store/policy-timeline.js';

const readNow: PolicySighting = { id: 1, snapshotId: 7, sha256: 'a'.repeat(64), source: 'policy.html', readAt: '2026-11-24T04:00:00.000Z' };
const captureAt = (iso: string): { fileName: string; sha256: string; firstTime: number } => ({ fileName: `${iso.slice(0, 10)}.pcap`, sha256: 'b'.repeat(64), firstTime: Date.parse(iso) / 1000 });

describe('checkCaptureVersions: a policy read once, as current', () => {
  it('says nothing of a capture made in the month before the policy was read', () => {
    expect(checkCaptureVersions([captureAt('2026-11-20T10:00:00Z'), captureAt('2026-10-26T10:00:00Z')], [readNow], 7)).toEqual([]);
  });

  it('names a capture made long before the policy was read: its traffic is judged against a text that may not have been in force (trial 9)', () => {
    // The Alexa capture of 2017 against a policy read in 2026.
    expect(checkCaptureVersions([captureAt('2017-03-31T12:00:00Z')], [readNow], 7)).toEqual([
      { file: '2017-03-31.pcap', sha256: 'b'.repeat(64), began: '2017-03-31T12:00:00.000Z', kind: 'before-every-version', earliestVersionDate: readNow.readAt },
    ]);
    expect(checkCaptureVersions([captureAt('2026-10-24T03:00:00Z')], [readNow], 7).map((n) => n.kind)).toEqual(['before-every-version']);
  });

  it('with a declared date for an archived copy, names any capture before it', () => {
    const archived: PolicySighting = { ...readNow, declaredDate: '2026-11-23' };
    expect(checkCaptureVersions([captureAt('2026-11-22T10:00:00Z')], [archived], 7).map((n) => n.kind)).toEqual(['before-every-version']);
  });
});
