/** The shop's node:crypto stand-in must agree with node:crypto byte for byte. */
import * as real from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitment, drawRandomness, randomStream } from '@pingou/engine';
import * as shim from '../../src/shims/node-crypto';

const bytes = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe('node:crypto shim', () => {
  it('SHA-256 equals node:crypto on random bytes and strings', () => {
    fc.assert(
      fc.property(bytes, fc.string({ maxLength: 200 }), (b, s) => {
        expect(shim.createHash('sha256').update(b).digest('hex')).toBe(
          real.createHash('sha256').update(b).digest('hex'),
        );
        expect(shim.createHash('sha256').update(s, 'utf8').digest('hex')).toBe(
          real.createHash('sha256').update(s, 'utf8').digest('hex'),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('HMAC-SHA256 equals node:crypto for keys shorter and longer than a block', () => {
    fc.assert(
      fc.property(bytes, bytes, fc.string({ maxLength: 100 }), (key, msg, tail) => {
        const a = shim.createHmac('sha256', key).update(msg).update(tail, 'utf8').digest();
        const b = real.createHmac('sha256', key).update(msg).update(tail, 'utf8').digest();
        expect(Buffer.from(a).toString('hex')).toBe(b.toString('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('Buffer stand-in matches the operations the engine uses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 40 }), fc.nat(2 ** 32 - 1), (b, n) => {
        const hex = Buffer.from(b).toString('hex');
        const s = shim.ShimBuffer.from(hex, 'hex');
        expect(s.toString('hex')).toBe(hex);
        expect(s.readUInt32BE(0)).toBe(Buffer.from(b).readUInt32BE(0));
        const w = shim.ShimBuffer.alloc(4);
        w.writeUInt32BE(n);
        const r = Buffer.alloc(4);
        r.writeUInt32BE(n);
        expect(w.toString('hex')).toBe(r.toString('hex'));
        expect(shim.ShimBuffer.concat([s, w]).toString('hex')).toBe(
          Buffer.concat([Buffer.from(b), r]).toString('hex'),
        );
      }),
    );
  });

  it('reproduces the worked example of docs/fairness.md', () => {
    const seed = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join('');
    expect(shim.createHash('sha256').update(shim.ShimBuffer.from(seed, 'hex')).digest('hex')).toBe(
      commitment(seed),
    );
    const seats = [
      { seatNo: 1, memberRef: 'M81234', clientSeed: 'hello' },
      { seatNo: 2, memberRef: 'HOUSE', clientSeed: '' },
      { seatNo: 3, memberRef: 'M77', clientSeed: 'abc' },
      { seatNo: 4, memberRef: 'M90', clientSeed: '' },
      { seatNo: 5, memberRef: 'M12', clientSeed: 'xyz' },
      { seatNo: 6, memberRef: 'M5', clientSeed: '' },
    ];
    const message = 'pingou-draw-v1|G1001|1:M81234:hello|2:HOUSE:|3:M77:abc|4:M90:|5:M12:xyz|6:M5:';
    const randomness = shim
      .createHmac('sha256', shim.ShimBuffer.from(seed, 'hex'))
      .update(message, 'utf8')
      .digest('hex');
    expect(randomness).toBe(drawRandomness(seed, 'G1001', seats));
    expect(randomness).toBe('10a0ab56950d52d71a244db871707231e8e47dfb6c1ec2c8a6989d57cbe2bab6');
    const block0 = shim
      .createHmac('sha256', shim.ShimBuffer.from(seed, 'hex'))
      .update(
        shim.ShimBuffer.concat([shim.ShimBuffer.from(randomness, 'hex'), shim.ShimBuffer.alloc(4)]),
      )
      .digest();
    expect(block0.readUInt32BE(0)).toBe(randomStream(seed, randomness).nextUint32());
  });
});
