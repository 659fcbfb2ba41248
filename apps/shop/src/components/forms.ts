/** Checks shared by the shop's forms; the same patterns as the API contract (packages/contract). */
export const PHONE = /^1[3-9]\d{9}$/;
export const INVITE = /^[A-Z0-9]{6,12}$/;
export const CLIENT_SEED = /^[A-Za-z0-9._~-]{0,64}$/;

/** A client seed from the browser's CSPRNG: 16 random bytes as hex. */
export function newClientSeed(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
