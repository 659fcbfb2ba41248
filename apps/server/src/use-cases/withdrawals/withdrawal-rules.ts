/**
 * The operator's withdrawal rules (minimum and fee), stored as the setting
 * `withdrawal_rules`; SPEC §8's 100 yuan and 6.5 % until an operator saves others.
 */
import { withdrawalRulesSchema } from '@pingou/contract';
import { DEFAULT_WITHDRAWAL_RULES, type WithdrawalRules } from '@pingou/engine';
import { settingsRepo, type Tx } from '@pingou/db';

export const WITHDRAWAL_RULES_SETTING = 'withdrawal_rules';

export async function loadWithdrawalRules(tx: Tx): Promise<WithdrawalRules> {
  const stored = await settingsRepo.getSetting<unknown>(tx, WITHDRAWAL_RULES_SETTING);
  // Saved through the same schema; parsing again keeps a hand-edited row from reaching money code.
  return stored === undefined ? DEFAULT_WITHDRAWAL_RULES : withdrawalRulesSchema.parse(stored);
}
