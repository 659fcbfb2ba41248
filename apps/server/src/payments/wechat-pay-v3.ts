/**
 * The WeChat Pay v3 notification wire format, both halves. Building: the
 * resource is encrypted AEAD_AES_256_GCM under the API v3 key, the body is
 * signed SHA256withRSA over "timestamp\nnonce\nbody\n" by the platform key and
 * sent with Wechatpay-Timestamp / -Nonce / -Signature / -Serial headers.
 * Verifying: what any WeChat-style adapter does — size, serial, signature,
 * replay window, decryption, then the resource's shape — and it never throws.
 */
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  createSign,
  randomBytes,
  randomUUID,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  NOTIFICATION_WINDOW_MS,
  type NotificationInput,
  type NotificationKind,
  type NotificationStatus,
  type ParsedNotification,
  type ProviderAck,
  type VerifiedNotification,
} from './provider';

/** Larger bodies are refused before any hashing: real notifications are a few hundred bytes. */
export const MAX_NOTIFICATION_CHARS = 64 * 1024;

export interface WechatSignKeys {
  serial: string;
  privateKeyPem: string;
}
export interface WechatEncryptKeys {
  /** 32 bytes, base64. */
  apiV3Key: string;
}
export interface WechatVerifyKeys extends WechatEncryptKeys {
  serial: string;
  publicKeyPem: string;
}

export interface SignedNotification {
  headers: Record<string, string>;
  rawBody: string;
}

export type WechatEventType =
  | 'TRANSACTION.SUCCESS'
  | 'TRANSACTION.CLOSED'
  | 'REFUND.SUCCESS'
  | 'REFUND.ABNORMAL'
  | 'REFUND.CLOSED'
  | 'PAYOUT.SUCCESS'
  | 'PAYOUT.FAILED';

const EVENTS: Record<WechatEventType, { kind: NotificationKind; status: NotificationStatus }> = {
  'TRANSACTION.SUCCESS': { kind: 'payment', status: 'SUCCESS' },
  'TRANSACTION.CLOSED': { kind: 'payment', status: 'CLOSED' },
  'REFUND.SUCCESS': { kind: 'refund', status: 'SUCCESS' },
  'REFUND.ABNORMAL': { kind: 'refund', status: 'FAILED' },
  'REFUND.CLOSED': { kind: 'refund', status: 'CLOSED' },
  'PAYOUT.SUCCESS': { kind: 'payout', status: 'SUCCESS' },
  'PAYOUT.FAILED': { kind: 'payout', status: 'FAILED' },
};

/** The resource's own state field, per kind; it must agree with the event type. */
const STATES: Record<NotificationKind, Record<string, NotificationStatus>> = {
  payment: { SUCCESS: 'SUCCESS', CLOSED: 'CLOSED' },
  refund: { SUCCESS: 'SUCCESS', ABNORMAL: 'FAILED', CLOSED: 'CLOSED' },
  payout: { SUCCESS: 'SUCCESS', FAILED: 'FAILED' },
};

const ASSOCIATED_DATA: Record<NotificationKind, string> = {
  payment: 'transaction',
  refund: 'refund',
  payout: 'payout',
};

/**
 * Builds a notification as the provider sends it: the resource encrypted with
 * `encryptKeys`, the body signed with `signKeys` (another key pair = a forgery).
 */
export function signWechatStyle(
  signKeys: WechatSignKeys,
  encryptKeys: WechatEncryptKeys,
  eventType: string,
  resource: object,
  at: Date,
): SignedNotification {
  const kind = lookup(EVENTS, eventType)?.kind ?? 'payment';
  const associatedData = ASSOCIATED_DATA[kind];
  // WeChat's resource nonce is a 12-character string used as the GCM IV bytes.
  const resourceNonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv(
    'aes-256-gcm',
    Buffer.from(encryptKeys.apiV3Key, 'base64'),
    Buffer.from(resourceNonce),
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
    summary: 'sandbox notification',
    resource: {
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext,
      nonce: resourceNonce,
      associated_data: associatedData,
      original_type: associatedData,
    },
  });
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex');
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

/**
 * Prepares the keys once (PEM parsing is not free) and returns the verifier.
 * Throws only here, on unusable keys; the verifier itself never throws.
 */
export function createWechatVerifier(
  keys: WechatVerifyKeys,
): (input: NotificationInput) => ParsedNotification {
  const apiKey = Buffer.from(keys.apiV3Key, 'base64');
  if (apiKey.length !== 32) throw new Error('API v3 key must be 32 bytes');
  const prepared = { serial: keys.serial, publicKey: createPublicKey(keys.publicKeyPem), apiKey };
  return (input) => {
    try {
      return verifyAndDecrypt(prepared, input);
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  };
}

/** One-off verification; a provider keeps a `createWechatVerifier` instead. */
export function parseWechatStyle(
  keys: WechatVerifyKeys,
  input: NotificationInput,
): ParsedNotification {
  return createWechatVerifier(keys)(input);
}

interface PreparedKeys {
  serial: string;
  publicKey: KeyObject;
  apiKey: Buffer;
}

type Refusal = Extract<ParsedNotification, { ok: false }>;
const refuse = (reason: Refusal['reason']): Refusal => ({ ok: false, reason });

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128;
const isFen = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Own-property lookup: a hostile "constructor" or "__proto__" must not find Object's members. */
function lookup<T>(table: Record<string, T>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers))
    if (k.toLowerCase() === name) return typeof v === 'string' ? v : undefined;
  return undefined;
}

