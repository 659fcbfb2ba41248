/**
 * Who may call what. Every /api route declares `config.access`; a route
 * without one refuses to register, so a new route cannot forget it. The
 * route table (`routeTable`) feeds the authorization matrix test.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { AppError } from '@pingou/contract';
import { authRepo, membersRepo } from '@pingou/db';
import type { AppContext } from '../context';

export type OperatorRole = 'super_admin' | 'operator' | 'finance' | 'auditor';
export const OPERATOR_ROLES: OperatorRole[] = ['super_admin', 'operator', 'finance', 'auditor'];

export type Access =
  | { kind: 'public' }
  | { kind: 'member' }
  /** Any signed-in operator may read. */
  | { kind: 'operator-read' }
  /** Only these roles may act; super_admin always may. */
  | { kind: 'operator'; roles: OperatorRole[] };

export const PUBLIC: Access = { kind: 'public' };
export const MEMBER: Access = { kind: 'member' };
export const OPERATOR_READ: Access = { kind: 'operator-read' };
export const operatorRoles = (...roles: OperatorRole[]): Access => ({ kind: 'operator', roles });

export type Principal =
  | { kind: 'member'; id: number; tokenHash: string }
  | { kind: 'operator'; id: number; role: OperatorRole; tokenHash: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
  /** The route's validation schemas (zod), for tests that generate payloads from them. */
  schema?: FastifySchema;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function canOperator(access: Access, role: OperatorRole): boolean {
  switch (access.kind) {
    case 'public':
    case 'operator-read':
      return true;
    case 'member':
      return false;
    case 'operator':
      return role === 'super_admin' || access.roles.includes(role);
    default: {
      const never: never = access;
      return never;
    }
  }
}

export function registerAccessControl(
  app: FastifyInstance,
  ctx: AppContext,
  routeTable: RouteInfo[],
) {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Read access for every operator role, auditors included, can only ever mean reading.
    if (access.kind === 'operator-read' && methods.some((m) => m !== 'GET' && m !== 'HEAD')) {
      throw new Error(
        `route ${String(route.method)} ${route.url} changes state but is open to every operator role`,
      );
    }
    for (const m of methods)
      if (m !== 'HEAD')
        routeTable.push({ method: m, url: route.url, access, schema: route.schema });
  });

  // onRequest: before the body is even parsed, so an unauthorized caller learns nothing from validation.
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    req.principal = await authenticate(req, ctx);
    if (access.kind === 'public') return;
    const p = req.principal;
    if (!p) throw new AppError(req.headers.authorization ? 'TOKEN_INVALID' : 'UNAUTHENTICATED');
    if (access.kind === 'member') {
      if (p.kind !== 'member') throw new AppError('FORBIDDEN');
      return;
    }
    if (p.kind !== 'operator' || !canOperator(access, p.role)) throw new AppError('FORBIDDEN');
  });
}

async function authenticate(req: FastifyRequest, ctx: AppContext): Promise<Principal | null> {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(h);
  if (!m) throw new AppError('TOKEN_INVALID');
  const tokenHash = hashToken(m[1]!);
  const session = await authRepo.findLiveSession(ctx.db, tokenHash, ctx.clock.now());
  if (!session) throw new AppError('TOKEN_INVALID');
  if (session.subjectKind === 'member') {
    return { kind: 'member', id: session.subjectId, tokenHash };
  }
  const op = await authRepo.findOperatorById(ctx.db, session.subjectId);
  if (!op || op.isDisabled) throw new AppError('TOKEN_INVALID');
  return { kind: 'operator', id: op.id, role: op.role, tokenHash };
}

export function requireMember(req: FastifyRequest): number {
  const p = req.principal;
  if (!p || p.kind !== 'member') throw new AppError('FORBIDDEN');
  return p.id;
}

export function requireOperator(req: FastifyRequest): {
  operatorId: number;
  role: OperatorRole;
  requestId: string;
} {
  const p = req.principal;
  if (!p || p.kind !== 'operator') throw new AppError('FORBIDDEN');
  return { operatorId: p.id, role: p.role, requestId: req.id };
}

/** A member that exists; the 404 for an unknown id is the same for everyone. */
export async function loadMemberOr404(ctx: AppContext, id: number) {
  const m = await membersRepo.findMemberById(ctx.db, id);
  if (!m) throw new AppError('MEMBER_NOT_FOUND');
  return m;
}
