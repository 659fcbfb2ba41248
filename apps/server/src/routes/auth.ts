import { z } from 'zod';
import {
  memberLoginBodySchema,
  operatorLoginBodySchema,
  registerBodySchema,
  tokenReplySchema,
} from '@pingou/contract';
import type { AppContext } from '../context';
import { PUBLIC, type Access } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { logInMember, logInOperator } from '../use-cases/auth/log-in';
import { logOut } from '../use-cases/auth/sessions';
import { registerMember } from '../use-cases/members/register-member';
import { AppError } from '@pingou/contract';

const SIGNED_IN: Access = { kind: 'public' };

export function authRoutes(app: TypedApp, ctx: AppContext) {
  const rateLimit = { max: ctx.config.authRateLimit, timeWindow: '1 minute' };
  app.post(
    '/api/v1/auth/register',
    {
      config: { access: PUBLIC, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Register a member (注册)',
        body: registerBodySchema,
        response: { 201: tokenReplySchema },
      },
    },
    async (req, reply) => {
      const r = await registerMember(ctx, req.body);
      return reply.code(201).send({
        token: r.token,
        expiresAt: r.expiresAt.toISOString(),
        subject: { kind: 'member', id: r.member.id },
      });
    },
  );
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: PUBLIC, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Member sign-in (登录)',
        body: memberLoginBodySchema,
        response: { 200: tokenReplySchema },
      },
    },
    async (req) => {
      const r = await logInMember(ctx, req.body);
      return { token: r.token, expiresAt: r.expiresAt.toISOString(), subject: r.subject };
    },
  );
  app.post(
    '/api/v1/admin/auth/login',
    {
      config: { access: PUBLIC, rateLimit },
      schema: {
        tags: ['admin'],
        summary: 'Operator sign-in',
        body: operatorLoginBodySchema,
        response: { 200: tokenReplySchema },
      },
    },
    async (req) => {
      const r = await logInOperator(ctx, req.body);
      return { token: r.token, expiresAt: r.expiresAt.toISOString(), subject: r.subject };
    },
  );
  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['auth'],
        summary: 'Revoke the current token (members and operators)',
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      await logOut(ctx, req.principal.tokenHash);
      return reply.code(204).send(null);
    },
  );
}
