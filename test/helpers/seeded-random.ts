/**
 * A small seeded pseudo-random generator (xorshift32 variant), so that tests choosing "random"
 * bytes or kill points make the same choices on every run and failures reproduce.
 */
export function createSeededRandom(seed: number): { next(): number; int(maxExclusive: number): number; bytes(length: number): Buffer } {
  // Zero is a fixed point of xorshift; any other seed works.
  let state = (seed >>> 0) || 0x9e3779b9;
  const next = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  return {
    next,
    int: (maxExclusive: number): number => Math.floor(next() * maxExclusive),
    bytes: (length: number): Buffer => {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
}
