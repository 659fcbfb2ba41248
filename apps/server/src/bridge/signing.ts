/**
 * The signed HTTP protocol of the chain bridge (docs/bridge.md), both halves:
 * HMAC-SHA256 with a shared secret over
 *   METHOD "\n" PATH "\n" TIMESTAMP "\n" NONCE "\n" BODY
 * sent as X-Bridge-Timestamp (unix seconds), X-Bridge-Nonce (16–64 hex) and
 * X-Bridge-Signature (lowercase hex). Answers are signed the same way with the
 * method `RESPONSE` and the request's own nonce, which binds an answer to the
 * request it answers. Pure, apart from the nonce it draws.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  BRIDGE_SIGNATURE_WINDOW_MS,
  type BridgeCallbackRefusal,
  type BridgeVerdict,
  type ParsedBridgeCallback,
} from './adapter';

export const HEADER_TIMESTAMP = 'x-bridge-timestamp';
export const HEADER_NONCE = 'x-bridge-nonce';
export const HEADER_SIGNATURE = 'x-bridge-signature';
/** Real answers and callbacks are a few hundred bytes. */
export const MAX_BRIDGE_BODY_CHARS = 16 * 1024;

export interface SignedMessage {
  headers: Record<string, string>;
  body: string;
}

export function canonicalString(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return `${method}\n${path}\n${timestamp}\n${nonce}\n${body}`;
}

export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

export function signMessage(
  secret: string,
  method: string,
  path: string,
  body: string,
  at: Date,
  nonce: string = randomBytes(16).toString('hex'),
): SignedMessage {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    headers: {
      [HEADER_TIMESTAMP]: timestamp,
      [HEADER_NONCE]: nonce,
      [HEADER_SIGNATURE]: hmacHex(secret, canonicalString(method, path, timestamp, nonce, body)),
    },
    body,
  };
}

/**
 * Checks a signed message: headers present and well formed, signature equal
 * (constant time), timestamp within five minutes of `now`. Never throws.
 */
export function verifyMessage(
  secret: string,
  method: string,
  path: string,
  headers: Record<string, string | undefined>,
  body: string,
  now: Date,
  expectedNonce?: string,
): { ok: true } | { ok: false; reason: BridgeCallbackRefusal } {
  if (body.length > MAX_BRIDGE_BODY_CHARS) return { ok: false, reason: 'malformed' };
  const timestamp = headers[HEADER_TIMESTAMP];
  const nonce = headers[HEADER_NONCE];
  const signature = headers[HEADER_SIGNATURE];
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'signature' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{16,64}$/.test(nonce))
    return { ok: false, reason: 'signature' };
  if (expectedNonce !== undefined && nonce !== expectedNonce)
    return { ok: false, reason: 'signature' };
  if (!/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'signature' };
  const expected = hmacHex(secret, canonicalString(method, path, timestamp, nonce, body));
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(signature, 'hex')))
    return { ok: false, reason: 'signature' };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > BRIDGE_SIGNATURE_WINDOW_MS)
    return { ok: false, reason: 'stale' };
  return { ok: true };
}

/** The JSON of an answer or a callback: `{ conversionId, status, txHash?, reason? }`. */
export function verdictBody(conversionNo: string, verdict: BridgeVerdict | { status: 'accepted' }) {
  const body: Record<string, string> = { conversionId: conversionNo, status: verdict.status };
  if (verdict.status === 'confirmed') body.txHash = verdict.chainRef;
  if (verdict.status === 'refused') body.reason = verdict.reason;
  return JSON.stringify(body);
}

export type ParsedAnswer =
  | { ok: true; conversionNo: string; answer: BridgeVerdict | { status: 'accepted' } }
  | { ok: false };

/** Reads an answer's or a callback's JSON; anything else is `{ ok: false }`. */
export function parseAnswerBody(body: string): ParsedAnswer {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return { ok: false };
  }
  if (typeof v !== 'object' || v === null) return { ok: false };
  const o = v as Record<string, unknown>;
  const no = o.conversionId;
  if (typeof no !== 'string' || !/^[A-Z0-9]{8,40}$/.test(no)) return { ok: false };
  const text = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= 200;
  if (o.status === 'accepted')
    return { ok: true, conversionNo: no, answer: { status: 'accepted' } };
  if (o.status === 'confirmed' && text(o.txHash))
    return {
      ok: true,
      conversionNo: no,
      answer: { status: 'confirmed', chainRef: o.txHash as string },
    };
  if (o.status === 'refused' && text(o.reason))
    return {
      ok: true,
      conversionNo: no,
      answer: { status: 'refused', reason: o.reason as string },
    };
  return { ok: false };
}

/** A callback (POST to our callback path) checked and read; only final verdicts may come this way. */
export function parseSignedCallback(
  secret: string,
  input: { path: string; headers: Record<string, string | undefined>; rawBody: string; now: Date },
): ParsedBridgeCallback {
  const checked = verifyMessage(
    secret,
    'POST',
    input.path,
    input.headers,
    input.rawBody,
    input.now,
  );
  if (!checked.ok) return checked;
  const parsed = parseAnswerBody(input.rawBody);
  if (!parsed.ok || parsed.answer.status === 'accepted') return { ok: false, reason: 'malformed' };
  return { ok: true, conversionNo: parsed.conversionNo, verdict: parsed.answer };
}
