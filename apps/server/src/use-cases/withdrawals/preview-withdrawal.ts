/** The fee preview: what a member would be charged and paid, so the shop can show it before they confirm. */
import { withdrawalFee } from '@pingou/engine';
import { ledgerRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { loadWithdrawalRules } from './withdrawal-rules';

export async function previewWithdrawal(ctx: AppContext, memberId: number, amountFen: number) {
  const rules = await loadWithdrawalRules(ctx.db);
  const cashFen = await ledgerRepo.memberBalance(ctx.db, memberId, 'CASH');
  return {
    amountFen,
    minimumFen: rules.minimumFen,
    ...withdrawalFee(amountFen, rules.fee),
    cashFen,
    isBelowMinimum: amountFen < rules.minimumFen,
    isAboveCash: amountFen > cashFen,
    rules,
  };
}
