/**
 * The payment provider adapter, shaped like WeChat Pay v3 / Alipay: create an
 * order, receive signed asynchronous notifications, query, refund, pay out.
 * Adapters never throw on hostile notification input; they say why they refuse.
 */

export interface CreateOrderInput {
  outTradeNo: string;
  amountFen: number;
  description: string;
  notifyUrl: string;
  expiresAt: Date;
}

export type ParsedNotification =
  | {
      ok: true;
      notifyId: string;
      kind: 'payment' | 'refund' | 'payout';
      outTradeNo: string;
      providerTxnId: string;
      amountFen: number;
      status: 'SUCCESS' | 'CLOSED' | 'FAILED';
      outRefundNo?: string;
      outPayoutNo?: string;
    }
  | { ok: false; reason: 'signature' | 'stale' | 'malformed' | 'decrypt' };

export interface PaymentProvider {
  readonly name: string;
  createOrder(
    input: CreateOrderInput,
  ): Promise<{ providerOrderId: string; payParams: Record<string, string> }>;
  parseNotification(input: {
    headers: Record<string, string | undefined>;
    rawBody: string;
    now: Date;
  }): Promise<ParsedNotification>;
  queryOrder(outTradeNo: string): Promise<{
    status: 'SUCCESS' | 'NOTPAY' | 'CLOSED';
    amountFen: number;
    providerTxnId?: string;
  }>;
  refund(input: {
    outTradeNo: string;
    outRefundNo: string;
    amountFen: number;
    totalFen: number;
    reason: string;
  }): Promise<{ status: 'PROCESSING' | 'SUCCESS' }>;
  payout(input: {
    outPayoutNo: string;
    amountFen: number;
    accountRef: string;
  }): Promise<{ status: 'PROCESSING' }>;
  /** What to answer the provider: 2xx stops its retries; anything else makes it send again. */
  ackBody(ok: boolean): { status: number; body: { code: 'SUCCESS' | 'FAIL'; message?: string } };
}

/** Notifications older (or newer) than this are refused: replay protection, as WeChat Pay advises. */
export const NOTIFICATION_WINDOW_MS = 5 * 60_000;
