/**
 * A bridge's signed asynchronous verdict (POST /api/v1/bridge/callback/:adapter).
 * Checked in order: a known adapter, its signature and time window, a known
 * conversion carried by that adapter, a verdict its state allows. Every
 * refusal is logged and changes nothing; the same verdict twice is
 * acknowledged as `duplicate` with one effect.
 */
import { AppError } from '@pingou/contract';
import { bridgeRepo, inTransaction } from '@pingou/db';
import { bridgeRegistry } from '../../bridge/registry';
import type { AppContext } from '../../context';
import { applyBridgeAnswer } from './apply-bridge-answer';

export async function handleBridgeCallback(
  ctx: AppContext,
  adapterName: string,
  input: { path: string; headers: Record<string, string | undefined>; rawBody: string },
): Promise<{ outcome: 'confirmed' | 'reversed' | 'duplicate'; conversionNo: string }> {
  const refuse = (code: ConstructorParameters<typeof AppError>[0], detail: object): never => {
    ctx.log.warn({ adapter: adapterName, code, ...detail }, 'bridge callback refused');
    throw new AppError(code);
  };
  const adapter = bridgeRegistry().adapters.get(adapterName);
  if (!adapter) return refuse('BRIDGE_ADAPTER_UNKNOWN', {});
  const parsed = adapter.parseCallback({ ...input, now: ctx.clock.now() });
  if (!parsed.ok)
    return refuse(
      parsed.reason === 'malformed' ? 'VALIDATION_FAILED' : 'BRIDGE_SIGNATURE_INVALID',
      { reason: parsed.reason },
    );
  const { conversionNo, verdict } = parsed;
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const c = await bridgeRepo.findConversionByNo(tx, conversionNo, { forUpdate: true });
    // Another adapter's conversion is unknown to this one.
    if (!c || c.adapter !== adapterName) return 'unknown' as const;
    return applyBridgeAnswer(tx, c, verdict, ctx.clock.now());
  });
  if (outcome === 'unknown') return refuse('CONVERSION_NOT_FOUND', { conversionNo });
  if (outcome === 'conversion_state' || outcome === 'sent')
    return refuse('CONVERSION_STATE', { conversionNo, verdict });
  return { outcome, conversionNo };
}
