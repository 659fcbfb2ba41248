/**
 * The local bridge: a chain simulated in-process, for tests, demos and a
 * server with no BRIDGE_URL. It keeps one result per conversion number, so a
 * number sent twice is one transfer answered twice. Modes:
 * - confirm: done at once, answered `confirmed`;
 * - refuse: a definite refusal;
 * - timeout: done, but the answer is lost (the send throws), as when a
 *   network drops the reply; the retry learns the result;
 * - async: `accepted`; the verdict comes later as a signed callback
 *   (`signCallback`), exactly like the real protocol's.
 */
import { randomBytes } from 'node:crypto';
import type {
  BridgeAdapter,
  BridgeAnswer,
  BridgeCallbackInput,
  BridgeTransfer,
  BridgeVerdict,
  ParsedBridgeCallback,
} from './adapter';
import { parseSignedCallback, signMessage, verdictBody, type SignedMessage } from './signing';

export type LocalBridgeMode = 'confirm' | 'refuse' | 'timeout' | 'async';

export interface LocalBridge extends BridgeAdapter {
  mode: LocalBridgeMode;
  /** Every conversion number received, repeats included. */
  readonly received: string[];
  /** What the simulated chain did, once per conversion number. */
  readonly transfers: Map<string, BridgeTransfer & { result: BridgeVerdict }>;
  /** A signed callback carrying a verdict, as the chain would post it to `path`. */
  signCallback(
    conversionNo: string,
    verdict: BridgeVerdict,
    at: Date,
    path?: string,
  ): SignedMessage;
}

export const LOCAL_CALLBACK_PATH = '/api/v1/bridge/callback/local';

export function createLocalBridge(
  opts: { mode?: LocalBridgeMode; secret?: string } = {},
): LocalBridge {
  const secret = opts.secret ?? randomBytes(32).toString('hex');
  const received: string[] = [];
  const transfers = new Map<string, BridgeTransfer & { result: BridgeVerdict }>();
  let seq = 0;
  const bridge: LocalBridge = {
    name: 'local',
    mode: opts.mode ?? 'confirm',
    received,
    transfers,
    async send(t: BridgeTransfer): Promise<BridgeAnswer> {
      received.push(t.conversionNo);
      const known = transfers.get(t.conversionNo);
      if (known) return known.result;
      switch (bridge.mode) {
        case 'confirm':
        case 'timeout': {
          const result: BridgeVerdict = {
            status: 'confirmed',
            chainRef: `0xlocal${String(++seq).padStart(8, '0')}`,
          };
          transfers.set(t.conversionNo, { ...t, result });
          if (bridge.mode === 'timeout') throw new Error('local bridge: answer lost (timeout)');
          return result;
        }
        case 'refuse': {
          const result: BridgeVerdict = { status: 'refused', reason: 'refused by the local chain' };
          transfers.set(t.conversionNo, { ...t, result });
          return result;
        }
        case 'async':
          return { status: 'accepted' };
        default: {
          const never: never = bridge.mode;
          return never;
        }
      }
    },
    parseCallback(input: BridgeCallbackInput): ParsedBridgeCallback {
      return parseSignedCallback(secret, input);
    },
    signCallback(conversionNo, verdict, at, path = LOCAL_CALLBACK_PATH) {
      return signMessage(secret, 'POST', path, verdictBody(conversionNo, verdict), at);
    },
  };
  return bridge;
}