function isSignedBy(publicKey: KeyObject, message: string, signatureBase64: string): boolean {
  try {
    return verify(
      'sha256',
      Buffer.from(message),
      publicKey,
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}

function verifyAndDecrypt(keys: PreparedKeys, input: NotificationInput): ParsedNotification {
  const { rawBody, now } = input;
  if (typeof rawBody !== 'string' || rawBody.length > MAX_NOTIFICATION_CHARS)
    return refuse('malformed');

  // 1. Who sent it: the platform key named by the serial signed exactly these bytes.
  const timestamp = header(input.headers, 'wechatpay-timestamp');
  const nonce = header(input.headers, 'wechatpay-nonce');
  const signature = header(input.headers, 'wechatpay-signature');
  const serial = header(input.headers, 'wechatpay-serial');
  if (
    timestamp === undefined ||
    !/^\d{1,12}$/.test(timestamp) ||
    !isId(nonce) ||
    signature === undefined ||
    signature.length > 1024 ||
    !BASE64.test(signature) ||
    serial !== keys.serial
  ) {
    return refuse('signature');
  }
  if (!isSignedBy(keys.publicKey, `${timestamp}\n${nonce}\n${rawBody}\n`, signature))
    return refuse('signature');

  // 2. When: a genuine notification replayed later is refused.
  // Written as "not within" so that an invalid clock (NaN) refuses too.
  if (!(Math.abs(now.getTime() - Number(timestamp) * 1000) <= NOTIFICATION_WINDOW_MS))
    return refuse('stale');

  // 3. The envelope.
  const body: unknown = JSON.parse(rawBody);
  if (!isRecord(body) || !isId(body.id) || body.resource_type !== 'encrypt-resource')
    return refuse('malformed');
  const event = lookup(EVENTS, body.event_type);
  const r = body.resource;
  if (
    !event ||
    !isRecord(r) ||
    r.algorithm !== 'AEAD_AES_256_GCM' ||
    typeof r.ciphertext !== 'string' ||
    !BASE64.test(r.ciphertext) ||
    typeof r.nonce !== 'string' ||
    Buffer.byteLength(r.nonce) !== 12 ||
    typeof r.associated_data !== 'string' ||
    r.associated_data.length > 64
  ) {
    return refuse('malformed');
  }

  // 4. The resource, readable only with our API v3 key.
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length <= 16) return refuse('malformed');
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.apiKey, Buffer.from(r.nonce));
    decipher.setAAD(Buffer.from(r.associated_data));
    decipher.setAuthTag(data.subarray(data.length - 16));
    plaintext = Buffer.concat([
      decipher.update(data.subarray(0, data.length - 16)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    return refuse('decrypt');
  }
  const resource: unknown = JSON.parse(plaintext);
  if (!isRecord(resource)) return refuse('malformed');
  const fields = readResource(event.kind, resource);
  if (!fields || fields.status !== event.status) return refuse('malformed');
  return { ok: true, notifyId: body.id, kind: event.kind, ...fields };
}

type ResourceFields = Omit<VerifiedNotification, 'ok' | 'notifyId' | 'kind'>;

/** The resource's fields as WeChat names them (payouts: the sandbox's own, alike in spirit). */
function readResource(
  kind: NotificationKind,
  r: Record<string, unknown>,
): ResourceFields | undefined {
  const amount = isRecord(r.amount) ? r.amount : {};
  // WeChat sends the currency on transactions; refund amounts omit it. Only CNY is money here.
  const currency = amount.currency;
  if (currency === undefined ? kind === 'payment' : currency !== 'CNY') return undefined;
  switch (kind) {
    case 'payment': {
      const status = lookup(STATES.payment, r.trade_state);
      if (!status || !isId(r.out_trade_no) || !isId(r.transaction_id) || !isFen(amount.total))
        return undefined;
      return {
        outTradeNo: r.out_trade_no,
        providerTxnId: r.transaction_id,
        amountFen: amount.total,
        status,
      };
    }
    case 'refund': {
      const status = lookup(STATES.refund, r.refund_status);
      if (
        !status ||
        !isId(r.out_trade_no) ||
        !isId(r.out_refund_no) ||
        !isId(r.refund_id) ||
        !isFen(amount.refund)
      )
        return undefined;
      return {
        outTradeNo: r.out_trade_no,
        outRefundNo: r.out_refund_no,
        providerTxnId: r.refund_id,
        amountFen: amount.refund,
        status,
      };
    }
    case 'payout': {
      const status = lookup(STATES.payout, r.payout_status);
      if (!status || !isId(r.out_payout_no) || !isId(r.payout_id) || !isFen(amount.total))
        return undefined;
      return {
        outTradeNo: r.out_payout_no,
        outPayoutNo: r.out_payout_no,
        providerTxnId: r.payout_id,
        amountFen: amount.total,
        status,
      };
    }
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** WeChat v3's answer to a notification: 200 `SUCCESS` stops its retries; 4xx `FAIL` makes it retry. */
export function wechatAck(ok: boolean): ProviderAck {
  return ok
    ? { status: 200, body: { code: 'SUCCESS' } }
    : { status: 400, body: { code: 'FAIL', message: 'refused' } };
}
