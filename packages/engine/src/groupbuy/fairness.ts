/**
 * Provably fair draws (SPEC §0.3, §5): commit to a secret server seed when a
 * group opens, reveal it after the draw, and pick winners by a documented
 * deterministic procedure that anyone can recompute. The procedure is written
 * out in `FAIRNESS_PROCEDURE_MD` (and docs/fairness.md); the code below is its
 * reference implementation and `verifyDraw` its verifier.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ExclusionRule } from './eligibility';
import type { ConflictPolicy } from './settings';

export const DRAW_VERSION = 'pingou-draw-v1';

export const FAIRNESS_PROCEDURE_MD = `
### Procedure \`${DRAW_VERSION}\`

1. **Server seed.** When a group opens the server draws 32 random bytes, the
   _server seed_, kept secret until the draw. It is written as 64 lowercase hex
   digits.
2. **Commitment.** Published with the group before anyone joins:
   \`commitment = hex(SHA-256(server seed bytes))\` — the hash of the 32 raw
   bytes, not of their hex text.
3. **Seats.** Each seat has its number (1..N), a public member reference
   (\`HOUSE\` for house seats, 平台补位) and the client seed sent with the join
   (empty when none). Group id, member reference and client seed are made of
   the characters \`A–Z a–z 0–9 . _ ~ -\` only (1–64 characters; a client seed
   may be empty), so the message below is unambiguous.
4. **Message.** In ascending seat order:
   \`${DRAW_VERSION}|<groupId>|<seatNo>:<memberRef>:<clientSeed>|<seatNo>:<memberRef>:<clientSeed>|…\`
   encoded as UTF-8 (which, for these characters, is ASCII).
5. **Randomness.** \`randomness = HMAC-SHA256(key = server seed bytes, message)\`, 32 bytes.
6. **Random stream.** Block _i_ (i = 0, 1, 2 …) is
   \`HMAC-SHA256(key = server seed bytes, randomness ‖ uint32_be(i))\` — the 32
   randomness bytes followed by the 4-byte big-endian counter. Each block is
   read as eight unsigned 32-bit big-endian integers, in order; when they are
   used up the next block is computed.
7. **Unbiased integer below n.** Let \`limit = floor(2^32 / n) × n\`. Take the
   next integer \`u\` of the stream; if \`u ≥ limit\`, discard it and take
   another; otherwise the result is \`u mod n\`. (Rejection sampling: every
   value 0..n-1 is equally likely.)
8. **Choosing k of a list** (partial Fisher–Yates). For \`i = 0 … k-1\`:
   \`j = i + (unbiased integer below (length − i))\`; swap items \`i\` and \`j\`.
   The first \`k\` items are chosen, in this order.
9. **Winners.** \`E\` = the eligible seat numbers in ascending order; \`M\` = the
   number of winners.
   - If \`E\` has at least \`M\` seats: the winners are \`M\` chosen of \`E\` (step 8).
   - Otherwise, under conflict policy \`fail\`: the group fails (成团流失), nobody
     wins, everyone is refunded.
   - Otherwise, under \`random\` (随机开奖): every seat of \`E\` wins without using the
     stream, then \`M − |E|\` more are chosen (step 8, the stream starting at
     block 0) from \`I\` = the ineligible seats that are not house seats, in
     ascending seat order. These are _forced winners_.
   - House seats are never eligible and never in \`I\`: they never win.
10. **Publication.** After the draw the server publishes the server seed, the
    seat list (number, member reference, client seed, eligible, the rule that
    excluded it), the randomness and the winners. A verifier checks the
    commitment, recomputes the randomness and the winners, and compares.
`.trim();

export interface DrawSeat {
  seatNo: number;
  /** Public reference of the seat holder; `HOUSE` for house seats. */
  memberRef: string;
  /** Sent with the join; empty string when none. */
  clientSeed: string;
}

export interface DrawSeatEligibility extends DrawSeat {
  eligible: boolean;
  excludedBy: ExclusionRule | null;
}

export const HOUSE_MEMBER_REF = 'HOUSE';

const FIELD = /^[A-Za-z0-9._~-]{1,64}$/;
const CLIENT_SEED = /^[A-Za-z0-9._~-]{0,64}$/;
const SEED_HEX = /^[0-9a-f]{64}$/;

export class FairnessInputError extends Error {
  override name = 'FairnessInputError';
}

