/** Small helpers shared by route files: the typed instance and the Actor of a request. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../context';
import { requireOperator } from './access';

export type App = ReturnType<FastifyInstance['withTypeProvider']> & FastifyInstance;
export type TypedApp = ReturnType<typeof typed>;
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

export function actorOf(req: FastifyRequest): Actor {
  return requireOperator(req);
}
