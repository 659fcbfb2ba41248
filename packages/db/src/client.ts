/**
 * Connections. pg returns int8 (bigint) and numeric as strings; Pingou's
 * amounts are int8, so we parse them deliberately into safe integers and
 * refuse anything a JavaScript number cannot hold exactly.
 */
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as schema from './schema';

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} is beyond a safe integer`);
  return n;
}
pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
// date stays a 'YYYY-MM-DD' string: a calendar day, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema> & { $client: pg.Pool };
/** A transaction handle; every repository method takes one (or the Db itself). */
export type Tx = NodePgDatabase<Schema>;

export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, application_name: 'pingou' });
  // An idle connection dropped by the server (a restart, a terminated backend) must not crash the
  // process: pg emits it as an 'error' event; the pool replaces the connection on the next query.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection lost: ${err.message}`, {
      code: 'PINGOU_PG_IDLE',
    });
  });
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema }) as Db;
}

export { pg };
