import { describe, expect, it } from 'vitest';
import {
  blindBoxMessage,
  blindBoxPrizeProblems,
  commitment,
  DEFAULT_BLIND_BOX_CAP_FEN,
  openBlindBox,
  publishBlindBox,
  verifyBlindBox,
  type BlindBoxInput,
  type BlindBoxPrizeSpec,
} from '../src';

const SEED = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('hex');
const example: BlindBoxInput = {
  serverSeedHex: SEED,
  ticketKey: 'g:1001:5:win:blind_box',
  memberRef: 'm1a2b3c4d5e6f708',
  clientSeed: 'lucky-7',
  prizes: [
    { id: 4, weight: 69, stock: 1000 },
    { id: 1, weight: 1, stock: 2 },
    { id: 3, weight: 30, stock: 100 },
    { id: 2, weight: 10, stock: 0 },
  ],
};

describe('blind box procedure (pingou-blindbox-v1)', () => {
  it('computes the worked example of docs/fairness.md', () => {
    const o = openBlindBox(example);
    expect(o.message).toBe(
      'pingou-blindbox-v1|g:1001:5:win:blind_box|m1a2b3c4d5e6f708|lucky-7|1:1|2:10|3:30|4:69',
    );
    expect(o.randomnessHex).toBe(
      '9c89255d02a969fc80c15ee84c62ee89786b4bc6e5ed3e788a47092f20b55207',
    );
    expect(o.totalWeight).toBe(100); // prize 2 is out of stock
    expect(o.drawn).toBe(9); // 3046058609 mod 100
    expect(o.prizeId).toBe(3);
    expect(commitment(SEED)).toBe(
      '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
    );
  });

  it('never picks a prize without stock, and follows the weights', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const o = openBlindBox({ ...example, clientSeed: `s${i}` });
      counts.set(o.prizeId, (counts.get(o.prizeId) ?? 0) + 1);
    }
    expect(counts.get(2)).toBeUndefined();
    expect(counts.get(4)!).toBeGreaterThan(counts.get(3)!);
    expect(counts.get(3)!).toBeGreaterThan(counts.get(1) ?? 0);
    expect(counts.get(4)! / 2000).toBeGreaterThan(0.6);
    expect(counts.get(4)! / 2000).toBeLessThan(0.78);
  });

  it('a single prize in stock is always won', () => {
    const o = openBlindBox({
      ...example,
      prizes: [
        { id: 1, weight: 5, stock: 0 },
        { id: 9, weight: 1, stock: 1 },
      ],
    });
    expect(o.prizeId).toBe(9);
  });

  it('depends on the client seed, the ticket and the table', () => {
    const base = openBlindBox(example).randomnessHex;
    expect(openBlindBox({ ...example, clientSeed: 'lucky-8' }).randomnessHex).not.toBe(base);
    expect(
      openBlindBox({ ...example, ticketKey: 'g:1001:6:win:blind_box' }).randomnessHex,
    ).not.toBe(base);
    expect(
      openBlindBox({ ...example, prizes: [...example.prizes, { id: 5, weight: 1, stock: 1 }] })
        .randomnessHex,
    ).not.toBe(base);
    // stock is not in the message: only which prizes can be picked
    expect(
      openBlindBox({
        ...example,
        prizes: example.prizes.map((p) => ({ ...p, stock: p.stock + 1 })),
      }).randomnessHex,
    ).toBe(base);
  });

  it('refuses input outside the procedure', () => {
    expect(() => openBlindBox({ ...example, clientSeed: 'a|b' })).toThrow();
    expect(() => openBlindBox({ ...example, ticketKey: 'x|y' })).toThrow();
    expect(() => openBlindBox({ ...example, serverSeedHex: 'ab' })).toThrow();
    expect(() =>
      openBlindBox({ ...example, prizes: example.prizes.map((p) => ({ ...p, stock: 0 })) }),
    ).toThrow(/stock/);
    expect(() => openBlindBox({ ...example, prizes: [{ id: 1, weight: 0, stock: 1 }] })).toThrow(
      /weight/,
    );
    expect(() =>
      blindBoxMessage({
        ...example,
        prizes: [
          { id: 1, weight: 1, stock: 1 },
          { id: 1, weight: 2, stock: 1 },
        ],
      }),
    ).toThrow(/twice/);
  });
});

