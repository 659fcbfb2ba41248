/**
 * Anyone can check an opened ticket: the stored published result is recomputed
 * by the engine's `verifyBlindBox` (procedure `pingou-blindbox-v1`). The
 * result names the member only by their seat pseudonym.
 */
import { AppError } from '@pingou/contract';
import { verifyBlindBox, type PublishedBlindBox } from '@pingou/engine';
import { blindBoxRepo } from '@pingou/db';
import type { AppContext } from '../../context';

export function checkPublished(published: PublishedBlindBox) {
  const r = verifyBlindBox(published);
  return { ok: r.ok, problems: r.ok ? [] : r.problems };
}

export async function verifyTicket(ctx: AppContext, ticketKey: string) {
  const ticket = await blindBoxRepo.findTicketByKey(ctx.db, ticketKey);
  if (!ticket) throw new AppError('TICKET_NOT_FOUND');
  const [result] = await blindBoxRepo.resultsFor(ctx.db, [ticket.id]);
  if (!result) throw new AppError('BLIND_BOX_NOT_OPENED');
  const published = result.published as PublishedBlindBox;
  return { ...checkPublished(published), published };
}
