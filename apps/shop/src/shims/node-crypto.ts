/**
 * The part of `node:crypto` the engine's fairness code uses (fairness.ts,
 * blind-box.ts, economics/prng.ts): createHash('sha256') and
 * createHmac('sha256', key), synchronous, in pure JavaScript — so the shop's
 * 验证公平 runs the very same `verifyDraw` as the server (vite.config.ts aliases
 * `node:crypto` here). The engine also uses the global `Buffer` (from hex,
 * alloc, concat, read/writeUInt32BE, toString('hex')); a small stand-in is
 * installed when the browser has none. Tested against node:crypto in
 * test/unit/node-crypto-shim.test.ts.
 */

type Encoding = 'hex' | 'utf8' | 'utf-8';
type Input = string | Uint8Array;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function hexToBytes(hex: string): Uint8Array {
  // like Node: read pairs of hex digits and stop at the first that is not one
  const out: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const pair = hex.slice(i, i + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
    out.push(parseInt(pair, 16));
  }
  return Uint8Array.from(out);
}

function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Just enough of Node's Buffer for the engine. */
// @ts-expect-error Buffer.from(string, encoding) is deliberately not Uint8Array.from
export class ShimBuffer extends Uint8Array {
  static override from(
    value: string | ArrayLike<number> | Uint8Array,
    encoding?: Encoding,
  ): ShimBuffer {
    const bytes =
      typeof value === 'string'
        ? encoding === 'hex'
          ? hexToBytes(value)
          : encoder.encode(value)
        : Uint8Array.from(value);
    const b = new ShimBuffer(bytes.length);
    b.set(bytes);
    return b;
  }
  static alloc(size: number): ShimBuffer {
    return new ShimBuffer(size);
  }
  static concat(list: readonly Uint8Array[]): ShimBuffer {
    const b = new ShimBuffer(list.reduce((n, x) => n + x.length, 0));
    let offset = 0;
    for (const x of list) {
      b.set(x, offset);
      offset += x.length;
    }
    return b;
  }
  static isBuffer(x: unknown): x is ShimBuffer {
    return x instanceof ShimBuffer;
  }
  override toString(encoding: Encoding = 'utf8'): string {
    return encoding === 'hex' ? bytesToHex(this) : decoder.decode(this);
  }
  writeUInt32BE(value: number, offset = 0): number {
    new DataView(this.buffer, this.byteOffset, this.byteLength).setUint32(offset, value >>> 0);
    return offset + 4;
  }
  readUInt32BE(offset = 0): number {
    if (offset + 4 > this.length) throw new RangeError('offset out of range');
    return new DataView(this.buffer, this.byteOffset, this.byteLength).getUint32(offset);
  }
}

const g = globalThis as { Buffer?: unknown };
if (typeof g.Buffer === 'undefined') g.Buffer = ShimBuffer;

// ---- SHA-256 (FIPS 180-4)

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export function sha256(data: Uint8Array): Uint8Array {
  const bitLength = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, gg, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & gg);
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = gg;
      gg = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + gg) | 0;
    h[7] = (h[7]! + hh) | 0;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]!);
  return out;
}

function toBytes(data: Input, encoding?: Encoding): Uint8Array {
  if (typeof data !== 'string') return data;
  return encoding === 'hex' ? hexToBytes(data) : encoder.encode(data);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  return ShimBuffer.concat(parts);
}

function algorithmCheck(algorithm: string) {
  if (algorithm.toLowerCase() !== 'sha256')
    throw new Error(`node:crypto shim: only sha256 is available, not ${algorithm}`);
}

function output(bytes: Uint8Array, encoding?: 'hex'): string | ShimBuffer;
function output(bytes: Uint8Array, encoding?: 'hex') {
  return encoding === 'hex' ? bytesToHex(bytes) : ShimBuffer.from(bytes);
}

class Hash {
  private parts: Uint8Array[] = [];
  update(data: Input, encoding?: Encoding): this {
    this.parts.push(toBytes(data, encoding));
    return this;
  }
  digest(): ShimBuffer;
  digest(encoding: 'hex'): string;
  digest(encoding?: 'hex'): string | ShimBuffer {
    return output(sha256(concatBytes(this.parts)), encoding);
  }
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  return sha256(concatBytes([outer, sha256(concatBytes([inner, message]))]));
}

class Hmac {
  private parts: Uint8Array[] = [];
  constructor(private readonly key: Uint8Array) {}
  update(data: Input, encoding?: Encoding): this {
    this.parts.push(toBytes(data, encoding));
    return this;
  }
  digest(): ShimBuffer;
  digest(encoding: 'hex'): string;
  digest(encoding?: 'hex'): string | ShimBuffer {
    return output(hmacSha256(this.key, concatBytes(this.parts)), encoding);
  }
}

export function createHash(algorithm: string): Hash {
  algorithmCheck(algorithm);
  return new Hash();
}

export function createHmac(algorithm: string, key: Input): Hmac {
  algorithmCheck(algorithm);
  return new Hmac(toBytes(key));
}

export default { createHash, createHmac };
