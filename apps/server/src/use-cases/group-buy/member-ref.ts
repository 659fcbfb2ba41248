/**
 * Pseudonymous member references for published seat lists: HMAC of the
 * member and group under a platform secret, so a seat list names no one but
 * a member can recognise their own seat (their client seed is on it too).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { settingsRepo, type Tx } from '@pingou/db';

let pepper: string | undefined;

export async function loadMemberRefPepper(tx: Tx): Promise<string> {
  pepper ??= await settingsRepo.putSettingIfAbsent(
    tx,
    'member_ref_pepper',
    randomBytes(32).toString('hex'),
  );
  return pepper;
}

export function memberRef(secret: string, groupId: number, memberId: number): string {
  return `m${createHmac('sha256', secret).update(`${groupId}:${memberId}`).digest('hex').slice(0, 15)}`;
}

export function forgetPepper() {
  pepper = undefined;
}
