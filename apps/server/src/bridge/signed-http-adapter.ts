/**
 * The real protocol: a bridge service reached over signed HTTP (docs/bridge.md).
 * `POST <BRIDGE_URL>/v1/conversions` with the transfer as JSON, HMAC-SHA256
 * signed with the shared secret; the answer must be signed back (method
 * `RESPONSE`, our nonce) or it is not believed. Asynchronous verdicts arrive
 * at /api/v1/bridge/callback/http, signed the same way.
 */
import type {
  BridgeAdapter,
  BridgeAnswer,
  BridgeCallbackInput,
  BridgeTransfer,
  ParsedBridgeCallback,
} from './adapter';
import {
  MAX_BRIDGE_BODY_CHARS,
  parseAnswerBody,
  parseSignedCallback,
  signMessage,
  verifyMessage,
} from './signing';

export interface SignedHttpBridgeOptions {
  name?: string;
  /** Base URL of the bridge service, e.g. https://bridge.example.com/api */
  url: string;
  secret: string;
  timeoutMs?: number;
  now?: () => Date;
}

export function createSignedHttpBridge(opts: SignedHttpBridgeOptions): BridgeAdapter {
  const base = new URL(opts.url);
  const endpoint = new URL(`${base.pathname.replace(/\/+$/, '')}/v1/conversions`, base);
  const path = endpoint.pathname;
  const now = opts.now ?? (() => new Date());
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: opts.name ?? 'http',
    async send(t: BridgeTransfer): Promise<BridgeAnswer> {
      const body = JSON.stringify({
        conversionId: t.conversionNo,
        direction: t.direction,
        account: t.account,
        amount: t.amount,
      });
      const signed = signMessage(opts.secret, 'POST', path, body, now());
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed.headers },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`bridge answered HTTP ${res.status}`);
      if (text.length > MAX_BRIDGE_BODY_CHARS) throw new Error('bridge answer too large');
      const headers: Record<string, string | undefined> = {};
      res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      const checked = verifyMessage(
        opts.secret,
        'RESPONSE',
        path,
        headers,
        text,
        now(),
        signed.headers['x-bridge-nonce'],
      );
      if (!checked.ok) throw new Error(`bridge answer refused: ${checked.reason}`);
      const parsed = parseAnswerBody(text);
      if (!parsed.ok || parsed.conversionNo !== t.conversionNo)
        throw new Error('bridge answer malformed or for another conversion');
      return parsed.answer;
    },
    parseCallback(input: BridgeCallbackInput): ParsedBridgeCallback {
      return parseSignedCallback(opts.secret, input);
    },
  };
}
