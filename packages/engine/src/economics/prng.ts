/**
 * The simulator's seeded random source (not the draw's: draws use the
 * commit-reveal HMAC stream of fairness.ts). sfc32, seeded from SHA-256 of the
 * seed text, so the same seed gives the same simulation on every machine.
 * Member behaviour only — never money arithmetic.
 */
import { createHash } from 'node:crypto';

export interface SeededRandom {
  /** The next unsigned 32-bit integer. */
  nextUint32(): number;
  /** An integer in [0, n), n ≥ 1 (multiply-shift: bias below 2^-20 for n < 2^12, fine for behaviour). */
  below(n: number): number;
  /** True with probability bp / 10000. */
  chance(bp: number): boolean;
}

export function seededRandom(seed: string): SeededRandom {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  let a = h.readUInt32BE(0);
  let b = h.readUInt32BE(4);
  let c = h.readUInt32BE(8);
  let d = h.readUInt32BE(12);
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of sfc32 depend little on the seed's last words.
  for (let i = 0; i < 15; i++) nextUint32();
  const below = (n: number): number => Math.floor((nextUint32() / 4_294_967_296) * n);
  const chance = (bp: number): boolean => bp > 0 && (bp >= 10_000 || below(10_000) < bp);
  return { nextUint32, below, chance };
}

/** A group's 32-byte server seed in a simulation: SHA-256 of the simulation seed and the group number. */
export function simulatedServerSeed(seed: string, groupNo: number): string {
  return createHash('sha256').update(`${seed}:group:${groupNo}`, 'utf8').digest('hex');
}
