/**
 * The one place where errors become HTTP answers: AppError codes by the
 * contract's table, validation problems field by field, framework errors by
 * their code, and anything unknown as a generic 500 logged with its request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorBody, type ErrorCode } from '@pingou/contract';
import { pgConstraint, pgErrorCode } from '@pingou/db';

export function preferredLanguage(req: FastifyRequest): 'zh' | 'en' {
  const h = req.headers['accept-language'];
  return typeof h === 'string' && /^en\b/i.test(h.trim()) ? 'en' : 'zh';
}

export function errorBody(
  req: FastifyRequest,
  code: ErrorCode,
  fields?: { path: string; message: string }[],
): ErrorBody {
  const e = ERRORS[code];
  return {
    error: {
      code,
      message: preferredLanguage(req) === 'en' ? e.en : e.zh,
      messageZh: e.zh,
      messageEn: e.en,
      requestId: req.id,
      ...(fields && fields.length ? { fields } : {}),
    },
  };
}

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  fields?: { path: string; message: string }[],
) {
  return reply.code(ERRORS[code].status).send(errorBody(req, code, fields));
}

/** Maps what the database refused to the business code it means. */
export function fromDatabase(e: unknown): AppError | undefined {
  const code = pgErrorCode(e);
  const constraint = pgConstraint(e);
  // A value the client sent that a column cannot hold (an id beyond int4, a NUL in text): invalid input.
  if (code === '22003' || code === '22021' || code === '22P05')
    return new AppError('VALIDATION_FAILED', { detail: `database refused a value (${code})` });
  if (code === '23514' && constraint === 'accounts_balance_non_negative')
    return new AppError('INSUFFICIENT_BALANCE');
  // stock set (or codes uploaded) below the units the undecided groups' seats already hold
  if (code === '23514' && constraint === 'option_stock_within')
    return new AppError('STOCK_BELOW_COMMITTED');
  if (code === '23505' && constraint === 'members_phone_unique') return new AppError('PHONE_TAKEN');
  if (code === '23505' && constraint === 'tiers_code_unique')
    return new AppError('TIER_CODE_TAKEN');
  if (code === '23505' && constraint === 'tiers_rank_unique')
    return new AppError('VALIDATION_FAILED', { fields: [{ path: 'rank', message: 'rank taken' }] });
  if (code === '23505' && constraint === 'agents_region_unique')
    return new AppError('AGENT_REGION_TAKEN');
  if (code === '23505' && constraint === 'operators_username_unique')
    return new AppError('USERNAME_TAKEN');
  return undefined;
}

const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/**
 * Errors the router raises before any hook runs (a path that is not valid
 * percent-encoding, a path parameter over the length limit): the same error
 * body as everything else, instead of Fastify's own.
 */
export function frameworkErrors(_err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  return sendError(req, reply, 'VALIDATION_FAILED');
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the body, query
 * string or path parameters is refused at the edge (400), before it could
 * reach SQL and fail there as a 500.
 */
export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const parts = [
      ['body', req.body],
      ['querystring', req.query],
      ['params', req.params],
    ] as const;
    for (const [where, value] of parts) {
      const path = nulPath(value, 0);
      if (path)
        throw new AppError('VALIDATION_FAILED', {
          fields: [{ path: [where, ...path].join('.'), message: 'contains a NUL character' }],
        });
    }
  });
}

function nulPath(v: unknown, depth: number): string[] | undefined {
  if (typeof v === 'string') return v.includes('\u0000') ? [] : undefined;
  if (depth > 32 || typeof v !== 'object' || v === null) return undefined;
  for (const [k, x] of Object.entries(v)) {
    if (k.includes('\u0000')) return [k];
    const p = nulPath(x, depth + 1);
    if (p) return [k, ...p];
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: [
          err.validationContext,
          ...String(v.instancePath ?? '')
            .split('/')
            .filter(Boolean),
        ].join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendError(req, reply, 'VALIDATION_FAILED', fields);
    }
    const appErr = err instanceof AppError ? err : fromDatabase(err);
    if (appErr) {
      if (appErr.status >= 500) req.log.error({ err }, appErr.message);
      return sendError(req, reply, appErr.code, appErr.details?.fields);
    }
    if (err.statusCode === 429) return sendError(req, reply, 'RATE_LIMITED');
    const mapped = err.code ? FRAMEWORK_CODES[err.code] : undefined;
    if (mapped) return sendError(req, reply, mapped);
    if (err instanceof SyntaxError) return sendError(req, reply, 'MALFORMED_JSON');
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      req.log.warn({ err }, 'client error without a code');
      return sendError(req, reply, err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED');
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'INTERNAL');
  });
}
