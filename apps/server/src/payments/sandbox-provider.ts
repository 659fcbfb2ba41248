/**
 * A sandbox payment provider that behaves like WeChat Pay v3: notifications
 * carry Wechatpay-Timestamp / -Nonce / -Signature / -Serial headers, signed
 * SHA256withRSA over "timestamp\nnonce\nbody\n" by the platform key, and an
 * AEAD_AES_256_GCM-encrypted resource under the API v3 key. The parsing half
 * is exactly what a real adapter does; the simulate* half plays the provider.
 */
import {
  createCipheriv,
  createDecipheriv,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import {
  NOTIFICATION_WINDOW_MS,
  type CreateOrderInput,
  type ParsedNotification,
  type PaymentProvider,
} from './provider';

export interface SandboxKeys {
  serial: string;
  privateKeyPem: string;
  publicKeyPem: string;
  /** 32-byte API v3 key, base64. */
  apiV3Key: string;
}

export function generateSandboxKeys(): SandboxKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    serial: randomBytes(20).toString('hex').toUpperCase(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    apiV3Key: randomBytes(32).toString('base64'),
  };
}

interface SandboxOrder {
  amountFen: number;
  status: 'NOTPAY' | 'SUCCESS' | 'CLOSED';
  transactionId?: string;
}

export interface SignedNotification {
  headers: Record<string, string>;
  rawBody: string;
}

const EVENT_KIND: Record<string, 'payment' | 'refund' | 'payout'> = {
  'TRANSACTION.SUCCESS': 'payment',
  'TRANSACTION.CLOSED': 'payment',
  'REFUND.SUCCESS': 'refund',
  'REFUND.ABNORMAL': 'refund',
  'PAYOUT.SUCCESS': 'payout',
  'PAYOUT.FAILED': 'payout',
};

export class SandboxProvider implements PaymentProvider {
  readonly name = 'sandbox';
  readonly isSandbox = true;
  private readonly orders = new Map<string, SandboxOrder>();

