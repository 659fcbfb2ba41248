/** Words for the states and codes the API answers with, zh-CN first. */
type Label = { zh: string; en: string };
const L = (zh: string, en: string): Label => ({ zh, en });

export const ACTIVITY_STATUS: Record<string, Label> = {
  draft: L('草稿', 'Draft'),
  published: L('进行中', 'Published'),
  paused: L('已暂停', 'Paused'),
  ended: L('已结束', 'Ended'),
};
export const GROUP_STATUS: Record<string, Label> = {
  open: L('拼团中', 'Open'),
  full: L('已满员', 'Full'),
  drawn: L('已开奖', 'Drawn'),
  failed: L('成团失败（已退款）', 'Failed (refunded)'),
  expired: L('已超时（已退款）', 'Expired (refunded)'),
};
export const ORDER_STATUS: Record<string, Label> = {
  awaiting_address: L('待填地址', 'Awaiting address'),
  awaiting_shipment: L('待发货', 'Awaiting shipment'),
  shipped: L('已发货', 'Shipped'),
  completed: L('已完成', 'Completed'),
};
export const ORDER_SOURCE: Record<string, Label> = {
  group: L('拼团中奖', 'Group win'),
  mall: L('商城兑换', 'Mall'),
  blind_box: L('盲盒', 'Blind box'),
};
export const ITEM_KIND: Record<string, Label> = {
  product: L('实物商品', 'Product'),
  virtual: L('虚拟商品', 'Virtual'),
  voucher: L('购物券', 'Voucher'),
  cash: L('现金', 'Cash'),
  points: L('消费积分', 'Points'),
  gold: L('购物金', 'Shopping gold'),
};
export const WITHDRAWAL_STATUS: Record<string, Label> = {
  requested: L('待审核', 'Awaiting review'),
  approved: L('已通过', 'Approved'),
  paying: L('打款中', 'Paying'),
  paid: L('已到账', 'Paid'),
  rejected: L('已驳回', 'Rejected'),
  failed: L('打款失败', 'Payout failed'),
};
export const RECHARGE_STATUS: Record<string, Label> = {
  pending: L('待支付', 'Pending'),
  paid: L('已支付', 'Paid'),
  closed: L('已关闭', 'Closed'),
};
export const SETTLEMENT_KIND: Record<string, Label> = {
  daily: L('日结（日分红 / 静态释放）', 'Daily'),
  monthly: L('月结（月分红）', 'Monthly'),
};
export const SETTLEMENT_STATUS: Record<string, Label> = {
  running: L('进行中', 'Running'),
  completed: L('已完成', 'Completed'),
  not_started: L('未开始', 'Not started'),
};
export const MALL: Record<string, Label> = {
  points: L('积分商城', 'Points mall'),
  voucher: L('购物券专区', 'Voucher mall'),
  dividend: L('分红积分兑换', 'Dividend points'),
};
export const RULE_LABELS: Record<string, Label> = {
  R1: L('R1 当日首单1号位不中', 'R1 first-of-day seat one'),
  R2: L('R2 新人1号位不中', 'R2 newcomer seat one'),
  R3: L('R3 连中冷却', 'R3 streak cooldown'),
  R4: L('R4 累计中奖冷却', 'R4 cumulative cooldown'),
  R5: L('R5 窗口内限中', 'R5 window cap'),
  HOUSE: L('平台补位不参与中奖', 'House seats never win'),
};
export const PURPOSE_LABELS: Record<string, Label> = {
  escrow: L('拼团托管', 'Escrow'),
  sales: L('销售收入', 'Sales'),
  rewards_expense: L('奖励支出', 'Rewards expense'),
  commissions_expense: L('佣金支出', 'Commissions expense'),
  release_expense: L('释放支出', 'Release expense'),
  pool_monthly: L('月分红池', 'Monthly pool'),
  pool_daily: L('日分红池', 'Daily pool'),
  payment_clearing: L('支付清算', 'Payment clearing'),
  payout_clearing: L('打款清算', 'Payout clearing'),
  withdrawals_pending: L('提现待付', 'Withdrawals pending'),
  fees: L('手续费收入', 'Fees'),
  issuance: L('发行（积分/购物金）', 'Issuance'),
  bridge_pending: L('跨链待确认', 'Bridge pending'),
};
export const AUDIT_ACTIONS: Record<string, Label> = {};

export function label(map: Record<string, Label>, key: string | null | undefined): Label {
  if (!key) return L('—', '—');
  return map[key] ?? L(key, key);
}
