/** Blind-box rows as the API shows them, and the checks every prize write shares. */
import { AppError } from '@pingou/contract';
import {
  blindBoxPrizeProblems,
  type BlindBoxPrizeSpec,
  type PublishedBlindBox,
} from '@pingou/engine';
import type { blindBoxRepo } from '@pingou/db';

export interface WonPrize {
  id: number;
  name: string;
  kind: BlindBoxPrizeSpec['kind'];
  valueFen: number;
  amount: number;
}

export function prizeView(p: blindBoxRepo.PrizeRow) {
  return {
    id: p.id,
    activityId: p.activityId,
    name: p.name,
    kind: p.kind,
    weight: p.weight,
    stock: p.stock,
    valueFen: p.valueFen,
    amount: p.amount,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The order number of a product prize: one per ticket. */
export function blindBoxOrderNo(ticketId: number): string {
  return `B${String(ticketId).padStart(11, '0')}`;
}

export function resultView(t: blindBoxRepo.TicketRow, r: blindBoxRepo.ResultRow) {
  const prize = r.prize as WonPrize;
  return {
    ticketKey: t.ticketKey,
    prize,
    orderNo: prize.kind === 'product' ? blindBoxOrderNo(t.id) : null,
    openedAt: (t.openedAt ?? r.createdAt).toISOString(),
    published: r.published as PublishedBlindBox,
  };
}

export function ticketView(
  t: blindBoxRepo.TicketRow,
  c: blindBoxRepo.CommitmentRow,
  r: blindBoxRepo.ResultRow | undefined,
) {
  return {
    ticketKey: t.ticketKey,
    activityId: t.activityId,
    groupId: t.groupId,
    createdAt: t.createdAt.toISOString(),
    openedAt: t.openedAt?.toISOString() ?? null,
    commitment: c.commitment,
    result: r ? resultView(t, r) : null,
  };
}

/** Refuses a prize above the cap (PRIZE_ABOVE_CAP) or with bad fields (PRIZE_INVALID). */
export function assertPrizeValid(spec: BlindBoxPrizeSpec, capFen: number): void {
  const { problems, aboveCap } = blindBoxPrizeProblems(spec, capFen);
  if (aboveCap) throw new AppError('PRIZE_ABOVE_CAP', { fields: problems });
  if (problems.length > 0) throw new AppError('PRIZE_INVALID', { fields: problems });
}
