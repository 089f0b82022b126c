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
  it('reports identifiers sent in plaintext, one finding per destination, marked incorrect against an encryption claim', () => {
    const flow = signalFlow();
    const other = attributedFlow({ server: '103.98.134.10', protocol: 'udp', encryption: 'unknown', attribution: { organisation: 'Agora', relation: 'recipient', network: { asn: 56172, asnOwner: 'Agora', country: 'SG' } } });
    const claim = storedClaim({ kind: 'encryption', scope: 'unspecified', technologies: ['industry-standard'], hedges: [], trigger: 'industry-standard encryption' });
    const hits = [hitOn(flow, 'user_id', 'u-1234'), { ...hitOn(flow, 'user_id', 'u-1234'), frame: flow.flow.firstFrame + 1 }, hitOn(flow, 'room_id', 'room-9'), hitOn(other, 'user_id', 'u-1234')];
    const findings = plaintextIdentifier.check(buildView({ claims: [claim], flows: [flow, other], hits }));
    expect(findings.map((f) => [f.subject, f.packetEvidence[0]?.country])).toEqual([['user_id, room_id', 'CN'], ['user_id', 'SG']]);
    const cn = findings[0];
    expect(cn).toMatchObject({ severity: 'high', label: 'incorrect', confidence: 'medium' });
    expect(cn?.packetEvidence[0]).toMatchObject({ frames: [flow.flow.firstFrame, flow.flow.firstFrame + 1], server: '47.96.20.30' });
    expect(cn?.explanation).toContain('user_id ("u-1234", 2 times)');
    expect(cn?.policyEvidence).toHaveLength(1);
  });

  it('ignores identifiers that only appeared inside encrypted channels', () => {
    const flow = signalFlow();
    expect(plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-1234', true)] }))).toEqual([]);
  });

  it('still reports plaintext identifiers when the policy makes no encryption claim, without a label', () => {
    const flow = signalFlow();
    const findings = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-48151623')] }));
    expect(findings[0]).toMatchObject({ label: null, confidence: 'high' });
  });

  it('rates a short value or a case-insensitive match medium: such bytes can occur by chance', () => {
    const flow = signalFlow();
    const short = plaintextIdentifier.check(buildView({ flows: [flow], hits: [hitOn(flow, 'user_id', 'u-1234')] }));
    expect(short[0]?.confidence).toBe('medium');
    const loose = plaintextIdentifier.check(buildView({ flows: [flow], hits: [{ ...hitOn(flow, 'user_id', 'u-48151623'), encoding: 'case-insensitive' }] }));
    expect(loose[0]?.confidence).toBe('medium');
  });
});
