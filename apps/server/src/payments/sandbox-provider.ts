/**
 * A sandbox payment provider that behaves like WeChat Pay v3: it signs and
 * encrypts its notifications exactly as WeChat does (wechat-pay-v3.ts), and it
 * refuses what WeChat refuses (a second order under one trade number with another
 * amount, refunding an unpaid order or more than was paid). It remembers orders,
 * refunds and payouts in memory only; its keys come from outside, so after a
 * restart it still verifies what it signed before. The simulate* methods play
 * the provider for the dev UI and tests.
 */
import { randomBytes } from 'node:crypto';
import type {
  CreateOrderInput,
  CreatedOrder,
  NotificationInput,
  OrderQuery,
  ParsedNotification,
  PaymentProvider,
  PayoutInput,
  ProviderAck,
  RefundInput,
} from './provider';
import { parseSandboxKeys, type SandboxKeys } from './sandbox-keys';
import {
  createWechatVerifier,
  signWechatStyle,
  wechatAck,
  type SignedNotification,
  type WechatEncryptKeys,
  type WechatEventType,
  type WechatSignKeys,
} from './wechat-pay-v3';

// Callers know the sandbox by this module; the pieces live in their own files.
export { generateSandboxKeys, parseSandboxKeys, type SandboxKeys } from './sandbox-keys';
export { parseWechatStyle, signWechatStyle, type SignedNotification } from './wechat-pay-v3';
export type { ProviderRegistry } from './provider';

/** How a simulated notification is sent; each option makes one an adapter must refuse. */
export interface SimulateOptions {
  /** Sign with another key pair: a forgery (refused: signature). */
  signWith?: WechatSignKeys;
  /** Encrypt under another API v3 key (refused: decrypt). */
  encryptWith?: WechatEncryptKeys;
  /** When it was sent; default the sandbox clock. Over 5 minutes off is refused: stale. */
  timestamp?: Date;
  /** Change the body after signing it (refused: signature). */
  tamper?: boolean;
}

interface SandboxOrder {
  amountFen: number;
  status: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  expiresAt?: Date;
  transactionId?: string;
}

interface SandboxRefund {
  outTradeNo: string;
  amountFen: number;
  totalFen: number;
  refundId: string;
  status: 'PROCESSING' | 'SUCCESS' | 'FAILED';
}

