/**
 * Live group events (SPEC §4: members watch seats fill). A change to a group is
 * announced with NOTIFY inside the transaction that made it: PostgreSQL delivers
 * it only on commit, so listeners on every server see committed changes only.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';

export const GROUP_CHANNEL = 'pingou_group';

export type GroupEvent = 'seat' | 'drawn' | 'failed' | 'house' | 'expired';

export interface GroupNotice {
  groupId: number;
  event: GroupEvent;
}

export async function notifyGroup(tx: Tx, groupId: number, event: GroupEvent): Promise<void> {
  const payload = JSON.stringify({ groupId, event } satisfies GroupNotice);
  await tx.execute(sql`select pg_notify(${GROUP_CHANNEL}, ${payload})`);
}
