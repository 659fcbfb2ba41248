/**
 * The payment provider adapter, shaped like WeChat Pay v3 / Alipay: create an
 * order, receive signed asynchronous notifications, query, refund, pay out.
 * Amounts are integer fen. Adapters never throw on hostile notification input;
 * they say why they refuse.
 */

/** Notifications older (or newer) than this are refused: replay protection, as WeChat Pay advises. */
export const NOTIFICATION_WINDOW_MS = 5 * 60_000;

export interface CreateOrderInput {
  outTradeNo: string;
  amountFen: number;
  description: string;
  notifyUrl: string;
  expiresAt: Date;
}

export interface CreatedOrder {
  providerOrderId: string;
  /** What the client needs to pay (WeChat: prepay id; sandbox: a pay path). */
  payParams: Record<string, string>;
}

export interface NotificationInput {
  headers: Record<string, string | undefined>;
  rawBody: string;
  now: Date;
}

export type NotificationKind = 'payment' | 'refund' | 'payout';
export type NotificationStatus = 'SUCCESS' | 'CLOSED' | 'FAILED';
export type NotificationRefusal = 'signature' | 'stale' | 'malformed' | 'decrypt';

export interface VerifiedNotification {
  ok: true;
  /** The provider's notification id; the same event retried keeps it. */
  notifyId: string;
  kind: NotificationKind;
  /** For a payout, its outPayoutNo: the one key every kind carries. */
  outTradeNo: string;
  providerTxnId: string;
  amountFen: number;
  status: NotificationStatus;
  outRefundNo?: string;
  outPayoutNo?: string;
}

export type ParsedNotification = VerifiedNotification | { ok: false; reason: NotificationRefusal };

export interface OrderQuery {
  status: 'SUCCESS' | 'NOTPAY' | 'CLOSED';
  amountFen: number;
  providerTxnId?: string;
}

export interface RefundInput {
  outTradeNo: string;
  outRefundNo: string;
  amountFen: number;
  totalFen: number;
  reason: string;
}

export interface PayoutInput {
  outPayoutNo: string;
  amountFen: number;
  /** Where the money goes (an openid, a bank card token …), as the provider knows it. */
  accountRef: string;
}

/** WeChat v3: 2xx stops the provider's retries; 4xx/5xx with `{ code: 'FAIL' }` makes it send again. */
export interface ProviderAck {
  status: number;
  body: { code: 'SUCCESS' | 'FAIL'; message?: string };
}

export interface PaymentProvider {
  readonly name: string;
  createOrder(input: CreateOrderInput): Promise<CreatedOrder>;
  parseNotification(input: NotificationInput): Promise<ParsedNotification>;
  queryOrder(outTradeNo: string): Promise<OrderQuery>;
  refund(input: RefundInput): Promise<{ status: 'PROCESSING' | 'SUCCESS' }>;
  payout(input: PayoutInput): Promise<{ status: 'PROCESSING' }>;
  ackBody(ok: boolean): ProviderAck;
}

/** The providers a server runs, by the name used in routes and stored on orders. */
export type ProviderRegistry = Map<string, PaymentProvider>;
