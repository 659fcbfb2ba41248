/** An operator changes the withdrawal minimum and fee; audited. Pending requests keep the fee they were quoted. */
import { AppError } from '@pingou/contract';
import { withdrawalRulesProblems, type WithdrawalRules } from '@pingou/engine';
import { inTransaction, settingsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { loadWithdrawalRules, WITHDRAWAL_RULES_SETTING } from './withdrawal-rules';

export async function updateWithdrawalRules(
  ctx: AppContext,
  actor: Actor,
  rules: WithdrawalRules,
): Promise<WithdrawalRules> {
  const problems = withdrawalRulesProblems(rules);
  if (problems.length > 0) throw new AppError('WITHDRAWAL_RULES_INVALID', { fields: problems });
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadWithdrawalRules(tx);
    await settingsRepo.putSetting(tx, WITHDRAWAL_RULES_SETTING, rules);
    await audit(
      tx,
      actor,
      'withdrawal.rules',
      { kind: 'setting', id: WITHDRAWAL_RULES_SETTING },
      before,
      rules,
    );
    return rules;
  });
}
