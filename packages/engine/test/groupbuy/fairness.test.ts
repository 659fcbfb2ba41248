import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseK,
  commitment,
  drawMessage,
  drawRandomness,
  drawWinners,
  FAIRNESS_PROCEDURE_MD,
  newServerSeed,
  publishDraw,
  randomStream,
  verifyDraw,
  type DrawInput,
  type DrawSeatEligibility,
} from '../../src/groupbuy/fairness';
import { SEED } from './fixtures';

const seats = (n: number, ineligible: number[] = [], house: number[] = []): DrawSeatEligibility[] =>
  Array.from({ length: n }, (_, i) => {
    const seatNo = i + 1;
    if (house.includes(seatNo))
      return { seatNo, memberRef: 'HOUSE', clientSeed: '', eligible: false, excludedBy: 'HOUSE' };
    const out = ineligible.includes(seatNo);
    return {
      seatNo,
      memberRef: `m${seatNo}`,
      clientSeed: `c${seatNo}`,
      eligible: !out,
      excludedBy: out ? 'R5' : null,
    };
  });

const input = (over: Partial<DrawInput> = {}): DrawInput => ({
  serverSeedHex: SEED,
  groupId: 'G1',
  winners: 3,
  conflictPolicy: 'fail',
  seats: seats(10),
  ...over,
});

describe('commit-reveal', () => {
  it('the server seed is the 32 bytes in hex and its commitment their SHA-256', () => {
    const seed = newServerSeed(new Uint8Array(32));
    expect(seed).toBe('00'.repeat(32));
    // SHA-256 of 32 zero bytes, a well-known test vector.
    expect(commitment(seed)).toBe(
      '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925',
    );
    expect(() => newServerSeed(new Uint8Array(31))).toThrow();
    expect(() => commitment('XYZ')).toThrow();
  });
  it('the message is canonical and in seat order', () => {
    const msg = drawMessage('G1', [
      { seatNo: 2, memberRef: 'm2', clientSeed: '' },
      { seatNo: 1, memberRef: 'HOUSE', clientSeed: '' },
      { seatNo: 3, memberRef: 'm3', clientSeed: 'abc' },
    ]);
    expect(msg).toBe('pingou-draw-v1|G1|1:HOUSE:|2:m2:|3:m3:abc');
    expect(() => drawMessage('G1', [{ seatNo: 1, memberRef: 'm|1', clientSeed: '' }])).toThrow();
    expect(() => drawMessage('G1', [{ seatNo: 1, memberRef: 'm1', clientSeed: 'a:b' }])).toThrow();
  });
  it('same seed and seats → same randomness and same winners', () => {
    expect(drawWinners(input())).toEqual(drawWinners(input()));
  });
  it('changing one client seed changes the randomness', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.stringMatching(/^[A-Za-z0-9]{1,16}$/),
        (i, seed) => {
          const base = seats(10);
          const changed = base.map((s, j) =>
            j === i ? { ...s, clientSeed: s.clientSeed + seed } : s,
          );
          expect(drawRandomness(SEED, 'G1', changed)).not.toBe(drawRandomness(SEED, 'G1', base));
        },
      ),
    );
  });
});

describe('the random stream', () => {
  it('gives integers below n, never out of range', () => {
    const r = drawRandomness(SEED, 'G1', seats(3));
    const s = randomStream(SEED, r);
    for (let i = 0; i < 2000; i++) {
      const v = s.below(7);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(7);
    }
  });
  it('rejects values at or above the largest multiple of n (no modulo bias)', () => {
    // n = 3·2^30 leaves a quarter of the 32-bit range to reject; the accepted values
    // are exactly those below the limit, so the first accepted value reduced mod n
    // equals what `below` returns.
    const r = drawRandomness(SEED, 'G1', seats(3));
    const n = 3 * 2 ** 30;
    const raw = randomStream(SEED, r);
    const s = randomStream(SEED, r);
    for (let i = 0; i < 50; i++) {
      let u = raw.nextUint32();
      while (u >= n) u = raw.nextUint32();
      expect(s.below(n)).toBe(u % n);
    }
  });
  it('partial Fisher–Yates chooses k distinct items of the list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), (n, kSeed) => {
        const k = kSeed % (n + 1);
        const items = Array.from({ length: n }, (_, i) => i + 1);
        const chosen = chooseK(
          items,
          k,
          randomStream(SEED, drawRandomness(SEED, `G${n}`, seats(2))),
        );
        expect(new Set(chosen).size).toBe(k);
        for (const c of chosen) expect(items).toContain(c);
      }),
    );
  });
  it('every seat can win (a rough uniformity check over many groups)', () => {
    const wins = new Array<number>(10).fill(0);
    for (let g = 0; g < 2000; g++) {
      const r = drawWinners(input({ groupId: `G${g}`, winners: 1 }));
      if (r.outcome === 'drawn') wins[r.winners[0]! - 1]! += 1;
    }
    for (const w of wins) expect(w).toBeGreaterThan(120); // expectation 200 each
  });
});

