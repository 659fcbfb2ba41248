// Shared keys and clock for the payment adapter tests: RSA key generation is slow, so once per file.
import { createSandboxProvider, generateSandboxKeys } from '../../../src/payments/sandbox-provider';

export const now = new Date('2026-11-25T04:00:00Z');
export const keys = generateSandboxKeys();
/** Another provider's keys: whatever it signs or encrypts is a forgery to us. */
export const otherKeys = generateSandboxKeys();

export function newSandbox(clock: () => Date = () => now) {
  return createSandboxProvider(keys, clock);
}

export async function paidOrder(
  sandbox: ReturnType<typeof newSandbox>,
  outTradeNo: string,
  amountFen: number,
) {
  await sandbox.createOrder({
    outTradeNo,
    amountFen,
    description: '拼购零钱充值',
    notifyUrl: 'https://pingou.test/api/v1/payments/notify/sandbox',
    expiresAt: new Date(now.getTime() + 30 * 60_000),
  });
  return sandbox.simulatePayment(outTradeNo);
}