describe('verifyBlindBox', () => {
  const published = publishBlindBox(example, openBlindBox(example));

  it('passes an honest result', () => {
    expect(published.commitmentHex).toBe(commitment(SEED));
    expect(published.prizes.map((p) => p.id)).toEqual([1, 2, 3, 4]);
    expect(verifyBlindBox(published)).toEqual({ ok: true });
  });

  it('fails a tampered one and says where', () => {
    const cases = [
      { ...published, prizeId: 4 },
      { ...published, clientSeed: 'lucky-8' },
      { ...published, serverSeedHex: 'ff'.repeat(32) },
      { ...published, commitmentHex: '00'.repeat(32) },
      { ...published, prizes: published.prizes.map((p) => (p.id === 3 ? { ...p, weight: 1 } : p)) },
      { ...published, randomnessHex: '11'.repeat(32) },
    ];
    for (const c of cases) {
      const r = verifyBlindBox(c);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
    }
    const r = verifyBlindBox({ ...published, prizeId: 4 });
    expect(r).toEqual({ ok: false, problems: ['the prize should be 3'] });
  });
});

describe('prize validation', () => {
  const ok: BlindBoxPrizeSpec = {
    name: '蓝牙耳机',
    kind: 'product',
    weight: 10,
    stock: 5,
    valueFen: 19_900,
    amount: 0,
  };
  const paths = (p: BlindBoxPrizeSpec, cap?: number) =>
    blindBoxPrizeProblems(p, cap).problems.map((x) => x.path);

  it('accepts good prizes of every kind', () => {
    expect(paths(ok)).toEqual([]);
    expect(paths({ ...ok, kind: 'cash', valueFen: 888, amount: 0 })).toEqual([]);
    expect(paths({ ...ok, kind: 'points', valueFen: 100, amount: 10_000 })).toEqual([]);
    expect(paths({ ...ok, kind: 'gold', valueFen: 100, amount: 500 })).toEqual([]);
    expect(paths({ ...ok, stock: 0, valueFen: 0 })).toEqual([]);
  });

  it('refuses bad fields, one problem per field', () => {
    expect(paths({ ...ok, weight: 0 })).toEqual(['weight']);
    expect(paths({ ...ok, weight: 1.5 })).toEqual(['weight']);
    expect(paths({ ...ok, stock: -1 })).toEqual(['stock']);
    expect(paths({ ...ok, valueFen: -1 })).toEqual(['valueFen']);
    expect(paths({ ...ok, name: ' ' })).toEqual(['name']);
    expect(paths({ ...ok, kind: 'cash', valueFen: 0 })).toEqual(['valueFen']);
    expect(paths({ ...ok, kind: 'points', amount: 0 })).toEqual(['amount']);
    expect(paths({ ...ok, amount: 3 })).toEqual(['amount']);
  });

  it('caps the value at the cap, 50,000 yuan by default', () => {
    expect(DEFAULT_BLIND_BOX_CAP_FEN).toBe(5_000_000);
    expect(blindBoxPrizeProblems({ ...ok, valueFen: 5_000_000 }).aboveCap).toBe(false);
    const over = blindBoxPrizeProblems({ ...ok, valueFen: 5_000_001 });
    expect(over.aboveCap).toBe(true);
    expect(over.problems.map((p) => p.path)).toEqual(['valueFen']);
    expect(blindBoxPrizeProblems({ ...ok, valueFen: 20_000 }, 10_000).aboveCap).toBe(true);
  });
});
