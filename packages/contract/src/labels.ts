/** Readable names for assets and ledger entry kinds, zh-CN first. */
export const ASSET_LABELS: Record<string, { zh: string; en: string }> = {
  CASH: { zh: '零钱', en: 'Cash' },
  GOLD: { zh: '购物金', en: 'Shopping gold' },
  DIVIDEND: { zh: '分红积分', en: 'Dividend points' },
  POOL: { zh: '积分池', en: 'Pool points' },
  CONSUMPTION: { zh: '消费积分', en: 'Consumption points' },
  DIGITAL: { zh: '数字积分', en: 'Digital points' },
};

/** `pointNames`: the operator's names for point kinds (the `asset_names` setting), over the defaults. */
export function assetLabel(
  asset: string,
  voucherNames: Record<string, string> = {},
  pointNames: Partial<Record<string, { zh: string; en: string }>> = {},
): { zh: string; en: string } {
  const fixed = pointNames[asset] ?? ASSET_LABELS[asset];
  if (fixed) return fixed;
  const name = voucherNames[asset];
  return name ? { zh: name, en: name } : { zh: '购物券', en: 'Voucher' };
}

export const ENTRY_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  recharge: { zh: '充值', en: 'Recharge' },
  recharge_refund: { zh: '充值退款（原路返回）', en: 'Recharge refund' },
  join: { zh: '参团', en: 'Joined a group' },
  refund: { zh: '未中奖退款', en: 'Refund' },
  sale: { zh: '中奖购买', en: 'Won: purchase' },
  loser_bonus: { zh: '未中奖零钱奖励', en: 'Non-winner bonus' },
  release: { zh: '购物金释放', en: 'Shopping-gold release' },
  upline_release: { zh: '动态释放（下级参团）', en: 'Upline release' },
  static_release: { zh: '静态释放', en: 'Static release' },
  gold_credit: { zh: '获得购物金', en: 'Shopping gold received' },
  dividend_points: { zh: '获得分红积分', en: 'Dividend points received' },
  consumption_points: { zh: '获得消费积分', en: 'Consumption points received' },
  voucher_credit: { zh: '获得购物券', en: 'Vouchers received' },
  referral_commission: { zh: '推广奖励', en: 'Referral commission' },
  team_commission: { zh: '团队级差', en: 'Team differential' },
  regional_commission: { zh: '区域级差', en: 'Regional differential' },
  pool_contribution: { zh: '分红池注入', en: 'Pool contribution' },
  daily_dividend: { zh: '日分红', en: 'Daily dividend' },
  monthly_dividend: { zh: '月分红', en: 'Monthly dividend' },
  pool_transfer: { zh: '积分池转入/转出', en: 'Pool transfer' },
  withdrawal_hold: { zh: '提现冻结', en: 'Withdrawal held' },
  withdrawal_release: { zh: '提现退回', en: 'Withdrawal returned' },
  withdrawal_payout: { zh: '提现到账', en: 'Withdrawal paid out' },
  withdrawal_fee: { zh: '提现手续费', en: 'Withdrawal fee' },
  mall_redeem: { zh: '商城兑换', en: 'Mall redemption' },
  blind_box_prize: { zh: '盲盒奖品', en: 'Blind box prize' },
  bridge_out: { zh: '转出至数字积分', en: 'Bridged out' },
  bridge_in: { zh: '数字积分转入', en: 'Bridged in' },
  bridge_reverse: { zh: '转换撤回', en: 'Bridge reversed' },
  adjustment: { zh: '调整', en: 'Adjustment' },
  reversal: { zh: '冲正', en: 'Reversal' },
};

export function entryKindLabel(kind: string): { zh: string; en: string } {
  return ENTRY_KIND_LABELS[kind] ?? { zh: kind, en: kind };
}
