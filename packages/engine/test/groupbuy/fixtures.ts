/** Builders for group-buy tests: seats and members; the example settings live in src/groupbuy/examples.ts. */
export * from '../../src/groupbuy/examples';
export const SEED = '11'.repeat(32);
import type { SeatHolder, SettlementSeat, UplineInfo } from '../../src/groupbuy/settlement';

export function upline(memberId: number, over: Partial<UplineInfo> = {}): UplineInfo {
  return { memberId, tierId: null, isValidPromoter: true, goldBalance: 0, ...over };
}

export function holder(memberId: number, over: Partial<SeatHolder> = {}): SeatHolder {
  return {
    memberId,
    memberRef: `m${memberId}`,
    clientSeed: '',
    optionId: 1,
    isFirstOfDay: false,
    isFirstEver: false,
    goldBefore: 0,
    uplines: { direct: null, indirect: null },
    regionalAgents: { district: null, city: null, province: null },
    ...over,
  };
}

/** N real seats, members 1..N, shaped by `shape(seatNo)`. */
export function realSeats(
  n: number,
  shape: (seatNo: number) => Partial<SeatHolder> = () => ({}),
): SettlementSeat[] {
  return Array.from({ length: n }, (_, i) => ({
    seatNo: i + 1,
    holder: holder(i + 1, shape(i + 1)),
  }));
}