  constructor(
    private readonly keys: SandboxKeys,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async createOrder(input: CreateOrderInput) {
    if (!this.orders.has(input.outTradeNo))
      this.orders.set(input.outTradeNo, { amountFen: input.amountFen, status: 'NOTPAY' });
    return {
      providerOrderId: `SBX${input.outTradeNo}`,
      payParams: {
        prepayId: `SBX${input.outTradeNo}`,
        sandboxPayPath: `/api/v1/sandbox/recharges/${input.outTradeNo}/pay`,
      },
    };
  }

  async queryOrder(outTradeNo: string) {
    const o = this.orders.get(outTradeNo);
    if (!o) return { status: 'NOTPAY' as const, amountFen: 0 };
    return {
      status: o.status,
      amountFen: o.amountFen,
      ...(o.transactionId ? { providerTxnId: o.transactionId } : {}),
    };
  }

  async refund(_input: { outRefundNo: string }) {
    return { status: 'PROCESSING' as const };
  }

  async payout(_input: { outPayoutNo: string }) {
    return { status: 'PROCESSING' as const };
  }

  ackBody(ok: boolean) {
    return ok
      ? { status: 200, body: { code: 'SUCCESS' as const } }
      : { status: 400, body: { code: 'FAIL' as const, message: 'refused' } };
  }

  async parseNotification(input: {
    headers: Record<string, string | undefined>;
    rawBody: string;
    now: Date;
  }): Promise<ParsedNotification> {
    return parseWechatStyle(this.keys, input);
  }

  // ---- the provider's side, for development and tests

  /** A correctly signed payment notification (amountFen overrides the paid amount, still signed). */
  simulatePayment(
    outTradeNo: string,
    opts: { amountFen?: number; status?: 'SUCCESS' | 'CLOSED' } = {},
  ): SignedNotification {
    const o = this.orders.get(outTradeNo) ?? {
      amountFen: opts.amountFen ?? 0,
      status: 'NOTPAY' as const,
    };
    const status = opts.status ?? 'SUCCESS';
    const transactionId = o.transactionId ?? `42000${randomBytes(8).toString('hex')}`;
    this.orders.set(outTradeNo, {
      ...o,
      status: status === 'SUCCESS' ? 'SUCCESS' : 'CLOSED',
      transactionId,
    });
    return this.sign(`TRANSACTION.${status}`, {
      out_trade_no: outTradeNo,
      transaction_id: transactionId,
      trade_state: status,
      amount: { total: opts.amountFen ?? o.amountFen, currency: 'CNY' },
      success_time: this.clock().toISOString(),
    });
  }

  simulateRefund(
    outTradeNo: string,
    outRefundNo: string,
    amountFen: number,
    success = true,
  ): SignedNotification {
    return this.sign(success ? 'REFUND.SUCCESS' : 'REFUND.ABNORMAL', {
      out_trade_no: outTradeNo,
      out_refund_no: outRefundNo,
      refund_id: `50300${randomBytes(8).toString('hex')}`,
      refund_status: success ? 'SUCCESS' : 'ABNORMAL',
      amount: { refund: amountFen, currency: 'CNY' },
    });
  }

  simulatePayout(outPayoutNo: string, amountFen: number, success = true): SignedNotification {
    return this.sign(success ? 'PAYOUT.SUCCESS' : 'PAYOUT.FAILED', {
      out_trade_no: outPayoutNo,
      out_payout_no: outPayoutNo,
      payout_id: `60100${randomBytes(8).toString('hex')}`,
      payout_status: success ? 'SUCCESS' : 'FAILED',
      amount: { total: amountFen, currency: 'CNY' },
    });
  }

  sign(
    eventType: string,
    resource: object,
    opts: { signWith?: SandboxKeys; timestamp?: Date } = {},
  ): SignedNotification {
    return signWechatStyle(
      opts.signWith ?? this.keys,
      this.keys,
      eventType,
      resource,
      opts.timestamp ?? this.clock(),
    );
  }
}

export function createSandboxProvider(keys: SandboxKeys, clock?: () => Date): SandboxProvider {
  return new SandboxProvider(keys, clock);
}

export function isSandboxProvider(p: PaymentProvider): p is SandboxProvider {
  return (p as Partial<SandboxProvider>).isSandbox === true;
}

/** Builds a notification: resource encrypted with `encryptKeys`' API key, signed with `signKeys`' private key. */
export function signWechatStyle(
  signKeys: SandboxKeys,
  encryptKeys: SandboxKeys,
  eventType: string,
  resource: object,
  at: Date,
): SignedNotification {
  const nonce = randomBytes(16).toString('hex');
  const associatedData = 'transaction';
  const cipher = createCipheriv(
    'aes-256-gcm',
    Buffer.from(encryptKeys.apiV3Key, 'base64'),
    Buffer.from(nonce.slice(0, 12)),
  );
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(resource)),
    cipher.final(),
    cipher.getAuthTag(),
  ]).toString('base64');
  const rawBody = JSON.stringify({
    id: randomUUID(),
    create_time: at.toISOString(),
    event_type: eventType,
    resource_type: 'encrypt-resource',
    resource: {
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext,
      nonce: nonce.slice(0, 12),
      associated_data: associatedData,
    },
  });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signer = createSign('RSA-SHA256');
  signer.update(`${timestamp}\n${nonce}\n${rawBody}\n`);
  return {
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signer.sign(signKeys.privateKeyPem, 'base64'),
      'wechatpay-serial': signKeys.serial,
    },
    rawBody,
  };
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 256;
const int = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Verifies and decrypts a WeChat-Pay-v3-style notification. Never throws. */
export function parseWechatStyle(
  keys: SandboxKeys,
  input: { headers: Record<string, string | undefined>; rawBody: string; now: Date },
): ParsedNotification {
  try {
    const h = input.headers;
    const timestamp = h['wechatpay-timestamp'];
    const nonce = h['wechatpay-nonce'];
    const signature = h['wechatpay-signature'];
    if (
      !str(timestamp) ||
      !str(nonce) ||
      typeof signature !== 'string' ||
      signature.length > 1024 ||
      !/^\d{1,12}$/.test(timestamp)
    )
      return { ok: false, reason: 'signature' };
    if (input.rawBody.length > 64 * 1024) return { ok: false, reason: 'malformed' };
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${timestamp}\n${nonce}\n${input.rawBody}\n`);
    if (!verifier.verify(keys.publicKeyPem, signature, 'base64'))
      return { ok: false, reason: 'signature' };
    if (Math.abs(input.now.getTime() - Number(timestamp) * 1000) > NOTIFICATION_WINDOW_MS)
      return { ok: false, reason: 'stale' };
    const body = JSON.parse(input.rawBody) as {
      id?: unknown;
      event_type?: unknown;
      resource?: Record<string, unknown>;
    };
    const kind = typeof body.event_type === 'string' ? EVENT_KIND[body.event_type] : undefined;
    const r = body.resource;
    if (
      !str(body.id) ||
      !kind ||
      !r ||
      typeof r.ciphertext !== 'string' ||
      r.ciphertext.length > 16_384 ||
      !str(r.nonce) ||
      typeof r.associated_data !== 'string'
    ) {
      return { ok: false, reason: 'malformed' };
    }
    let plain: Record<string, unknown>;
    try {
      const data = Buffer.from(r.ciphertext, 'base64');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        Buffer.from(keys.apiV3Key, 'base64'),
        Buffer.from(r.nonce),
      );
      decipher.setAAD(Buffer.from(r.associated_data));
      decipher.setAuthTag(data.subarray(data.length - 16));
      plain = JSON.parse(
        Buffer.concat([
          decipher.update(data.subarray(0, data.length - 16)),
          decipher.final(),
        ]).toString('utf8'),
      );
    } catch {
      return { ok: false, reason: 'decrypt' };
    }
    const amount = plain.amount as Record<string, unknown> | undefined;
    const amountFen = kind === 'refund' ? amount?.refund : amount?.total;
    const state =
      kind === 'payment'
        ? plain.trade_state
        : kind === 'refund'
          ? plain.refund_status
          : plain.payout_status;
    const txn =
      kind === 'payment'
        ? plain.transaction_id
        : kind === 'refund'
          ? plain.refund_id
          : plain.payout_id;
    if (!str(plain.out_trade_no) || !int(amountFen) || !str(txn) || !str(state))
      return { ok: false, reason: 'malformed' };
    const status = state === 'SUCCESS' ? 'SUCCESS' : state === 'CLOSED' ? 'CLOSED' : 'FAILED';
    return {
      ok: true,
      notifyId: body.id,
      kind,
      outTradeNo: plain.out_trade_no,
      providerTxnId: txn,
      amountFen,
      status,
      ...(str(plain.out_refund_no) ? { outRefundNo: plain.out_refund_no } : {}),
      ...(str(plain.out_payout_no) ? { outPayoutNo: plain.out_payout_no } : {}),
    };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}
