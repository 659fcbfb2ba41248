/**
 * The sandbox provider's keys: an RSA-2048 "platform" key pair (the sandbox
 * signs notifications, the adapter verifies them) and a 32-byte API v3 key
 * (AES-256-GCM for the notification resource). Plain JSON so the server can
 * keep them in its settings table and verify the same signatures after a restart.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

export interface SandboxKeys {
  /** Identifies the platform certificate, sent as Wechatpay-Serial. */
  serial: string;
  privateKeyPem: string;
  publicKeyPem: string;
  /** 32-byte API v3 key, base64. */
  apiV3Key: string;
}

export function generateSandboxKeys(): SandboxKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    serial: randomBytes(20).toString('hex').toUpperCase(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    apiV3Key: randomBytes(32).toString('base64'),
  };
}

/**
 * Restores keys read back from storage. Throws on anything unusable: a sandbox
 * that silently refused every notification would be far harder to diagnose.
 */
export function parseSandboxKeys(value: unknown): SandboxKeys {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { serial, privateKeyPem, publicKeyPem, apiV3Key } = v;
  if (
    typeof serial !== 'string' ||
    !/^[0-9A-Za-z]{1,64}$/.test(serial) ||
    typeof privateKeyPem !== 'string' ||
    typeof publicKeyPem !== 'string' ||
    typeof apiV3Key !== 'string'
  ) {
    throw new Error('sandbox keys: expected { serial, privateKeyPem, publicKeyPem, apiV3Key }');
  }
  if (Buffer.from(apiV3Key, 'base64').length !== 32)
    throw new Error('sandbox keys: apiV3Key must be 32 bytes, base64');
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(publicKeyPem);
  if (privateKey.asymmetricKeyType !== 'rsa' || publicKey.asymmetricKeyType !== 'rsa')
    throw new Error('sandbox keys: the platform keys must be RSA');
  const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!derived.equals(publicKey.export({ type: 'spki', format: 'der' })))
    throw new Error('sandbox keys: the public key does not belong to the private key');
  return { serial, privateKeyPem, publicKeyPem, apiV3Key };
}
