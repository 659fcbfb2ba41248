/**
 * A member opens a blind-box ticket with a client seed (SPEC §9): the seed
 * committed to when the ticket was first shown is revealed, the prize follows
 * from it by `pingou-blindbox-v1` over the activity's prize table, and in one
 * transaction the prize's stock goes down by one (guarded), the ticket is
 * marked opened (guarded), the prize lands — a product order 待填地址, or cash,
 * consumption points or shopping gold on the member's wallet — and the
 * published result is stored for anyone to verify. One effect per
 * Idempotency-Key, and per ticket (entry key `bb:<ticketKey>`).
 */
import { AppError } from '@pingou/contract';
import {
  memberAccount,
  openBlindBox,
  platformAccount,
  publishBlindBox,
  transfer,
  type JournalEntry,
} from '@pingou/engine';
import { blindBoxRepo, groupBuyRepo, ledgerRepo, membersRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { loadMemberRefPepper, memberRef } from '../group-buy/member-ref';
import { idempotent } from '../idempotent';
import { blindBoxOrderNo, resultView, type WonPrize } from './blind-box-views';

export async function openTicket(
  ctx: AppContext,
  memberId: number,
  ticketKey: string,
  input: { clientSeed: string },
  idempotencyKey: string,
) {
  return idempotent(
    ctx,
    `member:${memberId}:blind-box-open`,
    idempotencyKey,
    { ticketKey, clientSeed: input.clientSeed },
    200,
    async (tx) => {
      const member = await membersRepo.findMemberById(tx, memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      if (member.isFrozen) throw new AppError('MEMBER_FROZEN');
      // The ticket row lock serializes openings of this ticket; the prize table lock, of this activity.
      const ticket = await blindBoxRepo.findTicketByKey(tx, ticketKey, { forUpdate: true });
      if (!ticket || ticket.memberId !== memberId) throw new AppError('TICKET_NOT_FOUND');
      if (ticket.openedAt !== null) throw new AppError('TICKET_ALREADY_OPENED');
      const [committed] = await blindBoxRepo.commitmentsFor(tx, [ticket.id]);
      if (!committed) throw new AppError('TICKET_NOT_PREPARED');
      const table = await blindBoxRepo.listPrizes(tx, ticket.activityId, { forUpdate: true });
      if (!table.some((p) => p.stock > 0)) throw new AppError('BLIND_BOX_EMPTY');

      const drawInput = {
        serverSeedHex: committed.serverSeed,
        ticketKey,
        memberRef: memberRef(await loadMemberRefPepper(tx), ticket.groupId, memberId),
        clientSeed: input.clientSeed,
        prizes: table.map((p) => ({ id: p.id, weight: p.weight, stock: p.stock })),
      };
      const outcome = openBlindBox(drawInput);
      const published = publishBlindBox(drawInput, outcome);
      const prize = table.find((p) => p.id === outcome.prizeId)!;
      if (!(await blindBoxRepo.takeOne(tx, prize.id))) throw new AppError('BLIND_BOX_EMPTY');
      const now = ctx.clock.now();
      const opened = await blindBoxRepo.markOpened(tx, ticket.id, now);
      if (!opened) throw new AppError('TICKET_ALREADY_OPENED');

      const won: WonPrize = {
        id: prize.id,
        name: prize.name,
        kind: prize.kind,
        valueFen: prize.valueFen,
        amount: prize.amount,
      };
      const orderId = await deliver(tx, opened, won);
      const result = await blindBoxRepo.insertResult(tx, {
        ticketId: ticket.id,
        memberId,
        activityId: ticket.activityId,
        prizeId: prize.id,
        prize: won,
        published,
        orderId,
        createdAt: now,
      });
      return resultView(opened, result);
    },
  );
}

/** Lands the prize: an order for a product, an entry for cash, points or gold. Returns the order id. */
async function deliver(
  tx: Tx,
  ticket: blindBoxRepo.TicketRow,
  prize: WonPrize,
): Promise<number | null> {
  const memberId = ticket.memberId;
  if (prize.kind === 'product') {
    const orderNo = blindBoxOrderNo(ticket.id);
    await groupBuyRepo.insertOrders(tx, [
      {
        orderNo,
        memberId,
        source: 'blind_box',
        activityId: ticket.activityId,
        itemName: prize.name,
        kind: 'product',
        costFen: prize.valueFen,
        status: 'awaiting_address',
      },
    ]);
    return (await groupBuyRepo.findOrder(tx, orderNo))!.id;
  }
  const ref = { ticketKey: ticket.ticketKey, prizeId: prize.id };
  const postings =
    prize.kind === 'cash'
      ? transfer(
          platformAccount('rewards_expense', 'CASH'),
          memberAccount(memberId, 'CASH'),
          prize.valueFen,
        )
      : prize.kind === 'points'
        ? transfer(
            platformAccount('issuance', 'CONSUMPTION'),
            memberAccount(memberId, 'CONSUMPTION'),
            prize.amount,
          )
        : transfer(
            platformAccount('issuance', 'GOLD'),
            memberAccount(memberId, 'GOLD'),
            prize.amount,
          );
  const entry: JournalEntry = {
    idempotencyKey: `bb:${ticket.ticketKey}`,
    kind: 'blind_box_prize',
    memo: prize.name,
    ref,
    postings,
  };
  await ledgerRepo.postEntries(tx, [entry]);
  return null;
}