/** The 32 secret bytes as the hex text the server stores and later reveals. */
export function newServerSeed(random32Bytes: Uint8Array): string {
  if (random32Bytes.length !== 32) throw new FairnessInputError('a server seed is 32 bytes');
  return Buffer.from(random32Bytes).toString('hex');
}

/** SHA-256 of the server seed's 32 bytes, hex: published when the group opens. */
export function commitment(serverSeedHex: string): string {
  return createHash('sha256').update(seedBytes(serverSeedHex)).digest('hex');
}

export function isValidClientSeed(clientSeed: string): boolean {
  return CLIENT_SEED.test(clientSeed);
}

/** The canonical message of step 4. */
export function drawMessage(groupId: string | number, seats: readonly DrawSeat[]): string {
  const gid = String(groupId);
  if (!FIELD.test(gid))
    throw new FairnessInputError(`group id ${gid} has characters outside the set`);
  const parts = inSeatOrder(seats).map((s) => {
    if (!Number.isSafeInteger(s.seatNo) || s.seatNo < 1)
      throw new FairnessInputError(`bad seat number ${s.seatNo}`);
    if (!FIELD.test(s.memberRef))
      throw new FairnessInputError(`member reference of seat ${s.seatNo} is not allowed`);
    if (!CLIENT_SEED.test(s.clientSeed))
      throw new FairnessInputError(`client seed of seat ${s.seatNo} is not allowed`);
    return `${s.seatNo}:${s.memberRef}:${s.clientSeed}`;
  });
  return [DRAW_VERSION, gid, ...parts].join('|');
}

/** HMAC-SHA256(server seed, message), hex (step 5). */
export function drawRandomness(
  serverSeedHex: string,
  groupId: string | number,
  seats: readonly DrawSeat[],
): string {
  return createHmac('sha256', seedBytes(serverSeedHex))
    .update(drawMessage(groupId, seats), 'utf8')
    .digest('hex');
}

