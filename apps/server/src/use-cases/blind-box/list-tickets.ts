/**
 * A member's blind-box tickets, each with its commitment. The first time a
 * ticket is shown its secret server seed is drawn and its SHA-256 stored, so
 * the commitment exists — and the member has seen it — before they can open
 * the ticket with a client seed of their choosing.
 */
import { AppError } from '@pingou/contract';
import { blindBoxRepo, inTransaction, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { newSeed } from '../group-buy/settle-group';
import { ticketView } from './blind-box-views';

async function withCommitments(tx: Tx, tickets: blindBoxRepo.TicketRow[]) {
  const ids = tickets.map((t) => t.id);
  const have = new Set((await blindBoxRepo.commitmentsFor(tx, ids)).map((c) => c.ticketId));
  await blindBoxRepo.insertCommitments(
    tx,
    tickets
      .filter((t) => !have.has(t.id) && t.openedAt === null)
      .map((t) => {
        const s = newSeed();
        return { ticketId: t.id, serverSeed: s.serverSeed, commitment: s.commitment };
      }),
  );
  // Read back: a concurrent call may have stored its seed first; that one stands.
  const commitments = new Map(
    (await blindBoxRepo.commitmentsFor(tx, ids)).map((c) => [c.ticketId, c]),
  );
  const results = new Map((await blindBoxRepo.resultsFor(tx, ids)).map((r) => [r.ticketId, r]));
  return tickets
    .filter((t) => commitments.has(t.id))
    .map((t) => ticketView(t, commitments.get(t.id)!, results.get(t.id)));
}

export async function listMyTickets(
  ctx: AppContext,
  memberId: number,
  page: { before?: number; limit: number },
) {
  return inTransaction(ctx.db, async (tx) => {
    const rows = await blindBoxRepo.listMemberTickets(tx, memberId, {
      before: page.before,
      limit: page.limit + 1,
    });
    const items = rows.slice(0, page.limit);
    return {
      items: await withCommitments(tx, items),
      nextBefore: rows.length > page.limit ? items[items.length - 1]!.id : null,
    };
  });
}

/** One ticket of the member (prepared like the list); someone else's answers like a missing one. */
export async function viewMyTicket(ctx: AppContext, memberId: number, ticketKey: string) {
  return inTransaction(ctx.db, async (tx) => {
    const t = await blindBoxRepo.findTicketByKey(tx, ticketKey);
    if (!t || t.memberId !== memberId) throw new AppError('TICKET_NOT_FOUND');
    const [view] = await withCommitments(tx, [t]);
    if (!view) throw new AppError('TICKET_NOT_FOUND');
    return view;
  });
}
