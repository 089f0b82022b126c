import type { Claim, EncryptionClaim, ProcessorClaim, RetentionClaim, TransferClaim } from '../../src/model/claim.js';
import type { PolicySnapshot } from '../../src/model/policy.js';
import { extractClaims, type OrganisationName } from '../../src/policy/extract-claims.js';
import { extractPolicyText } from '../../src/policy/extract-policy-text.js';

/** Organisations as the entity catalog would pass them. */
export const ORGANISATIONS: OrganisationName[] = [
  { entityId: 'google', names: ['Google', 'Google LLC', 'Google Analytics', 'Firebase'] },
  { entityId: 'agora', names: ['Agora', 'Agora Lab', 'Shengwang', 'SoundNet'] },
  { entityId: 'amazon', names: ['Amazon', 'Amazon Web Services', 'AWS'] },
  { entityId: 'meta', names: ['Meta', 'Facebook', 'Meta Platforms'] },
  { entityId: 'microsoft', names: ['Microsoft', 'Azure'] },
];

/** A snapshot built in memory (no file system, no clock). */
export function makeSnapshot(content: string, format: PolicySnapshot['format']): PolicySnapshot {
  return {
    source: 'test://policy',
    bytes: new TextEncoder().encode(content),
    sha256: 'test',
    fetchedAt: '2024-01-01T00:00:00.000Z',
    format,
  };
}

/** Claims of a short plain-text policy. */
export function claimsOf(text: string, organisations: OrganisationName[] = ORGANISATIONS): Claim[] {
  return extractClaims(extractPolicyText(makeSnapshot(text, 'text')), { organisations });
}

export const processors = (claims: Claim[]): ProcessorClaim[] => claims.filter((c): c is ProcessorClaim => c.kind === 'processor');
export const retentions = (claims: Claim[]): RetentionClaim[] => claims.filter((c): c is RetentionClaim => c.kind === 'retention');
export const encryptions = (claims: Claim[]): EncryptionClaim[] => claims.filter((c): c is EncryptionClaim => c.kind === 'encryption');
export const transfers = (claims: Claim[]): TransferClaim[] => claims.filter((c): c is TransferClaim => c.kind === 'transfer');
