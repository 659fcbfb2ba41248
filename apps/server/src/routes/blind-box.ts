import {
  blindBoxResultSchema,
  blindBoxTicketSchema,
  blindBoxTicketsReplySchema,
  blindBoxVerifyReplySchema,
  openBlindBoxBodySchema,
  pageQuerySchema,
  publishedBlindBoxSchema,
  ticketKeyParamsSchema,
  idempotencyHeadersSchema,
} from '@pingou/contract';
import type { AppContext } from '../context';
import { MEMBER, PUBLIC, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { listMyTickets, viewMyTicket } from '../use-cases/blind-box/list-tickets';
import { openTicket } from '../use-cases/blind-box/open-ticket';
import { checkPublished, verifyTicket } from '../use-cases/blind-box/verify-ticket';

const tags = ['blind box'];

export function blindBoxRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/me/blind-box/tickets',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'My blind-box tickets (盲盒券), newest first, each with the commitment to its secret seed (fixed the first time it is shown)',
        querystring: pageQuerySchema,
        response: { 200: blindBoxTicketsReplySchema },
      },
    },
    async (req) => listMyTickets(ctx, requireMember(req), req.query),
  );
  app.get(
    '/api/v1/me/blind-box/tickets/:ticketKey',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'One of my tickets, with its commitment and, once opened, its result',
        params: ticketKeyParamsSchema,
        response: { 200: blindBoxTicketSchema },
      },
    },
    async (req) => viewMyTicket(ctx, requireMember(req), req.params.ticketKey),
  );
  app.post(
    '/api/v1/me/blind-box/tickets/:ticketKey/open',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'Open a ticket with my client seed: the seed is revealed and the prize lands. Needs an Idempotency-Key header.',
        headers: idempotencyHeadersSchema,
        params: ticketKeyParamsSchema,
        body: openBlindBoxBodySchema,
        response: { 200: blindBoxResultSchema },
      },
    },
    async (req) => {
      const r = await openTicket(
        ctx,
        requireMember(req),
        req.params.ticketKey,
        req.body,
        req.headers['idempotency-key'],
      );
      return r.body;
    },
  );
  app.get(
    '/api/v1/blind-box/tickets/:ticketKey/verify',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Verify an opened ticket: recompute its published result (pingou-blindbox-v1)',
        params: ticketKeyParamsSchema,
        response: { 200: blindBoxVerifyReplySchema },
      },
    },
    async (req) => verifyTicket(ctx, req.params.ticketKey),
  );
  app.post(
    '/api/v1/blind-box/verify',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Verify a published blind-box result given in full (no database involved)',
        body: publishedBlindBoxSchema,
        response: { 200: blindBoxVerifyReplySchema },
      },
    },
    async (req) => checkPublished(req.body),
  );
}
