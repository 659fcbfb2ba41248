/**
 * The chain bridge adapter (对接区块链, SPEC §10): what Pingou asks of any
 * chain system. A transfer is sent under the conversion number, which the
 * bridge must treat as its idempotency key (the same number again is the same
 * transfer, answered with its result, never done twice). The answer is final
 * (confirmed / refused) or `accepted`, in which case a signed callback brings
 * the verdict later. `send` throws when there is no usable answer (network,
 * timeout, bad signature): the outbox tries again with the same number.
 * Adapters never throw on hostile callback input; they say why they refuse.
 */

/** Callbacks and answers signed outside this window are refused (replay protection). */
export const BRIDGE_SIGNATURE_WINDOW_MS = 5 * 60_000;

export interface BridgeTransfer {
  conversionNo: string;
  /** out: dividend points leave for the chain; in: digital points come back. */
  direction: 'out' | 'in';
  /** The member as the chain knows them (`pingou:<member id>`). */
  account: string;
  /** Hundredths of a point. */
  amount: number;
}

export type BridgeVerdict =
  { status: 'confirmed'; chainRef: string } | { status: 'refused'; reason: string };

export type BridgeAnswer = BridgeVerdict | { status: 'accepted' };

export interface BridgeCallbackInput {
  /** The request path as signed, e.g. /api/v1/bridge/callback/http. */
  path: string;
  headers: Record<string, string | undefined>;
  rawBody: string;
  now: Date;
}

export type BridgeCallbackRefusal = 'signature' | 'stale' | 'malformed';

export type ParsedBridgeCallback =
  | { ok: true; conversionNo: string; verdict: BridgeVerdict }
  | { ok: false; reason: BridgeCallbackRefusal };

export interface BridgeAdapter {
  readonly name: string;
  send(transfer: BridgeTransfer): Promise<BridgeAnswer>;
  parseCallback(input: BridgeCallbackInput): ParsedBridgeCallback;
}
