/**
 * Registration (SPEC §1): phone + password, optional invite code whose owner
 * becomes the direct upline, fixed from then on. The member's wallet accounts
 * are opened in the same transaction.
 */
import { randomInt } from 'node:crypto';
import { AppError } from '@pingou/contract';
import { inTransaction, ledgerRepo, membersRepo, pgConstraint, pgErrorCode } from '@pingou/db';
import type { AppContext } from '../../context';
import { hashPassword } from '../auth/passwords';
import { issueToken } from '../auth/sessions';

const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newInviteCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return s;
}

export interface RegisterInput {
  phone: string;
  password: string;
  inviteCode?: string | undefined;
  nickname?: string | undefined;
}

export async function registerMember(ctx: AppContext, input: RegisterInput) {
  const passwordHash = await hashPassword(input.password);
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(ctx.db, async (tx) => {
        let uplineId: number | null = null;
        if (input.inviteCode) {
          const inviter = await membersRepo.findMemberByInviteCode(tx, input.inviteCode);
          if (!inviter) throw new AppError('INVITE_CODE_NOT_FOUND');
          uplineId = inviter.id;
        }
        if (await membersRepo.findMemberByPhone(tx, input.phone)) throw new AppError('PHONE_TAKEN');
        const member = await membersRepo.insertMember(tx, {
          phone: input.phone,
          passwordHash,
          nickname: input.nickname ?? `会员${input.phone.slice(-4)}`,
          inviteCode: newInviteCode(),
          uplineId,
        });
        await ledgerRepo.createMemberAccounts(tx, member.id);
        const token = await issueToken(ctx, tx, 'member', member.id);
        return { member, ...token };
      });
    } catch (e) {
      // Two registrations raced on the same phone, or an invite code collided: answer or retry.
      if (pgErrorCode(e) === '23505' && pgConstraint(e) === 'members_phone_unique')
        throw new AppError('PHONE_TAKEN');
      if (
        pgErrorCode(e) === '23505' &&
        pgConstraint(e) === 'members_invite_code_unique' &&
        attempt < 5
      )
        continue;
      throw e;
    }
  }
}
