/**
 * Every error code Pingou answers with, its HTTP status, and its Chinese and
 * English message: one table, used by the server and the web apps alike.
 * Codes are stable: clients branch on them. Add, never rename.
 */

export const ERRORS = {
  // generic edge errors
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is invalid' },
  MALFORMED_JSON: {
    status: 400,
    zh: '请求内容不是有效的 JSON',
    en: 'The request body is not valid JSON',
  },
  BODY_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  NOT_FOUND: { status: 404, zh: '资源不存在', en: 'Not found' },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  // auth
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  TOKEN_INVALID: {
    status: 401,
    zh: '登录已失效，请重新登录',
    en: 'Your session has expired or is invalid; sign in again',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '手机号或密码错误',
    en: 'Wrong phone number or password',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账户暂时锁定',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  // members
  PHONE_TAKEN: { status: 409, zh: '该手机号已注册', en: 'This phone number is already registered' },
  INVITE_CODE_NOT_FOUND: { status: 422, zh: '邀请码不存在', en: 'The invite code does not exist' },
  MEMBER_NOT_FOUND: { status: 404, zh: '会员不存在', en: 'Member not found' },
  MEMBER_FROZEN: { status: 403, zh: '账户已冻结', en: 'The account is frozen' },
  UPLINE_CYCLE: {
    status: 422,
    zh: '上级设置会形成循环',
    en: 'That upline would create a referral cycle',
  },
  TIER_NOT_FOUND: { status: 404, zh: '团队等级不存在', en: 'Team tier not found' },
  TIER_CODE_TAKEN: {
    status: 409,
    zh: '团队等级代码已存在',
    en: 'A tier with this code already exists',
  },
  AGENT_REGION_TAKEN: { status: 409, zh: '该区域已有代理', en: 'This region already has an agent' },
  REGION_INCOMPLETE: {
    status: 422,
    zh: '会员的地区不完整，无法设为该级代理',
    en: 'The region is incomplete for that agent level',
  },
  OPERATOR_NOT_FOUND: { status: 404, zh: '管理员不存在', en: 'Operator not found' },
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'This username is taken' },
  // idempotency
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    zh: '缺少幂等键 (Idempotency-Key)',
    en: 'An Idempotency-Key header is required',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    zh: '幂等键已用于另一笔不同的请求',
    en: 'This idempotency key was used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同请求正在处理中',
    en: 'The same request is still being processed',
  },
  // payments
  PAYMENT_ORDER_NOT_FOUND: { status: 404, zh: '支付订单不存在', en: 'Payment order not found' },
  PAYMENT_PROVIDER_UNKNOWN: { status: 404, zh: '支付渠道不存在', en: 'Unknown payment provider' },
  PAYMENT_SIGNATURE_INVALID: {
    status: 400,
    zh: '支付通知签名无效',
    en: 'The payment notification signature is invalid',
  },
  PAYMENT_NOTIFICATION_STALE: {
    status: 400,
    zh: '支付通知已过期',
    en: 'The payment notification is too old',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 400,
    zh: '支付金额与订单不符',
    en: 'The paid amount does not match the order',
  },
  PAYMENT_ORDER_STATE: {
    status: 409,
    zh: '支付订单状态不允许此操作',
    en: 'The payment order is not in a state that allows this',
  },
  RECHARGE_AMOUNT_OUT_OF_RANGE: {
    status: 422,
    zh: '充值金额超出范围',
    en: 'The recharge amount is out of range',
  },
  REFUND_EXCEEDS_PAYMENT: {
    status: 422,
    zh: '退款金额超过可退金额',
    en: 'The refund exceeds the refundable amount',
  },
  INSUFFICIENT_CASH: { status: 422, zh: '零钱余额不足', en: 'Not enough cash' },
  INSUFFICIENT_BALANCE: { status: 422, zh: '余额不足', en: 'Not enough balance' },
  // group buying
  ACTIVITY_NOT_FOUND: { status: 404, zh: '活动不存在', en: 'Activity not found' },
  ACTIVITY_INVALID: {
    status: 422,
    zh: '活动设置有误，请按提示修改',
    en: 'The activity settings have problems; see each field',
  },
  ACTIVITY_STATE: {
    status: 409,
    zh: '活动当前状态不允许此操作',
    en: 'The activity is not in a state that allows this',
  },
  ACTIVITY_NOT_OPEN: {
    status: 409,
    zh: '活动未开放参团',
    en: 'The activity is not open for joining',
  },
  LARGE_ZONE_NOT_ALLOWED: {
    status: 403,
    zh: '大额专区仅对大额预存会员开放',
    en: 'Large zones are open to large-prepaid members only',
  },
  OPTION_NOT_FOUND: { status: 422, zh: '所选商品不存在', en: 'The chosen option does not exist' },
  DAILY_LIMIT_REACHED: {
    status: 422,
    zh: '今日参团次数已用完',
    en: "You have reached today's join limit",
  },
  GROUP_NOT_FOUND: { status: 404, zh: '团不存在', en: 'Group not found' },
  GROUP_NOT_OPEN: { status: 409, zh: '该团已满或已结束', en: 'The group is no longer open' },
  NOT_ENOUGH_REAL_MEMBERS: {
    status: 422,
    zh: '真实会员人数少于中奖名额，不能开奖',
    en: 'Fewer real members than winners: the group cannot be drawn',
  },
  DRAW_NOT_PUBLISHED: { status: 409, zh: '该团尚未开奖', en: 'The group has not been drawn yet' },
  ORDER_NOT_FOUND: { status: 404, zh: '订单不存在', en: 'Order not found' },
  ORDER_STATE: {
    status: 409,
    zh: '订单状态不允许此操作',
    en: 'The order is not in a state that allows this',
  },
  // withdrawals
  WITHDRAWAL_BELOW_MINIMUM: {
    status: 422,
    zh: '提现金额低于最低提现金额',
    en: 'The amount is below the minimum withdrawal',
  },
  WITHDRAWAL_NOT_FOUND: { status: 404, zh: '提现记录不存在', en: 'Withdrawal not found' },
  WITHDRAWAL_STATE: {
    status: 409,
    zh: '提现状态不允许此操作',
    en: 'The withdrawal is not in a state that allows this',
  },
  WITHDRAWAL_RULES_INVALID: {
    status: 422,
    zh: '提现规则设置有误，请按提示修改',
    en: 'The withdrawal rules have problems; see each field',
  },
  // malls (积分商城 / 购物券专区)
  MALL_ITEM_NOT_FOUND: { status: 404, zh: '商品不存在', en: 'Mall item not found' },
  MALL_ITEM_OFF_SHELF: { status: 409, zh: '商品已下架', en: 'The item is no longer on sale' },
  OUT_OF_STOCK: { status: 409, zh: '商品库存不足', en: 'Not enough stock left' },
  INSUFFICIENT_CONSUMPTION_POINTS: {
    status: 422,
    zh: '消费积分不足',
    en: 'Not enough consumption points',
  },
  INSUFFICIENT_VOUCHERS: { status: 422, zh: '购物券余额不足', en: 'Not enough vouchers' },
  VOUCHER_KIND_NOT_FOUND: { status: 404, zh: '购物券种类不存在', en: 'Voucher kind not found' },
  VOUCHER_KIND_INACTIVE: {
    status: 409,
    zh: '购物券种类已停用',
    en: 'The voucher kind is not active',
  },
  VOUCHER_KIND_NAME_TAKEN: {
    status: 409,
    zh: '购物券名称已存在',
    en: 'A voucher kind with this name exists',
  },
  // blind box
  TICKET_NOT_FOUND: { status: 404, zh: '盲盒券不存在', en: 'Blind box ticket not found' },
  TICKET_ALREADY_OPENED: {
    status: 409,
    zh: '该盲盒已开启',
    en: 'This blind box has already been opened',
  },
  TICKET_NOT_PREPARED: {
    status: 409,
    zh: '请先查看盲盒券以获取承诺值',
    en: 'List your tickets first: the commitment must be shown before opening',
  },
  BLIND_BOX_NOT_OPENED: {
    status: 409,
    zh: '该盲盒尚未开启',
    en: 'This blind box has not been opened yet',
  },
  BLIND_BOX_EMPTY: { status: 409, zh: '盲盒奖品已抽完', en: 'No blind box prize is left in stock' },
  PRIZE_NOT_FOUND: { status: 404, zh: '盲盒奖品不存在', en: 'Blind box prize not found' },
  PRIZE_INVALID: {
    status: 422,
    zh: '盲盒奖品设置有误，请按提示修改',
    en: 'The prize has problems; see each field',
  },
  PRIZE_ABOVE_CAP: {
    status: 422,
    zh: '奖品价值超过盲盒奖品上限',
    en: 'The prize value is above the blind box cap',
  },
  // monthly points pool (积分池)
  POOL_NOT_WHOLE_HUNDRED: {
    status: 422,
    zh: '转入积分池须为整百积分',
    en: 'Transfers into the pool must be a whole hundred points',
  },
  POOL_WINDOW_CLOSED: {
    status: 409,
    zh: '积分池今日不开放此操作（默认每月1–5日可转入转出，6–24日仅可转入，25日至月底冻结）',
    en: 'The pool does not allow this today (by default: in and out on days 1–5, in only on days 6–24, frozen from day 25 to month end)',
  },
  POOL_WINDOWS_INVALID: {
    status: 422,
    zh: '积分池日期设置有误：须 1 ≤ 转入转出截止日 < 仅转入截止日 ≤ 27',
    en: 'Invalid pool windows: 1 ≤ inOutUntilDay < inOnlyUntilDay ≤ 27',
  },
  // chain bridge (对接区块链)
  CONVERSION_NOT_FOUND: { status: 404, zh: '积分转换记录不存在', en: 'Conversion not found' },
  CONVERSION_STATE: {
    status: 409,
    zh: '积分转换当前状态不允许此操作',
    en: 'The conversion is not in a state that allows this',
  },
  BRIDGE_SIGNATURE_INVALID: {
    status: 400,
    zh: '链桥回调签名无效或已过期',
    en: 'The bridge callback signature is invalid or expired',
  },
  BRIDGE_ADAPTER_UNKNOWN: { status: 404, zh: '链桥通道不存在', en: 'Unknown bridge adapter' },
  INSUFFICIENT_POINTS: { status: 422, zh: '积分余额不足', en: 'Not enough points' },
  // economics (利润演算)
  ECONOMICS_ASSUMPTIONS_INVALID: {
    status: 422,
    zh: '演算假设有误（座位数、上级、金额须合理），请按提示修改',
    en: 'The draw assumptions are impossible (seats, uplines, amounts); see each field',
  },
  ECONOMICS_POPULATION_INVALID: {
    status: 422,
    zh: '模拟人群设置有误或无法凑满一个团，请按提示修改',
    en: 'The population is invalid or cannot fill a group; see each field',
  },
  ECONOMICS_TOO_LARGE: {
    status: 422,
    zh: '模拟规模超过在线上限：天数 ≤ 400，人数上限 × 天数 ≤ 5,000,000，可能的参团次数（人数上限 × 天数 × 活跃率 × 每日最多参团）≤ 150,000；请缩小规模或使用命令行 economics:simulate',
    en: 'The simulation is too large to run online: days ≤ 400, member cap × days ≤ 5,000,000, possible joins (member cap × days × active share × most joins per day) ≤ 150,000; make it smaller or use the CLI economics:simulate',
  },
  // option stock and virtual codes (库存、兑换码)
  OPTION_SOLD_OUT: {
    status: 409,
    zh: '该商品已售罄，请选择其他商品',
    en: 'This option is sold out; choose another',
  },
  STOCK_BELOW_COMMITTED: {
    status: 409,
    zh: '库存不能少于已预留与已售出数量之和',
    en: 'Stock cannot be set below the units already reserved and sold',
  },
  STOCK_NOT_APPLICABLE: {
    status: 422,
    zh: '只有实物商品可直接设置库存；虚拟商品的库存即已上传的兑换码数量，购物券不限量',
    en: 'Only product options take a stock; a virtual option’s stock is its uploaded codes, vouchers are unlimited',
  },
  CODES_NOT_APPLICABLE: {
    status: 422,
    zh: '只有虚拟商品可以上传兑换码',
    en: 'Codes can only be uploaded for a virtual option',
  },
  // ledger
  LEDGER_UNBALANCED: { status: 500, zh: '账目不平衡', en: 'Ledger entry does not balance' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** In the language the client asked for (Accept-Language), zh-CN by default. */
    message: string;
    messageZh: string;
    messageEn: string;
    requestId: string;
    /** Per-field problems for VALIDATION_FAILED. */
    fields?: { path: string; message: string }[];
  };
}

/**
 * A business outcome the caller must handle, carried as a value or thrown
 * from domain code. Never an HTTP exception: the server maps it by the table.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly details?: { fields?: { path: string; message: string }[]; detail?: string },
  ) {
    super(details?.detail ? `${code}: ${details.detail}` : code);
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
