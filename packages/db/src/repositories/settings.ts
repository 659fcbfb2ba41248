/** Operator settings as JSON values by key. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { settings } from '../schema';

export async function getSetting<T>(tx: Tx, key: string): Promise<T | undefined> {
  const [row] = await tx.select().from(settings).where(eq(settings.key, key));
  return row?.value as T | undefined;
}

export async function putSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}

/** Insert only if absent; returns the value that is stored (first writer wins). */
export async function putSettingIfAbsent<T>(tx: Tx, key: string, value: T): Promise<T> {
  await tx.insert(settings).values({ key, value }).onConflictDoNothing();
  return (await getSetting<T>(tx, key)) as T;
}
