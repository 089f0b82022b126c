import { describe, expect, it } from 'vitest';
import { plaintextIdentifier } from '../../src/rules/plaintext-identifier.js';
import { attributedFlow, buildView, hitOn, storedClaim } from '../helpers/audit-view-builder.js';

const signalFlow = () =>
  attributedFlow({
    server: '47.96.20.30',
    protocol: 'udp',
    serverPort: 8000,
    encryption: 'none',
    attribution: { entityId: 'agora', organisation: 'Agora', host: 'ap-cn.agora.io', relation: 'recipient', confidence: 'medium', network: { asn: 37963, asnOwner: 'Alibaba', country: 'CN' } },
  });

describe('plaintext-identifier', () => {
  it('reports an identifier sent in plaintext, grouped per destination, and marks it incorrect against an encryption claim', () => {
    const flow = signalFlow();
    const claim = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: ['industry-standard'], hedges: [], trigger: 'industry-standard encryption' });
    const hits = [hitOn(flow, 'user_id', 'u-1234'), { ...hitOn(flow, 'user_id', 'u-1234'), frame: flow.flow.firstFrame + 1 }, hitOn(flow, 'room_id', 'room-9')];
    const findings = plaintextIdentifier.check(buildView({ claims: [claim], flows: [flow], hits }));
    expect(findings.map((f) => f.subject).sort()).toEqual(['room_id', 'user_id']);
    const user = findings.find((f) => f.subject === 'user_id');
    expect(user).toMatchObject({ severity: 'high', label: 'incorrect', confidence: 'medium' });
    expect(user?.packetEvidence[0]).toMatchObject({ frames: [flow.flow.firstFrame, flow.flow.firstFrame + 1], country: 'CN', server: '47.96.20.30' });
    expect(user?.policyEvidence).toHaveLength(1);
  });

  it('ignores identifiers that only appeared inside encrypted channels', () => {
    const flow = signalFlow();
    expect(plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-1234', true)] }))).toEqual([]);
  });

  it('still reports plaintext identifiers when the policy makes no encryption claim, without a label', () => {
    const flow = signalFlow();
    const findings = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-1234')] }));
    expect(findings[0]).toMatchObject({ label: null, confidence: 'high' });
  });
});
