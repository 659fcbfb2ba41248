/**
 * The bridge adapters this process runs, made once from the environment:
 * with BRIDGE_URL and BRIDGE_SECRET the signed HTTP bridge (`http`) carries
 * new conversions; without them the in-process local bridge does. Both stay
 * registered so answers for conversions already made keep being accepted.
 * Kept out of the AppContext on purpose: only the bridge module needs it.
 */
import type { BridgeAdapter } from './adapter';
import { createLocalBridge } from './local-adapter';
import { createSignedHttpBridge } from './signed-http-adapter';

export interface BridgeRegistry {
  /** The adapter new conversions go through. */
  active: BridgeAdapter;
  adapters: Map<string, BridgeAdapter>;
}

let current: BridgeRegistry | undefined;

export function bridgeRegistryFromEnv(env: NodeJS.ProcessEnv = process.env): BridgeRegistry {
  const local = createLocalBridge();
  const adapters = new Map<string, BridgeAdapter>([[local.name, local]]);
  if (!env.BRIDGE_URL) return { active: local, adapters };
  if (!env.BRIDGE_SECRET || env.BRIDGE_SECRET.length < 16)
    throw new Error('BRIDGE_URL is set: BRIDGE_SECRET (at least 16 characters) is required');
  const http = createSignedHttpBridge({ url: env.BRIDGE_URL, secret: env.BRIDGE_SECRET });
  adapters.set(http.name, http);
  return { active: http, adapters };
}

export function bridgeRegistry(): BridgeRegistry {
  current ??= bridgeRegistryFromEnv();
  return current;
}

/** Tests: run with these adapters (the first one carries new conversions). */
export function useBridgeAdapters(...adapters: BridgeAdapter[]): BridgeRegistry {
  current = { active: adapters[0]!, adapters: new Map(adapters.map((a) => [a.name, a])) };
  return current;
}