describe('winners', () => {
  it('are M eligible seats when there are enough', () => {
    const r = drawWinners(input({ seats: seats(10, [2, 4], [9, 10]) }));
    expect(r.outcome).toBe('drawn');
    if (r.outcome !== 'drawn') return;
    expect(r.winners).toHaveLength(3);
    for (const w of r.winners) expect([1, 3, 5, 6, 7, 8]).toContain(w);
    expect(r.forcedWinners).toEqual([]);
  });
  it('fail when too few are eligible under policy fail', () => {
    const r = drawWinners(input({ seats: seats(10, [1, 2, 3, 4, 5, 6, 7, 8], [10]) }));
    expect(r.outcome).toBe('failed_conflict');
  });
  it('under policy random: every eligible wins, the rest among ineligible real seats, never house', () => {
    const r = drawWinners(
      input({ conflictPolicy: 'random', seats: seats(10, [1, 2, 3, 4, 5, 6, 7, 8], [10]) }),
    );
    expect(r.outcome).toBe('drawn');
    if (r.outcome !== 'drawn') return;
    expect(r.winners).toContain(9);
    expect(r.winners).not.toContain(10);
    expect(r.forcedWinners).toHaveLength(2);
    for (const f of r.forcedWinners) expect(f).toBeLessThanOrEqual(8);
  });
  it('refuse a group with fewer than M real members', () => {
    expect(() => drawWinners(input({ seats: seats(10, [], [3, 4, 5, 6, 7, 8, 9, 10]) }))).toThrow(
      /real members/,
    );
  });
});

describe('verifyDraw', () => {
  const honest = () => {
    const i = input({ conflictPolicy: 'random', seats: seats(10, [1, 2, 3, 4, 5, 6, 7, 8], [10]) });
    return publishDraw(i, drawWinners(i));
  };
  it('accepts an honest result', () => {
    expect(verifyDraw(honest())).toEqual({ ok: true });
  });
  it('rejects a tampered winner list', () => {
    const p = honest();
    const loser = p.seats.find((s) => s.excludedBy !== 'HOUSE' && !p.winners.includes(s.seatNo))!;
    const tampered = { ...p, winners: [...p.winners.slice(1), loser.seatNo] };
    const v = verifyDraw(tampered);
    expect(v.ok).toBe(false);
  });
  it('rejects a seed that does not match the commitment', () => {
    const p = honest();
    expect(verifyDraw({ ...p, serverSeedHex: '22'.repeat(32) }).ok).toBe(false);
  });
  it('rejects a changed client seed, an eligibility flip and a house seat that "won"', () => {
    const p = honest();
    const seatsChanged = p.seats.map((s) => (s.seatNo === 3 ? { ...s, clientSeed: 'other' } : s));
    expect(verifyDraw({ ...p, seats: seatsChanged }).ok).toBe(false);
    const flipped = p.seats.map((s) =>
      s.seatNo === 1 ? { ...s, eligible: true, excludedBy: null } : s,
    );
    expect(verifyDraw({ ...p, seats: flipped }).ok).toBe(false);
    expect(verifyDraw({ ...p, winners: [...p.winners.slice(1), 10] }).ok).toBe(false);
  });
  it('accepts every honest draw and rejects every single swapped winner (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 2, max: 30 }),
        fc.nat(),
        fc.constantFrom('fail', 'random'),
        (bytes, n, mSeed, policy) => {
          const m = 1 + (mSeed % (n - 1));
          const i = input({
            serverSeedHex: newServerSeed(bytes),
            winners: m,
            conflictPolicy: policy as 'fail' | 'random',
            seats: seats(n, [1, 2]),
          });
          const p = publishDraw(i, drawWinners(i));
          expect(verifyDraw(p)).toEqual({ ok: true });
          const nonWinner = p.seats.find((s) => !p.winners.includes(s.seatNo));
          if (p.outcome === 'drawn' && nonWinner)
            expect(
              verifyDraw({ ...p, winners: [...p.winners.slice(1), nonWinner.seatNo] }).ok,
            ).toBe(false);
        },
      ),
    );
  });
});

describe('the worked example of docs/fairness.md', () => {
  const seed = newServerSeed(Uint8Array.from({ length: 32 }, (_, i) => i));
  const docSeats: DrawSeatEligibility[] = [
    { seatNo: 1, memberRef: 'M81234', clientSeed: 'hello', eligible: false, excludedBy: 'R1' },
    { seatNo: 2, memberRef: 'HOUSE', clientSeed: '', eligible: false, excludedBy: 'HOUSE' },
    { seatNo: 3, memberRef: 'M77', clientSeed: 'abc', eligible: true, excludedBy: null },
    { seatNo: 4, memberRef: 'M90', clientSeed: '', eligible: true, excludedBy: null },
    { seatNo: 5, memberRef: 'M12', clientSeed: 'xyz', eligible: true, excludedBy: null },
    { seatNo: 6, memberRef: 'M5', clientSeed: '', eligible: true, excludedBy: null },
  ];
  const docInput = input({ serverSeedHex: seed, groupId: 'G1001', winners: 2, seats: docSeats });
  it('gives the published numbers', () => {
    expect(commitment(seed)).toBe(
      '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
    );
    const r = drawWinners(docInput);
    expect(r.randomnessHex).toBe(
      '10a0ab56950d52d71a244db871707231e8e47dfb6c1ec2c8a6989d57cbe2bab6',
    );
    expect(r).toMatchObject({ outcome: 'drawn', winners: [5, 6], drawOrder: [5, 6] });
    const cooling = docSeats.map((s) =>
      s.seatNo >= 3 && s.seatNo <= 5 ? { ...s, eligible: false, excludedBy: 'R4' as const } : s,
    );
    expect(drawWinners({ ...docInput, seats: cooling, conflictPolicy: 'random' })).toMatchObject({
      winners: [4, 6],
      forcedWinners: [4],
    });
    expect(drawWinners({ ...docInput, seats: cooling }).outcome).toBe('failed_conflict');
  });
  it('and the document states the procedure as the code exports it', () => {
    const doc = readFileSync(new URL('../../../../docs/fairness.md', import.meta.url), 'utf8');
    expect(doc).toContain(FAIRNESS_PROCEDURE_MD);
    expect(doc).toContain('10a0ab56950d52d71a244db871707231e8e47dfb6c1ec2c8a6989d57cbe2bab6');
  });
});