/** The random stream of steps 6–7: unbiased integers below n. */
export function randomStream(serverSeedHex: string, randomnessHex: string) {
  const key = seedBytes(serverSeedHex);
  const randomness = Buffer.from(randomnessHex, 'hex');
  if (randomness.length !== 32) throw new FairnessInputError('randomness is 32 bytes');
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  const nextUint32 = (): number => {
    if (offset >= block.length) {
      const ctr = Buffer.alloc(4);
      ctr.writeUInt32BE(counter);
      counter += 1;
      block = createHmac('sha256', key)
        .update(Buffer.concat([randomness, ctr]))
        .digest();
      offset = 0;
    }
    const u = block.readUInt32BE(offset);
    offset += 4;
    return u;
  };
  const below = (n: number): number => {
    if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 32)
      throw new FairnessInputError(`cannot draw below ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const u = nextUint32();
      if (u < limit) return u % n;
    }
  };
  return { nextUint32, below };
}
export type RandomStream = ReturnType<typeof randomStream>;

/** Partial Fisher–Yates (step 8): the first `k` items after `k` swaps, in drawn order. */
export function chooseK<T>(items: readonly T[], k: number, stream: RandomStream): T[] {
  if (k < 0 || k > items.length)
    throw new FairnessInputError(`cannot choose ${k} of ${items.length}`);
  const a = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + stream.below(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

export interface DrawInput {
  serverSeedHex: string;
  groupId: string | number;
  /** M */
  winners: number;
  conflictPolicy: ConflictPolicy;
  seats: readonly DrawSeatEligibility[];
}

export type DrawOutcome =
  | {
      outcome: 'drawn';
      randomnessHex: string;
      /** Winning seat numbers, ascending. */
      winners: number[];
      /** The winners chosen among ineligible seats under policy `random`, ascending. */
      forcedWinners: number[];
      /** Seat numbers in the order the procedure chose them. */
      drawOrder: number[];
    }
  | { outcome: 'failed_conflict'; randomnessHex: string };

/** Steps 5–9: the draw from the seed, the seats and their eligibility. */
export function drawWinners(input: DrawInput): DrawOutcome {
  const seats = inSeatOrder(input.seats);
  const randomnessHex = drawRandomness(input.serverSeedHex, input.groupId, seats);
  const stream = randomStream(input.serverSeedHex, randomnessHex);
  const m = input.winners;
  const eligible = seats.filter((s) => s.eligible).map((s) => s.seatNo);
  const ineligibleReal = seats
    .filter((s) => !s.eligible && s.excludedBy !== 'HOUSE')
    .map((s) => s.seatNo);
  if (eligible.length + ineligibleReal.length < m)
    throw new FairnessInputError(`a group needs at least ${m} real members to be drawn`);

  if (eligible.length >= m) {
    const drawOrder = chooseK(eligible, m, stream);
    return {
      outcome: 'drawn',
      randomnessHex,
      winners: ascending(drawOrder),
      forcedWinners: [],
      drawOrder,
    };
  }
  if (input.conflictPolicy === 'fail') return { outcome: 'failed_conflict', randomnessHex };
  const forced = chooseK(ineligibleReal, m - eligible.length, stream);
  return {
    outcome: 'drawn',
    randomnessHex,
    winners: ascending([...eligible, ...forced]),
    forcedWinners: ascending(forced),
    drawOrder: [...eligible, ...forced],
  };
}

/** Everything published after a draw: enough for anyone to recompute it. */
export interface PublishedDraw {
  version: typeof DRAW_VERSION;
  groupId: string | number;
  commitmentHex: string;
  serverSeedHex: string;
  winnersCount: number;
  conflictPolicy: ConflictPolicy;
  seats: DrawSeatEligibility[];
  randomnessHex: string;
  outcome: 'drawn' | 'failed_conflict';
  winners: number[];
  forcedWinners: number[];
}

export function publishDraw(input: DrawInput, result: DrawOutcome): PublishedDraw {
  return {
    version: DRAW_VERSION,
    groupId: input.groupId,
    commitmentHex: commitment(input.serverSeedHex),
    serverSeedHex: input.serverSeedHex,
    winnersCount: input.winners,
    conflictPolicy: input.conflictPolicy,
    seats: inSeatOrder(input.seats).map((s) => ({ ...s })),
    randomnessHex: result.randomnessHex,
    outcome: result.outcome,
    winners: result.outcome === 'drawn' ? [...result.winners] : [],
    forcedWinners: result.outcome === 'drawn' ? [...result.forcedWinners] : [],
  };
}

export type VerifyResult = { ok: true } | { ok: false; problems: string[] };

/** Recompute a published draw and say where it disagrees. */
export function verifyDraw(p: PublishedDraw): VerifyResult {
  const problems: string[] = [];
  try {
    if (p.version !== DRAW_VERSION) problems.push(`unknown procedure ${String(p.version)}`);
    if (commitment(p.serverSeedHex) !== p.commitmentHex.toLowerCase())
      problems.push('the server seed does not match the commitment');
    const numbers = inSeatOrder(p.seats).map((s) => s.seatNo);
    if (numbers.some((n, i) => n !== i + 1)) problems.push('seats are not numbered 1..N');
    for (const s of p.seats) {
      if (s.eligible !== (s.excludedBy === null))
        problems.push(`seat ${s.seatNo}: eligible must mean no excluding rule`);
      if ((s.memberRef === HOUSE_MEMBER_REF) !== (s.excludedBy === 'HOUSE'))
        problems.push(`seat ${s.seatNo}: house seats and only they are excluded as HOUSE`);
    }
    const again = drawWinners({
      serverSeedHex: p.serverSeedHex,
      groupId: p.groupId,
      winners: p.winnersCount,
      conflictPolicy: p.conflictPolicy,
      seats: p.seats,
    });
    if (again.randomnessHex !== p.randomnessHex.toLowerCase())
      problems.push('the randomness does not match the seed and the seats');
    if (again.outcome !== p.outcome) problems.push(`the outcome should be ${again.outcome}`);
    const winners = again.outcome === 'drawn' ? again.winners : [];
    const forced = again.outcome === 'drawn' ? again.forcedWinners : [];
    if (!sameNumbers(winners, p.winners))
      problems.push(`the winners should be seats ${winners.join(', ') || 'none'}`);
    if (!sameNumbers(forced, p.forcedWinners))
      problems.push(`the forced winners should be seats ${forced.join(', ') || 'none'}`);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

function seedBytes(serverSeedHex: string): Buffer {
  if (!SEED_HEX.test(serverSeedHex))
    throw new FairnessInputError('a server seed is 64 lowercase hex digits');
  return Buffer.from(serverSeedHex, 'hex');
}

function inSeatOrder<T extends { seatNo: number }>(seats: readonly T[]): T[] {
  return [...seats].sort((a, b) => a.seatNo - b.seatNo);
}

function ascending(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  const x = ascending(a);
  const y = ascending(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