interface SandboxPayout {
  amountFen: number;
  accountRef: string;
  payoutId: string;
}

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly isSandbox = true;
  private readonly keys: SandboxKeys;
  private readonly verify: (input: NotificationInput) => ParsedNotification;
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly refunds = new Map<string, SandboxRefund>();
  private readonly payouts = new Map<string, SandboxPayout>();

  constructor(
    keys: SandboxKeys,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.keys = parseSandboxKeys(keys);
    this.verify = createWechatVerifier(this.keys);
  }

  async createOrder(input: CreateOrderInput): Promise<CreatedOrder> {
    assertFen(input.amountFen, 'amountFen');
    if (!/^[0-9A-Za-z_\-|*]{1,32}$/.test(input.outTradeNo))
      throw new Error(`sandbox: bad outTradeNo ${JSON.stringify(input.outTradeNo)}`);
    const known = this.orders.get(input.outTradeNo);
    // Asking again for the same order is harmless; the same number for another amount is not.
    if (known && known.amountFen !== input.amountFen)
      throw new Error(`sandbox: ${input.outTradeNo} already ordered for ${known.amountFen} fen`);
    if (!known)
      this.orders.set(input.outTradeNo, {
        amountFen: input.amountFen,
        status: 'NOTPAY',
        expiresAt: input.expiresAt,
      });
    const prepayId = `sbx_${input.outTradeNo}`;
    return {
      providerOrderId: prepayId,
      payParams: {
        prepayId,
        sandboxPayPath: `/api/v1/sandbox/recharges/${encodeURIComponent(input.outTradeNo)}/pay`,
      },
    };
  }

  async parseNotification(input: NotificationInput): Promise<ParsedNotification> {
    return this.verify(input);
  }

  async queryOrder(outTradeNo: string): Promise<OrderQuery> {
    const o = this.orders.get(outTradeNo);
    if (!o) return { status: 'NOTPAY', amountFen: 0 };
    // WeChat closes an unpaid order once it expires.
    const isExpired =
      o.status === 'NOTPAY' && o.expiresAt !== undefined && this.clock() > o.expiresAt;
    return {
      status: isExpired ? 'CLOSED' : o.status,
      amountFen: o.amountFen,
      ...(o.transactionId ? { providerTxnId: o.transactionId } : {}),
    };
  }

  async refund(input: RefundInput): Promise<{ status: 'PROCESSING' }> {
    assertFen(input.amountFen, 'amountFen');
    assertFen(input.totalFen, 'totalFen');
    const same = this.refunds.get(input.outRefundNo);
    if (same) {
      if (same.outTradeNo !== input.outTradeNo || same.amountFen !== input.amountFen)
        throw new Error(`sandbox: ${input.outRefundNo} already used for another refund`);
      return { status: 'PROCESSING' };
    }
    const order = this.orders.get(input.outTradeNo);
    // An order paid before a restart is unknown here: the sandbox takes the caller's word.
    if (order) {
      if (order.status !== 'SUCCESS') throw new Error(`sandbox: ${input.outTradeNo} is not paid`);
      if (order.amountFen !== input.totalFen)
        throw new Error(`sandbox: ${input.outTradeNo} was paid ${order.amountFen} fen`);
    }
    if (this.refundedFen(input.outTradeNo) + input.amountFen > input.totalFen)
      throw new Error(`sandbox: refunds of ${input.outTradeNo} would exceed what was paid`);
    this.refunds.set(input.outRefundNo, {
      outTradeNo: input.outTradeNo,
      amountFen: input.amountFen,
      totalFen: input.totalFen,
      refundId: providerId('50300'),
      status: 'PROCESSING',
    });
    return { status: 'PROCESSING' };
  }

  async payout(input: PayoutInput): Promise<{ status: 'PROCESSING' }> {
    assertFen(input.amountFen, 'amountFen');
    if (input.accountRef.length === 0) throw new Error('sandbox: payout needs an accountRef');
    const same = this.payouts.get(input.outPayoutNo);
    if (same && (same.amountFen !== input.amountFen || same.accountRef !== input.accountRef))
      throw new Error(`sandbox: ${input.outPayoutNo} already used for another payout`);
    if (!same)
      this.payouts.set(input.outPayoutNo, {
        amountFen: input.amountFen,
        accountRef: input.accountRef,
        payoutId: providerId('60100'),
      });
    return { status: 'PROCESSING' };
  }

  ackBody(ok: boolean): ProviderAck {
    return wechatAck(ok);
  }

  // ---- the provider's side, for the dev UI and tests

  /**
   * The member paid: a correctly signed TRANSACTION notification. `amountFen`
   * overrides the amount reported (still correctly signed) — or, for an order
   * this sandbox never saw (e.g. created before a restart), supplies it.
   */
  simulatePayment(
    outTradeNo: string,
    opts: SimulateOptions & { amountFen?: number; status?: 'SUCCESS' | 'CLOSED' } = {},
  ): SignedNotification {
    const known = this.orders.get(outTradeNo);
    const orderFen = known?.amountFen ?? opts.amountFen;
    if (orderFen === undefined)
      throw new Error(`sandbox: unknown order ${outTradeNo}; pass amountFen`);
    const status = opts.status ?? 'SUCCESS';
    const transactionId = known?.transactionId ?? providerId('42000');
    this.orders.set(outTradeNo, { ...known, amountFen: orderFen, status, transactionId });
    return this.notify(
      `TRANSACTION.${status}`,
      {
        out_trade_no: outTradeNo,
        transaction_id: transactionId,
        trade_type: 'JSAPI',
        trade_state: status,
        amount: { total: opts.amountFen ?? orderFen, payer_total: orderFen, currency: 'CNY' },
        success_time: this.clock().toISOString(),
      },
      opts,
    );
  }

  /**
   * The refund finished (or not). Uses what `refund()` recorded; `outTradeNo`
   * and `amountFen` describe a refund this sandbox never saw.
   */
  simulateRefundNotification(
    outRefundNo: string,
    opts: SimulateOptions & { success?: boolean; outTradeNo?: string; amountFen?: number } = {},
  ): SignedNotification {
    const known = this.refunds.get(outRefundNo);
    const outTradeNo = opts.outTradeNo ?? known?.outTradeNo;
    const amountFen = opts.amountFen ?? known?.amountFen;
    if (outTradeNo === undefined || amountFen === undefined)
      throw new Error(`sandbox: unknown refund ${outRefundNo}; pass outTradeNo and amountFen`);
    const isSuccess = opts.success ?? true;
    const refundId = known?.refundId ?? providerId('50300');
    const totalFen = known?.totalFen ?? this.orders.get(outTradeNo)?.amountFen ?? amountFen;
    if (known) known.status = isSuccess ? 'SUCCESS' : 'FAILED';
    return this.notify(
      isSuccess ? 'REFUND.SUCCESS' : 'REFUND.ABNORMAL',
      {
        out_trade_no: outTradeNo,
        transaction_id: this.orders.get(outTradeNo)?.transactionId ?? providerId('42000'),
        out_refund_no: outRefundNo,
        refund_id: refundId,
        refund_status: isSuccess ? 'SUCCESS' : 'ABNORMAL',
        ...(isSuccess ? { success_time: this.clock().toISOString() } : {}),
        user_received_account: '支付用户零钱',
        amount: {
          total: totalFen,
          refund: amountFen,
          payer_total: totalFen,
          payer_refund: amountFen,
        },
      },
      opts,
    );
  }

  /** The payout finished (or failed). Uses what `payout()` recorded, or `amountFen` for one it never saw. */
  simulatePayoutNotification(
    outPayoutNo: string,
    success: boolean,
    opts: SimulateOptions & { amountFen?: number } = {},
  ): SignedNotification {
    const known = this.payouts.get(outPayoutNo);
    const amountFen = opts.amountFen ?? known?.amountFen;
    if (amountFen === undefined)
      throw new Error(`sandbox: unknown payout ${outPayoutNo}; pass amountFen`);
    return this.notify(
      success ? 'PAYOUT.SUCCESS' : 'PAYOUT.FAILED',
      {
        out_payout_no: outPayoutNo,
        payout_id: known?.payoutId ?? providerId('60100'),
        payout_status: success ? 'SUCCESS' : 'FAILED',
        ...(success ? {} : { fail_reason: 'ACCOUNT_FROZEN' }),
        amount: { total: amountFen, currency: 'CNY' },
        update_time: this.clock().toISOString(),
      },
      opts,
    );
  }

  /** Any event with any resource, e.g. a forgery (`signWith`) or a stale one (`timestamp`). */
  sign(eventType: WechatEventType, resource: object, opts: SimulateOptions = {}) {
    return this.notify(eventType, resource, opts);
  }

  private notify(eventType: string, resource: object, opts: SimulateOptions): SignedNotification {
    const n = signWechatStyle(
      opts.signWith ?? this.keys,
      opts.encryptWith ?? this.keys,
      eventType,
      resource,
      opts.timestamp ?? this.clock(),
    );
    return opts.tamper ? { headers: n.headers, rawBody: tamperWith(n.rawBody) } : n;
  }

  private refundedFen(outTradeNo: string): number {
    let sum = 0;
    for (const r of this.refunds.values())
      if (r.outTradeNo === outTradeNo && r.status !== 'FAILED') sum += r.amountFen;
    return sum;
  }
}

export function createSandboxProvider(keys: SandboxKeys, clock?: () => Date): SandboxProvider {
  return new SandboxProvider(keys, clock);
}

export function isSandboxProvider(p: PaymentProvider): p is SandboxProvider {
  return (p as Partial<SandboxProvider>).isSandbox === true;
}

/** WeChat-like ids: a fixed prefix and random digits. */
function providerId(prefix: string): string {
  return (
    prefix +
    BigInt(`0x${randomBytes(8).toString('hex')}`)
      .toString()
      .padStart(20, '0')
  );
}

function assertFen(v: number, name: string): void {
  if (!Number.isSafeInteger(v) || v <= 0)
    throw new Error(`sandbox: ${name} must be a positive integer of fen, got ${v}`);
}

/** A man in the middle's edit: the event id changes, the signature no longer covers the body. */
function tamperWith(rawBody: string): string {
  const body = JSON.parse(rawBody) as { id: string };
  return JSON.stringify({ ...body, id: `${body.id}0` });
}
