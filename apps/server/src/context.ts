/** What every use case gets: the database, the clock, settings, adapters. */
import type { Db } from '@pingou/db';
import type { Config } from './config';
import type { PaymentProvider } from './payments/provider';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export interface AppContext {
  db: Db;
  clock: Clock;
  config: Config;
  providers: Map<string, PaymentProvider>;
  log: Logger;
}

/** Who is calling, as the HTTP edge established it; passed into use cases for audit. */
export interface Actor {
  operatorId: number;
  role: string;
  requestId: string;
}
